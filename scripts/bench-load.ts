/**
 * `npm run bench:load` (Reliability issue): mixed public traffic at 200 connections against the real local
 * server (dist/cli.js `serve`, a child process, so the load generator does not share its event loop) on an
 * SQLite file seeded with 10,000 processes. Prints p50/p99 latency, errors and the server's RSS over time, with
 * ✓/✗ against the targets (0 errors, flat memory); exits non-zero when there were errors. Four requests in five
 * carry `Accept-Encoding: gzip, deflate, br` (browsers, fetch), the rest none (scripts, curl).
 *
 * Env: BENCH_LOAD_SECONDS (default 300), BENCH_LOAD_PROCESSES (10000), BENCH_LOAD_CONNECTIONS (200),
 * BENCH_LOAD_DB (seeded file, kept and reused between runs; default .scratch/bench-load-<n>.sqlite),
 * BENCH_LOAD_BULK=0 (no bulk downloads, to tell their cost apart), BENCH_LOAD_SERVER_PROCESSES (1: `serve --procesos N`),
 * BENCH_LOAD_TRACE=1 (each download's bytes every half second, `seconds:MB`), BENCH_LOAD_REVIEW (1000: the processes of
 * the review made a third of the way into the run — upload, preview, approval, publication, bench/review-during-load.ts;
 * 0: none).
 *
 * Each bulk download prints its size, time, MB/s and its slowest 5 s, so a starved one shows.
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawn } from 'child_process';
import { openSqliteStore } from '../functions/src/store/sqlite-store';
import type { Store } from '../functions/src/store/store';
import { publish } from '../functions/src/publication/publish';
import { buildCli, ROOT } from './build';
import { BENCH_PUBLISHER, syntheticWorkbook } from './bench/synthetic-publisher';
import { cpuOfTree, rssOfTree, startServer } from './bench/server-process';
import { runLoad } from './bench/http-load';
import { publishedState } from '../functions/src/api/current-publications';
import { bulkService } from '../functions/src/publication/bulk-service';
import { diskBlobStore } from '../functions/src/publication/disk-blob-store';
import { PLATFORM_NAME } from '../functions/src/app';
import { prepareReview, runReview, type Review } from './bench/review-during-load';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 300);
const PROCESSES = Number(process.env.BENCH_LOAD_PROCESSES ?? 10000);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 200);
const DB = path.resolve(process.env.BENCH_LOAD_DB ?? path.join(ROOT, '.scratch', `bench-load-${PROCESSES}.sqlite`));
const SERVER_PROCESSES = Number(process.env.BENCH_LOAD_SERVER_PROCESSES ?? 1);
const REVIEW = Number(process.env.BENCH_LOAD_REVIEW ?? 1000);
const RSS_EVERY_MS = 5000;
const mark = (ok: boolean): string => (ok ? '✓' : '✗');
/**
 * Memory is «flat» when it grew by less than this share over the second half of the run: the heap and the
 * answer cache fill up first (growth since warm-up is printed too), a leak keeps growing.
 */
const FLAT_GROWTH = 0.1;
const mib = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const elapsed = (t: number): string => `${((Date.now() - t) / 1000).toFixed(1)} s`;

/** Logs each write step of the seeding publication (publish() itself has no progress callback). */
function withProgress(store: Store, t0: number): Store {
  const steps: Record<string, (args: unknown[]) => string> = {
    createPublication: () => 'publicación creada',
    putReleases: (a) => `${(a[1] as unknown[]).length.toLocaleString('es-MX')} entregas escritas`,
    putRecords: (a) => `${(a[1] as unknown[]).length.toLocaleString('es-MX')} registros escritos`,
    putProjects: (a) => `${(a[1] as unknown[]).length.toLocaleString('es-MX')} proyectos escritos`,
    setCurrent: () => 'publicación vigente',
  };
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      const step = typeof prop === 'string' ? steps[prop] : undefined;
      if (!step || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const out = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        console.log(`  … ${step(args)} (${elapsed(t0)})`);
        return out;
      };
    },
  });
}

