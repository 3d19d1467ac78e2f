/**
 * The self-hosted server publishes and checks inside `serve` (dist/cli-main.js: esbuild's bundle, the validators as
 * scripts/validator-code.ts makes them) in a Node started with the server's flags (server-node-flags.ts). Benches
 * that time it run the same way: `entry` (a program under scripts/bench/) bundled like that into `dir`, in a child
 * process started with those flags. A child that fails sets this process's exit code.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fork } from 'child_process';
import { build } from 'esbuild';
import { SERVER_NODE_FLAGS } from '../../functions/src/server/server-node-flags';
import { NODE_BUNDLE } from '../build';
import { validatorCode } from '../validator-code';

/** The server's background thread as `serve` runs it (dist/, built by buildCli). */
export const BACKGROUND_WORKER = path.join(__dirname, '..', '..', 'dist', 'background-worker.js');

export async function runAsServed(dir: string, entry: string, args: string[]): Promise<void> {
  const bundle = path.join(dir, `${entry}.js`);
  // Bundled once per run (a bench may run the same program several times).
  if (!fs.existsSync(bundle)) await build({ ...NODE_BUNDLE, sourcemap: false, plugins: [validatorCode], entryPoints: [path.join(__dirname, `${entry}.ts`)], outfile: bundle });
  // The bundle lives in the temp folder: npm packages (better-sqlite3) are found through NODE_PATH.
  const env = { ...process.env, NODE_PATH: path.join(__dirname, '..', '..', 'node_modules') };
  const child = fork(bundle, args, { execArgv: [...SERVER_NODE_FLAGS], env });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => { if (code !== 0) process.exitCode = code ?? 1; resolve(); });
  });
}
