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
 * Removes the entries of `dir` named `prefix` then what `id` matches, its first group the process id
 * (`/^(\d+)$/`: the id ends the name; `/^(\d+)-/`: a dash follows it), whose process is gone.
 */
export function removeAbandoned(dir: string, prefix: string, id: RegExp): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const match = id.exec(name.slice(prefix.length));
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && isGone(pid)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}
