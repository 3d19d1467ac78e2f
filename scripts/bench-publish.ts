/**
 * `npm run bench:publish` (issue 16, publication target): publishing 1,000 processes × 3 revisions on SQLite
 * (meta < 3 s). With `-- --firestore`: 10,000 processes published on the Firestore emulator (a child process on
 * 127.0.0.1), then their bulk files, against the publication task's time limit, Firestore's 500 writes per batch
 * and 1 MiB per document. Sizes: BENCH_REVISION_PROCESSES, BENCH_FIRESTORE_PROCESSES. Prints figures; asserts nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { timePublishing } from './bench/publish-revisions';
import { timeFirestorePublishing } from './bench/publish-firestore';
import { fork } from 'child_process';
import { SERVER_NODE_FLAGS, withServerFlags } from '../functions/src/server/server-node-flags';

const REVISION_PROCESSES = Number(process.env.BENCH_REVISION_PROCESSES ?? 1000);
const FIRESTORE_PROCESSES = Number(process.env.BENCH_FIRESTORE_PROCESSES ?? 10000);

/**
 * On SQLite the product publishes inside a worker of `serve --procesos N`, started with the server's Node flags
 * (server-node-flags.ts): the revisions are published in a child process started the same way.
 */
function inServerProcess(): Promise<void> {
  // process.execArgv carries how this script is run (ts-node's bin puts itself there for forks).
  const child = fork(__filename, process.argv.slice(2), { execArgv: withServerFlags(process.execArgv), env: { ...process.env, BENCH_PUBLISH_CHILD: '1' } });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => { process.exitCode = code ?? 1; resolve(); });
  });
}

async function main(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  if (!process.argv.includes('--firestore') && process.env.BENCH_PUBLISH_CHILD !== '1') return inServerProcess();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-publish-'));
  console.log('(Máquina de 2 núcleos compartida con otros procesos: los tiempos de pared son ruidosos; el CPU de este proceso va al lado.)');
  if (!process.argv.includes('--firestore')) console.log(`(Se publica como en un proceso de «serve --procesos N»: Node con ${SERVER_NODE_FLAGS.join(' ')}; ahora: ${process.execArgv.filter((a) => a.startsWith('--max')).join(' ') || 'sin opciones'}.)`);
  try {
    if (process.argv.includes('--firestore')) await timeFirestorePublishing(dir, FIRESTORE_PROCESSES);
    else await timePublishing(path.join(dir, 'revisions.sqlite'), REVISION_PROCESSES);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
