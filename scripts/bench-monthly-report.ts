/**
 * `npm run bench:monthly-report [-- --firestore]`: a coordinator's first monthly report on a store upgraded from a
 * version without month closes — each implementer's closes rebuilt from its whole audit log — and the reports after
 * it, through the real app over HTTP (the coordinator's API key), on SQLite (in memory) or on the Firestore emulator
 * (a child process, as bench:publish uses it). The state: BENCH_IMPLEMENTERS implementers (40; 20 on Firestore) with
 * BENCH_MONTHS months of log (36) up to the report's month: 3 sends each a month (approved; returned, sent
 * again and approved; every fourth waiting across the close), each step in the log with its notice, as the workflow
 * writes them.
 *
 * Measured: the daily job that keeps the closes (keepMonthCloses, what `updateReminders` runs), then the first report
 * and a second one; and, on a store the job never ran on, the first report as a coordinator meets it: the answers
 * until the report is there (503 «se está preparando» while the rebuild goes on in steps of REPORT_BUDGET_MS), each
 * with its time. Reads as Firestore bills them (1 per document; 1 per 1,000 rows counted). Prints; asserts nothing:
 * the emulator is not Firestore (its reads run on this machine's cores), SQLite is no network at all.
 */
import type { AddressInfo } from 'net';
import { createApp } from '../functions/src/app';
import { issueToken } from '../functions/src/auth/api-tokens';
import { apiTokenAuthenticator } from '../functions/src/auth/api-token-authenticator';
import { openSqliteBackend } from '../functions/src/store/sqlite-store';
import { openFirestoreBackend } from '../functions/src/store/firestore-store';
import { createStore } from '../functions/src/store/document-store';
import type { DocumentBackend } from '../functions/src/store/document-backend';
import type { Store } from '../functions/src/store/store';
import { workflowRoutes } from '../functions/src/workflow/workflow-routes';
import { nextMonth, previousMonth } from '../core/workflow/report-month';
import { startEmulatorProcess } from './bench/firestore-emulator-child';
import { APPENDED_LAST, appendInOrder, copyRows, type LogEntry } from './bench/copy-rows';
import * as monthCloses from '../functions/src/workflow/month-closes';

const FIRESTORE = process.argv.includes('--firestore');
const IMPLEMENTERS = Number(process.env.BENCH_IMPLEMENTERS ?? (FIRESTORE ? 20 : 40));
const MONTHS = Number(process.env.BENCH_MONTHS ?? 36);
const PROJECT = 'demo-bench-informe';
/** 10:00 on 5 December 2026 in Mexico City: November is over and settled; the report asked is November's. */
const NOW = new Date(Date.parse('2026-12-05T10:00:00-06:00'));
const ASKED = '2026-11';
const es = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

let reads = 0;

function openBackend(namespace: string, host: string | undefined): DocumentBackend {
  if (!FIRESTORE) return openSqliteBackend(':memory:');
  if (host) process.env.FIRESTORE_EMULATOR_HOST = host;
  return openFirestoreBackend({ projectId: PROJECT, namespace, onRead: (r) => { reads += r.documents; } });
}

/**
 * A store measured, holding the state `seeded` holds and then `last` appended: the rows copied (bench/copy-rows.ts)
 * — the log appended once for both stores, in memory, instead of once into each (on Firestore, a few emulator round
 * trips per entry).
 */
async function openStore(namespace: string, host: string | undefined, seeded: DocumentBackend, last: LogEntry[]): Promise<Store> {
  const backend = openBackend(namespace, host);
  await copyRows(seeded, backend);
  const store = createStore(backend);
  await appendInOrder(store, last);
  return store;
}

/**
 * A state's log as the workflow writes it: each step of a send, its notice, a publication's own entry. The
 * implementers are written into `store`, the entries are returned in order of time, as the workflow appends them.
 */
