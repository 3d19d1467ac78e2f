/**
 * Sign-ins in the audit log (Bitácora), for the officer who must answer after an incident who entered with which
 * account, when, from where, and which attempts failed. Every request carries its credential (an API key
 * self-hosted, a Google ID token in the cloud: authenticate.ts), so there is no sign-in request of the server's own
 * to hang this on, and writing every request would bury the log. What is written instead:
 *
 * - `session.signed-in` / `session.signed-out`: the dashboard's «Entrar» and «Cerrar sesión» (POST / DELETE
 *   /api/session). Signing out forgets the key in that browser only: the key itself stays valid until the account is
 *   removed or given a new key.
 * - `session.started`: the first request of an account from an address and program (user agent) not seen in the last
 *   SESSION_MS — a key used without the sign-in page (the add-on, a script, a stolen key), a new Google token from
 *   elsewhere. One per process: `serve --procesos N` or several cloud instances may write one each.
 * - `session.sign-in-failed`: a credential refused (any route), by address: the 1st, 10th, 100th… attempt of an
 *   address in FAILURE_WINDOW_MS, with the count, so that a flood of guesses writes a handful of entries; and no more
 *   than MAX_FAILURE_ENTRIES a window from all addresses together (`session.failures-not-recorded` says so once).
 *
 * Never the credential, nor any part or hash of it: a mistyped key is one character from a real one. A refused Google
 * token's claims are not trusted (anyone can write any e-mail into an unsigned token); the e-mail is kept only when
 * Google signed it and it is verified but no account has it (`unregistered-account`). Addresses and user agents are
 * personal data: /api/audit shows them to the administration and, for their state's accounts, to its coordination;
 * the public chain (/api/audit/chain) gives these entries' digests only.
 */
import { createHash } from 'crypto';
import { isIPv6 } from 'net';
import type { JsonObject, Store, User } from '../store/store';
import { HttpError } from '../api/http-error';
import type { Request } from 'express';
import { requestOrigin, type Authenticator, type RequestOrigin } from './authenticate';
import { looksLikeApiToken } from './api-tokens';
import { UnknownAccountError } from './google-id-token';
import { ACCESS_KEY_REQUIRED } from '../../../core/workflow/contract';

/** How long one account's use from one address and program counts as one session. */
export const SESSION_MS = 12 * 3_600_000;
/** The window in which an address's failed attempts are counted together. */
export const FAILURE_WINDOW_MS = 15 * 60_000;
/** Failed-attempt entries per window, all addresses together, before they stop being written one by one. */
export const MAX_FAILURE_ENTRIES = 100;
/** Addresses and sessions remembered at most (bounded memory under a flood of addresses). */
const MAX_KEYS = 10_000;
/** A user agent is the caller's own text: kept short. */
const MAX_AGENT_LENGTH = 200;

/** Why a credential was refused, as the log keeps it (audit-details.ts says it in words). */
export type RefusalReason =
  | 'malformed-header' | 'not-a-key' | 'unknown-key'
  | 'invalid-token' | 'expired-token' | 'unverified-email' | 'unregistered-account' | 'other';

export interface SignInAuditOptions {
  store: Store;
  now?: () => Date;
  log?: (message: string) => void;
  sessionMs?: number;
  failureWindowMs?: number;
  maxFailureEntries?: number;
}

export interface SignInAudit {
  /** The deployment's authenticator, noting first uses and refusals. */
  authenticator: Authenticator;
}

/** The address and program a request came from, as kept: the user agent without control characters, capped. */
export function originDetails(origin: RequestOrigin | undefined): JsonObject {
  // None for an entry of no one request (session.failures-not-recorded).
  if (!origin) return {};
  const agent = origin.userAgent?.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, MAX_AGENT_LENGTH);
  return { ip: origin.ip, ...(agent ? { userAgent: agent } : {}) };
}

/**
 * Where a decision (approve, return, send, withdraw, an account's or institution's registration) was taken from, for
 * its entry's details: the same `ip` and `userAgent` as a sign-in's, so that the officer reads them on the entry
 * itself instead of matching it with the account's last sign-in. Only in the decision's own entry: the public chain
 * (api/audit-chain-routes.ts) shows non-publication entries as digests, and a publication entry, public whole, never
 * carries it.
 */
export function decisionOrigin(req: Request): JsonObject {
  return originDetails(requestOrigin(req));
}

/** Whose state or institution an account's entry belongs to: its state's coordination reads it (workflow-routes.ts). */
export function accountScope(user: User): { publisherId?: string; details: JsonObject } {
  return { ...(user.publisherId ? { publisherId: user.publisherId } : {}), details: user.role === 'coordinador' && user.state ? { state: user.state } : {} };
}

/**
 * Failed attempts are counted by address; an IPv6 client holds a whole /64 and would count afresh from each of its
 * addresses, so it is counted by that prefix.
 */
