/**
 * bench:publish's SQLite measurement as a program of its own: scripts/bench-publish.ts bundles it as dist/ is
 * built and runs it in a Node started with the server's flags. Arguments: the database file and the processes.
 */
import { SERVER_NODE_FLAGS } from '../../functions/src/server/server-node-flags';
import { timePublishing } from './publish-revisions';

async function run(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  const [file, processes] = process.argv.slice(2);
  console.log(`(Se publica como en «serve»: el código construido como dist/, en Node con ${SERVER_NODE_FLAGS.join(' ')}; ahora: ${process.execArgv.filter((a) => a.startsWith('--max')).join(' ') || 'sin opciones'}.)`);
  // BENCH_AMENDED=1: every process's contract amended from the second revision on (its modifications told from its releases).
  await timePublishing(file, Number(processes), process.env.BENCH_AMENDED === '1');
}

void run().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
