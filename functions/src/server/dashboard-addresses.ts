/**
 * An address of a dashboard page without its `#` (`/proyecto/oc4ids-…?state=Yucatán`: a link pasted from a chat or
 * a document that dropped the `#`) is sent to that page (`/#/proyecto/…`): it got «Página no encontrada», though the
 * server could tell which page was meant. Only the pages' own shapes: a list alone (`/proyectos`), a document page
 * with its id (`/proyecto/{id}`); anything else (`/proyectos/algo`, `/api/…`, a file) stays as it was.
 */
import type { RequestHandler } from 'express';
import { DASHBOARD_PAGES, DOCUMENT_PAGES } from '../../../core/addresses/dashboard-pages';

const PAGES: ReadonlySet<string> = new Set(DASHBOARD_PAGES.filter(Boolean));

/** One of Firebase Hosting's redirects (firebase.json `hosting.redirects`). */
export interface HostingRedirect { regex: string; destination: string; type: number }

/**
 * The same redirects for Firebase Hosting, which serves the dashboard in the cloud (this server never sees those
 * requests): written into firebase.json by scripts/generate-hosting-redirects.ts, and compared with this middleware
 * by test/firebase-files.test.ts, so a page added to the list reaches both. Hosting matches `regex` (RE2, anywhere in
 * the path, hence the anchors) before its files and rewrites, puts capture group N where the destination says `:N`,
 * and keeps the query string. 302, as here: a 301 would stay in browsers for good.
 */
export function hostingRedirects(): HostingRedirect[] {
  const names = (pages: Iterable<string>) => [...pages].join('|');
  return [
    { regex: `^/(${names(PAGES)})/?$`, destination: '/#/:1', type: 302 },
    { regex: `^/(${names(DOCUMENT_PAGES)})/([^/]+)/?$`, destination: '/#/:1/:2', type: 302 },
  ];
}

export function dashboardAddresses(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const segments = req.path.replace(/\/$/, '').split('/').slice(1);
    const [name, id] = segments;
    const page = PAGES.has(name) && (segments.length === 1 || (segments.length === 2 && DOCUMENT_PAGES.has(name) && id !== ''));
    if (!page) return next();
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    // Not cached for long: were a page ever renamed, the old address should not stick in browsers.
    res.set('Cache-Control', 'public, max-age=300').redirect(302, `/#/${segments.join('/')}${search}`);
  };
}