/**
 * Seeds the database once (kept between runs), then makes sure the current publication's bulk files exist, as
 * the publication task writes them right after publishing (publication/publication-task.ts): `publish()` alone
 * does not, and without this the first download of a run wrote all of them (1.5 GB for 10,000 processes) under
 * the load — one download «starved» for minutes, timing the writing of the files, not their serving.
 */
async function seed(): Promise<Review | undefined> {
  const store = openSqliteStore(DB);
  try {
    if (await store.getCurrent(BENCH_PUBLISHER.id)) console.log(`Base ya sembrada: ${DB}`);
    else {
      await store.putPublisher(BENCH_PUBLISHER);
      const t0 = Date.now();
      console.log(`Sembrando ${PROCESSES.toLocaleString('es-MX')} procesos en ${DB} …`);
      const workbook = syntheticWorkbook(PROCESSES);
      console.log(`  … libro sintético listo (${elapsed(t0)}); convirtiendo y validando …`);
      const result = await publish(withProgress(store, t0), { publisher: BENCH_PUBLISHER, workbook, actor: 'bench', now: '2025-07-01T00:00:00Z', baseUrl: 'http://127.0.0.1' });
      if (result.status !== 'published') throw new Error(`la siembra no publicó (${result.status})`);
      console.log(`Sembrado en ${elapsed(t0)}.`);
    }
    const t1 = Date.now();
    const sets = (await publishedState(store)).sets.filter((s) => s.publisher.id === BENCH_PUBLISHER.id);
    // The server's own folder for bulk files (config.ts: `bulk` next to the database).
    const bulk = bulkService({ store, blobs: diskBlobStore(path.join(path.dirname(DB), 'bulk')), baseUrl: 'http://127.0.0.1', platformName: PLATFORM_NAME });
    await bulk.ensure(sets, BENCH_PUBLISHER.id);
    if (Date.now() - t1 > 1000) console.log(`Archivos de descarga masiva escritos (como tras publicar) en ${elapsed(t1)}.`);
    return REVIEW > 0 ? await prepareReview(store, path.dirname(DB), REVIEW) : undefined;
  } finally {
    await store.close();
  }
}

interface Targets { ocids: string[]; projectIds: string[]; releasePages: string[]; recordPages: string[]; projectPages: string[] }

/** Ids and page cursors to spread the traffic over (not one hot URL). */
async function targets(): Promise<Targets> {
  const store = openSqliteStore(DB);
  try {
    const publicationId = (await store.getCurrent(BENCH_PUBLISHER.id))!.id;
    const ocids: string[] = [];
    const projectIds: string[] = [];
    let after: string | undefined;
    // Keys only: the documents' text is not parsed (a gigabyte of records here).
    do { const p = await store.listDocumentTexts('records', { publicationId, after, limit: 1000 }); ocids.push(...p.items.map((r) => r.key)); after = p.next; } while (after);
    do { const p = await store.listDocumentTexts('projects', { publicationId, after, limit: 1000 }); projectIds.push(...p.items.map((r) => r.key)); after = p.next; } while (after);
    return { ocids, projectIds, releasePages: [], recordPages: [], projectPages: [] };
  } finally {
    await store.close();
  }
}

/** The first `n` pages of a listing, by following `links.next` (the cursors are opaque). */
async function pages(base: string, first: string, n: number): Promise<string[]> {
  const out = [first];
  while (out.length < n) {
    const res = await fetch(`${base}${out[out.length - 1].slice(1)}`);
    const next = ((await res.json()) as { links?: { next?: string } }).links?.next;
    if (!next) break;
    const u = new URL(next);
    out.push(`${u.pathname}${u.search}`);
  }
  return out;
}

const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)];

/**
 * Weighted mix of the public read paths: mostly single records and projects (links shared by journalists) and
 * the dashboard's aggregates, some pages of 100 (a release page is ~1.4 MB, a record ~90 KB here).
 */
