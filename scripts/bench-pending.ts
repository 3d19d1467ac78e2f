/**
 * `npm run bench:pending [-- PROCESOS]`: how long an implementer's *Pendientes por completar* takes to answer on a
 * realistic publication (the bench's synthetic publisher: PROCESOS processes, 1,000 by default, and a project per two),
 * through the real app on SQLite: the first request (the publication's index read, with the judgement publish()
 * keeps in it, and the rows drawn), the next ones (kept), the Excel workbook; and, for a publication published before
 * the list existed (no judgement in its index), what judging it from its records and projects costs once. Also the
 * judgement's share of the publication. Prints times, asserts none.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { openSqliteStore } from '../functions/src/store/sqlite-store';
import { createApp } from '../functions/src/app';
import { publish } from '../functions/src/publication/publish';
import { publicationDocuments } from '../functions/src/api/publication-indexes';
import { pendingJudgement, pendingRows } from '../core/stats/pending';
import { publicationIndex } from '../core/stats/publication-index';
import { BENCH_PUBLISHER, syntheticWorkbook } from './bench/synthetic-publisher';

const ms = (t: number): string => `${Math.round(t)} ms`;

async function timed<T>(label: string, run: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const value = await run();
  console.log(`  ${label}: ${ms(performance.now() - started)}`);
  return value;
}

async function main(): Promise<void> {
  const processes = Number(process.argv[2] ?? 1000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pending-'));
  const store = openSqliteStore(path.join(dir, 'bench.sqlite'));
  try {
    const base = 'http://127.0.0.1';
    await store.putPublisher(BENCH_PUBLISHER);
    const workbook = syntheticWorkbook(processes);
    console.log(`Pendientes por completar, ${processes} procesos y ${Math.ceil(processes / 2)} proyectos:`);
    await timed('publicación (sin medir aquí: bench:publish)', () => publish(store, { publisher: BENCH_PUBLISHER, workbook, actor: 'bench', now: new Date().toISOString(), baseUrl: base }));
    const server = http.createServer(createApp({ store, config: { publicBaseUrl: base, maxBodyBytes: 1024 * 1024 }, log: () => undefined }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/pending/${BENCH_PUBLISHER.id}`;
    const body = await timed('primera consulta (índice guardado con su juicio)', async () => (await fetch(url)).text());
    console.log(`    ${(JSON.parse(body) as { rows: unknown[] }).rows.length} filas, ${(body.length / 1024).toFixed(0)} KB de JSON`);
    await timed('consulta siguiente', async () => (await fetch(url)).text());
    await timed('Excel (primera vez)', async () => (await fetch(`${url}/pendientes.xlsx`)).arrayBuffer());
    await timed('Excel (siguiente)', async () => (await fetch(`${url}/pendientes.xlsx`)).arrayBuffer());
    await new Promise((resolve) => server.close(resolve));

    const current = await store.getCurrent(BENCH_PUBLISHER.id);
    if (!current) throw new Error('sin publicación');
    const stored = await store.getIndex(current.id);
    console.log(`  juicio guardado en el índice: ${(JSON.stringify(stored?.pending).length / 1024).toFixed(0)} KB`);
    // A publication from before the list: judged once from what it stores.
    const { records, projects } = await timed('publicación anterior: leer registros y proyectos', () => publicationDocuments(store, current.id));
    const judgement = await timed('  juzgarlos (también lo que agrega a cada publicación)', () => pendingJudgement(records, projects));
    await timed('  filas', () => pendingRows(judgement, publicationIndex(records, projects)));
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
