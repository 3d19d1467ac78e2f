/**
 * Security headers on every answer of the app — API JSON, bulk files, dashboard pages and error answers alike.
 * The Content-Security-Policy is the dashboard's own `<meta>` policy (dashboard/src/index.html) plus what a
 * `<meta>` cannot say: `frame-ancestors 'none'` (no page of ours is meant to be embedded, so no clickjacking),
 * with `X-Frame-Options: DENY` for browsers that predate it. A test keeps the two policies in step.
 * Firebase Hosting serves the dashboard in the cloud: firebase.json sends the same headers (tested too).
 */
import type { RequestHandler } from 'express';

/** The dashboard's policy, directive by directive (same order as its `<meta>`). */
// The Google Identity Services origins are for the coordinators' sign-in button in the cloud (dashboard/src/review).
export const DASHBOARD_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' https://accounts.google.com/gsi/style; script-src 'self' https://accounts.google.com/gsi/client; frame-src https://accounts.google.com/gsi/; connect-src 'self' https://accounts.google.com/gsi/; object-src 'none'; base-uri 'none'; form-action 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `${DASHBOARD_CSP}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Links out of the dashboard (map credits, licences) and API clients need not learn which page sent them.
  'Referrer-Policy': 'no-referrer',
};

export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.set(SECURITY_HEADERS);
    next();
  };
}
