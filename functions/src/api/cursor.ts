/**
 * Cursors for listings that span publishers: which publisher we are in and the store's own cursor inside it,
 * as opaque base64url JSON. A tampered cursor is a 400 with a Spanish message, never a 500.
 */
import { formatNumber } from '../../../core/format/es-mx';
import { badRequest, type HttpError } from './http-error';

/**
 * `s`: the publisher the page stopped in, by id — a publisher publishing for the first time while a client pages
 * takes its place among the others by id, and a position would then name another one (pages repeated or skipped).
 * `p`: that position, as cursors named it before `s` (a link still in a client's hands keeps working).
 */
export interface SpanCursor { s?: string; p?: number; c?: string }

export const invalidCursor = (): HttpError => badRequest('invalid-cursor', 'El parámetro «after» no es válido: use el enlace «links.next» de la página anterior.');

export function encodeCursor(c: SpanCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(raw: unknown): SpanCursor {
  if (raw === undefined || raw === '') return {};
  const invalid = invalidCursor();
  if (typeof raw !== 'string' || raw.length > 2000) throw invalid;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    const o = v as SpanCursor;
    const byId = typeof o.s === 'string' && o.s !== '' && o.p === undefined;
    const byPosition = o.s === undefined && Number.isInteger(o.p) && (o.p as number) >= 0;
    if (!v || typeof v !== 'object' || !(byId || byPosition) || (o.c !== undefined && typeof o.c !== 'string')) throw invalid;
    return { ...(byId ? { s: o.s } : { p: o.p }), ...(o.c !== undefined ? { c: o.c } : {}) };
  } catch {
    throw invalid;
  }
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
