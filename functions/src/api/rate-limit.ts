/**
 * Rate limits for the authenticated endpoints (Reliability issue): a fixed-window counter per API token /
 * identity token and per client IP, in memory. Approvals pull a whole spreadsheet and publish it, so one
 * client must not be able to keep the server busy; public reads are cached and are not limited here.
 * In memory means per instance: each Cloud Functions instance counts on its own (a limit per instance is
 * still a limit; the deployment's max instances bounds the total).
 */
import { createHash } from 'crypto';
import type { Request, RequestHandler } from 'express';
import { HttpError } from './http-error';
import { formatCount } from '../../../core/format/es-mx';

export interface WindowLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateLimitOptions {
  /** Per bearer token (hashed: the token itself is never kept). Requests without one count as one key. */
  perToken: WindowLimit;
  perIp: WindowLimit;
  /** Clock in ms, injectable for tests. */
  now?: () => number;
  /** Most keys kept per counter; beyond it the oldest windows are dropped (bounded memory under a flood of IPs). */
  maxKeys?: number;
}

export const DEFAULT_RATE_LIMITS: Pick<RateLimitOptions, 'perToken' | 'perIp'> = {
  perToken: { limit: 300, windowMs: 60_000 },
  perIp: { limit: 1200, windowMs: 60_000 },
};

/** Counts hits per key in fixed windows; `hit` answers how long to wait when over the limit (0 = allowed). */
export class WindowCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly rule: WindowLimit, private readonly maxKeys = 100_000) {}

  hit(key: string, now: number): number {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) this.prune(now);
      w = { count: 0, resetAt: now + this.rule.windowMs };
      this.windows.set(key, w);
    }
    w.count += 1;
    return w.count > this.rule.limit ? w.resetAt - now : 0;
  }

  get size(): number {
    return this.windows.size;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    // Still full: drop the oldest windows (Map keeps insertion order).
    for (const k of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(k);
    }
  }
}

function tokenKey(req: Request): string {
  const header = req.get('authorization');
  return header ? createHash('sha256').update(header).digest('base64url') : 'sin-token';
}

/** Express middleware: 429 with a Spanish message and `Retry-After` (seconds) when either counter is over. */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const now = options.now ?? Date.now;
  const byToken = new WindowCounter(options.perToken, options.maxKeys);
  const byIp = new WindowCounter(options.perIp, options.maxKeys);
  return (req, res, next) => {
    const t = now();
    const wait = Math.max(byIp.hit(req.ip ?? req.socket.remoteAddress ?? 'desconocida', t), byToken.hit(tokenKey(req), t));
    if (!wait) return next();
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    res.set('Retry-After', String(seconds));
    next(new HttpError(429, 'rate-limited', `Demasiadas solicitudes en poco tiempo. Espere ${formatCount(seconds, 'segundo', 'segundos')} e intente de nuevo.`));
  };
}
