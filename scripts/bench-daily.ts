/**
 * `npm run bench:daily`: the daily job (workflow/daily-job.ts runDailyJob, the body of the cloud's `updateReminders`
 * and of the self-hosted daily timer) on the Firestore emulator (a child process, as bench:publish uses it), with the
 * reminders sent by SMTP to a local mail server. The state: BENCH_PUBLISHERS implementers (60) of a year and a month of
 * monthly sends in the audit log as the workflow writes them (sent; every third month returned and sent again;
 * approved; published; each step's notice), one official each; BENCH_LATE of them (a fifth) past their update period.
 *
 * Runs, each timed with Firestore's billed reads and writes and its requests (round trips), per part:
 * 1. the first run after an upgrade from a version without month closes (every implementer's closes rebuilt from its
 *    whole log), the late ones reminded;
 * 2. the next day (closes kept: 1 read; the late ones listed, reminded this week already: not again);
 * 3. the day a month's closes are kept (one month per implementer), the late ones reminded again.
 * Then the same figures per implementer, and scaled to docs/deploy.md §11's national scale (2,500 implementers): the
 * reads and writes are the same per implementer at any scale (each reads its own log by an index); the time, as the
 * requests one after another (closes: 8 implementers at once; reminders: MAIL_CONNECTIONS at once) at BENCH_RTT_MS (20 ms,
 * a request from Cloud Functions to Firestore in its region), plus for the reminders BENCH_SMTP_MS (500 ms) per
 * connection to a remote mail server (TLS, greeting and login, with its first message; the run keeps MAIL_CONNECTIONS
 * open, each for 100 messages) and BENCH_SMTP_MESSAGE_MS (100 ms, assumed: MAIL FROM, RCPT TO, DATA and the message,
 * ~4 round trips) per message over a connection already open. Prints; asserts nothing: the emulator is not Firestore
 * (it scans a collection per query, on this machine's cores), and a loopback mail server answers at once.
 */
import { openFirestoreBackend } from '../functions/src/store/firestore-store';
import { createStore } from '../functions/src/store/document-store';
import { openSqliteBackend } from '../functions/src/store/sqlite-store';
import type { Store } from '../functions/src/store/store';
import { cloudDeadlines, runDailyJob, type DailyDeadlines, type DailyOutcome, type DailyPart } from '../functions/src/workflow/daily-job';
import { MAIL_CONNECTIONS, smtpOutbox, type NotifierDeps } from '../functions/src/workflow/notifications';
import { nextMonth } from '../core/workflow/report-month';
import { startEmulatorProcess } from './bench/firestore-emulator-child';
import { APPENDED_LAST, appendInOrder, copyRows, type LogEntry } from './bench/copy-rows';
import { startSmtp } from '../test/support/smtp-capture';

const PUBLISHERS = Number(process.env.BENCH_PUBLISHERS ?? 60);
const LATE = Number(process.env.BENCH_LATE ?? 0.2);
const RTT_MS = Number(process.env.BENCH_RTT_MS ?? 20);
const SMTP_MS = Number(process.env.BENCH_SMTP_MS ?? 500);
const SMTP_MESSAGE_MS = Number(process.env.BENCH_SMTP_MESSAGE_MS ?? 100);
/** Messages a pooled connection sends before a new one replaces it (notifications.ts smtpOutbox `maxMessages`). */
const MESSAGES_PER_CONNECTION = 100;
const NATIONAL = 2500;
/** The cloud function's limits (functions/src/index.ts updateReminders). */
const TIMEOUT_S = 300;
const PROJECT = 'demo-bench-diaria';
/** The upgrade: 10:00 on 5 December 2026 in Mexico City, over a log from November 2025 (13 months to close). */
const UPGRADE = new Date(Date.parse('2026-12-05T10:00:00-06:00'));
/** A month later, December's closes are kept. */
const CLOSE_DAY = new Date(Date.parse('2027-01-05T10:00:00-06:00'));
const DAY = 86_400_000;
const es = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

