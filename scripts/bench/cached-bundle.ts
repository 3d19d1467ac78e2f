/**
 * A bench's program as esbuild bundles it, kept in dist/bench/ and built again only when what it is built from
 * changed: the content of every file the last build read (esbuild's metafile), of the scripts that say how it is
 * built (the build's options and plugins, scripts/build.ts, scripts/validator-code.ts…) and the lockfile (esbuild's
 * version). The bundles carry the server and the compiled validators (~5 MB, about a CPU-second each to build):
 * rebuilt on every run, the same bytes cost each `npm run bench:…` — and the benches' smoke test, which runs them all
 * at a tiny size in every `npm test` — more than the bench's own work at that size. The bench runs the same code as
 * before: the bundle is byte for byte what a build of the same sources makes.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { build, type BuildOptions } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, 'dist', 'bench');
/** How the bundles are built: a change to any of these builds them again. */
const BUILD_SCRIPTS = [__filename, path.join(ROOT, 'scripts', 'build.ts'), path.join(ROOT, 'scripts', 'build-addon.ts'), path.join(ROOT, 'scripts', 'validator-code.ts'), path.join(ROOT, 'package-lock.json')];

interface Manifest { options: string; inputs: string[]; state: string; bundle: string }

/** The files' contents (a missing file counts as missing), in one hash. */
function contentState(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    let contents: Buffer | undefined;
    try { contents = fs.readFileSync(file); } catch { contents = undefined; }
    hash.update(`${file}\0${contents ? contents.length : 'missing'}\0`);
    if (contents) hash.update(contents);
  }
  return hash.digest('hex');
}

function writeWhole(file: string, contents: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

/**
 * `options` (one entry point, `outfile` left out) built as dist/bench/<name>-<hash>.js, or the one already there
 * when nothing it was built from changed; its path. The name is the bench's own (two benches bundling the same
 * entry with other options keep one bundle each).
 */
export async function cachedBundle(name: string, options: BuildOptions): Promise<string> {
  // The options as text, the plugins by name (their code is in BUILD_SCRIPTS).
  const optionsText = JSON.stringify({ ...options, plugins: options.plugins?.map((p) => p.name) });
  const manifestFile = path.join(CACHE, `${name}.json`);
  try {
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    if (m.options === optionsText && fs.existsSync(m.bundle) && contentState([...BUILD_SCRIPTS, ...m.inputs]) === m.state) return m.bundle;
  } catch {
    // No bundle yet, or an unreadable manifest: built below.
  }
  const started = Date.now();
  const { outputFiles, metafile } = await build({ ...options, outfile: path.join(CACHE, `${name}.js`), write: false, metafile: true });
  const inputs = Object.keys(metafile.inputs).map((input) => path.resolve(input)).filter((file) => fs.existsSync(file));
  const state = contentState([...BUILD_SCRIPTS, ...inputs]);
  const bundle = path.join(CACHE, `${name}-${state.slice(0, 16)}.js`);
  fs.mkdirSync(CACHE, { recursive: true });
  const js = outputFiles.find((f) => f.path.endsWith('.js'));
  if (!js) throw new Error(`${name}: esbuild no escribió el programa`);
  writeWhole(bundle, js.contents);
  // A source saved while this ran may not be in what was built: then no manifest, and the next run builds again.
  if ([...BUILD_SCRIPTS, ...inputs].some((f) => { try { return fs.statSync(f).mtimeMs >= started; } catch { return true; } })) return bundle;
  writeWhole(manifestFile, JSON.stringify({ options: optionsText, inputs, state, bundle } satisfies Manifest));
  // Earlier builds of this bundle, left an hour ago or more (a bench started before may still be reading a newer one).
  for (const f of fs.readdirSync(CACHE)) {
    const file = path.join(CACHE, f);
    if (f.startsWith(`${name}-`) && f.endsWith('.js') && file !== bundle) {
      try { if (Date.now() - fs.statSync(file).mtimeMs > 3_600_000) fs.rmSync(file, { force: true }); } catch { /* gone already */ }
    }
  }
  return bundle;
}
