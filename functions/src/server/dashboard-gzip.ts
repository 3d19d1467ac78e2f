/**
 * The dashboard's files gzipped for browsers that take it, by the self-hosted server (the cloud's are, by Firebase
 * Hosting). express.static sends them as they are: a phone opening the dashboard downloaded 290 KB (app.js alone,
 * 212 KB) where the build counts 75 KB gzipped, and the common proxy set-up in front (nginx, whose `gzip_proxied` is
 * off unless set) does not compress them either. Each file is compressed once per version of it (size and mtime,
 * looked at on each request: a dashboard built again is served at once, as express.static does) and kept in memory;
 * the folder holds a handful of text files. Anything else, and clients that do not take gzip, go on to express.static.
 */
import * as fs from 'fs';
import * as path from 'path';
import { gzip } from 'zlib';
import { promisify } from 'util';
import type { RequestHandler } from 'express';

/** What is worth compressing: the page, its script, styles, the map's data and the icon (text, by name). */
const TEXT_FILE = /^[\w.-]+\.(?:html|js|css|json|svg)$/;

interface Compressed { size: number; mtimeMs: number; bytes: Buffer; etag: string }

/** `cacheControl`: the same as express.static's for the same files (dashboard-cache.ts). */
export function gzippedDashboard(dir: string, cacheControl: (name: string, version: unknown) => string): RequestHandler {
  const kept = new Map<string, Compressed>();
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const name = req.path === '/' ? 'index.html' : req.path.slice(1);
    if (!TEXT_FILE.test(name)) return next();
    // Every answer for these addresses depends on Accept-Encoding, the plain one too (express.static's).
    res.vary('Accept-Encoding');
    if (req.acceptsEncodings('gzip', 'identity') !== 'gzip') return next();
    const file = path.join(dir, name);
    void (async () => {
      const stat = await fs.promises.stat(file).catch(() => undefined);
      if (!stat?.isFile()) return next();
      let entry = kept.get(name);
      if (!entry || entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs) {
        const bytes = await promisify(gzip)(await fs.promises.readFile(file), { level: 9 });
        // Its own tag: the plain file's (express.static's) names other bytes.
        entry = { size: stat.size, mtimeMs: stat.mtimeMs, bytes, etag: `W/"gz-${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"` };
        kept.set(name, entry);
      }
      res.type(path.extname(name)).set({
        'Content-Encoding': 'gzip',
        'Cache-Control': cacheControl(name, req.query.v),
        ETag: entry.etag,
        'Last-Modified': stat.mtime.toUTCString(),
      });
      if (req.fresh) return void res.status(304).end();
      res.send(entry.bytes);
    })().catch(next);
  };
}