interface Tally { reads: number; writes: number; requests: number }
const zero = (): Tally => ({ reads: 0, writes: 0, requests: 0 });
/** Counted for the part under way (seeding: none). */
let counting: Tally = zero();

const mx = (month: string, d: number, h = 10) => new Date(Date.parse(`${month}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00-06:00`)).toISOString();

/**
 * Implementers and their officials, and their log from November 2025 to December 2026 (what the closes read: the
 * audit log alone), to be written in order of time (appendUntil): a store holds no entry later than its day.
 */
async function seed(store: Store): Promise<LogEntry[]> {
  const months: string[] = [];
  for (let m = '2025-11'; m <= '2027-01'; m = nextMonth(m)) months.push(m);
  const entries: LogEntry[] = [];
  const step = (publisherId: string, id: string, action: string, at: string) => {
    entries.push({ at, actor: 'u', action: `submission.${action}`, target: `submission/${id}`, publisherId, details: action === 'published' ? { unchanged: false } : {} });
    if (action === 'published') entries.push({ at, actor: 'system', action: 'publication.published', target: `publication/${id}`, publisherId, details: {} });
    if (action !== 'created') entries.push({ at, actor: 'system', action: 'notification.sent', target: `submission/${id}`, publisherId, details: { kind: action } });
  };
  const late = Math.round(PUBLISHERS * LATE);
  for (let i = 0; i < PUBLISHERS; i++) {
    const p = `imp-${String(i).padStart(4, '0')}`;
    // The late ones never published (their period counts from their registration); the others had a send approved
    // unchanged on 1 November, with a period of 90 days.
    await store.putPublisher({
      id: p, name: `Implementador ${i}`, state: 'Yucatán', ocidPrefix: `ocds-b${i}`, projectIdPrefix: `oc4ids-b${i}`,
      commitment: { projects: 20, periodicityDays: i < late ? 30 : 90 }, registeredAt: mx('2025-10', 20),
      ...(i < late ? {} : { confirmedAt: mx('2026-11', 1) }),
    });
    await store.putUser({ id: `cap-${p}`, email: `obras@${p}.example`, role: 'capturista', publisherId: p });
    for (const [k, month] of months.slice(0, -1).entries()) {
      const d = 2 + (i % 5);
      const id = `${p}-${month}`;
      step(p, id, 'created', mx(month, d));
      if (k % 3 === 0) { step(p, id, 'returned', mx(month, d + 3)); step(p, id, 'resubmitted', mx(month, d + 6)); }
      // Every fourth waits across its month's close.
      const decided = (i + k) % 4 === 0 ? mx(months[k + 1], 2) : mx(month, d + 9);
      step(p, id, 'approved', decided);
      step(p, id, 'published', decided);
    }
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

/** Appends the entries made before `until`, taken off the front of `entries`; how many. */
async function appendUntil(store: Store, entries: LogEntry[], until: Date): Promise<number> {
  let n = 0;
  while (n < entries.length && Date.parse(entries[n].at) < until.getTime()) n++;
  await appendInOrder(store, entries.splice(0, n));
  return n;
}

type Parts = Record<DailyPart, Tally>;
interface Measured { ms: number; outcome: DailyOutcome; parts: Parts; total: Tally; rss: number; heap: number }

async function run(store: Store, mail: NotifierDeps, now: Date, deadlines: DailyDeadlines = {}): Promise<Measured> {
  const parts: Parts = { reminders: zero(), closes: zero(), checks: zero() };
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let rss = process.memoryUsage().rss;
  let heap = heap0;
  const sampler = setInterval(() => { const u = process.memoryUsage(); rss = Math.max(rss, u.rss); heap = Math.max(heap, u.heapUsed); }, 20);
  const t0 = Date.now();
  const outcome = await runDailyJob({
    store, mail: { ...mail, now: () => now }, now: () => now, log: (m) => console.log(`    (registro) ${m}`),
    onPart: (part) => { counting = parts[part]; },
  }, deadlines);
  const ms = Date.now() - t0;
  counting = zero();
  clearInterval(sampler);
  const total = zero();
  for (const t of Object.values(parts)) { total.reads += t.reads; total.writes += t.writes; total.requests += t.requests; }
  return { ms, outcome, parts, total, rss, heap: heap - heap0 };
}

function print(label: string, m: Measured): void {
  const o = m.outcome;
  const part = (name: string, ms: number, t: Tally) => `${name} ${es(ms, 0)} ms, ${es(t.reads, 0)} lecturas, ${es(t.writes, 0)} escrituras, ${es(t.requests, 0)} peticiones`;
  console.log(`  ${label}: ${es(m.ms, 0)} ms; ${es(m.total.reads, 0)} lecturas, ${es(m.total.writes, 0)} escrituras`);
  console.log(`    ${part('recordatorios', o.ms.reminders, m.parts.reminders)}: ${o.reminded ?? 0} enviados${o.remindersDone ? '' : ' (sin terminar)'}`);
  console.log(`    ${part('cierres', o.ms.closes, m.parts.closes)}: ${o.closes?.done ? 'completos' : 'sin terminar'} hasta ${o.closes?.month} (${o.closes?.publishers} implementadores)`);
  console.log(`    ${part('revisiones antiguas', o.ms.checks, m.parts.checks)}; memoria: +${es(m.heap / 2 ** 20)} MiB de montón, RSS máx. ${es(m.rss / 2 ** 20, 0)} MiB`);
}

/** The reminders' time for so many Firestore requests and mails, MAIL_CONNECTIONS at once (see the header). */
function remindersSeconds(requests: number, mails: number): number {
  const connections = mails > 0 ? MAIL_CONNECTIONS * Math.ceil(mails / MAIL_CONNECTIONS / MESSAGES_PER_CONNECTION) : 0;
  return (requests * RTT_MS + mails * SMTP_MESSAGE_MS + connections * (SMTP_MS - SMTP_MESSAGE_MS)) / MAIL_CONNECTIONS / 1000;
}

/** Scaled to 2,500 implementers (see the header): reads and writes in proportion; the time from the requests. */
function national(label: string, m: Measured): void {
  const f = NATIONAL / PUBLISHERS;
  const reminded = (m.outcome.reminded ?? 0) * f;
  // The reminders go MAIL_CONNECTIONS at once, over as many connections kept open; the closes 8 implementers at once
  // (month-closes.ts IN_FLIGHT).
  const reminders = remindersSeconds(m.parts.reminders.requests * f, reminded);
  const closes = m.parts.closes.requests * f * RTT_MS / 8 / 1000;
  const checks = m.parts.checks.requests * RTT_MS / 1000;
  const s = reminders + closes + checks;
  console.log(`  ${label}, a ${es(NATIONAL, 0)} implementadores: ~${es(m.total.reads * f, 0)} lecturas (~${es(m.total.reads * f / 100_000 * 0.03, 2)} USD), `
    + `~${es(m.total.writes * f, 0)} escrituras (~${es(m.total.writes * f / 100_000 * 0.09, 2)} USD; Firestore regional: 0.03 y 0.09 USD por 100 mil), ~${es(reminded, 0)} recordatorios; ~${es(s, 0)} s (recordatorios ~${es(reminders, 0)} s, cierres ~${es(closes, 0)} s) `
    + `de ${TIMEOUT_S} s: ${es(TIMEOUT_S / Math.max(s, 0.001))}× de margen${s > TIMEOUT_S ? ' (sin límites por parte, la función se cortaba)' : ''}`);
  // With the cloud's deadlines (daily-job.ts cloudDeadlines): each part stops at its own, the next run goes on.
  const limits = cloudDeadlines(0);
  const remindersFor = (limits.reminders ?? 0) / 1000;
  const closesUntil = (limits.closes ?? 0) / 1000;
  const remindersRun = Math.min(reminders, remindersFor + SMTP_MS / 1000);
  const closesRun = Math.min(closes, Math.max(closesUntil - remindersRun, closes / Math.max(NATIONAL, 1)));
  const runsFor = (need: number, per: number) => (need <= per ? 1 : Math.ceil(need / per));
  console.log(`    con los límites de la nube (recordatorios hasta ${es(remindersFor, 0)} s, cierres hasta ${es(closesUntil, 0)} s): ~${es(remindersRun + closesRun + checks, 0)} s por ejecución; `
    + `recordatorios en ${runsFor(reminders, remindersFor)} ejecución(es), cierres en ${runsFor(closes, Math.max(closesUntil - remindersFor, 1))} (en el peor caso)`);
  // The worst day: every implementer late (registered the same day with the same period), each as these cost.
  if (m.outcome.reminded) {
    const all = remindersSeconds(m.parts.reminders.requests / m.outcome.reminded * NATIONAL, NATIONAL);
    console.log(`    si los ${es(NATIONAL, 0)} estuvieran atrasados: recordatorios ~${es(all, 0)} s, en ${runsFor(all, remindersFor)} ejecución(es) (~${es(NATIONAL * Math.min(1, remindersFor / all), 0)} por ejecución)`);
  }
}

async function main(): Promise<void> {
  // Nothing leaves this machine: firebase-admin would otherwise probe the cloud metadata server.
  process.env.METADATA_SERVER_DETECTION = 'none';
  process.env.GCLOUD_PROJECT = PROJECT;
  const emulator = await startEmulatorProcess(PROJECT);
  const smtp = await startSmtp();
  process.env.FIRESTORE_EMULATOR_HOST = emulator.host;
  const backend = openFirestoreBackend({
    projectId: PROJECT, namespace: 'diaria_',
    onRead: (r) => { counting.reads += r.documents; counting.requests++; },
    onCommit: (c) => { counting.writes += c.writes; counting.requests++; },
  });
  const store = createStore(backend);
  try {
    const outbox = smtpOutbox({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'avisos@bench.example' });
    const mail = { store, outbox, dashboardUrl: 'https://tablero.example' };
    console.log(`Firestore (emulador): ${PUBLISHERS} implementadores con un año de envíos mensuales, ${Math.round(PUBLISHERS * LATE)} atrasados; correo SMTP local`);
    const t0 = Date.now();
    // The implementers and their log up to the upgrade, appended as the workflow appends them into a store in memory,
    // then copied as rows into the emulator (bench/copy-rows.ts): the same documents, without the emulator's round
    // trips of each append. The last few entries are appended to the emulator itself, as all were: its and
    // firebase-admin's reads, inserts and transactions have run before the first run is timed. What is appended
    // after the upgrade goes to the emulator as before.
    const scratch = openSqliteBackend(':memory:');
    const seeded = createStore(scratch);
    const entries = await seed(seeded);
    const logged = entries.filter((e) => Date.parse(e.at) < UPGRADE.getTime()).length;
    await appendInOrder(seeded, entries.splice(0, Math.max(0, logged - APPENDED_LAST)));
    await copyRows(scratch, backend);
    await seeded.close();
    await appendUntil(store, entries, UPGRADE);
    console.log(`  bitácora hasta el ${UPGRADE.toISOString()}: ${es(logged, 0)} entradas (${es(logged / PUBLISHERS, 0)} por implementador; escritas en ${es((Date.now() - t0) / 1000)} s)`);
    const runs: [string, Measured][] = [];
    for (const [label, now] of [
      ['1. primera ejecución tras actualizar (cierres desde toda la bitácora)', UPGRADE],
      ['2. el día siguiente', new Date(UPGRADE.getTime() + DAY)],
      ['3. el día de los cierres de un mes', CLOSE_DAY],
    ] as const) {
      await appendUntil(store, entries, now);
      const m = await run(store, mail, now);
      print(label, m);
      runs.push([label.slice(0, 2), m]);
    }
    console.log(`  correos recibidos: ${smtp.mails.length}`);
    console.log(`A escala nacional (ida y vuelta a Firestore ${RTT_MS} ms; correo: ${SMTP_MS} ms por conexión, ${SMTP_MESSAGE_MS} ms por mensaje con la conexión abierta, ${MAIL_CONNECTIONS} a la vez):`);
    for (const [label, m] of runs) national(label, m);
  } finally {
    await store.close();
    await smtp.close();
    emulator.stop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
