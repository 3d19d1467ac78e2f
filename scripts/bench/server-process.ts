/**
 * The real local server (`dist/cli.js serve`) as a child process for the benchmarks, on loopback, with its
 * memory and CPU read from /proc (Linux): the load generator must not share the server's event loop.
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawn } from 'child_process';
import { ROOT } from '../build';

export interface ServerProcess { url: string; pid: number; stop: () => void; exited: () => boolean }

/** `processes` > 1: `serve --procesos N` (a primary and N workers sharing the port). */
export async function startServer(sqliteFile: string, processes = 1): Promise<ServerProcess> {
  // BENCH_SERVER_FLAGS: node flags for the server only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/perfil` (NODE_OPTIONS refuses them).
  const flags = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, path.join(ROOT, 'dist/cli.js'), 'serve', ...(processes > 1 ? ['--procesos', String(processes)] : [])], {
    env: { ...process.env, INFRA_SQLITE: sqliteFile, PORT: '0', HOST: '127.0.0.1', METADATA_SERVER_DETECTION: 'none' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => { exited = true; });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => { const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(d.toString()); if (m) resolve(m[1]); });
    child.once('exit', () => reject(new Error('el servidor terminó antes de tiempo')));
  });
  return { url, pid: child.pid as number, stop: () => child.kill('SIGINT'), exited: () => exited };
}

/** Resident memory of a process in bytes (0 once it is gone). */
export function rssOf(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** The process and its children, grandchildren… (the cluster's workers). */
function treeOf(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const t of fs.readdirSync(`/proc/${out[i]}/task`)) {
        out.push(...fs.readFileSync(`/proc/${out[i]}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
      }
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** Resident memory of a process and its children (the cluster's workers) in bytes. */
export function rssOfTree(pid: number): number {
  return treeOf(pid).reduce((n, p) => n + rssOf(p), 0);
}

/** CPU seconds of a process and its children. */
export function cpuOfTree(pid: number): number {
  return treeOf(pid).reduce((n, p) => n + cpuOf(p), 0);
}

/** CPU seconds (user + system) the process has used so far (/proc/<pid>/stat, clock ticks of 1/100 s). */
export function cpuOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
