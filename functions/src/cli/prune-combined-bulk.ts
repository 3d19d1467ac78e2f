/**
 * Self-hosted, the downloads that span several publications — those of all publishers together (`todos/<hash>/`) and
 * those a publisher's request builds over more than one (`publicador/<id>/<hash>/`, bulk-files.ts bulkPrefix) — are
 * written under a name made of the publications they read, on the first download after each publication. Nothing
 * removed the earlier ones: each publication left behind a whole copy of everyone's data (JSON, JSON Lines, their
 * .gz and datos.xlsx) in BULK_DIR, until the disk filled. In the cloud the bucket's lifecycle rule removes them after
 * 7 days (docs/deploy.md §3); here `publications prune` does, with the same date and 24-hour margin as publications.
 * Removing one that is still wanted costs only its rebuilding: the API writes any missing folder on demand.
 */
import * as fs from 'fs';
import * as path from 'path';

const COMBINED_ROOTS = ['todos', 'publicador'];
const DAY_MS = 24 * 3600_000;

export interface CombinedFolder { folder: string; bytes: number }

function sizeOf(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const at = path.join(dir, entry.name);
    bytes += entry.isDirectory() ? sizeOf(at) : fs.statSync(at).size;
  }
  return bytes;
}

/** The hash folders under `todos/` and `publicador/<id>/` of `bulkDir`. */
function combinedFolders(bulkDir: string): string[] {
  const found: string[] = [];
  const children = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name)) : []);
  for (const hash of children(path.join(bulkDir, 'todos'))) found.push(hash);
  for (const publisher of children(path.join(bulkDir, 'publicador'))) found.push(...children(publisher));
  return found;
}

/**
 * The folders last written before `before` and more than 24 hours ago (a download may be reading the newest), but
 * `keep` (relative to `bulkDir`, as bulkPrefix names it: the current downloads of all publishers).
 */
export function staleCombinedBulk(bulkDir: string, opts: { before: string; now: Date; keep: string[] }): CombinedFolder[] {
  const limit = Math.min(Date.parse(opts.before), opts.now.getTime() - DAY_MS);
  const keep = new Set(opts.keep.map((k) => path.resolve(bulkDir, k)));
  return combinedFolders(bulkDir)
    .filter((folder) => !keep.has(path.resolve(folder)) && fs.statSync(folder).mtimeMs < limit)
    .map((folder) => ({ folder, bytes: sizeOf(folder) }));
}

export function removeCombinedBulk(folders: CombinedFolder[]): void {
  for (const { folder } of folders) fs.rmSync(folder, { recursive: true, force: true });
  // A publisher's folder left empty goes too.
  for (const parent of new Set(folders.map((f) => path.dirname(f.folder)))) {
    if (COMBINED_ROOTS.includes(path.basename(parent))) continue;
    try { fs.rmdirSync(parent); } catch { /* not empty */ }
  }
}
