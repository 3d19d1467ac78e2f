/**
 * Build (`npm run build`): bundles the CLI + local server with esbuild into dist/: cli.js (the small entry),
 * cli-engine.js (validate, convert, compile), cli-compile.js (compile alone, smaller), cli-main.js (every other
 * command: store, server, backend), and validators/all.js. The bundles inline our own code and the generated schemas; npm packages stay external
 * (better-sqlite3 is native, firebase-admin is loaded from node_modules). Type checking is `npm run typecheck`.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { validatorCode } from './validator-code';

export const ROOT = path.resolve(__dirname, '..');

/** Node 20 bundles of our code and data; npm packages are loaded from node_modules at run time. */
export const NODE_BUNDLE: BuildOptions = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', sourcemap: true, logLevel: 'warning' };

const VALIDATORS_DIR = path.join(ROOT, 'schemas', 'validators');

/**
 * The compiled validators were 4 MB of the CLI's 5 MB (issue 17): inlined, every command paid for reading and
 * compiling them, though most commands never validate. In the CLI bundles the module is a stand-in whose five
 * validators load dist/validators/all.js on the first call of any of them and pass `.errors` on, the interface
 * core/validate/validators.ts expects — so the core keeps its plain import (the add-on and the functions bundle
 * still inline them).
 */
const lazyValidators: Plugin = {
  name: 'lazy-validators',
  setup(b) {
    b.onLoad({ filter: /[\\/]schemas[\\/]validators[\\/][\w-]+\.js$/ }, (args) => {
      const file = path.basename(args.path);
      // The names the generated module exports (`exports.release = validate10;`…).
      const names = [...fs.readFileSync(args.path, 'utf8').matchAll(/\bexports\.(\w+) = validate\d+;/g)].map((m) => m[1]);
      return {
        loader: 'js',
        contents: `"use strict";
let real;
function standIn(name) {
  function validate(data, options) {
    real ??= require(\`\${__dirname}/validators/${file}\`);
    const valid = real[name](data, options);
    validate.errors = real[name].errors;
    return valid;
  }
  return validate;
}
${names.map((name) => `exports.${name} = standIn(${JSON.stringify(name)});\n`).join('')}`,
      };
    });
  },
};

/**
 * Our generated JSON (profiles, labels, field titles: 3 MB) as `JSON.parse('…')` instead of esbuild's object
 * literals: V8 reads a JSON string several times faster than the same data as JavaScript source, and every
 * command pays for it at start. The data is the same object either way. An ES module's default export, not
 * `module.exports`: esbuild wraps an imported CommonJS module in a copy with a getter per top-level key (__toESM),
 * thousands of keys for the labels, about 5-9 ms of every start (the code only uses default imports of JSON).
 */
