/**
 * Builds the public dashboard into dashboard/dist (served by the local server at `/` and by Firebase Hosting):
 * app.js (esbuild bundle of dashboard/src/main.ts with the core formatters, figures and code labels), app.css and
 * index.html, whose asset URLs carry a content hash so caches refresh on every change; and mapa-<hash>.json, the
 * state outlines of @svg-maps/mexico that the maps fetch when first drawn (kept out of app.js: the first render
 * does not wait for them; `lazy` in the build's file list, outside the first-load budget). Everything is local:
 * no CDN, no web fonts, no map tiles.
 */
import * as esbuild from 'esbuild';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { NOT_FOUND_HTML } from '../functions/src/server/not-found-page';

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'dashboard', 'src');

/** `lazy`: fetched by the pages when needed, not on the first load. */
export interface DashboardBuild { outDir: string; files: Record<string, { bytes: number; gzip: number; lazy?: boolean }> }

/** The outlines as JSON (the package ships an ES module of one object literal, which esbuild reads for us). */
async function outlinesJson(): Promise<string> {
  const out = (await esbuild.build({
    stdin: { contents: "import m from '@svg-maps/mexico'; module.exports = m;", resolveDir: ROOT, loader: 'js' },
    bundle: true, write: false, format: 'cjs', platform: 'node', logLevel: 'warning',
  })).outputFiles[0].text;
  const mod = { exports: {} as { viewBox: string; locations: { id: string; name: string; path: string }[] } };
  new Function('module', 'exports', out)(mod, mod.exports);
  const { viewBox, locations } = mod.exports;
  return JSON.stringify({ viewBox, locations: locations.map(({ id, name, path: d }) => ({ id, name, path: d })) });
}

export async function buildDashboard(outDir = path.join(ROOT, 'dashboard', 'dist')): Promise<DashboardBuild> {
  const outlines = await outlinesJson();
  const mapFile = `mapa-${crypto.createHash('sha256').update(outlines).digest('hex').slice(0, 12)}.json`;
  const js = (await esbuild.build({
    entryPoints: [path.join(SRC, 'main.ts')], bundle: true, write: false, format: 'iife', target: 'es2019', platform: 'browser',
    minify: true, legalComments: 'none', logLevel: 'warning', charset: 'utf8', define: { MAP_OUTLINES_URL: JSON.stringify(mapFile) },
  })).outputFiles[0].text;
  const css = (await esbuild.build({ entryPoints: [path.join(SRC, 'styles.css')], bundle: true, write: false, minify: true, logLevel: 'warning' })).outputFiles[0].text;
  const hash = crypto.createHash('sha256').update(js).update(css).digest('hex').slice(0, 12);
  const html = fs.readFileSync(path.join(SRC, 'index.html'), 'utf8').replace(/__HASH__/g, hash);
  const favicon = fs.readFileSync(path.join(SRC, 'favicon.svg'), 'utf8');
  // 404.html: Firebase Hosting's answer to an unknown address (the local server answers the same page itself).
  const out: Record<string, string> = { 'index.html': html, 'app.js': js, 'app.css': css, 'favicon.svg': favicon, '404.html': NOT_FOUND_HTML, [mapFile]: outlines };
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const files: DashboardBuild['files'] = {};
  for (const [name, text] of Object.entries(out)) {
    fs.writeFileSync(path.join(outDir, name), text);
    files[name] = { bytes: Buffer.byteLength(text), gzip: zlib.gzipSync(text, { level: 9 }).length, ...(name === mapFile ? { lazy: true } : {}) };
  }
  return { outDir, files };
}

if (require.main === module) {
  buildDashboard().then((b) => {
    const total = Object.values(b.files).filter((f) => !f.lazy).reduce((n, f) => n + f.gzip, 0);
    console.log(`dashboard/dist: ${Object.entries(b.files).map(([n, f]) => `${n} ${(f.gzip / 1024).toFixed(1)} KB gz${f.lazy ? ' (al pedirlo)' : ''}`).join(', ')}; first load ${(total / 1024).toFixed(1)} KB gz`);
  }).catch((e) => { console.error(e); process.exit(1); });
}
