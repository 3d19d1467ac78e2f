/**
 * `npm run bench:dashboard` (Dashboard issue, item 6): 5,000 projects (and 10,000 contracting processes, cloned
 * from the demo data) published through the real pipeline into SQLite across several publishers; the app
 * (createApp with the built dashboard) on 127.0.0.1; then, in headless Chromium, the time from navigation to
 * the first render of *Inicio* (KPIs filled) and *Proyectos* (table filled), with a cold and a warm browser
 * cache: median and p95 wall time, the CPU time of Chromium's renderer (which, unlike wall time, does not grow
 * with the load of a shared machine), and the bytes that crossed the wire. Prints figures against the 1 s
 * target; asserts nothing.
 *
 * BENCH_PROJECTS (5000), BENCH_PUBLISHERS (5) and BENCH_RUNS (5) change the size and repetitions; above the
 * dashboard's row budget (BENCH_PROJECTS=20000: 60,000 rows) it times the national view instead: Inicio listing the
 * states, then one state's Inicio and Proyectos (nationalPages);
 * BENCH_ALL_PAGES=1 also times the other list pages. BENCH_DB=file.sqlite keeps the seeded store in that file
 * and reuses it on the next run of the same size (seeding 5,000 projects takes minutes on a shared machine).
 * Each project is placed in one of twenty municipalities (its locality, and a point within ±0.3° of its centre),
 * so the map draws hundreds of markers and clusters, as it would for real data, not one stack on Mérida.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as zlib from 'zlib';
import type { AddressInfo } from 'net';
import type { Browser, BrowserContext } from 'playwright-core';
import { CHROMIUM, launchChromium } from './lib/chromium';
import { createApp } from '../functions/src/app';
import { openSqliteStore } from '../functions/src/store/sqlite-store';
import type { Publisher, Store } from '../functions/src/store/store';
import { publish } from '../functions/src/publication/publish';
import type { WorkbookModel } from '../core/workbook/model';
import { BENCH_PUBLISHER, syntheticDocumentsFor, workbookOf } from './bench/synthetic-publisher';
import { sharedDashboardBuild } from '../test/dashboard/shared-build';
import { countedRows, INDEX_MAX_ROWS } from '../core/stats/serving-limits';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 5000);
const PUBLISHERS = Number(process.env.BENCH_PUBLISHERS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 1000;
// The page's document, inside waitForFunction (this file compiles without the DOM lib).
declare const document: { querySelector(selector: string): unknown };
const STATES = ['Yucatán', 'Nuevo León', 'Chiapas', 'Jalisco', 'Oaxaca', 'Sonora', 'Puebla', 'Veracruz'];
/** Municipalities the projects are spread over: [locality, lng, lat] of their centre. */
const PLACES: [string, number, number][] = [
  ['Mérida', -89.62, 20.97], ['Monterrey', -100.31, 25.67], ['Tuxtla Gutiérrez', -93.12, 16.75], ['Guadalajara', -103.35, 20.67],
  ['Oaxaca de Juárez', -96.73, 17.06], ['Hermosillo', -110.96, 29.07], ['Puebla', -98.2, 19.04], ['Xalapa', -96.91, 19.54],
  ['Chihuahua', -106.09, 28.63], ['Zacatecas', -102.58, 22.77], ['Durango', -104.67, 24.02], ['Culiacán', -107.39, 24.81],
  ['Saltillo', -101.0, 25.42], ['San Luis Potosí', -100.98, 22.15], ['Morelia', -101.19, 19.7], ['Querétaro', -100.39, 20.59],
  ['Campeche', -90.53, 19.85], ['Villahermosa', -92.93, 17.99], ['Tepic', -104.89, 21.5], ['Valladolid', -88.2, 20.69],
];

const kb = (b: number): string => `${(b / 1024).toLocaleString('es-MX', { maximumFractionDigits: 1 })} KB`;
const ms = (n: number): string => `${Math.round(n).toLocaleString('es-MX')} ms`;
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
/** Nearest-rank 95th percentile (with few runs, the slowest). */
const p95 = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]; };

/** Publisher `i` with its own prefixes; the demo documents are re-keyed to them and their titles numbered. */
function benchPublisher(i: number): Publisher {
  const tag = `bnch${String(i).padStart(2, '0')}`;
  return { ...BENCH_PUBLISHER, id: `bench-${i}`, name: `Implementador de prueba ${i}`, state: STATES[i % STATES.length], ocidPrefix: `ocds-${tag}`, projectIdPrefix: `oc4ids-${tag}` };
}

function workbookFor(publisher: Publisher, projects: number): WorkbookModel {
  const rekeyed = syntheticDocumentsFor(publisher, projects * 2);
  rekeyed.projects.forEach((p, n) => {
    p.title = `${String(p.title)} ${n + 1}`;
    // Deterministic spread: a municipality by position, a point within ±0.3° of its centre.
    const [locality, lng, lat] = PLACES[(n * 7 + publisher.id.length) % PLACES.length];
    const jitter = (k: number): number => Math.round((((Math.sin(n * 12.9898 + k * 78.233) * 43758.5453) % 1) * 0.3) * 1e4) / 1e4;
    const where = (p.locations as { geometry: { coordinates: number[] }; address: Record<string, unknown> }[])[0];
    where.geometry.coordinates = [Math.round((lng + jitter(1)) * 1e4) / 1e4, Math.round((lat + jitter(2)) * 1e4) / 1e4];
    where.address = { ...where.address, locality };
  });
  return workbookOf(rekeyed);
}

