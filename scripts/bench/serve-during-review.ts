/**
 * bench:publish's figure for the self-hosted server during a review (functions/src/server/background-thread.ts):
 * the server started as `serve` starts it; twice, a capturista uploads a workbook of N processes (checked on
 * arrival), the coordinador opens its preview and approves it, and the approval is published (the whole task:
 * reading the file, publishing, writing the bulk files). For each step, the slowest answer a visitor asking all
 * along for something the server keeps ready got — how long the server stood still for everyone else. Run as its own program
 * (bundled, server flags); arguments: a temporary folder, the processes, and the background worker's script, or
 * nothing to do that work in the server's thread.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { previewCall, reviewCall, startReviewServer } from './review-during-load';
import { BENCH_PUBLISHER, syntheticWorkbook } from './synthetic-publisher';
import { writeXlsx } from './write-xlsx';

const es = (n: number): string => Math.round(n).toLocaleString('es-MX');

/**
 * The visitor's thread: GETs the URL it is given, one request after another. On a message it answers the longest
 * wait since the last reset — counting the request still waiting, and only the part of each wait after the reset —
 * and resets when the message says so.
 */
const VISITOR = `
const { parentPort, workerData } = require('worker_threads');
let slowest = 0;
let since = performance.now();
let waitingSince;
const waited = (started) => performance.now() - Math.max(started, since);
parentPort.on('message', (reset) => {
  parentPort.postMessage(Math.max(slowest, waitingSince === undefined ? 0 : waited(waitingSince)));
  if (reset) { slowest = 0; since = performance.now(); }
});
(async () => {
  for (;;) {
    waitingSince = performance.now();
    await (await fetch(workerData)).arrayBuffer();
    slowest = Math.max(slowest, waited(waitingSince));
    waitingSince = undefined;
    await new Promise((r) => setTimeout(r, 5));
  }
})();
`;

async function run(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  const [dir, processes, worker] = process.argv.slice(2);
  const n = Number(processes);
  const { server, accounts: { capturista, coordinador } } = await startReviewServer(dir, worker);

  // A visitor, in a thread of its own, asks for the list of publishers again and again (an answer the server keeps
  // ready, a millisecond when nothing else runs) and remembers the slowest answer since it was last asked.
  const visitor = new Worker(VISITOR, { eval: true, workerData: `${server.url}api/publishers` });
  const slowest = (reset: boolean): Promise<number> => new Promise((resolve) => { visitor.once('message', resolve); visitor.postMessage(reset); });
  /** Runs `step` and says how long it took and the visitor's slowest answer meanwhile. */
  const timed = async <T>(step: () => Promise<T>): Promise<{ value: T; text: string }> => {
    await slowest(true);
    const started = performance.now();
    const value = await step();
    const ms = performance.now() - started;
    return { value, text: `${es(ms)} ms; el visitante esperó hasta ${es(await slowest(false))} ms` };
  };
  const call = (method: string, url: string, token: string, body?: Buffer) => reviewCall(server.url, `${method} ${url}`, method, url, token, body);

  console.log(`  ${worker ? 'con el hilo de trabajo' : 'todo en el hilo del servidor'}:`);
  for (let revision = 0; revision < 2; revision++) {
    // The upload is written untimed, as the capturista's workbook already existed.
    const xlsx = path.join(dir, `revision-${revision}.xlsx`);
    await writeXlsx(syntheticWorkbook(n, revision), xlsx);
    const bytes = fs.readFileSync(xlsx);
    const submit = await timed(() => call('POST', `api/submissions?publisher=${BENCH_PUBLISHER.id}`, capturista, bytes));
    const id = submit.value.submission.id;
    // As the page: told «se está preparando», asked again after PREVIEW_PREPARING_RETRY_SECONDS (counted in the step).
    const preview = await timed(() => previewCall(server.url, id, coordinador));
    const publish = await timed(async () => {
      await call('POST', `api/submissions/${id}/approve`, coordinador);
      await server.publications.idle();
    });
    const status = (await server.store.getSubmission(id))?.status;
    if (status !== 'published') throw new Error(`revisión ${revision + 1}: ${status}`);
    console.log(`    revisión ${revision + 1}: enviar (revisión al llegar) ${submit.text}; vista previa ${preview.text}${preview.value ? ` (${preview.value} ${preview.value === 1 ? 'aviso' : 'avisos'} «se está preparando»)` : ''}; aprobar y publicar ${publish.text}`);
  }
  await visitor.terminate();
  await server.close();
}

// Exits on a failure: the visitor's thread and the server would keep the program (and bench:publish) waiting for ever.
void run().catch((e: unknown) => { console.error(e); process.exit(1); });