function mix(t: Targets): Array<[number, () => string]> {
  return [
    [30, () => `/api/ocds/records/${encodeURIComponent(pick(t.ocids))}`],
    [25, () => `/api/oc4ids/projects/${encodeURIComponent(pick(t.projectIds))}`],
    [8, () => pick(t.releasePages)],
    [4, () => pick(t.recordPages)],
    [8, () => pick(t.projectPages)],
    [15, () => '/api/stats'],
    [10, () => '/api/publishers'],
  ];
}

function nextPath(weighted: Array<[number, () => string]>): string {
  const total = weighted.reduce((n, [w]) => n + w, 0);
  let r = Math.random() * total;
  for (const [w, path] of weighted) { if ((r -= w) < 0) return path(); }
  return weighted[0][1]();
}

/**
 * A download read to the end in its own process (so reading hundreds of MB does not slow the load generator
 * down), printing how many bytes it has every half second: `p <ms> <bytes>`, then `end <status> <bytes> <ms>`.
 * Node rather than curl for that progress (curl's meter rounds to a tenth of a MB).
 */
const DOWNLOADER = `
const http = require('http');
const t0 = Date.now();
let bytes = 0;
const tick = setInterval(() => console.log('p', Date.now() - t0, bytes), 500);
const fail = (m) => { clearInterval(tick); console.log('error', bytes, Date.now() - t0, m); process.exit(0); };
http.get(process.argv[1], (res) => {
  res.on('data', (c) => { bytes += c.length; });
  res.on('end', () => { clearInterval(tick); console.log('end', res.statusCode, bytes, Date.now() - t0); });
  res.on('error', (e) => fail(e.message));
  res.on('aborted', () => fail('cortada'));
}).on('error', (e) => fail(e.message));
`;

interface Download { file: string; ok: boolean; bytes: number; ms: number; status: string; progress: Array<[number, number]> }

function download(url: string, file: string): Promise<Download> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', DOWNLOADER, url], { stdio: ['ignore', 'pipe', 'inherit'] });
    const progress: Array<[number, number]> = [[0, 0]];
    let end: Download | undefined;
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      let nl;
      while ((nl = text.indexOf('\n')) >= 0) {
        const [kind, a, b, c, ...rest] = text.slice(0, nl).split(' ');
        text = text.slice(nl + 1);
        if (kind === 'p') progress.push([Number(a), Number(b)]);
        else if (kind === 'end') end = { file, ok: a === '200', bytes: Number(b), ms: Number(c), status: a, progress };
        else if (kind === 'error') end = { file, ok: false, bytes: Number(a), ms: Number(b), status: [c, ...rest].join(' '), progress };
      }
    });
    child.once('close', () => resolve(end ?? { file, ok: false, bytes: progress[progress.length - 1][1], ms: progress[progress.length - 1][0], status: 'el proceso de descarga terminó sin respuesta', progress }));
  });
}

/** One download's line: size, time, MB/s, and its slowest 5 s (a starved download crawls there, or stops). */
function downloadLine(d: Download): string {
  const mbs = (bytes: number, ms: number): string => (ms > 0 ? (bytes / 1e6 / (ms / 1000)).toFixed(1) : '–');
  let slowest = '';
  const p = [...d.progress, [d.ms, d.bytes] as [number, number]];
  if (d.ms >= 10_000) {
    let worst = Infinity;
    for (let i = 0, j = 0; i < p.length; i++) {
      while (j < p.length && p[j][0] - p[i][0] < 5000) j++;
      if (j === p.length) break;
      worst = Math.min(worst, (p[j][1] - p[i][1]) / ((p[j][0] - p[i][0]) / 1000));
    }
    if (worst !== Infinity) slowest = `; los 5 s más lentos a ${(worst / 1e6).toFixed(1)} MB/s`;
  }
  const head = `  descarga ${d.file.padEnd(15)} ${mib(d.bytes).padStart(8)} en ${(d.ms / 1000).toFixed(1).padStart(5)} s = ${mbs(d.bytes, d.ms).padStart(6)} MB/s${slowest}`;
  if (process.env.BENCH_LOAD_TRACE) console.log(d.progress.map(([t, b]) => `${(t / 1000).toFixed(1)}:${(b / 1e6).toFixed(1)}`).join(' '));
  return d.ok ? head : `${head}  FALLÓ: ${d.status}`;
}

