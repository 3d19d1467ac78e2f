/**
 * dist/ is built again when its stamp (dist/.built-from.json) was written by a build in another folder: a working
 * copy made by copying another with its dist/ named that folder's sources, unchanged there, so `buildCli` kept the
 * other folder's CLI and this checkout's CLI tests ran code that was not theirs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildCli, ROOT, STAMP, sourcesState } from './build';

interface Stamp { root?: string; sources: string[]; outputs: string[]; state: string }
const readStamp = (): Stamp => JSON.parse(fs.readFileSync(STAMP, 'utf8')) as Stamp;

test("a dist/ copied from another checkout is built again from this checkout's sources", async () => {
  await buildCli();
  const own = readStamp();
  // The stamp as the copy brings it: the other folder's sources (copies of ours, unchanged since that build).
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'otra-copia-'));
  try {
    const sources = own.sources.filter((f) => f.startsWith(ROOT + path.sep) && !f.includes(`${path.sep}node_modules${path.sep}`)).slice(0, 20).map((f) => {
      const copy = path.join(other, path.relative(ROOT, f));
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fs.copyFileSync(f, copy);
      return copy;
    });
    fs.writeFileSync(STAMP, JSON.stringify({ root: other, sources, outputs: own.outputs, state: sourcesState(sources) }));
    await buildCli();
    const after = readStamp();
    expect(after.sources.filter((f) => f.startsWith(other))).toEqual([]);
    expect(after.sources).toContain(path.join(ROOT, 'functions', 'src', 'cli', 'bin.ts'));
    expect(after.root).toBe(ROOT);
  } finally {
    fs.rmSync(other, { recursive: true, force: true });
  }
}, 120_000);
