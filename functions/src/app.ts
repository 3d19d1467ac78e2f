/**
 * The express app, built by a factory from its dependencies (store, config, clock) so that the Cloud
 * Function, the local server and the tests (supertest) run exactly the same app.
 */
import * as path from 'path';
import { noteClientAddressOnce, warnUntrustedProxyOnce } from './api/client-address';
import express, { type Express } from 'express';
import type { Store } from './store/store';
import type { Config } from './config';
import { publicRoutes } from './api/public-routes';
import { bulkRoutes } from './api/bulk-routes';
import { auditChainRoutes } from './api/audit-chain-routes';
import { trackingRoutes } from './api/tracking-routes';
import { indexRoutes } from './api/index-routes';
import { publicationIndexes } from './api/publication-indexes';
import { pendingRoutes } from './api/pending-routes';
import { templateRoutes } from './api/template-route';
import { errorHandler, notFound } from './api/http-error';
import { mergeSlashes } from './api/merge-slashes';
import { readCors } from './api/read-cors';
import { allowedMethods, jsonBodies } from './api/request-limits';
import { readOnlyMethods } from './api/read-only-methods';
import { methodNotAllowed } from './api/route-methods';
import { securityHeaders } from './api/security-headers';
import { answerConditionalRequests } from './api/conditional-get';
import { notFoundPage } from './server/not-found-page';
import { dashboardNotBuilt } from './server/dashboard-not-built';
import { gzippedDashboard } from './server/dashboard-gzip';
import { dashboardCacheControl } from './server/dashboard-cache';
import { dashboardAddresses } from './server/dashboard-addresses';
import { bulkService, type BulkService } from './publication/bulk-service';
import { freshVersion, setCurrentTtl } from './api/current-publications';
import { ResponseCache } from './api/response-cache';
import { scratchBlobStore } from './publication/disk-blob-store';
import type { BlobStore } from './publication/blob-store';
import { PLATFORM_NAME } from './platform-name';
import type { AuthConfig } from '../../core/workflow/contract';

export interface AppDeps {
  store: Store;
  config: Pick<Config, 'publicBaseUrl' | 'maxBodyBytes'> & Partial<Pick<Config, 'currentTtlMs' | 'trustProxyHops'>>;
  /** Current time, injectable for tests. */
  now?: () => Date;
  log?: (message: string) => void;
  /** Folder of the built dashboard, served at `/` (local mode; Firebase Hosting serves it in the cloud). */
  dashboardDir?: string;
  /**
   * Redirect a page's address without its `#` even with no dashboard here: the cloud app, to which Firebase Hosting
   * hands a document's address (`/proyecto/{id}`, server/dashboard-addresses.ts) while serving the dashboard itself.
   */
  pageAddresses?: boolean;
  /** The cloud: the first request of each instance logs which client address the rate limit counts (api/client-address.ts). */
  noteClientAddress?: boolean;
  /** Extra routers mounted under /api: the workflow (its identity differs between cloud and self-hosted). */
  extraApi?: express.Router[];
  /** Where bulk files are kept (Cloud Storage, BULK_DIR); default: a private temporary folder. */
  blobs?: BlobStore;
  /** Or the whole bulk-file service, when the publication task shares it. */
  bulk?: BulkService;
  /** The public answers' cache, when the HTTP server also answers from it before the app (server/local-server.ts). */
  answers?: ResponseCache;
  /** Lower budgets for answers spanning several publishers than the product's (tests): see each route. */
  limits?: {
    /** `/api/bulk` files of all publishers together (core/packages/bulk-limit.ts). */
    bulkAllMaxDocuments?: number;
    /** `/api/index` of several publishers (core/stats/serving-limits.ts). */
    indexMaxRows?: number;
    /** `/api/stats` of several publishers (core/stats/serving-limits.ts). */
    statsMaxPublishers?: number;
  };
}

export { PLATFORM_NAME };

