/**
 * The add-on as `npm run build:addon` builds it (scripts/build-addon.ts buildAddon), built once for every run of the
 * test files that use it while nothing it reads changes: minifying the 2.7 MB Code.js and the sidebar's bundle cost
 * ~2 CPU-s of esbuild per build (test/support/kept-build.ts).
 */
import { buildAddon, type AddonBuild, type AddonBuildConfig } from '../../scripts/build-addon';
import { keptBuild } from '../support/kept-build';

/**
 * What the add-on's build reads: its sources and the sidebar's, what they import (core/, schemas/ and the compiled
 * validators), the build scripts, tsconfig (esbuild reads it) and the lock file (the npm packages bundled, esbuild's
 * version). More than it reads, so that a change to any of them builds again.
 */
const BUILD_INPUTS = ['addon/src', 'addon/sidebar', 'core', 'schemas', 'scripts/build-addon.ts', 'scripts/validator-code.ts',
  'scripts/bundle-globals.ts', 'tsconfig.json', 'package-lock.json'];

/** The built add-on for `config`. Its folder is shared: read it, write nothing into it, never remove it. */
export function sharedAddonBuild(config: AddonBuildConfig): Promise<AddonBuild> {
  return keptBuild('ia-addon-build', BUILD_INPUTS, JSON.stringify(config), async (dir) => {
    const { outDir: _built, ...build } = await buildAddon(dir, config);
    return build;
  });
}
