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

/** One of Firebase Hosting's rewrites to a function (firebase.json `hosting.rewrites`). */
export interface HostingFunctionRewrite { regex: string; function: string }

const names = (pages: Iterable<string>) => [...pages].join('|');

/**
 * The same redirects for Firebase Hosting, which serves the dashboard in the cloud (this server never sees those
 * requests): written into firebase.json by scripts/generate-hosting-redirects.ts, and compared with this middleware
 * by test/firebase-files.test.ts, so a page added to the list reaches both. Hosting matches `regex` (RE2, against
 * the request's path, anywhere in it, hence the anchors) before its files and rewrites, puts capture group N where
 * the destination says `:N`, and keeps the query string. 302, as here: a 301 would stay in browsers for good.
 * Only the lists: what Hosting captures here is one of the pages' names, plain letters, the same however Hosting
 * decodes or encodes a captured segment — which it does not document (see hostingDocumentRewrites).
 */
export function hostingRedirects(): HostingRedirect[] {
  return [{ regex: `^/(${names(PAGES)})/?$`, destination: '/#/:1', type: 302 }];
}

/**
 * A document's address (`/proyecto/{id}`) is not a Hosting redirect: an id may hold any character, percent-encoded
 * in the link (`%2F`, `%20`, `%C3%A1`, `%25`), and Hosting documents only that a redirect's destination «can contain
 * capture group values», not whether a value goes in as the browser sent it or decoded and encoded again. Its own
 * open implementation (superstatic, the emulator's) decodes the path with decodeURI before matching and encodes the
 * destination again, so `ocds%2Fabc` came out `ocds%252Fabc`: the page looked for the id `ocds%2Fabc`, «no
 * encontrado». Hosting hands those addresses to the `api` function instead, whose app redirects them with the
 * middleware below, from the path exactly as it arrived (app.ts, `pageAddresses`; functions/src/index.ts sets it).
 * Cloud Run documents that it decodes «some» percent-encoded characters before the request reaches the function
 * (`%41` → `A`, cloud.google.com/run/docs/issues): harmless here, as the dashboard decodes each segment of the hash,
 * and a `%` left alone is encoded again by res.location.
 */
export function hostingDocumentRewrites(): HostingFunctionRewrite[] {
  return [{ regex: `^/(${names(DOCUMENT_PAGES)})/[^/]+/?$`, function: 'api' }];
}

export function dashboardAddresses(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // req.path is the path as sent, still percent-encoded: an id's `%2F` stays one segment, and goes on as it came
    // (res.location encodes only what is not valid in an address, never a `%XX` again).
    const segments = req.path.replace(/\/$/, '').split('/').slice(1);
    const [name, id] = segments;
    const page = PAGES.has(name) && (segments.length === 1 || (segments.length === 2 && DOCUMENT_PAGES.has(name) && id !== ''));
    if (!page) return next();
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    // Not cached for long: were a page ever renamed, the old address should not stick in browsers.
    res.set('Cache-Control', 'public, max-age=300').location(`/#/${segments.join('/')}${search}`).status(302);
    // In Spanish, what curl or a reader of the raw answer sees: res.redirect wrote Express's «Found. Redirecting to …».
    // Plain text for everyone (a browser follows the Location and never shows it), the address as encoded in the
    // Location header, so nothing of the id can become markup. HEAD gets no body (res.send).
    res.set('Content-Language', 'es-MX').type('text/plain; charset=utf-8')
      .send(`Esta página del tablero está en ${res.get('Location')}; su navegador la abrirá enseguida.\n`);
  };
}
