/**
 * The owner and group of a file by name, as `install -o … -g …` takes them: read from /etc/passwd and /etc/group
 * (the number when a name is not there). Undefined where files have no such owner (Windows).
 */
import * as fs from 'fs';

function nameOf(table: string, id: number): string {
  try {
    for (const line of fs.readFileSync(table, 'utf8').split('\n')) {
      const [name, , field] = line.split(':');
      if (name && Number(field) === id) return name;
    }
  } catch { /* no table to read: the number stands */ }
  return String(id);
}

export function fileOwner(file: string): { user: string; group: string } | undefined {
  if (process.platform === 'win32') return undefined;
  const { uid, gid } = fs.statSync(file);
  return { user: nameOf('/etc/passwd', uid), group: nameOf('/etc/group', gid) };
}