const jsonAsParse: Plugin = {
  name: 'json-as-parse',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      if (text.length < 10_000) return undefined;
      return { loader: 'js', contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});\n` };
    });
  },
};

/**
 * esbuild's build, each output file written whole or not at all: to a temporary name, then renamed over the old one.
 * Test files running at once rebuild dist/ (two jest workers, each building before it runs the CLI or the server)
 * while another's server loads its bundles and validators; written in place, a file read half-written failed a
 * publication in the background thread with a syntax error. A rename replaces a file in one step: a reader gets the
 * old file or the new one, the same code either way.
 */
async function buildWhole(options: BuildOptions): Promise<string[]> {
  const { outputFiles, metafile } = await build({ ...options, write: false, metafile: true });
  for (const file of outputFiles) writeWhole(file.path, file.contents);
  // The files it read (paths relative to the working directory), for the freshness stamp (buildCli).
  return Object.keys(metafile.inputs).map((input) => path.resolve(input));
}

function writeWhole(file: string, contents: Uint8Array | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

/**
 * dist/ as built from these sources: every file its bundles read (esbuild's metafile), the build's own scripts and
 * the lockfile (esbuild's version), each by size and modification time. Built again only when one of them changed,
 * or an output is missing: the suite's test files and the benches call buildCli before running the CLI or the
 * server — a dozen times per `npm test`, ~4 s each — with the same sources.
 */
export const STAMP = path.join(ROOT, 'dist', '.built-from.json');
const BUILD_SCRIPTS = [__filename, path.join(__dirname, 'validator-code.ts'), path.join(ROOT, 'package-lock.json')];

export function sourcesState(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    let stat: fs.Stats | undefined;
    try { stat = fs.statSync(file); } catch { stat = undefined; }
    hash.update(`${file}\0${stat ? `${stat.size}\0${stat.mtimeMs}` : 'missing'}\n`);
  }
  return hash.digest('hex');
}

/**
 * The stamp of this checkout's dist/, or undefined. A stamp written by a build in another folder (a working copy
 * made by copying one with its dist/, as each engineer's clone here was) names that folder's sources, by absolute
 * path: unchanged there, this checkout's CLI was never built again, and its tests ran the other folder's code.
 */
function builtFrom(): { sources: string[]; outputs: string[]; state: string } | undefined {
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8')) as { root?: unknown; sources?: unknown; outputs?: unknown; state?: unknown };
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (stamp.root !== ROOT) return undefined;
    return strings(stamp.sources) && strings(stamp.outputs) && typeof stamp.state === 'string' ? { sources: stamp.sources, outputs: stamp.outputs, state: stamp.state } : undefined;
  } catch {
    return undefined;
  }
}

/** dist/validators/all.js: the compiled validators minified (as the add-on's Code.js has them), their npm helpers external. */
async function buildValidators(outDir: string): Promise<{ sources: string[]; outputs: string[] }> {
  const names = fs.readdirSync(VALIDATORS_DIR).filter((f) => f.endsWith('.js'));
  const outputs = names.map((f) => path.join(outDir, 'validators', f));
  const read = await Promise.all(names.map((f, i) => buildWhole({ ...NODE_BUNDLE, sourcemap: false, minify: true, plugins: [validatorCode], entryPoints: [path.join(VALIDATORS_DIR, f)], outfile: outputs[i] })));
  // A validator added to schemas/validators/ changes the folder's listing: the folder is a source too.
  return { sources: [VALIDATORS_DIR, ...read.flat()], outputs };
}

export async function buildCli(): Promise<void> {
  const stamp = builtFrom();
  if (stamp && stamp.outputs.every((f) => fs.existsSync(f)) && sourcesState(stamp.sources) === stamp.state) return;
  const started = Date.now();
  const dist = path.join(ROOT, 'dist');
  const bundles: [entry: string, out: string, plugins: Plugin[]][] = [
    // A small entry that answers `--help` at once and loads the bundle the command needs.
    ['functions/src/cli/bin.ts', 'cli.js', []],
    ['functions/src/cli/engine.ts', 'cli-engine.js', [lazyValidators, jsonAsParse]],
    ['functions/src/cli/main.ts', 'cli-main.js', [lazyValidators, jsonAsParse]],
    ['functions/src/cli/compile-main.ts', 'cli-compile.js', [lazyValidators, jsonAsParse]],
    // The self-hosted server's background thread (functions/src/server/background-thread.ts), started by `serve`.
    ['functions/src/server/background-worker.ts', 'background-worker.js', [lazyValidators, jsonAsParse]],
  ];
  const sources = new Set(BUILD_SCRIPTS);
  const outputs: string[] = [];
  for (const [entry, out, plugins] of bundles) {
    outputs.push(path.join(dist, out));
    for (const source of await buildWhole({ ...NODE_BUNDLE, plugins, entryPoints: [path.join(ROOT, entry)], outfile: path.join(dist, out) })) sources.add(source);
  }
  const validators = await buildValidators(dist);
  for (const source of validators.sources) sources.add(source);
  outputs.push(...validators.outputs);
  // A source saved while this ran may not be in what was built: then no stamp, and the next call builds again.
  const list = [...sources];
  if (list.some((f) => { try { return fs.statSync(f).mtimeMs >= started; } catch { return true; } })) return;
  writeWhole(STAMP, JSON.stringify({ root: ROOT, sources: list, outputs, state: sourcesState(list) }));
}

/**
 * The Cloud Functions bundle (`firebase deploy` uploads only functions/): our code and data inlined into
 * functions/lib/index.js, npm packages left to functions/package.json.
 */
export async function buildFunctions(outfile = path.join(ROOT, 'functions/lib/index.js')): Promise<void> {
  await buildWhole({ ...NODE_BUNDLE, plugins: [validatorCode], entryPoints: [path.join(ROOT, 'functions/src/index.ts')], outfile });
}

if (require.main === module) {
  const target = process.argv[2];
  (target === 'functions' ? buildFunctions() : buildCli()).then(
    () => console.error(`Construido ${target === 'functions' ? 'functions/lib/index.js' : 'dist/cli.js'}`),
    (e: unknown) => { console.error(e); process.exitCode = 1; },
  );
}
