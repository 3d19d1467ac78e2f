/**
 * Cursors for listings that span publishers: which publisher we are in and the store's own cursor inside it,
 * as opaque base64url JSON. A tampered cursor is a 400 with a Spanish message, never a 500.
 */
import { createHash } from 'crypto';
import type { Request } from 'express';
import { formatList, formatNumber } from '../../../core/format/es-mx';
import { badRequest, type HttpError } from './http-error';

/**
 * `s`: the publisher the page stopped in, by id — a publisher publishing for the first time while a client pages
 * takes its place among the others by id, and a position would then name another one (pages repeated or skipped).
 * `p`: that position, as cursors named it before `s` (a link still in a client's hands keeps working).
 * `v`: with `c`, the publication of `s` the page stopped in. The next page reads on in that one even when the publisher
 * has published again since (current-publications.ts, pinnedSets): a store cursor resumed in the new publication gave a
 * harvest of the old one's first processes and the new one's last, with no error — two publications mixed.
 */
export interface SpanCursor { s?: string; p?: number; c?: string; q?: string; v?: string }

export const invalidCursor = (): HttpError => badRequest('invalid-cursor', 'El parámetro «after» no es válido: use el enlace «links.next» de la página anterior.');

/**
 * What a listing's cursor was made for: its address and the value of each of its filters (`filters`: every
 * parameter it reads but `after` and `limit` — a page's size may change as one goes), as a short digest. A cursor
 * carries it and is refused with any other: one of `?publisher=merida` resumed the unfiltered listing at Mérida,
 * and a harvester that dropped the filter half-way got the rest of everything without the publishers before it,
 * with no error. Readers never see inside it (the cursor is opaque).
 */
export interface CursorQuery { digest: string; address: string; filters: readonly string[] }

export function cursorQuery(req: Request, filters: readonly string[]): CursorQuery {
  const address = `${req.baseUrl}${req.path}`;
  const values = filters.map((name) => {
    const v = req.query[name];
    // Repeated: the route refuses it on its own (queryString); here it only has to differ from a single value.
    return `${name}=${typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v)}`;
  });
  const digest = createHash('sha256').update([address, ...values].join('\u0000')).digest('base64url').slice(0, 16);
  return { digest, address, filters };
}

/** A cursor used with another query than the one that made it: says which parameters must stay as they were. */
export function cursorOfOtherQuery(query: CursorQuery): HttpError {
  const kept = query.filters.length ? ` y los mismos valores de ${formatList(query.filters.map((f) => `«${f}»`))} (o su ausencia)` : '';
  return badRequest('invalid-cursor', `El parámetro «after» es de otra consulta: sirve solo con la dirección que lo dio${kept}. Siga el enlace «links.next» tal como llegó, o empiece de nuevo sin «after».`);
}

export function encodeCursor(c: SpanCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/**
 * `query`: what the request asks (cursorQuery). A cursor made for another is refused; one without a query, made by
 * a version before cursors named theirs, is taken as before (a link still in a client's hands keeps working).
 * The cursor returned carries the request's query, for the next page's.
 */
export function decodeCursor(raw: unknown, query: CursorQuery): SpanCursor {
  if (raw === undefined || raw === '') return { q: query.digest };
  const v = cursorJson(raw);
  if (!v || typeof v !== 'object') throw invalidCursor();
  const o = v as SpanCursor;
  const byId = typeof o.s === 'string' && o.s !== '' && o.p === undefined;
  const byPosition = o.s === undefined && Number.isInteger(o.p) && (o.p as number) >= 0;
  if (!(byId || byPosition) || (o.c !== undefined && typeof o.c !== 'string') || (o.q !== undefined && typeof o.q !== 'string')) throw invalidCursor();
  if (o.v !== undefined && (typeof o.v !== 'string' || !byId || o.c === undefined)) throw invalidCursor();
  madeFor(o.q, query);
  return { ...(byId ? { s: o.s } : { p: o.p }), ...(o.c !== undefined ? { c: o.c } : {}), ...(o.v !== undefined ? { v: o.v } : {}), q: query.digest };
}

/** A cursor's JSON; a 400 (invalidCursor) when it is no string, too long, or no base64url JSON. */
function cursorJson(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.length > 2000) throw invalidCursor();
  try {
    return JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw invalidCursor();
  }
}

/** Refuses a cursor made for another query than `query` (cursorOfOtherQuery); `q` absent: an earlier version's, taken. */
function madeFor(q: string | undefined, query: CursorQuery): void {
  if (q !== undefined && q !== query.digest) throw cursorOfOtherQuery(query);
}

/**
 * For listings paged by the store's own cursor (the audit log, its chain, the submissions): that cursor with the
 * query it was made for (cursorQuery), opaque as the rest. The store's cursor of one filter resumed another at the
 * same place (a page of `?status=approved` continued `?status=submitted` from the middle), as `/api/audit`'s did
 * `/api/audit/chain` (both page the log).
 */
export function bindCursor(storeCursor: string | undefined, query: CursorQuery): string | undefined {
  return storeCursor === undefined ? undefined : encodeCursor({ c: storeCursor, q: query.digest });
}

/**
 * The store's cursor in `raw`, when made for `query`; another query's: refused (cursorOfOtherQuery). A bare store
 * cursor (base64url of a JSON array), as versions before this one gave, is taken as before.
 */
export function unboundCursor(raw: string | undefined, query: CursorQuery): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const v = cursorJson(raw);
  if (Array.isArray(v)) return raw;
  const o = v as { c?: unknown; q?: unknown };
  if (!v || typeof v !== 'object' || typeof o.c !== 'string' || typeof o.q !== 'string') throw invalidCursor();
  madeFor(o.q, query);
  return o.c;
}

/**
 * `?limit=`, 1 to `max`. `beyond`: what to say to a count above `max` — on the public listings, a script asking for
 * `limit=100000` wants everything at once, which the bulk files give.
 */
export function parseLimit(raw: unknown, fallback = 100, max = 1000, beyond?: string): number {
  if (raw === undefined || raw === '') return fallback;
  // Digits only: Number() also reads «0x10», «1e2» and « 5», which a script did not mean as a count.
  const n = typeof raw === 'string' && /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) throw badRequest('invalid-limit', `El parámetro «limit» debe ser un entero entre 1 y ${formatNumber(max, 0)}.${n > max && beyond ? ` ${beyond}` : ''}`);
  return n;
}
