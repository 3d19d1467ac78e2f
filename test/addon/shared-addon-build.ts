/**
 * The add-on as `npm run build:addon` builds it (scripts/build-addon.ts buildAddon), built once for every run of the
 * test files that use it while nothing it reads changes: minifying the 2.7 MB Code.js and the sidebar's bundle cost
 * ~2 CPU-s of esbuild per build. Kept in the temporary folder under the hash of what the build reads and the config.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildAddon, type AddonBuild, type AddonBuildConfig } from '../../scripts/build-addon';

const ROOT = path.resolve(__dirname, '../..');

/**
 * What the add-on's build reads: its sources and the sidebar's, what they import (core/, schemas/ and the compiled
 * validators), the build scripts, tsconfig (esbuild reads it) and the lock file (the npm packages bundled, esbuild's
 * version). More than it reads, so that a change to any of them builds again.
 */
const BUILD_INPUTS = ['addon/src', 'addon/sidebar', 'core', 'schemas', 'scripts/build-addon.ts', 'scripts/validator-code.ts',
  'scripts/bundle-globals.ts', 'tsconfig.json', 'package-lock.json'];

function hashInputs(hash: ReturnType<typeof createHash>, rel: string): void {
  const full = path.join(ROOT, rel);
  if (!fs.statSync(full).isDirectory()) { hash.update(`${rel}\0`).update(fs.readFileSync(full)).update('\0'); return; }
  for (const name of fs.readdirSync(full).sort()) hashInputs(hash, path.join(rel, name));
}

/**
 * The built add-on for `config`, from the cache or built into it (beside it, then renamed into place: two jest workers
 * building at once each keep a whole build). Its folder is shared: read it, write nothing into it, never remove it.
 */
export async function sharedAddonBuild(config: AddonBuildConfig): Promise<AddonBuild> {
  const hash = createHash('sha256').update(`${JSON.stringify(config)}\0`);
  for (const rel of BUILD_INPUTS) hashInputs(hash, rel);
  const root = path.join(os.tmpdir(), 'ia-addon-build');
  const dir = path.join(root, hash.digest('hex').slice(0, 24));
  // What buildAddon answered, beside the folder, written last: a folder without it may be one still being moved in.
  const manifest = `${dir}.json`;
  if (fs.existsSync(manifest)) return { ...(JSON.parse(fs.readFileSync(manifest, 'utf8')) as Omit<AddonBuild, 'outDir'>), outDir: dir };
  fs.mkdirSync(root, { recursive: true });
  const staging = fs.mkdtempSync(path.join(root, 'building-'));
  const { outDir: _built, ...build } = await buildAddon(staging, config);
  try {
    fs.renameSync(staging, dir);
    fs.writeFileSync(`${staging}.json`, JSON.stringify(build));
    fs.renameSync(`${staging}.json`, manifest);
  } catch {
    // Another worker's build is there (the same bytes: the same inputs).
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { ...build, outDir: dir };
}
