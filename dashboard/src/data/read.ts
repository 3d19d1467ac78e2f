/** Tolerant readers over published JSON: published data may lack any field, so nothing here throws. */
import type { Json } from './types';

export const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Amount of an OCDS Value in MXN, or undefined when absent or in another currency (never mixed). */
export function mxn(value: unknown): number | undefined {
  const v = obj(value);
  const amount = num(v?.amount);
  if (amount === undefined || (v?.currency !== undefined && v.currency !== 'MXN')) return undefined;
  return amount;
}

export const sum = (values: (number | undefined)[]): number | undefined =>
  values.some((v) => v !== undefined) ? Math.round(values.reduce<number>((n, v) => n + (v ?? 0), 0) * 100) / 100 : undefined;

export const yearOf = (date: unknown): number | undefined => {
  const y = typeof date === 'string' ? Number(date.slice(0, 4)) : NaN;
  return y > 1990 && y < 2100 ? y : undefined;
};
