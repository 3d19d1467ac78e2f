/**
 * `npm run bench:api` (Backend issue): publishing and compiling time, then API latency and bulk throughput on
 * loopback against the real server in a child process (so the load generator does not share its event loop).
 * Prints figures with ✓/✗ next to the issue's targets; asserts nothing.
 *
 * Requests carry `Accept-Encoding: gzip, deflate, br`, as browsers send (answers in brotli); the page is repeated
 * with `gzip, deflate` (fetch, Python's requests) and with none (curl), for comparison. The synthetic releases
 * are near-copies of each other, so brotli shrinks their page far more than it would real data (1.4 MB → 10 KB;
 * gzip 107 KB): the gzip line is the cautious figure. Each line gives the server's and the load generator's CPU
 * per request: both share this machine's cores.
 *
 * Env: BENCH_PROCESSES (10000), BENCH_REVISION_PROCESSES (1000), BENCH_SECONDS (10 per line),
 * BENCH_BULK_RELEASES (100000), BENCH_CONNECTIONS (100), BENCH_SERVER_PROCESSES (1: `serve --procesos N`).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openSqliteStore } from '../functions/src/store/sqlite-store';
import { publish } from '../functions/src/publication/publish';
import { buildCli } from './build';
import { BENCH_PUBLISHER, syntheticDocuments, syntheticWorkbook } from './bench/synthetic-publisher';
import { cpuOfTree, rssOfTree, startServer, type ServerProcess } from './bench/server-process';
import { runLoad } from './bench/http-load';
import { timePublishing } from './bench/publish-revisions';

const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 10000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const BULK_RELEASES = Number(process.env.BENCH_BULK_RELEASES ?? 100000);
/** Processes in each of the three revisions whose publication is timed (the issue's figure is for 1,000). */
const REVISION_PROCESSES = Number(process.env.BENCH_REVISION_PROCESSES ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const SERVER_PROCESSES = Number(process.env.BENCH_SERVER_PROCESSES ?? 1);
/** What browsers send (fetch and Python's requests send gzip and deflate). */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
const mark = (ok: boolean): string => (ok ? '✓' : '✗');
const mib = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MiB`;

async function seed(file: string): Promise<{ ocid: string; projectId: string }> {
  const store = openSqliteStore(file);
  await store.putPublisher(BENCH_PUBLISHER);
  const t = Date.now();
  const result = await publish(store, { publisher: BENCH_PUBLISHER, workbook: syntheticWorkbook(PROCESSES), actor: 'bench', now: '2025-07-01T00:00:00Z', baseUrl: 'http://127.0.0.1' });
  console.log(`Sembrado: ${PROCESSES.toLocaleString('es-MX')} procesos publicados en ${Date.now() - t} ms (${result.status})`);
  // The bulk publisher: BULK_RELEASES releases written straight into a publication (throughput of the stream, not of the pipeline).
  const bulk = { ...BENCH_PUBLISHER, id: 'bulk', ocidPrefix: 'ocds-bulk01', projectIdPrefix: 'oc4ids-bulk01' };
  await store.putPublisher(bulk);
  await store.createPublication({ id: 'bulk-1', publisherId: 'bulk', contentHash: 'x', createdAt: '2025-01-01T00:00:00Z' });
  const template = syntheticDocuments(1).releases[0];
  for (let i = 0; i < BULK_RELEASES; i += 5000) {
    const batch = [];
    const records = [];
    for (let j = i; j < Math.min(i + 5000, BULK_RELEASES); j++) {
      const ocid = `ocds-bulk01-${String(j).padStart(7, '0')}`;
      batch.push({ ocid, id: `${ocid}-1`, date: '2025-01-01T00:00:00Z', release: { ...template, ocid, id: `${ocid}-1` } as never });
      // Its record too: datos.xlsx is written from the records' compiled releases (publication/bulk-files.ts).
      const url = `http://127.0.0.1/api/ocds/releases?ocid=${ocid}&releaseID=${ocid}-1`;
      records.push({ ocid, record: { ocid, releases: [{ url, date: '2025-01-01T00:00:00Z', tag: template.tag }], compiledRelease: { ...template, ocid, id: `${ocid}-compiled`, tag: ['compiled'] } } as never });
    }
    await store.putReleases('bulk-1', batch);
    await store.putRecords('bulk-1', records);
  }
  await store.completePublication('bulk-1', { releases: BULK_RELEASES, records: BULK_RELEASES, projects: 0 });
  await store.setCurrent('bulk', 'bulk-1', null);
  const page = await store.listRecords({ publicationId: (await store.getCurrent('bench'))!.id, limit: 1 });
  const projects = await store.listProjects({ publicationId: (await store.getCurrent('bench'))!.id, limit: 1 });
  await store.close();
  return { ocid: page.items[0].ocid, projectId: projects.items[0].id };
}

