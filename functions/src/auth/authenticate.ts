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

export interface Authenticator {
  /** The registered user the credential belongs to; throws HttpError 401 (bad credential) or 403 (unknown user). */
  identify(credential: string): Promise<User>;
}

export const unauthenticated = (): HttpError =>
  new HttpError(401, 'unauthenticated', 'Inicie sesión para usar esta función: la solicitud no trae credenciales.');

/** The calling user, or undefined for an anonymous request (no Authorization header). */
export async function authenticate(req: Request, authenticator: Authenticator): Promise<User | undefined> {
  const header = req.get('authorization');
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new HttpError(401, 'invalid-credentials', 'El encabezado Authorization debe tener la forma «Bearer <token>».');
  return authenticator.identify(match[1]);
}

/** Like authenticate, but an anonymous request is a 401. */
export async function requireUser(req: Request, authenticator: Authenticator): Promise<User> {
  const user = await authenticate(req, authenticator);
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
