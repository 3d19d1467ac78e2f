/**
 * Who is calling (DESIGN §8). An Authenticator turns the bearer credential of `Authorization: Bearer …` into a
 * registered user; no header means anonymous. Production (cloud) accepts only Google ID tokens, self-hosted
 * (local) only API tokens: each deployment has exactly one way in, so there is one thing to audit.
 */
import type { Request } from 'express';
import type { Store, User } from '../store/store';
import type { Config } from '../config';
import { HttpError } from '../api/http-error';
import { apiTokenAuthenticator } from './api-token-authenticator';
import { googleIdTokenAuthenticator } from './google-id-token';

/** Where a request came from, as the server sees it (`req.ip`: TRUST_PROXY_HOPS decides which proxy's word counts). */
export interface RequestOrigin {
  ip: string;
  userAgent?: string;
}

/** What a credential is checked for: an ordinary request, or the dashboard's «Entrar» / «Cerrar sesión» (sign-in-audit.ts). */
export type AuthPurpose = 'use' | 'sign-in' | 'sign-out';

export interface Authenticator {
  /** Which credentials it takes: API keys (self-hosted) or Google ID tokens (cloud). */
  kind?: 'api-key' | 'google';
  /** The registered user the credential belongs to; throws HttpError 401 (bad credential) or 403 (unknown user). */
  identify(credential: string, context?: { origin?: RequestOrigin; purpose?: AuthPurpose }): Promise<User>;
  /** Told of an Authorization header that is no bearer credential at all (sign-in-audit.ts notes it as a failed attempt). */
  refuseHeader?(error: HttpError, origin: RequestOrigin): Promise<void>;
}

export function requestOrigin(req: Request): RequestOrigin {
  const userAgent = req.get('user-agent');
  return { ip: req.ip ?? req.socket.remoteAddress ?? 'desconocida', ...(userAgent ? { userAgent } : {}) };
}

export const unauthenticated = (): HttpError =>
  new HttpError(401, 'unauthenticated', 'Inicie sesión para usar esta función: la solicitud no trae credenciales.');

/** The calling user, or undefined for an anonymous request (no Authorization header). */
export async function authenticate(req: Request, authenticator: Authenticator, purpose: AuthPurpose = 'use'): Promise<User | undefined> {
  const header = req.get('authorization');
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    const error = new HttpError(401, 'invalid-credentials', 'El encabezado Authorization debe tener la forma «Bearer <token>».');
    await authenticator.refuseHeader?.(error, requestOrigin(req));
    throw error;
  }
  return authenticator.identify(match[1], { origin: requestOrigin(req), purpose });
}

/** Like authenticate, but an anonymous request is a 401. */
export async function requireUser(req: Request, authenticator: Authenticator, purpose: AuthPurpose = 'use'): Promise<User> {
  const user = await authenticate(req, authenticator, purpose);
  if (!user) throw unauthenticated();
  return user;
}

/** The authenticator a deployment uses: Google ID tokens in the cloud, API tokens when self-hosted. */
export function authenticatorFor(config: Pick<Config, 'mode' | 'googleClientId' | 'dashboardClientId'>, store: Store, opts: { certsUrl?: string } = {}): Authenticator {
  if (config.mode === 'local') return apiTokenAuthenticator(store);
  if (!config.googleClientId) throw new Error('cloud mode needs googleClientId (loadConfig enforces it)');
  // The add-on's tokens and the dashboard's sign-in, when the dashboard has an OAuth client of its own.
  const clientIds = config.dashboardClientId ? [config.googleClientId, config.dashboardClientId] : [config.googleClientId];
  return googleIdTokenAuthenticator({ store, clientIds, ...(opts.certsUrl ? { certsUrl: opts.certsUrl } : {}) });
}
