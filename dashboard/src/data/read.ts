/** Tolerant readers over published JSON: published data may lack any field, so nothing here throws. */
import type { Json } from './types';

export const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export const yearOf = (date: unknown): number | undefined => {
  const y = typeof date === 'string' ? Number(date.slice(0, 4)) : NaN;
  return y > 1990 && y < 2100 ? y : undefined;
};