export function createApp(deps: AppDeps): Express {
  const app = express();
  const log = deps.log ?? ((m: string) => console.error(m));
  app.disable('x-powered-by');
  app.set('etag', 'weak');
  app.set('json spaces', 0);
  // A script's If-None-Match is answered 304 even with the `Cache-Control: no-cache` its fetch adds (api/conditional-get.ts).
  answerConditionalRequests(app);
  if (deps.config.currentTtlMs !== undefined) setCurrentTtl(deps.store, deps.config.currentTtlMs);
  // Public answers already sent under the current published state go out before any other middleware (they
  // carry the headers, security ones included, they were first sent with): api/response-cache.ts.
  const answers = deps.answers ?? new ResponseCache();
  // `//api/publishers` (a base address ending in «/» joined to a path starting with one) is /api/publishers.
  app.use(mergeSlashes());
  app.use(answers.fastPath(() => freshVersion(deps.store)));
  // Proxies in front whose X-Forwarded-For entries are trusted for the client's address (TRUST_PROXY_HOPS; none
  // unless set self-hosted, Google's front end in the cloud): what the per-address rate limit counts.
  const hops = deps.config.trustProxyHops ?? 0;
  app.set('trust proxy', hops);
  // The cloud: the first request of each instance that is not a cached public answer says which address that is
  // (api/client-address.ts) — a note, not an error.
  if (deps.noteClientAddress) app.use(noteClientAddressOnce(hops, deps.log ?? ((m: string) => console.log(m))));
  // Self-hosted behind a proxy of its own without TRUST_PROXY_HOPS: told once on stderr (api/client-address.ts).
  if (hops === 0) app.use(warnUntrustedProxyOnce(log));
  // First, so that every answer carries them: refusals and errors included.
  app.use(securityHeaders());
  // JSON bodies are small; only .xlsx uploads may reach maxBodyBytes (read by the workflow routes).
  app.use('/api', readCors());
  // Before the API-wide refusal of other methods: these addresses name the methods they take.
  app.use('/api', readOnlyMethods());
  app.use('/api', allowedMethods());
  app.use(jsonBodies());
  // One set of the publications' indexes for /api/index and /api/stats: built again once when stored by an earlier version.
  const indexes = publicationIndexes(deps.store);
  app.use('/api', publicRoutes({ store: deps.store, baseUrl: deps.config.publicBaseUrl, platformName: PLATFORM_NAME, cache: answers, statsMaxPublishers: deps.limits?.statsMaxPublishers, indexes }));
  const bulk = deps.bulk ?? bulkService({ store: deps.store, blobs: deps.blobs ?? scratchBlobStore(), baseUrl: deps.config.publicBaseUrl, platformName: PLATFORM_NAME });
  app.use('/api', bulkRoutes({ store: deps.store, baseUrl: deps.config.publicBaseUrl, bulk, allPublishersMaxDocuments: deps.limits?.bulkAllMaxDocuments, log }));
  app.use('/api', indexRoutes({ store: deps.store, indexes, maxRows: deps.limits?.indexMaxRows }));
  app.use('/api', auditChainRoutes({ store: deps.store, baseUrl: deps.config.publicBaseUrl }));
  app.use('/api', pendingRoutes({ store: deps.store, indexes }));
  app.use('/api', templateRoutes());
  app.use('/api', trackingRoutes({ store: deps.store, ...(deps.now ? { now: deps.now } : {}) }));
  for (const router of deps.extraApi ?? []) app.use('/api', router);
  // Reached only without the workflow's routes (a server that only publishes): nobody signs in here, and the pages,
  // told so, offer no «Iniciar sesión» that would lead nowhere.
  app.get('/api/auth-config', (_req, res) => {
    const none: AuthConfig = { method: 'none' };
    res.set('Cache-Control', 'public, max-age=300').json(none);
  });
  // A known address asked with another method (GET of a POST route): 405 with the methods it takes, not 404.
  app.use('/api', (req, res, next) => next(methodNotAllowed(req, res) ?? notFound('esa ruta de la API')));
  if (deps.dashboardDir) {
    // express.static looks at the folder on each request: a dashboard built after the server started is served.
    // Gzipped first, to the browsers that take it (server/dashboard-gzip.ts).
    // Five minutes, or a year for the files index.html names by the build's hash (server/dashboard-cache.ts).
    const cacheControl = dashboardCacheControl(deps.dashboardDir, 5 * 60_000);
    app.use(gzippedDashboard(deps.dashboardDir, cacheControl), express.static(deps.dashboardDir, {
      index: 'index.html', setHeaders: (res, file) => res.setHeader('Cache-Control', cacheControl(path.basename(file), res.req.query.v)),
    }), dashboardNotBuilt());
    // A page's address without its `#`, after the files (none is named as a page).
    app.use(dashboardAddresses());
  } else if (deps.pageAddresses) {
    app.use(dashboardAddresses());
  }
  // Anything else: a Spanish page (or JSON), not express's English "Cannot GET".
  app.use(notFoundPage());
  app.use(errorHandler(log));
  return app;
}
