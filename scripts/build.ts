/**
 * Build (`npm run build`): bundles the CLI + local server with esbuild into dist/: cli.js (the small entry),
 * cli-engine.js (validate, convert, compile), cli-compile.js (compile alone, smaller), cli-main.js (every other
 * command: store, server, backend), and validators/*.js. The bundles inline our own code and the generated schemas; npm packages stay external
 * (better-sqlite3 is native, firebase-admin is loaded from node_modules). Type checking is `npm run typecheck`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { validatorCode } from './validator-code';

export const ROOT = path.resolve(__dirname, '..');

/** Node 20 bundles of our code and data; npm packages are loaded from node_modules at run time. */
export const NODE_BUNDLE: BuildOptions = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', sourcemap: true, logLevel: 'warning' };

const VALIDATORS_DIR = path.join(ROOT, 'schemas', 'validators');

/**
 * The compiled validators are 4 MB of the CLI's 5 MB (issue 17): inlined, every command paid for reading and
 * compiling all five, though a run uses one or two (a release package: the package's and the release's). In the
 * CLI bundles each one is a stand-in that loads dist/validators/<name>.js on its first call and passes `.errors`
 * on, the interface core/validate/validators.ts expects — so the core keeps its plain imports (the add-on and
 * the functions bundle still inline them).
 */
const lazyValidators: Plugin = {
  name: 'lazy-validators',
  setup(b) {
    b.onLoad({ filter: /[\\/]schemas[\\/]validators[\\/][\w-]+\.js$/ }, (args) => {
      const name = path.basename(args.path, '.js');
      return {
        loader: 'js',
        contents: `"use strict";
let real;
function validate(data, options) {
  real ??= require(\`\${__dirname}/validators/${name}.js\`);
  const valid = real(data, options);
  validate.errors = real.errors;
  return valid;
}
module.exports = validate;
module.exports.default = validate;
`,
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
async function buildWhole(options: BuildOptions): Promise<void> {
  const { outputFiles } = await build({ ...options, write: false });
  for (const file of outputFiles) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
    fs.writeFileSync(temporary, file.contents);
    fs.renameSync(temporary, file.path);
  }
}

/** dist/validators/<name>.js: each compiled validator minified (as the add-on's Code.js has them), its npm helpers external. */
async function buildValidators(outDir: string): Promise<void> {
  const names = fs.readdirSync(VALIDATORS_DIR).filter((f) => f.endsWith('.js'));
  await Promise.all(names.map((f) => buildWhole({ ...NODE_BUNDLE, sourcemap: false, minify: true, plugins: [validatorCode], entryPoints: [path.join(VALIDATORS_DIR, f)], outfile: path.join(outDir, 'validators', f) })));
}

export async function buildCli(): Promise<void> {
  const dist = path.join(ROOT, 'dist');
  // A small entry that answers `--help` at once and loads the bundle the command needs.
  await buildWhole({ ...NODE_BUNDLE, entryPoints: [path.join(ROOT, 'functions/src/cli/bin.ts')], outfile: path.join(dist, 'cli.js') });
  await buildWhole({ ...NODE_BUNDLE, plugins: [lazyValidators, jsonAsParse], entryPoints: [path.join(ROOT, 'functions/src/cli/engine.ts')], outfile: path.join(dist, 'cli-engine.js') });
  await buildWhole({ ...NODE_BUNDLE, plugins: [lazyValidators, jsonAsParse], entryPoints: [path.join(ROOT, 'functions/src/cli/main.ts')], outfile: path.join(dist, 'cli-main.js') });
  await buildWhole({ ...NODE_BUNDLE, plugins: [lazyValidators, jsonAsParse], entryPoints: [path.join(ROOT, 'functions/src/cli/compile-main.ts')], outfile: path.join(dist, 'cli-compile.js') });
  // The self-hosted server's background thread (functions/src/server/background-thread.ts), started by `serve`.
  await buildWhole({ ...NODE_BUNDLE, plugins: [lazyValidators, jsonAsParse], entryPoints: [path.join(ROOT, 'functions/src/server/background-worker.ts')], outfile: path.join(dist, 'background-worker.js') });
  await buildValidators(dist);
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
