/**
 * Build (`npm run build`): bundles the CLI + local server into dist/cli.js (entry) + dist/cli-main.js with esbuild. The bundle inlines
 * our own code, the generated schemas and the compiled validators; npm packages stay external (better-sqlite3
 * is native, firebase-admin is loaded from node_modules). Type checking is `npm run typecheck`, not part of this.
 */
import * as path from 'path';
import { build, type BuildOptions } from 'esbuild';

export const ROOT = path.resolve(__dirname, '..');

/** Node 20 bundles of our code and data; npm packages are loaded from node_modules at run time. */
export const NODE_BUNDLE: BuildOptions = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', sourcemap: true, logLevel: 'warning' };

export async function buildCli(): Promise<void> {
  // Two files: a small entry that answers `--help` at once, and the whole CLI, which it loads for any command.
  await build({ ...NODE_BUNDLE, entryPoints: [path.join(ROOT, 'functions/src/cli/bin.ts')], outfile: path.join(ROOT, 'dist/cli.js') });
  await build({ ...NODE_BUNDLE, entryPoints: [path.join(ROOT, 'functions/src/cli/main.ts')], outfile: path.join(ROOT, 'dist/cli-main.js') });
}

/**
 * The Cloud Functions bundle (`firebase deploy` uploads only functions/): our code and data inlined into
 * functions/lib/index.js, npm packages left to functions/package.json.
 */
export async function buildFunctions(outfile = path.join(ROOT, 'functions/lib/index.js')): Promise<void> {
  await build({ ...NODE_BUNDLE, entryPoints: [path.join(ROOT, 'functions/src/index.ts')], outfile });
}

if (require.main === module) {
  const target = process.argv[2];
  (target === 'functions' ? buildFunctions() : buildCli()).then(
    () => console.error(`Construido ${target === 'functions' ? 'functions/lib/index.js' : 'dist/cli.js'}`),
    (e: unknown) => { console.error(e); process.exitCode = 1; },
  );
}
