/**
 * What tests make the same way in every file, kept in the temporary folder for every test file and run while what it
 * reads stays the same: the dashboard (test/dashboard/shared-build.ts) and the add-on (test/addon/shared-addon-build.ts)
 * each cost esbuild ~0.5–2 CPU-s, once per file that built its own; the example workbooks (test/example-workbooks.ts)
 * ~0.4 CPU-s to parse. Kept under the hash of its inputs (paths and bytes, more than it reads, so that a change to any
 * of them makes it again); made beside its place and renamed into it, so that two jest workers making it at once each
 * keep a whole one.
 */
import { createHash, type Hash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';

const ROOT = path.resolve(__dirname, '../..');

function hashInputs(hash: Hash, rel: string): void {
  const full = path.join(ROOT, rel);
  if (!fs.statSync(full).isDirectory()) { hash.update(`${rel}\0`).update(fs.readFileSync(full)).update('\0'); return; }
  for (const name of fs.readdirSync(full).sort()) hashInputs(hash, path.join(rel, name));
}

/** The hash of `key` and of `inputs` (paths from the repository's root: their names and bytes). */
function inputsHash(inputs: readonly string[], key: string): string {
  const hash = createHash('sha256').update(`${key}\0`);
  for (const rel of inputs) hashInputs(hash, rel);
  return hash.digest('hex').slice(0, 24);
}

/**
 * The build of `inputs` (paths from the repository's root) and `key` (what else shapes it, e.g. its config), from
 * `os.tmpdir()/<cache>/` or made by `build(folder)` there. Its folder is shared: read it, write nothing into it, never
 * remove it. `build` answers what the callers need besides the folder (JSON), kept beside it.
 */
export async function keptBuild<T extends object>(cache: string, inputs: readonly string[], key: string, build: (dir: string) => Promise<T>): Promise<T & { outDir: string }> {
  const root = path.join(os.tmpdir(), cache);
  const dir = path.join(root, inputsHash(inputs, key));
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

/**
 * The value `make` answers for `inputs`, kept in `os.tmpdir()/<cache>/` in V8's own serialization (Dates stay Dates).
 * Each call gets a copy of its own, made in this process's realm, not jest's (as structuredClone makes it).
 */
export async function keptValue<T>(cache: string, inputs: readonly string[], make: () => Promise<T>): Promise<T> {
  const root = path.join(os.tmpdir(), cache);
  const file = path.join(root, `${inputsHash(inputs, '')}.v8`);
  if (fs.existsSync(file)) return v8.deserialize(fs.readFileSync(file)) as T;
  const value = await make();
  const bytes = v8.serialize(value);
  fs.mkdirSync(root, { recursive: true });
  // Written beside it and renamed into place: another jest worker may be reading it.
  const staging = `${file}.${process.pid}`;
  fs.writeFileSync(staging, bytes);
  fs.renameSync(staging, file);
  return v8.deserialize(bytes) as T;
}
