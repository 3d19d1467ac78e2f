/**
 * `npm run bench:api` (Backend issue): publishing and compiling time, then API latency and bulk throughput on
 * loopback against the real server in a child process (so the load generator does not share its event loop).
 * Prints figures; asserts nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import autocannon from 'autocannon';
import { openSqliteStore } from '../functions/src/store/sqlite-store';
import { publish } from '../functions/src/publication/publish';
import { buildCli } from './build';
import { BENCH_PUBLISHER, syntheticDocuments, syntheticWorkbook } from './bench/synthetic-publisher';
import { rssOf, startServer } from './bench/server-process';
import { timePublishing } from './bench/publish-revisions';

const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 10000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const BULK_RELEASES = Number(process.env.BENCH_BULK_RELEASES ?? 100000);
/** Processes in each of the three revisions whose publication is timed (the issue's figure is for 1,000). */
const REVISION_PROCESSES = Number(process.env.BENCH_REVISION_PROCESSES ?? 1000);
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
    for (let j = i; j < Math.min(i + 5000, BULK_RELEASES); j++) {
      const ocid = `ocds-bulk01-${String(j).padStart(7, '0')}`;
      batch.push({ ocid, id: `${ocid}-1`, date: '2025-01-01T00:00:00Z', release: { ...template, ocid, id: `${ocid}-1` } as never });
    }
    await store.putReleases('bulk-1', batch);
  }
  await store.completePublication('bulk-1', { releases: BULK_RELEASES, records: 0, projects: 0 });
  await store.setCurrent('bulk', 'bulk-1', null);
  const page = await store.listRecords({ publicationId: (await store.getCurrent('bench'))!.id, limit: 1 });
  const projects = await store.listProjects({ publicationId: (await store.getCurrent('bench'))!.id, limit: 1 });
  await store.close();
  return { ocid: page.items[0].ocid, projectId: projects.items[0].id };
}

async function load(title: string, url: string, target = '', connections = 100): Promise<void> {
  const r = await autocannon({ url, connections, duration: DURATION });
  console.log(`${title.padEnd(34)} p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  ${Math.round(r.requests.average).toLocaleString('es-MX').padStart(6)} req/s  errores ${r.errors + r.non2xx}${target ? `  (meta: ${target})` : ''}`);
}

async function bulk(url: string, pid: number): Promise<void> {
  let peak = rssOf(pid);
  const timer = setInterval(() => { peak = Math.max(peak, rssOf(pid)); }, 50);
  const start = Date.now();
  const res = await fetch(url);
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) { const { done, value } = await reader.read(); if (done) break; bytes += value.length; }
  clearInterval(timer);
  const seconds = (Date.now() - start) / 1000;
  console.log(`Descarga masiva (${BULK_RELEASES.toLocaleString('es-MX')} entregas, JSON Lines): ${mib(bytes)} en ${seconds.toFixed(1)} s = ${(bytes / 1024 / 1024 / seconds).toFixed(0)} MB/s (meta ≥ 50); RSS máx. del servidor ${mib(peak)}`);
}

async function main(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-api-'));
  try {
    await timePublishing(path.join(dir, 'revisions.sqlite'), REVISION_PROCESSES);
    await buildCli();
    const file = path.join(dir, 'api.sqlite');
    const { ocid, projectId } = await seed(file);
    const server = await startServer(file);
    try {
      console.log(`Servidor en ${server.url} (RSS ${mib(rssOf(server.pid))}); ${DURATION} s por prueba, 100 conexiones`);
      console.log('(Máquina compartida con otros procesos: las cifras son ruidosas; repita en una máquina dedicada.)');
      await load('Página de 100 entregas', `${server.url}api/ocds/releases?publisher=bench&limit=100`, 'p99 < 100 ms');
      await load('Registro por ocid', `${server.url}api/ocds/records/${encodeURIComponent(ocid)}`, 'p99 < 20 ms');
      await load('Paquete de proyectos (100)', `${server.url}api/oc4ids/projects?publisher=bench&limit=100`);
      await load('Proyecto por id', `${server.url}api/oc4ids/projects/${encodeURIComponent(projectId)}`);
      // The first download writes the files once (publications seeded straight into the store have none yet); the second is a file.
      await bulk(`${server.url}api/bulk/releases.jsonl?publisher=bulk`, server.pid);
      await bulk(`${server.url}api/bulk/releases.jsonl?publisher=bulk`, server.pid);
      console.log(`RSS del servidor al final: ${mib(rssOf(server.pid))}`);
    } finally {
      server.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
