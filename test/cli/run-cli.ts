/** Test helper: runs the CLI's `main` in-process with captured stdout/stderr lines, and a scratch folder. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../functions/src/cli/main';

export interface CliRun { code: number; out: string; err: string }

export async function runCli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export function scratchDir(prefix = 'cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `infra-${prefix}`));
}

export function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** A stack trace line ("    at fn (file.ts:12:3)") or a raw JS error name must never reach a person. */
export const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$|\b(TypeError|ReferenceError|SyntaxError|RangeError)\b/m;
