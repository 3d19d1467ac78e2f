/**
 * Run by bench-send.ts in a process of its own, the server's (a self-hosted server on SQLite with its background
 * thread, as `serve` runs it): an official's upload of a workbook of N synthetic processes, as «Mis envíos» sends it —
 * how long until the first answer (the outcome, or «se está revisando» past the send's budget: send-check.ts), and
 * until the outcome, asked again where the server said. Prints; asserts nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { XLSX_MIME } from '../../core/workflow/contract';
import { startReviewServer } from './review-during-load';
import { BENCH_PUBLISHER, syntheticWorkbook } from './synthetic-publisher';
import { writeXlsx } from './write-xlsx';

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function run(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  const [dir, processes, worker] = process.argv.slice(2);
  const n = Number(processes);
  const { server, accounts: { capturista } } = await startReviewServer(dir, worker);
  try {
    const xlsx = path.join(dir, 'libro.xlsx');
    await writeXlsx(syntheticWorkbook(n), xlsx);
    const headers = { Authorization: `Bearer ${capturista}` };
    const started = performance.now();
    let res = await fetch(`${server.url}api/submissions?publisher=${BENCH_PUBLISHER.id}`, { method: 'POST', headers: { ...headers, 'Content-Type': XLSX_MIME }, body: fs.readFileSync(xlsx) });
    const first = performance.now() - started;
    const firstStatus = res.status;
    let asked = 1;
    while (res.status === 202 && res.headers.get('location')) {
      const location = new URL(res.headers.get('location') as string, server.url).toString();
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 5) * 1000));
      res = await fetch(location, { headers });
      asked++;
    }
    const body = await res.text();
    console.log(`  libro .xlsx de ${n.toLocaleString('es-MX')} procesos subido al servidor propio (hilo de fondo): primera respuesta ${firstStatus} en ${s(first)}; resultado ${res.status} en ${s(performance.now() - started)}, ${asked} ${asked === 1 ? 'petición' : 'peticiones'}${res.status >= 400 ? ` (${body.slice(0, 300)})` : ''}`);
  } finally {
    await server.close();
  }
}

void run().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
