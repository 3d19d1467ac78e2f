/**
 * Runs the built CLI (dist/cli.js, as `npx infra-abierta` does) as a fresh process and measures the whole
 * command as a person meets it: wall time from spawn to exit and the process's peak RSS (from /usr/bin/time
 * when present, else from the child's own resource usage reported at exit).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

/** `cpuMs`: user + system CPU time of the command; on a shared machine it varies less than the wall time. */
export interface CommandFigures { ms: number; cpuMs: number; peakRssMiB: number; code: number; stderr: string }

export function runWholeCommand(args: string[]): CommandFigures {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  const env = { ...process.env, METADATA_SERVER_DETECTION: 'none' };
  const timeBin = '/usr/bin/time';
  const hasTime = fs.existsSync(timeBin);
  const started = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync(timeBin, ['-f', '@@RSS %M %U %S', process.execPath, cli, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, ['-e', `process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('@@RSS '+u.maxRSS+' '+u.userCPUTime/1e6+' '+u.systemCPUTime/1e6+'\\n')});process.argv.splice(1,1);require(${JSON.stringify(cli)})`, cli, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 30 });
  const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  const rss = /@@RSS (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return {
    ms, cpuMs: rss ? Math.round((Number(rss[2]) + Number(rss[3])) * 1000) : NaN, peakRssMiB: rss ? Math.round(Number(rss[1]) / 1024) : NaN,
    code: r.status ?? -1, stderr: (r.stderr ?? '').replace(/@@RSS [\d. ]+\n?/, ''),
  };
}
