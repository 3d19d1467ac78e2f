/**
 * The built dashboard the browser tests serve, built once for all their files (see sharedDashboardBuild).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildDashboard, type DashboardBuild } from '../../scripts/build-dashboard';

const ROOT = path.resolve(__dirname, '../..');

/**
 * What the dashboard's build reads: its sources and what they import (core/, schemas/: esbuild's inputs), the build
 * script, the 404 page, the map's outlines and esbuild. More than it reads, so that a change to any of them builds again.
 */
const BUILD_INPUTS = ['dashboard/src', 'core', 'schemas', 'scripts/build-dashboard.ts', 'functions/src/server/not-found-page.ts',
  'node_modules/@svg-maps/mexico/package.json', 'node_modules/esbuild/package.json'];

function hashInputs(hash: ReturnType<typeof createHash>, rel: string): void {
  const full = path.join(ROOT, rel);
  if (!fs.statSync(full).isDirectory()) { hash.update(`${rel}\0`).update(fs.readFileSync(full)).update('\0'); return; }
  for (const name of fs.readdirSync(full).sort()) hashInputs(hash, path.join(rel, name));
}

/**
 * The dashboard built once for all the browser files that serve it (each built its own, about half a CPU-second with
 * esbuild's start): in the temporary folder, under the hash of what the build reads, so sources changed build again.
 * Built beside it and renamed into place: two jest workers building at once each keep a whole build.
 */
export async function sharedDashboardBuild(): Promise<DashboardBuild> {
  const hash = createHash('sha256');
  for (const rel of BUILD_INPUTS) hashInputs(hash, rel);
  const root = path.join(os.tmpdir(), 'ia-dashboard-build');
  const dir = path.join(root, hash.digest('hex').slice(0, 24));
  // Its file list beside it, written last: a folder without it may be one still being moved into place.
  const manifest = `${dir}.json`;
  if (fs.existsSync(manifest)) return { files: (JSON.parse(fs.readFileSync(manifest, 'utf8')) as Pick<DashboardBuild, 'files'>).files, outDir: dir };
  fs.mkdirSync(root, { recursive: true });
  const staging = fs.mkdtempSync(path.join(root, 'building-'));
  const build = await buildDashboard(staging);
  try {
    fs.renameSync(staging, dir);
    fs.writeFileSync(`${staging}.json`, JSON.stringify({ files: build.files }));
    fs.renameSync(`${staging}.json`, manifest);
  } catch {
    // Another worker's build is there (the same bytes: the same inputs).
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { ...build, outDir: dir };
}
