/**
 * A build kept in the temporary folder for every test file and run while what it reads stays the same: the dashboard
 * (test/dashboard/shared-build.ts) and the add-on (test/addon/shared-addon-build.ts) each cost esbuild ~0.5–2 CPU-s,
 * once per file that built its own. Kept under the hash of its inputs (paths and bytes, more than it reads, so that a
 * change to any of them builds again); built beside its place and renamed into it, so that two jest workers building
 * at once each keep a whole build.
 */
import { createHash, type Hash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

function hashInputs(hash: Hash, rel: string): void {
  const full = path.join(ROOT, rel);
  if (!fs.statSync(full).isDirectory()) { hash.update(`${rel}\0`).update(fs.readFileSync(full)).update('\0'); return; }
  for (const name of fs.readdirSync(full).sort()) hashInputs(hash, path.join(rel, name));
}

/**
 * The build of `inputs` (paths from the repository's root) and `key` (what else shapes it, e.g. its config), from
 * `os.tmpdir()/<cache>/` or made by `build(folder)` there. Its folder is shared: read it, write nothing into it, never
 * remove it. `build` answers what the callers need besides the folder (JSON), kept beside it.
 */
export async function keptBuild<T extends object>(cache: string, inputs: readonly string[], key: string, build: (dir: string) => Promise<T>): Promise<T & { outDir: string }> {
  const hash = createHash('sha256').update(`${key}\0`);
  for (const rel of inputs) hashInputs(hash, rel);
  const root = path.join(os.tmpdir(), cache);
  const dir = path.join(root, hash.digest('hex').slice(0, 24));
  // What `build` answered, beside the folder, written last: a folder without it may be one still being moved in.
  const manifest = `${dir}.json`;
  if (fs.existsSync(manifest)) return { ...(JSON.parse(fs.readFileSync(manifest, 'utf8')) as T), outDir: dir };
  fs.mkdirSync(root, { recursive: true });
  const staging = fs.mkdtempSync(path.join(root, 'building-'));
  const built = await build(staging);
  try {
    fs.renameSync(staging, dir);
    fs.writeFileSync(`${staging}.json`, JSON.stringify(built));
    fs.renameSync(`${staging}.json`, manifest);
  } catch {
    // Another worker's build is there (the same bytes: the same inputs).
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { ...built, outDir: dir };
}
