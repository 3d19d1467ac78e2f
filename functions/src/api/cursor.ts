/**
 * Cursors for listings that span publishers: which publisher we are in and the store's own cursor inside it,
 * as opaque base64url JSON. A tampered cursor is a 400 with a Spanish message, never a 500.
 */
import { formatNumber } from '../../../core/format/es-mx';
import { badRequest } from './http-error';

export interface SpanCursor { p: number; c?: string }

export function encodeCursor(c: SpanCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(raw: unknown): SpanCursor {
  if (raw === undefined || raw === '') return { p: 0 };
  const invalid = badRequest('invalid-cursor', 'El parámetro «after» no es válido: use el enlace «links.next» de la página anterior.');
  if (typeof raw !== 'string' || raw.length > 2000) throw invalid;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    const o = v as SpanCursor;
    if (!v || typeof v !== 'object' || !Number.isInteger(o.p) || o.p < 0 || (o.c !== undefined && typeof o.c !== 'string')) throw invalid;
    return { p: o.p, ...(o.c !== undefined ? { c: o.c } : {}) };
  } catch {
    throw invalid;
  }
}

export function parseLimit(raw: unknown, fallback = 100, max = 1000): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw badRequest('invalid-limit', `El parámetro «limit» debe ser un entero entre 1 y ${formatNumber(max, 0)}.`);
  return n;
}
