/**
 * Runs the built CLI (dist/cli.js, as `npx infra-abierta` does) as a fresh process and measures the whole
 * command as a person meets it: wall time from start to exit as a shell's `time` gives it, and the process's peak
 * RSS (from /usr/bin/time when present, else from the child's own resource usage reported at exit).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

/** `cpuMs`: user + system CPU time of the command; on a shared machine it varies less than the wall time. */
export interface CommandFigures { ms: number; cpuMs: number; peakRssMiB: number; code: number; stderr: string }

/**
 * Variables this machine sets that a person's computer does not: the sandbox points NODE_EXTRA_CA_CERTS at the system
 * CA bundle for its HTTPS proxy (npm's registry), and with it set Node reads and parses the whole bundle before any of
 * our code runs — about 40 ms of every start here (`node -e ""`: 0.10 s with it, 0.06 s without) — for commands that
 * open no connection. The commands are timed without them; `nodeStartNote()` prints both starts.
 */
const MACHINE_ONLY = ['NODE_EXTRA_CA_CERTS'];

function commandEnv(keepMachineOnly = false): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, METADATA_SERVER_DETECTION: 'none' };
  if (!keepMachineOnly) for (const name of MACHINE_ONLY) delete env[name];
  return env;
}

/** `node …argv` as a fresh process, timed as a shell's `time` gives it. */
function timeNode(argv: string[], env: NodeJS.ProcessEnv): CommandFigures {
  const timeBin = '/usr/bin/time';
  const hasTime = fs.existsSync(timeBin);
  // The wall time is taken by a shell's `time`, as a person's shell starts the command: from this (large) bench
  // process, spawning took another 10–25 ms (at times 70) that nobody running the command waits for.
  const shell = hasTime && fs.existsSync('/bin/bash');
  const started = process.hrtime.bigint();
  const r = shell
    ? spawnSync('/bin/bash', ['-c', 'TIMEFORMAT="@@WALL %3R"; time "$@"', 'bash', timeBin, '-f', '@@RSS %M %U %S', process.execPath, ...argv], { encoding: 'utf8', env, maxBuffer: 1 << 30 })
    : hasTime
      ? spawnSync(timeBin, ['-f', '@@RSS %M %U %S', process.execPath, ...argv], { encoding: 'utf8', env, maxBuffer: 1 << 30 })
      : argv[0].startsWith('-')
        ? spawnSync(process.execPath, argv, { encoding: 'utf8', env })
        : spawnSync(process.execPath, ['-e', `process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('@@RSS '+u.maxRSS+' '+u.userCPUTime/1e6+' '+u.systemCPUTime/1e6+'\\n')});process.argv.splice(1,1);require(${JSON.stringify(argv[0])})`, ...argv], { encoding: 'utf8', env, maxBuffer: 1 << 30 });
  const spawned = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  const wall = /@@WALL ([\d.]+)/.exec(r.stderr ?? '');
  const rss = /@@RSS (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return {
    ms: wall ? Math.round(Number(wall[1]) * 1000) : spawned,
    cpuMs: rss ? Math.round((Number(rss[2]) + Number(rss[3])) * 1000) : NaN, peakRssMiB: rss ? Math.round(Number(rss[1]) / 1024) : NaN,
    code: r.status ?? -1, stderr: (r.stderr ?? '').replace(/@@RSS [\d. ]+\n?/, '').replace(/\n?@@WALL [\d.]+\n?/, ''),
  };
}

export function runWholeCommand(args: string[]): CommandFigures {
  return timeNode([path.join(ROOT, 'dist', 'cli.js'), ...args], commandEnv());
}

/**
 * Node's own start on this machine (`node -e ""`, median of as many runs as each command gets: commandRuns()), and
 * with the machine-only variables when it sets them: the line the benches print under their tables, so a reader can
 * add that start back. (Always 5 runs, it was 10 starts of each engine bench's smoke test at 2 runs a command.)
 */
export function nodeStartNote(): string {
  const start = (keep: boolean): number => median(Array.from({ length: commandRuns() }, () => timeNode(['-e', ''], commandEnv(keep)).ms));
  const set = MACHINE_ONLY.filter((name) => process.env[name] !== undefined);
  const bare = start(false);
  if (!set.length) return `Arranque de Node (node -e ""): ${bare} ms.`;
  return `Arranque de Node (node -e ""): ${bare} ms; con ${set.join(', ')} de esta máquina (su proxy HTTPS), ${start(true)} ms. Las órdenes se miden sin esa variable, como en la computadora de quien las usa.`;
}

/** Runs of a whole command per figure: `--runs N` or BENCH_RUNS (default 5). */
export function commandRuns(): number {
  const at = process.argv.indexOf('--runs');
  const n = Number(at > 0 ? process.argv[at + 1] : process.env.BENCH_RUNS ?? 5);
  if (!Number.isInteger(n) || n < 1) throw new Error('--runs debe ser un entero de al menos 1');
  return n;
}

/** Figures of several runs: the median wall and CPU time (what a person typically waits), the range, the largest RSS. */
export interface RepeatedFigures extends CommandFigures { minMs: number; maxMs: number; runs: number }

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

/**
 * The command `runs` times in a row (`before` runs untimed ahead of each, e.g. to remove the last output). On this
 * shared 2-core machine one run of a sub-second command varies by ±5 %, as much as a target's margin: the median
 * of several is the figure held against the target, the range is printed beside it.
 */
export function repeatWholeCommand(args: string[], runs = commandRuns(), before?: () => void): RepeatedFigures {
  const all: CommandFigures[] = [];
  for (let k = 0; k < runs; k++) {
    before?.();
    const r = runWholeCommand(args);
    all.push(r);
    if (r.code > 1) break;
  }
  const ms = all.map((r) => r.ms);
  const last = all[all.length - 1];
  return {
    ...last, ms: median(ms), cpuMs: median(all.map((r) => r.cpuMs)), peakRssMiB: Math.max(...all.map((r) => r.peakRssMiB)),
    minMs: Math.min(...ms), maxMs: Math.max(...ms), runs: all.length,
  };
}

/** `812 (798–845)`: the median and, over several runs, the range. */
export function formatRepeated(r: RepeatedFigures): string {
  return r.runs > 1 ? `${r.ms} (${r.minMs}–${r.maxMs})` : String(r.ms);
}
