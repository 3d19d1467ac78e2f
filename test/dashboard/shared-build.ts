/**
 * The built dashboard the browser tests serve, built once for all their files (each built its own, about half a
 * CPU-second with esbuild's start): test/support/kept-build.ts.
 */
import { buildDashboard, type DashboardBuild } from '../../scripts/build-dashboard';
import { keptBuild } from '../support/kept-build';

/**
 * What the dashboard's build reads: its sources and what they import (core/, schemas/: esbuild's inputs), the build
 * script, the 404 page, the map's outlines and esbuild. More than it reads, so that a change to any of them builds again.
 */
const BUILD_INPUTS = ['dashboard/src', 'core', 'schemas', 'scripts/build-dashboard.ts', 'functions/src/server/not-found-page.ts',
  'node_modules/@svg-maps/mexico/package.json', 'node_modules/esbuild/package.json'];

export function sharedDashboardBuild(): Promise<DashboardBuild> {
  return keptBuild('ia-dashboard-build', BUILD_INPUTS, '', async (dir) => ({ files: (await buildDashboard(dir)).files }));
}
