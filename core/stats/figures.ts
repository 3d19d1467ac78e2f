/**
 * Money and count aggregates of a set of OCDS records and OC4IDS projects (DESIGN §8 `/api/stats`). Amounts are
 * summed only in MXN; other currencies are counted apart rather than mixed (OCDS values carry their currency).
 * Kept free of the template spec so the dashboard can bundle it and recompute the same figures for a filtered
 * subset, which keeps its totals identical to the API's.
 */
type Obj = Record<string, unknown>;

export interface StatsFigures {
  projects: number;
  processes: number;
  /** Sum of projects' budget.amount in MXN. */
  budgetMxn: number;
  /** Sum of contracts' value in MXN. */
  contractedMxn: number;
  /** Sum of implementation transactions in MXN (what has been paid). */
  paidMxn: number;
  /** Sum of projects' completion.finalValue in MXN. */
  finalValueMxn: number;
  /** Amounts found in other currencies (not summed above). */
  otherCurrencyAmounts: number;
  byProjectStatus: Record<string, number>;
  bySector: Record<string, number>;
  byProcurementMethod: Record<string, { count: number; amountMxn: number }>;
  /** Competition bands by number of tenderers: 1, 2–5, more than 5, unknown. */
  competition: Record<'1' | '2-5' | '6+' | 'unknown', number>;
  years: number[];
  lastUpdate?: string;
}

const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function mxn(value: unknown, other: { n: number }): number {
  const v = obj(value);
  if (!v || typeof v.amount !== 'number') return 0;
  if (v.currency !== undefined && v.currency !== 'MXN') { other.n++; return 0; }
  return v.amount;
}

const cents = (n: number): number => Math.round(n * 100) / 100;

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

export function computeFigures(records: unknown[], projects: unknown[]): StatsFigures {
  const other = { n: 0 };
  const stats: StatsFigures = {
    projects: projects.length, processes: records.length, budgetMxn: 0, contractedMxn: 0, paidMxn: 0, finalValueMxn: 0,
    otherCurrencyAmounts: 0, byProjectStatus: {}, bySector: {}, byProcurementMethod: {},
    competition: { '1': 0, '2-5': 0, '6+': 0, unknown: 0 }, years: [],
  };
  const years = new Set<number>();
  let last = '';
  const seeDate = (d: unknown): void => {
    if (typeof d !== 'string') return;
    const y = Number(d.slice(0, 4));
    if (y > 1990 && y < 2100) years.add(y);
    if (d > last) last = d;
  };
  for (const p of projects.map(obj)) {
    if (!p) continue;
    stats.budgetMxn += mxn(obj(p.budget)?.amount, other);
    stats.finalValueMxn += mxn(obj(p.completion)?.finalValue, other);
    bump(stats.byProjectStatus, typeof p.status === 'string' ? p.status : 'sin-dato');
    for (const s of arr(p.sector)) if (typeof s === 'string') bump(stats.bySector, s);
    seeDate(obj(p.period)?.startDate);
    seeDate(p.updated);
  }
  for (const r of records.map(obj)) {
    const c = obj(r?.compiledRelease);
    if (!c) continue;
    const tender = obj(c.tender) ?? {};
    let contracted = 0;
    for (const k of arr(c.contracts).map(obj)) {
      if (!k) continue;
      contracted += mxn(k.value, other);
      for (const t of arr(obj(k.implementation)?.transactions).map(obj)) stats.paidMxn += mxn(t?.value ?? t?.amount, other);
    }
    stats.contractedMxn += contracted;
    const method = typeof tender.procurementMethod === 'string' ? tender.procurementMethod : 'sin-dato';
    const m = (stats.byProcurementMethod[method] ??= { count: 0, amountMxn: 0 });
    m.count++;
    m.amountMxn += contracted;
    const n = typeof tender.numberOfTenderers === 'number' ? tender.numberOfTenderers : arr(tender.tenderers).length || undefined;
    stats.competition[n === undefined ? 'unknown' : n <= 1 ? '1' : n <= 5 ? '2-5' : '6+']++;
    seeDate(c.date);
  }
  stats.otherCurrencyAmounts = other.n;
  stats.years = [...years].sort();
  if (last) stats.lastUpdate = last;
  for (const k of ['budgetMxn', 'contractedMxn', 'paidMxn', 'finalValueMxn'] as const) stats[k] = cents(stats[k]);
  for (const m of Object.values(stats.byProcurementMethod)) m.amountMxn = cents(m.amountMxn);
  return stats;
}
