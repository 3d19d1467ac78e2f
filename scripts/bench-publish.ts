/**
 * `npm run bench:publish` (issue 16, publication target): publishing 1,000 processes × 3 revisions on SQLite
 * (meta < 3 s), then a fourth revision changing 1 process in 10; then the self-hosted server approving two revisions of
 * as many processes (upload, preview, approval), the work done in its own thread and in its background thread: how
 * long it stopped answering. With `-- --firestore`: 10,000 processes published
 * on the Firestore emulator (a child process on 127.0.0.1), then their bulk files, then the next publication (1 in 10
 * changed, the whole history carried), against the publication task's time limit, Firestore's 500 writes per batch
 * and 1 MiB per document. Sizes: BENCH_REVISION_PROCESSES, BENCH_FIRESTORE_PROCESSES. Prints figures; asserts nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { timeFirestorePublishing } from './bench/publish-firestore';
import { fork } from 'child_process';
import { build } from 'esbuild';
import { SERVER_NODE_FLAGS } from '../functions/src/server/server-node-flags';
import { buildCli, NODE_BUNDLE } from './build';
import { validatorCode } from './validator-code';

const REVISION_PROCESSES = Number(process.env.BENCH_REVISION_PROCESSES ?? 1000);
const FIRESTORE_PROCESSES = Number(process.env.BENCH_FIRESTORE_PROCESSES ?? 10000);

/**
 * On SQLite the product publishes inside `serve` (dist/cli-main.js: esbuild's bundle, the validators as
 * scripts/validator-code.ts makes them) in a Node started with the server's flags (server-node-flags.ts). The
 * measurements run the same way: `entry` (a program under bench/) bundled like that, in a child process started with
 * those flags.
 */
async function runAsServed(dir: string, entry: string, args: string[]): Promise<void> {
  const bundle = path.join(dir, `${entry}.js`);
  // Bundled once per run (serve-during-review runs twice).
  if (!fs.existsSync(bundle)) await build({ ...NODE_BUNDLE, sourcemap: false, plugins: [validatorCode], entryPoints: [path.join(__dirname, 'bench', `${entry}.ts`)], outfile: bundle });
  // The bundle lives in the temp folder: npm packages (better-sqlite3) are found through NODE_PATH.
  const env = { ...process.env, NODE_PATH: path.join(__dirname, '..', 'node_modules') };
  const child = fork(bundle, args, { execArgv: [...SERVER_NODE_FLAGS], env });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => { if (code !== 0) process.exitCode = code ?? 1; resolve(); });
  });
}

/**
 * The self-hosted server during a review (upload, preview, approval and publication) with the work done in the
 * server's own thread and in its background thread (dist/background-worker.js, as `serve` runs it), each in a
 * fresh server: how long it stopped answering.
 */
async function serveDuringReview(dir: string): Promise<void> {
  await buildCli();
  console.log(`Servidor autoalojado durante la revisión de ${REVISION_PROCESSES.toLocaleString('es-MX')} procesos (cada paso: su tiempo, y la respuesta más lenta que recibió mientras tanto quien consultaba el tablero):`);
  for (const worker of [undefined, path.join(__dirname, '..', 'dist', 'background-worker.js')]) {
    const folder = fs.mkdtempSync(path.join(dir, 'servidor-'));
    await runAsServed(dir, 'serve-during-review', [folder, String(REVISION_PROCESSES), ...(worker ? [worker] : [])]);
  }
}

async function main(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-publish-'));
  console.log('(Máquina de 2 núcleos compartida con otros procesos: los tiempos de pared son ruidosos; el CPU de este proceso va al lado.)');
  try {
    if (process.argv.includes('--firestore')) await timeFirestorePublishing(dir, FIRESTORE_PROCESSES);
    else {
      await runAsServed(dir, 'publish-child', [path.join(dir, 'revisions.sqlite'), String(REVISION_PROCESSES)]);
      await serveDuringReview(dir);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
