/** OC4IDS Value, Period and OrganizationReference built from their OCDS counterparts. */
import type { JsonObject } from '../json/json-values';
import { obj, pick, str } from './json-access';

export interface Money { amount: number; currency?: string }

export function money(value: unknown): Money | undefined {
  const v = obj(value);
  if (!v || typeof v.amount !== 'number' || !Number.isFinite(v.amount)) return undefined;
  const currency = str(v.currency);
  return currency ? { amount: v.amount, currency } : { amount: v.amount };
}

/**
 * Sum of amounts in one currency; undefined when there is nothing to add or currencies differ (OC4IDS mapping
 * "Contract price": sum only when the currency is the same; we do not convert currencies).
 */
export function sumMoney(values: readonly unknown[]): Money | undefined {
  const list = values.map(money);
  if (list.length === 0 || list.some((m) => !m)) return undefined;
  const currencies = new Set(list.map((m) => m!.currency));
  if (currencies.size !== 1) return undefined;
  // Round away binary noise (0.1 + 0.2) without touching real precision of currency amounts.
  const amount = Number(list.reduce((s, m) => s + m!.amount, 0).toFixed(6));
  const [currency] = currencies;
  return currency ? { amount, currency } : { amount };
}

export function reference(value: unknown): JsonObject | undefined {
  const ref = pick(obj(value), ['id', 'name']);
  if (typeof ref.id === 'number') ref.id = String(ref.id);
  return Object.keys(ref).length ? ref : undefined;
}

/** Milliseconds of an ISO date; unparseable dates sort last. */
export function dateTime(date: string): number {
  const t = Date.parse(date);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/** The span of several periods: earliest start, latest end. */
export function spanPeriods(periods: readonly unknown[]): JsonObject | undefined {
  let start: string | undefined;
  let end: string | undefined;
  for (const p of periods.map(obj)) {
    const s = str(p?.startDate);
    const e = str(p?.endDate);
    if (s && (!start || dateTime(s) < dateTime(start))) start = s;
    if (e && (!end || dateTime(e) > dateTime(end))) end = e;
  }
  if (!start && !end) return undefined;
  return { ...(start ? { startDate: start } : {}), ...(end ? { endDate: end } : {}) };
}