async function seed(store: Store, base: string): Promise<void> {
  const start = Date.now();
  for (let i = 1; i <= PUBLISHERS; i++) {
    const publisher = benchPublisher(i);
    const projects = Math.floor(PROJECTS / PUBLISHERS) + (i <= PROJECTS % PUBLISHERS ? 1 : 0);
    await store.putPublisher(publisher);
    const result = await publish(store, { publisher, workbook: workbookFor(publisher, projects), actor: 'bench', now: '2025-07-01T00:00:00Z', baseUrl: base });
    if (result.status !== 'published') throw new Error(`${publisher.id}: ${result.status} ${JSON.stringify(result.findings.filter((f) => f.severity === 'error').slice(0, 3))}`);
    console.log(`  ${publisher.id}: ${result.publication.counts.projects.toLocaleString('es-MX')} proyectos, ${result.publication.counts.records.toLocaleString('es-MX')} procesos`);
  }
  console.log(`Sembrado en ${ms(Date.now() - start)}`);
}

interface Measure { ms: number; bytes: number; requests: number; dataMs: number; cpuMs: number }

/**
 * CPU seconds used so far by each of Chromium's renderer processes (CDP SystemInfo.getProcessInfo). Wall times on
 * a machine shared with other work grow with its load; the CPU a page load costs does not, so the bench prints both.
 */
async function rendererCpu(browser: Browser): Promise<Map<number, number>> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number; cpuTime: number }[] };
  await cdp.detach();
  return new Map(processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, p.cpuTime]));
}

/** Opens `hash` in a new tab of `context` and times navigation → `ready` (a CSS selector) present, read in the page as ms since navigation start. */
async function measure(context: BrowserContext, base: string, hash: string, ready: string): Promise<Measure> {
  const browser = context.browser() as Browser;
  const page = await context.newPage();
  const cpuBefore = await rendererCpu(browser);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  let requests = 0;
  // encodedDataLength: bytes received from the network (headers + compressed body); 0 for the browser cache.
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => { bytes += e.encodedDataLength; });
  cdp.on('Network.requestWillBeSent', () => { requests++; });
  await page.goto(`${base}/${hash}`, { waitUntil: 'commit' });
  // A function, not a string: the dashboard's CSP forbids eval.
  const at = await page.waitForFunction((selector: string) => (document.querySelector(selector) ? performance.now() : false), ready, { polling: 'raf', timeout: 60000 });
  // When the data were ready (fetched, parsed, rows built): the rest of the time is the page drawing itself.
  const dataMs = await page.evaluate(() => performance.getEntriesByName('ia:datos')[0]?.startTime ?? NaN);
  const cpuAfter = await rendererCpu(browser);
  const cpuMs = [...cpuAfter].reduce((n, [id, t]) => n + (t - (cpuBefore.get(id) ?? 0)), 0) * 1000;
  const result = { ms: (await at.jsonValue()) as number, bytes, requests, dataMs, cpuMs };
  await page.close();
  return result;
}

interface PageSpec { name: string; hash: string; ready: string }

const PAGES: PageSpec[] = [
  // Inicio draws its KPIs and its map in one go (the map last); Proyectos its table with its rows.
  { name: 'Inicio (KPIs y mapa)', hash: '#/', ready: '#mapa .marker' },
  { name: 'Proyectos (tabla llena)', hash: '#/proyectos', ready: '#tabla-proyectos tbody th a' },
  // BENCH_ALL_PAGES=1: the other list pages too, for information (the target names only the two above).
  ...(process.env.BENCH_ALL_PAGES ? [
    { name: 'Contrataciones', hash: '#/contrataciones', ready: '#tabla-contrataciones tbody tr' },
    { name: 'Contratistas', hash: '#/contratistas', ready: '#tabla-contratistas tbody tr' },
    { name: 'Instituciones', hash: '#/instituciones', ready: '#treemap-instituciones' },
    { name: 'Indicadores', hash: '#/indicadores', ready: '#ind-montos' },
    { name: 'Calidad de datos', hash: '#/calidad', ready: '#tabla-campos' },
  ] : []),
];

/**
 * Above the dashboard's row budget (core/stats/serving-limits.ts) the country is read a state at a time
 * (dashboard/src/data/scope.ts): Inicio lists the states, then a state's Inicio and Proyectos load its index only.
 */
function nationalPages(state: string): PageSpec[] {
  const q = `?state=${encodeURIComponent(state)}`;
  return [
    { name: 'Inicio nacional (elegir estado)', hash: '#/', ready: '#elegir-estado tbody a' },
    { name: `Inicio de ${state} (KPIs y mapa)`, hash: `#/${q}`, ready: '#mapa .marker' },
    { name: `Proyectos de ${state} (tabla llena)`, hash: `#/proyectos${q}`, ready: '#tabla-proyectos tbody th a' },
  ];
}

