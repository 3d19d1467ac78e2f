/**
 * The express app, built by a factory from its dependencies (store, config, clock) so that the Cloud
 * Function, the local server and the tests (supertest) run exactly the same app.
 */
import express, { type Express } from 'express';
import type { Store } from './store/store';
import type { Config } from './config';
import { publicRoutes } from './api/public-routes';
import { bulkRoutes } from './api/bulk-routes';
import { trackingRoutes } from './api/tracking-routes';
import { indexRoutes } from './api/index-routes';
import { errorHandler, notFound } from './api/http-error';
import { allowedMethods, jsonBodies } from './api/request-limits';
import { securityHeaders } from './api/security-headers';
import { notFoundPage } from './server/not-found-page';

export interface AppDeps {
  store: Store;
  config: Pick<Config, 'publicBaseUrl' | 'maxBodyBytes'>;
  /** Current time, injectable for tests. */
  now?: () => Date;
  log?: (message: string) => void;
  /** Folder of the built dashboard, served at `/` (local mode; Firebase Hosting serves it in the cloud). */
  dashboardDir?: string;
  /** Extra routers mounted under /api: the workflow (its identity differs between cloud and self-hosted). */
  extraApi?: express.Router[];
}

export const PLATFORM_NAME = 'Infraestructura Abierta';

export function createApp(deps: AppDeps): Express {
  const app = express();
  const log = deps.log ?? ((m: string) => console.error(m));
  app.disable('x-powered-by');
  app.set('etag', 'weak');
  app.set('json spaces', 0);
  // First, so that every answer carries them: refusals and errors included.
  app.use(securityHeaders());
  // JSON bodies are small; only .xlsx uploads may reach maxBodyBytes (read by the workflow routes).
  app.use('/api', allowedMethods());
  app.use(jsonBodies());
  app.use('/api', publicRoutes({ store: deps.store, baseUrl: deps.config.publicBaseUrl, platformName: PLATFORM_NAME }));
  app.use('/api', bulkRoutes({ store: deps.store, baseUrl: deps.config.publicBaseUrl, platformName: PLATFORM_NAME }));
  app.use('/api', indexRoutes({ store: deps.store }));
  app.use('/api', trackingRoutes({ store: deps.store, ...(deps.now ? { now: deps.now } : {}) }));
  for (const router of deps.extraApi ?? []) app.use('/api', router);
  app.use('/api', (_req, _res, next) => next(notFound('esa ruta de la API')));
  if (deps.dashboardDir) app.use(express.static(deps.dashboardDir, { index: 'index.html', maxAge: '5m' }));
  // Anything else: a Spanish page (or JSON), not express's English "Cannot GET".
  app.use(notFoundPage());
  app.use(errorHandler(log));
  return app;
}
