/**
 * Cross-origin reading of the API (Fetch standard, CORS): any web page may read the public data — with its ETag, so a
 * browser app can revalidate with `If-None-Match` — and read the Spanish error of a refusal or a 404, which carried
 * no `Access-Control-Allow-Origin` where a route had not set it. Only reading: a preflight for GET/HEAD is answered
 * here; writes (POST, PUT) stay same-origin (the dashboard) or server-to-server (the add-on's UrlFetchApp).
 */
import type { RequestHandler } from 'express';

const READ = new Set(['GET', 'HEAD']);

/**
 * Request headers a cross-origin read may add. Range and If-Range: a page resuming a bulk download (bulk-routes.ts).
 * Cache-Control and Pragma: a notebook that asks past its cache (`no-cache`), which the browser refused to send at all
 * («Failed to fetch»); Accept and Content-Type, which some HTTP libraries set on every request. None changes what a
 * read answers. A public bucket the bulk files redirect to allows the same (docs/deploy.md §3.5).
 */
export const READ_REQUEST_HEADERS = ['If-None-Match', 'If-Modified-Since', 'Range', 'If-Range', 'Cache-Control', 'Pragma', 'Accept', 'Content-Type'] as const;
/** Answer headers a cross-origin page may read: revalidation, the name of a download and the part of it that came. */
export const READ_EXPOSED_HEADERS = ['ETag', 'Content-Disposition', 'Content-Length', 'Content-Range', 'Accept-Ranges'] as const;
/**
 * And from the API itself, the next page of a listing (`Link`, public-routes.ts) — not from the bucket of bulk files
 * (docs/deploy.md §3.5), whose files are not paged.
 */
const API_EXPOSED_HEADERS = [...READ_EXPOSED_HEADERS, 'Link'].join(', ');

export function readCors(): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'OPTIONS') {
      const asked = String(req.get('Access-Control-Request-Method') ?? '').toUpperCase();
      if (!READ.has(asked)) return next();
      res.set({
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, HEAD',
        'Access-Control-Allow-Headers': READ_REQUEST_HEADERS.join(', '),
        'Access-Control-Max-Age': '86400',
      });
      res.status(204).end();
      return;
    }
    if (READ.has(req.method)) res.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': API_EXPOSED_HEADERS });
    next();
  };
}