async function seed(store: Store): Promise<LogEntry[]> {
  const mx = (month: string, d: number, h = 10) => new Date(Date.parse(`${month}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00-06:00`)).toISOString();
  const months: string[] = [];
  for (let m = ASKED, k = 0; k < MONTHS; m = previousMonth(m), k++) months.unshift(m);
  const entries: LogEntry[] = [];
  const step = (publisherId: string, id: string, action: string, at: string) => {
    entries.push({ at, actor: 'u', action: `submission.${action}`, target: `submission/${id}`, publisherId, details: action === 'published' ? { unchanged: false } : {} });
    if (action === 'published') entries.push({ at, actor: 'system', action: 'publication.published', target: `publication/${id}`, publisherId, details: {} });
    entries.push({ at, actor: 'system', action: 'notification.sent', target: `submission/${id}`, publisherId, details: { kind: action } });
  };
  const send = (publisherId: string, id: string, at: string, steps: [string, string][]) => {
    entries.push({ at, actor: 'u', action: 'submission.created', target: `submission/${id}`, publisherId, details: {} });
    for (const [action, when] of steps) step(publisherId, id, action, when);
  };
  for (let i = 0; i < IMPLEMENTERS; i++) {
    const p = `yuc-${String(i).padStart(3, '0')}`;
    await store.putPublisher({ id: p, name: `Implementador ${i}`, state: 'Yucatán', ocidPrefix: `ocds-y${i}`, projectIdPrefix: `oc4ids-y${i}`, commitment: { projects: 5, periodicityDays: 30 }, registeredAt: mx(previousMonth(months[0]), 20) });
    for (const [m, month] of months.entries()) {
      const next = months[m + 1] ?? nextMonth(ASKED);
      const d = 2 + (i % 5);
      send(p, `${p}-${month}-a`, mx(month, d), [['approved', mx(month, d + 2)], ['published', mx(month, d + 2, 11)]]);
      send(p, `${p}-${month}-b`, mx(month, d + 6), [['returned', mx(month, d + 9)], ['resubmitted', mx(month, d + 14)], ['approved', mx(month, d + 16)], ['published', mx(month, d + 16, 11)]]);
      const waits = (i + m) % 4 === 0;
      send(p, `${p}-${month}-c`, mx(month, waits ? 26 : d + 10), waits ? [['approved', mx(next, 3)], ['published', mx(next, 3, 11)]] : [['approved', mx(month, d + 12)], ['published', mx(month, d + 12, 11)]]);
    }
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

async function serve(store: Store): Promise<{ ask: () => Promise<{ status: number; ms: number; message?: string }>; close: () => void }> {
  const { token, hash } = issueToken();
  await store.putUser({ id: 'u-og', email: 'og@inaip.example', role: 'coordinador', state: 'Yucatán', tokenHash: hash });
  const base = 'http://127.0.0.1';
  const routes = workflowRoutes({ store, authenticator: apiTokenAuthenticator(store), baseUrl: base, maxUploadBytes: 20 * 2 ** 20, log: () => {}, now: () => NOW });
  const server = createApp({ store, config: { publicBaseUrl: base, maxBodyBytes: 20 * 2 ** 20 }, log: () => {}, extraApi: [routes] }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/monthly-report?month=${ASKED}`;
  return {
    async ask() {
      const started = process.hrtime.bigint();
      const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { error?: { message: string } };
      return { status: res.status, ms: Number(process.hrtime.bigint() - started) / 1e6, ...(body.error ? { message: body.error.message } : {}) };
    },
    close: () => { server.close(); },
  };
}

async function main(): Promise<void> {
  // Nothing leaves this machine: firebase-admin would otherwise probe the cloud metadata server.
  process.env.METADATA_SERVER_DETECTION = 'none';
  process.env.GCLOUD_PROJECT = PROJECT;
  const emulator = FIRESTORE ? await startEmulatorProcess(PROJECT) : undefined;
  try {
    console.log(`${FIRESTORE ? 'Firestore (emulador)' : 'SQLite'}: ${IMPLEMENTERS} implementadores de Yucatán, ${MONTHS} meses de bitácora hasta ${ASKED}; informe de ${ASKED} pedido el ${NOW.toISOString()}`);
    // The state, once: both stores below start from it.
    const t0 = Date.now();
    const seeded = openSqliteBackend(':memory:');
    const seededStore = createStore(seeded);
    const entries = await seed(seededStore);
    const last = entries.slice(-APPENDED_LAST);
    await appendInOrder(seededStore, entries.slice(0, entries.length - last.length));
    // 1. The daily job first, then the reports.
    {
      const store = await openStore('conjob_', emulator?.host, seeded, last);
      console.log(`  bitácora: ${es(entries.length)} entradas (escritas en ${es((Date.now() - t0) / 1000)} s)`);
      const app = await serve(store);
      reads = 0;
      const job = Date.now();
      const kept = await monthCloses.keepMonthCloses(store, NOW, Date.now() + 600_000);
      console.log(`  tarea diaria (cierres de mes): ${es(Date.now() - job)} ms, ${kept.done ? 'completa' : 'sin terminar'} (${kept.publishers} implementadores)${FIRESTORE ? `, ${es(reads)} lecturas` : ''}`);
      for (const which of ['primer informe', 'segundo informe']) {
        reads = 0;
        const r = await app.ask();
        console.log(`  ${which}: ${r.status} en ${es(r.ms)} ms${FIRESTORE ? `, ${es(reads)} lecturas` : ''}`);
      }
      app.close();
      await store.close();
    }
    // 2. No daily job: the coordinator asks first.
    {
      const store = await openStore('sinjob_', emulator?.host, seeded, last);
      const app = await serve(store);
      const answers: string[] = [];
      let total = 0;
      reads = 0;
      for (let k = 0; k < 100; k++) {
        const r = await app.ask();
        total += r.ms;
        answers.push(`${r.status} ${es(r.ms)} ms`);
        if (k === 0 && r.message) console.log(`  primera respuesta: «${r.message}»`);
        if (r.status !== 503) break;
      }
      console.log(`  sin tarea diaria, el informe hasta tenerlo: ${answers.join(', ')}; en total ${es(total)} ms${FIRESTORE ? `, ${es(reads)} lecturas` : ''}`);
      reads = 0;
      const again = await app.ask();
      console.log(`  el siguiente: ${again.status} en ${es(again.ms)} ms${FIRESTORE ? `, ${es(reads)} lecturas` : ''}`);
      app.close();
      await store.close();
    }
    await seededStore.close();
  } finally {
    emulator?.stop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
