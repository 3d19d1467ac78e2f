/**
 * How long a browser keeps a dashboard file, self-hosted. index.html names its script and styles by the build's hash
 * (`app.js?v=…`, scripts/build-dashboard.ts) and the states' outlines by theirs (`mapa-<hash>.json`): under such an
 * address the bytes never change, so a browser keeps them a year without asking again (`immutable`). With the five
 * minutes every file had, a visit after a pause asked again for each, a round trip more on a phone's line before
 * anything was drawn (N14). Only the hash of the build being served counts: under another (a page still open from
 * before an upgrade, or a rollback) the bytes sent are not that version's, and are kept the usual five minutes.
 */
import * as fs from 'fs';
import * as path from 'path';

const YEAR = 'public, max-age=31536000, immutable';
const VERSIONED = new Set(['app.js', 'app.css']);
const OUTLINES = /^mapa-[0-9a-f]{12}\.json$/;

interface Build { mtimeMs: number; size: number; hash: string | undefined }

/** The Cache-Control of `name` asked for with `version` (the address's `v`), in the dashboard folder `dir`. */
export function dashboardCacheControl(dir: string, maxAgeMs: number): (name: string, version: unknown) => string {
  const usual = `public, max-age=${Math.floor(maxAgeMs / 1000)}`;
  let build: Build | undefined;
  /** The hash index.html names now, read again only when the file changes (the dashboard built again). */
  const current = (): string | undefined => {
    const stat = fs.statSync(path.join(dir, 'index.html'), { throwIfNoEntry: false });
    if (!stat) return undefined;
    if (!build || build.mtimeMs !== stat.mtimeMs || build.size !== stat.size) {
      const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
      build = { mtimeMs: stat.mtimeMs, size: stat.size, hash: /\bapp\.js\?v=([0-9a-f]+)"/.exec(html)?.[1] };
    }
    return build.hash;
  };
  return (name, version) => {
    if (OUTLINES.test(name)) return YEAR;
    if (VERSIONED.has(name) && typeof version === 'string' && version !== '' && version === current()) return YEAR;
    return usual;
  };
}
