/** Tolerant readers over published JSON: published data may lack any field, so nothing here throws. */
import type { Json } from './types';

export const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** The objects of a list (a missing list, or an entry that is not an object, is skipped). */
export const objects = (v: unknown): Json[] => arr(v).map(obj).filter((o): o is Json => !!o);

export const yearOf = (date: unknown): number | undefined => {
  const y = typeof date === 'string' ? Number(date.slice(0, 4)) : NaN;
  return y > 1990 && y < 2100 ? y : undefined;
};

/**
 * A real date: not year 0001, which real Mexican publications (and the capture tool) write for «no date»
 * (`0001-01-01T00:00:00Z`): shown as «01/01/0001» and placed first on a timeline, it read as a date.
 */
export const isRealDate = (v: string | undefined | null): v is string => !!v && !v.startsWith('0001-');
