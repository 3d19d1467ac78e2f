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
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], { env: { ...process.env, METADATA_SERVER_DETECTION: 'none', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
