/**
 * Test helper: runs the built CLI (dist/cli.js, as an operator does) as a child process, without blocking this
 * process — an in-process Firestore emulator must keep answering it — and stops it after `timeoutMs`, so a command
 * that hangs fails its test at once instead of at jest's limit.
 */
import { spawn } from 'child_process';
import * as path from 'path';
import { ROOT } from '../standards';

export interface BuiltRun { code: number | null; out: string; err: string; timedOut: boolean }

export const BUILT_CLI = path.join(ROOT, 'dist', 'cli.js');

export function runBuiltCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 10_000): Promise<BuiltRun> {
  return runNode([BUILT_CLI, ...args], env, timeoutMs);
}

/** `node …args` with `env` over this process's, stopped after `timeoutMs`; what it wrote. */
function runNode(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<BuiltRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, METADATA_SERVER_DETECTION: 'none', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, out, err, timedOut }); });
  });
}

export interface InTurn { args: string[]; env: NodeJS.ProcessEnv }

/**
 * Runs each command with the built CLI's own bundle (dist/cli-main.js, what dist/cli.js loads for these commands),
 * one after the other in one child process with its environment, and stops the child after `timeoutMs`: a hang fails
 * every run at once. Each result as runBuiltCli's, its lines ended as console.log/console.error end them.
 */
export async function runBuiltMainInTurn(runs: InTurn[], timeoutMs: number): Promise<BuiltRun[]> {
  const script = `
    const { main } = require(${JSON.stringify(path.join(ROOT, 'dist', 'cli-main.js'))});
    const runs = JSON.parse(process.argv[1]);
    (async () => {
      const results = [];
      for (const { args, env } of runs) {
        const saved = Object.keys(env).map((k) => [k, process.env[k]]);
        Object.assign(process.env, env);
        let out = '';
        let err = '';
        const code = await main(args, { out: (l) => { out += l + '\\n'; }, err: (l) => { err += l + '\\n'; } });
        for (const [k, v] of saved) if (v === undefined) delete process.env[k]; else process.env[k] = v;
        results.push({ code, out, err });
      }
      process.stdout.write(JSON.stringify(results));
      process.exit(0);
    })();`;
  const run = await runNode(['-e', script, JSON.stringify(runs)], {}, timeoutMs);
  if (run.timedOut || run.code !== 0) return runs.map(() => run);
  return (JSON.parse(run.out) as { code: number; out: string; err: string }[]).map((r) => ({ ...r, timedOut: false }));
}