async function run(browser: Browser, base: string, pages: PageSpec[]): Promise<void> {
  const rows: string[][] = [];
  for (const p of pages) {
    const cold: Measure[] = [];
    const warm: Measure[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A fresh context has an empty HTTP cache (cold); a second tab in the same context reads it (warm, within max-age).
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      cold.push(await measure(context, base, p.hash, p.ready));
      warm.push(await measure(context, base, p.hash, p.ready));
      await context.close();
    }
    for (const [label, list] of [['caché fría', cold], ['caché caliente', warm]] as const) {
      const t = median(list.map((m) => m.ms));
      rows.push([p.name, label, ms(t), ms(p95(list.map((m) => m.ms))), ms(Math.max(...list.map((m) => m.ms))), ms(median(list.map((m) => m.dataMs))), ms(median(list.map((m) => m.cpuMs))), kb(median(list.map((m) => m.bytes))), String(median(list.map((m) => m.requests))), t < TARGET_MS ? 'sí' : 'NO']);
    }
  }
  const header = ['Página', 'Caché', 'Mediana', 'p95', 'Máximo', 'Datos listos', 'CPU del renderizador', 'Transferido', 'Peticiones', `< ${ms(TARGET_MS)}`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) console.log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Falta Chromium en ${CHROMIUM}`);
  const db = process.env.BENCH_DB;
  const reuse = !!db && fs.existsSync(db);
  const store = openSqliteStore(db ?? ':memory:');
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser | undefined;
  try {
    console.log(`Tablero con ${PROJECTS.toLocaleString('es-MX')} proyectos en ${PUBLISHERS} implementadores`);
    if (reuse) console.log(`Almacén sembrado reutilizado: ${db}`);
    else await seed(store, base);
    // As scripts/build-dashboard.ts builds it, kept in the temporary folder under the hash of its inputs and shared with
    // the browser tests (test/dashboard/shared-build.ts): the same bytes, built ~0.5 CPU-s, looked up ~0.06 CPU-s.
    const build = await sharedDashboardBuild();
    server.on('request', createApp({ store, config: { publicBaseUrl: base, maxBodyBytes: 1024 * 1024 }, log: () => undefined, dashboardDir: build.outDir }));
    console.log(`Tablero: ${kb(Object.values(build.files).filter((f) => !f.lazy).reduce((n, f) => n + f.gzip, 0))} gz al cargar (${Object.entries(build.files).map(([n, f]) => `${n} ${kb(f.gzip)}${f.lazy ? ' al pedirlo' : ''}`).join(', ')})`);

    // Above the row budget, the API serves (and the dashboard loads) one state's index at a time.
    const { publishers } = (await (await fetch(`${base}/api/publishers`)).json()) as { publishers: { state: string; currentPublication: { counts: { records: number; projects: number } } | null }[] };
    const rows = countedRows(publishers.map((p) => p.currentPublication?.counts));
    const national = rows > INDEX_MAX_ROWS;
    const state = publishers[0].state;
    const scope = national ? `?state=${encodeURIComponent(state)}` : '';
    if (national) console.log(`${rows.toLocaleString('es-MX')} filas publicadas, más de las ${INDEX_MAX_ROWS.toLocaleString('es-MX')} que el tablero carga juntas: se mide un estado a la vez (${state}).`);
    // The index is computed on its first request, then served from memory.
    let t = Date.now();
    const first = Buffer.from(await (await fetch(`${base}/api/index${scope}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
    const computed = Date.now() - t;
    t = Date.now();
    await (await fetch(`${base}/api/index${scope}`)).arrayBuffer();
    const parts = (JSON.parse(first.toString('utf8')) as { publishers: unknown[] }).publishers.map((p) => Buffer.byteLength(JSON.stringify(p)));
    console.log(`/api/index${scope}: ${kb(first.length)} JSON, ${kb(zlib.gzipSync(first).length)} gzip; mayor parte por implementador ${kb(Math.max(...parts))}; primera respuesta (cálculo) ${ms(computed)}, siguientes ${ms(Date.now() - t)}`);
    // What the dashboard loads: the same index in columns.
    t = Date.now();
    const compact = Buffer.from(await (await fetch(`${base}/api/index/compact${scope}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
    if (compact.length) console.log(`/api/index/compact${scope} (lo que carga el tablero): ${kb(compact.length)} JSON, ${kb(zlib.gzipSync(compact).length)} gzip; primera respuesta ${ms(Date.now() - t)}`);

    browser = await launchChromium({ whole: true });
    console.log(`Primer render en Chromium sin interfaz, mediana de ${RUNS} (meta < ${ms(TARGET_MS)}); carga de la máquina (1 min): ${os.loadavg()[0].toFixed(1)} en ${os.cpus().length} núcleos:`);
    await run(browser, base, national ? nationalPages(state) : PAGES);
  } finally {
    await browser?.close();
    await new Promise((r) => server.close(r));
    await store.close();
  }
}

void main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