function addressKey(ip: string): string {
  const bare = ip.split('%')[0];
  if (!isIPv6(bare) || /^::ffff:/i.test(bare)) return ip;
  // Written short («2001:db8::1»): the groups «::» stands for are zeros.
  const [head, tail] = bare.includes('::') ? bare.split('::') : [bare, undefined];
  const first = head ? head.split(':') : [];
  const last = tail ? tail.split(':') : [];
  const groups = tail === undefined ? first : [...first, ...Array<string>(Math.max(0, 8 - first.length - last.length)).fill('0'), ...last];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/** 1, 10, 100, 1000…: the attempts of an address that are written. */
const isMilestone = (n: number): boolean => n >= 1 && /^10*$/.test(String(n));

function reasonOf(error: HttpError, credential: string, kind: Authenticator['kind']): RefusalReason {
  switch (error.code) {
    case 'invalid-credentials': return kind === 'api-key' ? (looksLikeApiToken(credential) ? 'unknown-key' : 'not-a-key') : 'invalid-token';
    case ACCESS_KEY_REQUIRED: return 'not-a-key';
    case 'expired-credentials': return 'expired-token';
    case 'email-not-verified': return 'unverified-email';
    case 'unknown-user': return 'unregistered-account';
    default: return 'other';
  }
}

/** A bounded map whose oldest entries go first (Map keeps insertion order). */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > MAX_KEYS) map.delete(map.keys().next().value as string);
}

export function signInAudit(inner: Authenticator, options: SignInAuditOptions): SignInAudit {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((m: string) => console.error(m));
  const sessionMs = options.sessionMs ?? SESSION_MS;
  const windowMs = options.failureWindowMs ?? FAILURE_WINDOW_MS;
  const maxEntries = options.maxFailureEntries ?? MAX_FAILURE_ENTRIES;
  const via = inner.kind === 'google' ? 'google' : 'clave';
  /** Sessions seen: account, address and program → until when. */
  const sessions = new Map<string, number>();
  /** Failed attempts by address in the current window. */
  const failures = new Map<string, { count: number; resetAt: number }>();
  let written = { count: 0, resetAt: 0, toldFull: false };

  const sessionKey = (user: User, origin: RequestOrigin | undefined): string =>
    createHash('sha256').update(`${user.id}\n${origin?.ip ?? ''}\n${origin?.userAgent ?? ''}`).digest('base64url');

  const append = (action: string, user: User | undefined, origin: RequestOrigin | undefined, details: JsonObject) => {
    const scope = user ? accountScope(user) : { details: {} };
    return options.store.appendAudit({
      at: now().toISOString(), actor: user?.id ?? 'anonymous', action, target: user ? `user/${user.id}` : 'session',
      details: { via, ...originDetails(origin), ...scope.details, ...details },
      ...(scope.publisherId ? { publisherId: scope.publisherId } : {}),
    });
  };

  /** Writes the refusal when it is one of its address's milestones and the window's budget allows; never throws. */
  const refused = async (error: HttpError, credential: string | undefined, origin: RequestOrigin | undefined): Promise<void> => {
    try {
      const t = now().getTime();
      const key = addressKey(origin?.ip ?? 'desconocida');
      let f = failures.get(key);
      if (!f || f.resetAt <= t) { f = { count: 0, resetAt: t + windowMs }; remember(failures, key, f); }
      f.count += 1;
      if (!isMilestone(f.count)) return;
      if (written.resetAt <= t) written = { count: 0, resetAt: t + windowMs, toldFull: false };
      if (written.count >= maxEntries) {
        if (written.toldFull) return;
        written.toldFull = true;
        log(`Demasiados intentos fallidos de inicio de sesión: hasta ${new Date(written.resetAt).toISOString()} no se anotan uno por uno en la bitácora.`);
        await append('session.failures-not-recorded', undefined, undefined, { limit: maxEntries, windowMinutes: Math.round(windowMs / 60_000), until: new Date(written.resetAt).toISOString() });
        return;
      }
      written.count += 1;
      const reason = credential === undefined ? 'malformed-header' : reasonOf(error, credential, inner.kind);
      // The e-mail only when Google vouches for it: a registered account's would be its own entry, not a failure.
      const account: JsonObject = error instanceof UnknownAccountError ? { account: error.account } : {};
      await append('session.sign-in-failed', undefined, origin, { reason, ...account, attempts: f.count, windowMinutes: Math.round(windowMs / 60_000) });
    } catch (e) {
      // The refusal stands whatever happens here; a log that cannot be written is the operator's to hear about.
      log(`No se pudo anotar un intento fallido de inicio de sesión en la bitácora: ${(e as Error).message}`);
    }
  };

  const authenticator: Authenticator = {
    ...(inner.kind ? { kind: inner.kind } : {}),
    async identify(credential, context) {
      let user: User;
      try {
        user = await inner.identify(credential, context);
      } catch (e) {
        if (e instanceof HttpError && (e.status === 401 || e.status === 403)) await refused(e, credential, context?.origin);
        throw e;
      }
      const origin = context?.origin;
      const key = sessionKey(user, origin);
      const t = now().getTime();
      const purpose = context?.purpose ?? 'use';
      if (purpose === 'sign-in') {
        remember(sessions, key, t + sessionMs);
        await append('session.signed-in', user, origin, {});
      } else if (purpose === 'sign-out') {
        sessions.delete(key);
        await append('session.signed-out', user, origin, {});
      } else if ((sessions.get(key) ?? 0) <= t) {
        // Taken before the write: requests at once from a new place write one entry, not one each.
        remember(sessions, key, t + sessionMs);
        await append('session.started', user, origin, {});
      }
      return user;
    },
    async refuseHeader(error, origin) {
      await refused(error, undefined, origin);
    },
  };
  return { authenticator };
}
