/**
 * `npm run bench:publish` (issue 16, publication target): publishing 1,000 processes × 3 revisions on SQLite
 * (meta < 3 s), then a fourth revision changing 1 process in 10; then the self-hosted server approving two revisions of
 * as many processes (upload, preview, approval), the work done in its own thread and in its background thread: how
 * long it stopped answering. With `-- --firestore`: 10,000 processes published
 * on the Firestore emulator (a child process on 127.0.0.1), then their bulk files, then the next publication (1 in 10
 * changed, the whole history carried), against the publication task's time limit, Firestore's 500 writes per batch
 * and 1 MiB per document. Sizes: BENCH_REVISION_PROCESSES, BENCH_FIRESTORE_PROCESSES; BENCH_AMENDED=1 amends every
 * process's contract from the second revision on (SQLite). Prints figures; asserts nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildCli } from './build';
import { BACKGROUND_WORKER, runAsServed } from './bench/run-as-served';

const REVISION_PROCESSES = Number(process.env.BENCH_REVISION_PROCESSES ?? 1000);
const FIRESTORE_PROCESSES = Number(process.env.BENCH_FIRESTORE_PROCESSES ?? 10000);

/**
 * The self-hosted server during a review (upload, preview, approval and publication) with the work done in the
 * server's own thread and in its background thread (dist/background-worker.js, as `serve` runs it), each in a
 * fresh server: how long it stopped answering.
 */
async function serveDuringReview(dir: string): Promise<void> {
  await buildCli();
  console.log(`Servidor autoalojado durante la revisión de ${REVISION_PROCESSES.toLocaleString('es-MX')} procesos (cada paso: su tiempo, y la respuesta más lenta que recibió mientras tanto quien consultaba el tablero):`);
  for (const worker of [undefined, BACKGROUND_WORKER]) {
    const folder = fs.mkdtempSync(path.join(dir, 'servidor-'));
    await runAsServed('serve-during-review', [folder, String(REVISION_PROCESSES), ...(worker ? [worker] : [])]);
  }
}

async function main(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-publish-'));
  console.log('(Máquina de 2 núcleos compartida con otros procesos: los tiempos de pared son ruidosos; el CPU de este proceso va al lado.)');
  try {
    // Loaded only for it: firebase-admin and the Firestore store are ~1 CPU-s of loading the SQLite figures do not use.
    if (process.argv.includes('--firestore')) await (await import('./bench/publish-firestore')).timeFirestorePublishing(dir, FIRESTORE_PROCESSES);
    else {
      await runAsServed('publish-child', [path.join(dir, 'revisions.sqlite'), String(REVISION_PROCESSES)]);
      await serveDuringReview(dir);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