/**
 * Bulk downloads now and then, one at a time, read to the end; a cut stream or a non-200 answer counts as an
 * error. Each prints its duration and rate when it ends.
 */
async function bulkLoop(base: string, until: () => boolean, stats: { done: number; errors: number; downloads: Download[] }): Promise<void> {
  const files = ['projects.jsonl', 'records.jsonl', 'releases.json', 'datos.xlsx', 'projects.json'];
  for (let i = 0; !until(); i++) {
    const file = files[i % files.length];
    const d = await download(`${base}api/bulk/${file}?publisher=${BENCH_PUBLISHER.id}`, file);
    stats.downloads.push(d);
    if (d.ok) stats.done += 1;
    else stats.errors += 1;
    console.log(downloadLine(d));
    for (let s = 0; s < 10 && !until(); s++) await new Promise((r) => setTimeout(r, 500));
  }
}

async function main(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  fs.mkdirSync(path.dirname(DB), { recursive: true });
  await buildCli();
  const review = await seed();
  const t = await targets();
  const server = await startServer(DB, SERVER_PROCESSES);
  let failed = false;
  try {
    t.releasePages = await pages(server.url, `/api/ocds/releases?publisher=${BENCH_PUBLISHER.id}&limit=100`, 50);
    t.recordPages = await pages(server.url, `/api/ocds/records?publisher=${BENCH_PUBLISHER.id}&limit=20`, 50);
    t.projectPages = await pages(server.url, `/api/oc4ids/projects?publisher=${BENCH_PUBLISHER.id}&limit=100`, 50);
    const rssStart = rssOfTree(server.pid);
    console.log(`Servidor ${server.url} (pid ${server.pid}${SERVER_PROCESSES > 1 ? `, ${SERVER_PROCESSES} procesos` : ''}, RSS ${mib(rssStart)}); ${t.ocids.length.toLocaleString('es-MX')} procesos, ${t.projectIds.length.toLocaleString('es-MX')} proyectos`);
    console.log(`Carga mixta: ${CONNECTIONS} conexiones durante ${SECONDS} s (registros, proyectos, páginas, /api/stats, /api/publishers; descargas masivas aparte)`);

    const start = Date.now();
    const rss: { at: number; bytes: number }[] = [];
    const cpuStart = cpuOfTree(server.pid);
    let cpu = cpuStart;
    const sampler = setInterval(() => {
      const sample = { at: Math.round((Date.now() - start) / 1000), bytes: rssOfTree(server.pid) };
      const used = cpuOfTree(server.pid);
      rss.push(sample);
      console.log(`  t=${String(sample.at).padStart(4)} s  RSS ${mib(sample.bytes).padStart(8)}  CPU del servidor ${Math.round(((used - cpu) * 100000) / RSS_EVERY_MS)} %`);
      cpu = used;
    }, RSS_EVERY_MS);
    let finished = false;
    const bulk = { done: 0, errors: 0, downloads: [] as Download[] };
    const bulkDone = process.env.BENCH_LOAD_BULK === '0' ? Promise.resolve() : bulkLoop(server.url, () => finished, bulk);
    // A third of the way in, an implementer's review (its failure counts as an error).
    let reviewLine = '';
    let reviewFailed = false;
    const reviewDone = review === undefined ? Promise.resolve() : new Promise((r) => setTimeout(r, (SECONDS * 1000) / 3)).then(() => runReview(server.url, review, REVIEW)).then(
      (line) => { reviewLine = line; console.log(`  ${line}`); },
      (e: unknown) => { reviewFailed = true; reviewLine = `revisión durante la carga: FALLÓ (${e instanceof Error ? e.message : String(e)})`; console.log(`  ${reviewLine}`); },
    );
    const weighted = mix(t);
    const result = await runLoad({
      base: server.url,
      connections: CONNECTIONS,
      seconds: SECONDS,
      timeoutMs: 30_000,
      path: () => nextPath(weighted),
      headers: (): Record<string, string> => (Math.random() < 0.8 ? { 'accept-encoding': 'gzip, deflate, br' } : {}),
    });
    const serverCpu = cpuOfTree(server.pid) - cpuStart;
    finished = true;
    await bulkDone;
    await reviewDone;
    clearInterval(sampler);
    const rssEnd = rssOfTree(server.pid);

    const codes = Object.entries(result.codes).map(([code, n]) => `${code}: ${n.toLocaleString('es-MX')}`).join(', ');
    // `errors` already includes the timeouts.
    const errors = result.errors + result.non2xx + bulk.errors + (reviewFailed ? 1 : 0);
    console.log('\nResultado');
    console.log(`  solicitudes  ${result.requests.toLocaleString('es-MX')} (${Math.round(result.rate).toLocaleString('es-MX')}/s, ${(result.bytes / result.seconds / 1e6).toFixed(0)} MB/s); códigos ${codes}`);
    console.log(`  latencia     p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  máx. ${result.latency.max} ms`);
    console.log(`  CPU          servidor ${serverCpu.toFixed(1)} s, generador ${result.cpuSeconds.toFixed(1)} s en ${result.seconds.toFixed(0)} s (los dos en los mismos núcleos)`);
    const rates = bulk.downloads.filter((d) => d.ok && d.ms > 0).map((d) => d.bytes / 1e6 / (d.ms / 1000)).sort((a, b) => a - b);
    const rateText = rates.length ? `; MB/s: la más lenta ${rates[0].toFixed(1)}, mediana ${rates[Math.floor(rates.length / 2)].toFixed(1)}` : '';
    console.log(`  descargas    ${bulk.done} completas, ${bulk.errors} fallidas${rateText} (a la vez que la carga; cada una arriba)`);
    if (reviewLine) console.log(`  ${reviewLine}`);
    console.log(`  errores      ${errors} (de conexión ${result.errors}, de ellos por tiempo agotado ${result.timeouts}; no-2xx ${result.non2xx}; descargas ${bulk.errors}${review ? `; revisión ${reviewFailed ? 1 : 0}` : ''})  ${mark(errors === 0)} meta 0 errores${SECONDS >= 300 && CONNECTIONS >= 200 ? '' : ` (la meta es para 5 min a 200 conexiones; aquí ${SECONDS} s a ${CONNECTIONS})`}`);
    console.log('  (Máquina compartida con otros procesos: las cifras son ruidosas.)');
    const peak = Math.max(rssStart, rssEnd, ...rss.map((s) => s.bytes));
    const warm = rss.filter((s) => s.at >= Math.min(60, SECONDS / 3));
    const warmFirst = warm.length ? warm[0].bytes : rssStart;
    const half = rss.find((x) => x.at >= SECONDS / 2)?.bytes ?? rssStart;
    const flat = rssEnd - half <= half * FLAT_GROWTH;
    const signed = (b: number): string => `${b >= 0 ? '+' : ''}${mib(b)}`;
    console.log(`  RSS          al empezar ${mib(rssStart)}, tras calentamiento ${mib(warmFirst)}, a la mitad ${mib(half)}, máximo ${mib(peak)}, al final ${mib(rssEnd)} (${signed(rssEnd - warmFirst)} desde el calentamiento, ${signed(rssEnd - half)} en la segunda mitad)  ${mark(flat)} meta memoria estable (la segunda mitad crece < ${FLAT_GROWTH * 100} %)`);
    if (server.exited()) console.log('  ¡el servidor terminó durante la prueba!');
    failed = errors > 0 || server.exited();
  } finally {
    server.stop();
  }
  if (failed) process.exitCode = 1;
}

void main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