/** One line of figures: `CONNECTIONS` connections asking for `path` for DURATION seconds; ✓/✗ against `p99Target`. */
async function load(server: ServerProcess, title: string, path: string, p99Target?: number, headers: Record<string, string> = BROWSER): Promise<void> {
  // The first request builds the answer (store reads, splicing, gzip): timed alone, then the steady state.
  const t = Date.now();
  const first = await fetch(`${server.url}${path.slice(1)}`, { headers });
  await first.arrayBuffer();
  const cold = Date.now() - t;
  const cpu = cpuOfTree(server.pid);
  const r = await runLoad({ base: server.url, connections: CONNECTIONS, seconds: DURATION, path: () => path, headers });
  const serverCpu = cpuOfTree(server.pid) - cpu;
  const perRequest = (s: number): string => (r.requests ? `${((s * 1000) / r.requests).toFixed(2)}` : '–');
  const errors = r.errors + r.non2xx;
  const target = p99Target === undefined ? '' : `  ${mark(r.latency.p99 < p99Target && errors === 0)} meta p99 < ${p99Target} ms`;
  console.log(`${title.padEnd(40)} p50 ${String(r.latency.p50).padStart(6)} ms  p99 ${String(r.latency.p99).padStart(6)} ms  ${Math.round(r.rate).toLocaleString('es-MX').padStart(6)} sol./s  ${(r.bytes / r.seconds / 1e6).toFixed(0).padStart(4)} MB/s  errores ${errors}  CPU ms/sol.: servidor ${perRequest(serverCpu)}, generador ${perRequest(r.cpuSeconds)}${target}  (la primera, sin caché: ${cold} ms)`);
}

async function bulk(url: string, pid: number, first: boolean): Promise<void> {
  let peak = rssOfTree(pid);
  const timer = setInterval(() => { peak = Math.max(peak, rssOfTree(pid)); }, 50);
  const start = Date.now();
  const res = await fetch(url);
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) { const { done, value } = await reader.read(); if (done) break; bytes += value.length; }
  clearInterval(timer);
  const seconds = (Date.now() - start) / 1000;
  const rate = bytes / 1024 / 1024 / seconds;
  // The first download also writes the files (seeded straight into the store, this publication has none yet):
  // what a publication does once, not what a reader waits for, so the target applies to the second.
  const verdict = first ? '(la primera: escribe los archivos, como lo hace una publicación)' : `${mark(rate >= 50)} meta ≥ 50 MB/s`;
  console.log(`Descarga masiva (${BULK_RELEASES.toLocaleString('es-MX')} entregas, JSON Lines): ${mib(bytes)} en ${seconds.toFixed(1)} s = ${rate.toFixed(0)} MB/s  ${verdict}; RSS máx. del servidor ${mib(peak)}`);
}

async function main(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-api-'));
  try {
    await timePublishing(path.join(dir, 'revisions.sqlite'), REVISION_PROCESSES);
    await buildCli();
    const file = path.join(dir, 'api.sqlite');
    const { ocid, projectId } = await seed(file);
    const server = await startServer(file, SERVER_PROCESSES);
    try {
      console.log(`Servidor en ${server.url} (${SERVER_PROCESSES > 1 ? `${SERVER_PROCESSES} procesos, ` : ''}RSS ${mib(rssOfTree(server.pid))}); ${DURATION} s por prueba, ${CONNECTIONS} conexiones; ${os.cpus().length} núcleos para servidor y generador juntos`);
      console.log('(Máquina compartida con otros procesos: las cifras son ruidosas; repita en una máquina dedicada.)');
      const page = `/api/ocds/releases?publisher=bench&limit=100`;
      await load(server, 'Página de 100 entregas', page, 100);
      await load(server, 'Página de 100 entregas, solo gzip', page, 100, { 'accept-encoding': 'gzip, deflate' });
      await load(server, 'Página de 100 entregas, sin compresión', page, 100, {});
      await load(server, 'Registro por ocid', `/api/ocds/records/${encodeURIComponent(ocid)}`, 20);
      // One supplier's processes (a fifth of the synthetic ones: api/supplier-filter.ts), each record read by its ocid.
      await load(server, 'Página de 100 registros de un proveedor', '/api/ocds/records?publisher=bench&supplier=CVM130828EF5&limit=100', 100);
      await load(server, 'Paquete de proyectos (100)', `/api/oc4ids/projects?publisher=bench&limit=100`);
      await load(server, 'Proyecto por id', `/api/oc4ids/projects/${encodeURIComponent(projectId)}`);
      await bulk(`${server.url}api/bulk/releases.jsonl?publisher=bulk`, server.pid, true);
      await bulk(`${server.url}api/bulk/releases.jsonl?publisher=bulk`, server.pid, false);
      console.log(`RSS del servidor al final: ${mib(rssOfTree(server.pid))}`);
    } finally {
      server.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
