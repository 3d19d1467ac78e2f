/**
 * Repeated slashes in an address's path read as one, as nginx reads them (`merge_slashes`): a script that joins a
 * base address ending in «/» with a path starting with one (`"https://…/" + "/api/publishers"`) asked for
 * `//api/publishers` and got the dashboard's HTML «Página no encontrada» — its JSON parser failed on it. Merged
 * before anything reads the address, the answer and the addresses it writes (`uri`, `links.next`) are the usual ones.
 * Only the API's addresses: the dashboard's pages and files are matched as Firebase Hosting matches them in the cloud
 * (server/dashboard-addresses.ts), which merges nothing. The query is left as it came.
 */
import type { RequestHandler } from 'express';

export function mergeSlashes(): RequestHandler {
  return (req, _res, next) => {
    const q = req.url.indexOf('?');
    const pathname = q === -1 ? req.url : req.url.slice(0, q);
    const merged = pathname.includes('//') ? pathname.replace(/\/{2,}/g, '/') : pathname;
    if (merged !== pathname && (merged === '/api' || merged.startsWith('/api/'))) {
      req.url = merged + (q === -1 ? '' : req.url.slice(q));
      req.originalUrl = req.url;
    }
    next();
  };
}
