/**
 * Files and folders a process of ours left behind when it was killed (SIGKILL, Ctrl-C during a synchronous write,
 * a test runner that never fires `exit`), named with that process's id: removed once the process is gone.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Whether no process has this id (a live one of another user answers EPERM: still there). */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes the entries of `dir` named `${prefix}${pid}${anything}` whose process is gone; `pidEnd` says where the
 * id ends (`-` after it, or the end of the name).
 */
export function removeAbandoned(dir: string, prefix: string, pidEnd: 'end' | '-'): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const rest = name.slice(prefix.length);
    const dash = rest.indexOf('-');
    if (pidEnd === '-' && dash < 0) continue;
    const digits = pidEnd === 'end' ? rest : rest.slice(0, dash);
    if (!/^\d+$/.test(digits)) continue;
    const pid = Number(digits);
    if (pid !== process.pid && isGone(pid)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}
