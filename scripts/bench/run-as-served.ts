/**
 * The self-hosted server publishes and checks inside `serve` (dist/cli-main.js: esbuild's bundle, the validators as
 * scripts/validator-code.ts makes them) in a Node started with the server's flags (server-node-flags.ts). Benches
 * that time it run the same way: `entry` (a program under scripts/bench/, named in served.ts) bundled like that — one
 * bundle for them all, kept in dist/bench/ until its sources change (cached-bundle.ts) — in a child process started
 * with those flags. A child that fails sets this process's exit code.
 */
import * as path from 'path';
import { fork } from 'child_process';
import { SERVER_NODE_FLAGS } from '../../functions/src/server/server-node-flags';
import { NODE_BUNDLE } from '../build';
import { validatorCode } from '../validator-code';
import { cachedBundle } from './cached-bundle';

/** The server's background thread as `serve` runs it (dist/, built by buildCli). */
export const BACKGROUND_WORKER = path.join(__dirname, '..', '..', 'dist', 'background-worker.js');

/** The bundle, looked up once per bench (its check reads and hashes every source: bench:publish runs three children). */
let served: Promise<string> | undefined;

export async function runAsServed(entry: string, args: string[]): Promise<void> {
  served ??= cachedBundle('served', { ...NODE_BUNDLE, sourcemap: false, plugins: [validatorCode], entryPoints: [path.join(__dirname, 'served.ts')] });
  const bundle = await served;
  // npm packages (better-sqlite3) are found through NODE_PATH, wherever the bundle is.
  const env = { ...process.env, NODE_PATH: path.join(__dirname, '..', '..', 'node_modules') };
  const child = fork(bundle, [entry, ...args], { execArgv: [...SERVER_NODE_FLAGS], env });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => { if (code !== 0) process.exitCode = code ?? 1; resolve(); });
  });
}
