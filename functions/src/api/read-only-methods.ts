/**
 * The public read-only addresses answer other methods 405 with `Allow: GET, HEAD` (RFC 9110 §15.5.6), as JSON in
 * Spanish. A POST there found no route and was answered 404 «No existe esa ruta», though the address exists, while
 * a DELETE got the API-wide 405 (request-limits.ts), whose Allow named POST and PUT, which these do not take.
 * Exact paths, so that the routes with sign-in under the same prefixes (PUT /api/publishers/{id}) are untouched.
 */
import { Router } from 'express';
import { HttpError } from './http-error';

/**
 * Every address of the API whose routes all take GET alone: those of public-routes.ts, bulk-routes.ts,
 * index-routes.ts, tracking-routes.ts, audit-chain-routes.ts, pending-routes.ts and template-route.ts, and the workflow's consultations (with sign-in). Kept by hand, so that it
 * reads as a list; read-only-methods.test.ts walks the deployed app's routers and fails when a listed address gains
 * a route with another method (it would be refused here, 405, before reaching it) or a GET-only route is missing.
 */
export const READ_ONLY_PATHS = [
  '/', '/publishers', '/stats', '/ocds/releases', '/ocds/records', '/ocds/records/:ocid', '/oc4ids/projects', '/oc4ids/projects/:id',
  '/bulk', '/bulk/:file', '/index', '/index/compact', '/index/compact/core', '/index/compact/details', '/tracking', '/audit/chain', '/pending/:publisher', '/pending/:publisher/pendientes.xlsx', '/plantilla.xlsx',
  '/extensiones/:name/:file', '/extensiones/:name/codelists/:file',
  // workflow-routes.ts and monthly-report-routes.ts
  '/auth-config', '/stages', '/audit', '/monthly-report', '/monthly-report/states', '/submissions/:id', '/submissions/:id/preview', '/submissions/:id/findings', '/submissions/checks/:id', '/submissions/refused', '/submissions/refused/:id',
];

const ALLOWED = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readOnlyMethods(): Router {
  const router = Router();
  router.all(READ_ONLY_PATHS, (req, res, next) => {
    if (ALLOWED.has(req.method)) return next();
    res.set('Allow', 'GET, HEAD');
    next(new HttpError(405, 'method-not-allowed', `La dirección ${`${req.baseUrl}${req.path}`.slice(0, 200)} solo se consulta: no acepta el método ${req.method.slice(0, 20)}, use GET.`));
  });
  return router;
}
