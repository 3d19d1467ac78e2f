/**
 * When a GET or HEAD may be answered 304 (`req.fresh`, which res.send, the answer cache and the bulk files read).
 *
 * Express's own test (the `fresh` package) calls every request with `Cache-Control: no-cache` stale, whatever its
 * If-None-Match. Node's fetch (undici) adds `Cache-Control: no-cache` (and `Pragma`) to any request a script gives
 * an If-None-Match of its own (the Fetch standard's "no-store" mode for such a request), so a script polling the
 * API with the ETag it kept downloaded the whole answer every time, with the same ETag. (Chromium's fetch sends
 * `max-age=0` there, which express accepts.) `no-cache` asks caches on the way to check with the origin server
 * (RFC 9111 §5.2.1.4); this server is that origin, and a matching If-None-Match is answered 304 (RFC 9110 §13.1.2).
 */
import type { Express, Request } from 'express';

/** Each entity tag of an If-None-Match list, without its weak prefix: `W/"a", "b"` → `"a"`, `"b"`. */
function tagsOf(list: string): string[] {
  return list.split(',').map((t) => t.trim().replace(/^W\//, '')).filter(Boolean);
}

/** RFC 9110 §13.2.2: If-None-Match (weak comparison) decides when present; else If-Modified-Since. */
export function isFresh(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const status = req.res?.statusCode ?? 200;
  if (!((status >= 200 && status < 300) || status === 304)) return false;
  const noneMatch = req.headers['if-none-match'];
  if (noneMatch !== undefined) {
    if (noneMatch.trim() === '*') return true;
    const etag = req.res?.get('ETag');
    if (!etag) return false;
    const own = etag.replace(/^W\//, '');
    return tagsOf(noneMatch).includes(own);
  }
  const since = req.headers['if-modified-since'];
  const modified = req.res?.get('Last-Modified');
  if (!since || !modified) return false;
  const [s, m] = [Date.parse(since), Date.parse(modified)];
  return !Number.isNaN(s) && !Number.isNaN(m) && m <= s;
}

/** Makes `req.fresh` of this app's requests isFresh (app.request is this app's own prototype of its requests). */
export function answerConditionalRequests(app: Express): void {
  Object.defineProperty(app.request, 'fresh', { configurable: true, enumerable: true, get(this: Request) { return isFresh(this); } });
}
