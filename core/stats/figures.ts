/**
 * Money and count aggregates of a set of OCDS records and OC4IDS projects (DESIGN §8 `/api/stats`). Amounts are
 * summed only in MXN; other currencies are counted apart rather than mixed (OCDS values carry their currency).
 * Aggregated from the slim index entries (publication-index.ts), and kept free of the template spec, so the
 * dashboard bundles it and recomputes the same figures for a filtered subset of `/api/index`: its totals are
 * the API's by construction.
 */
import { cents, type ProcessEntry, type ProjectEntry } from './publication-index';

export interface StatsFigures {
  projects: number;
  processes: number;
  /** Sum of projects' budget.amount in MXN. */
  budgetMxn: number;
  /** Sum of contracts' value in MXN. */
  contractedMxn: number;
  /**
   * The part of contractedMxn from contracts published with their amount only with VAT (`valueWithTax`,
   * contract-with-tax.ts), and how many processes have one: a page says it beside the sum (0 and 0: none).
   */
  contractedWithTaxMxn: number;
  processesWithTax: number;
  /** Sum of implementation transactions in MXN (what has been paid). */
  paidMxn: number;
  /** Sum of projects' completion.finalValue in MXN. */
  finalValueMxn: number;
  /** Amounts found in other currencies (not summed above). */
  otherCurrencyAmounts: number;
  byProjectStatus: Record<string, number>;
  bySector: Record<string, number>;
  /** By tender/procurementMethod; PLANNED_METHOD for a process still at planning that has none yet. */
  byProcurementMethod: Record<string, { count: number; amountMxn: number }>;
  /** Competition bands by number of tenderers: 1, 2–5, more than 5, unknown; `planning`: no tender yet (competitionBand). */
  competition: Record<CompetitionBand, number>;
  years: number[];
  lastUpdate?: string;
}

/**
 * The entry of a code in one of the figures' tallies, made when absent. Own keys only: the codes are the data's
 * (an open codelist such as a project's sector takes any text), and a sector «constructor» was counted on Object's
 * own member («function Object() { [native code] }1» in /api/stats), a method «__proto__» on Object.prototype —
 * every object of the process, the server's or the dashboard's, then had `count` and `amountMxn` (NaN).
 * defineProperty, not `=`: a key «__proto__» assigned is the prototype's setter, not an entry.
 */
function entry<T>(map: Record<string, T>, key: string, fresh: () => T): T {
  if (!Object.prototype.hasOwnProperty.call(map, key)) Object.defineProperty(map, key, { value: fresh(), writable: true, enumerable: true, configurable: true });
  return map[key];
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = entry(map, key, () => 0) + 1;
}

/**
 * A process still at planning (stage `planning`: no tender, or one only planned) has no procedure and no tenderers
 * yet, and that is not missing data: the works of an annual programme, published before their tenders, were tallied
 * as «Sin dato» of method and «Sin dato de licitantes», as if their publishers had left something out. They are
 * tallied apart, under these keys, on the dashboard too (its rows go through the same functions).
 */
export const PLANNED_METHOD = 'en-planeacion';
export type CompetitionBand = '1' | '2-5' | '6+' | 'unknown' | 'planning';

export function methodKey(p: { method: string; stage?: string; tenderers?: number }): string {
  // A tender with bidders and no status is stage `planning` too (publication-index.ts processStage): it had a procedure.
  return p.method === 'sin-dato' && p.stage === 'planning' && p.tenderers === undefined ? PLANNED_METHOD : p.method;
}

export function competitionBand(tenderers: number | undefined, stage?: string): CompetitionBand {
  if (tenderers === undefined) return stage === 'planning' ? 'planning' : 'unknown';
  return tenderers <= 1 ? '1' : tenderers <= 5 ? '2-5' : '6+';
}

/** What figuresOf reads of each entry (the dashboard passes its rows, which carry more). */
type ProcessFigures = Pick<ProcessEntry, 'contracted' | 'contractedWithTax' | 'paid' | 'otherCurrency' | 'method' | 'tenderers' | 'date' | 'stage'>;
type ProjectFigures = Pick<ProjectEntry, 'budget' | 'finalValue' | 'otherCurrency' | 'status' | 'sector' | 'start' | 'updated'>;

/** The figures of index entries (core/stats/publication-index.ts): what the dashboard recomputes for a filtered selection. */
export function figuresOf(processes: ProcessFigures[], projects: ProjectFigures[]): StatsFigures {
  const stats: StatsFigures = {
    projects: projects.length, processes: processes.length, budgetMxn: 0, contractedMxn: 0, contractedWithTaxMxn: 0, processesWithTax: 0, paidMxn: 0, finalValueMxn: 0,
    otherCurrencyAmounts: 0, byProjectStatus: {}, bySector: {}, byProcurementMethod: {},
    competition: { '1': 0, '2-5': 0, '6+': 0, unknown: 0, planning: 0 }, years: [],
  };
  const years = new Set<number>();
  let last = '';
  const seeDate = (d: string | undefined): void => {
    if (d === undefined) return;
    const y = Number(d.slice(0, 4));
    if (y > 1990 && y < 2100) years.add(y);
    if (d > last) last = d;
  };
  for (const p of projects) {
    stats.budgetMxn += p.budget ?? 0;
    stats.finalValueMxn += p.finalValue ?? 0;
    stats.otherCurrencyAmounts += p.otherCurrency ?? 0;
    bump(stats.byProjectStatus, p.status);
    for (const s of p.sector) bump(stats.bySector, s);
    seeDate(p.start);
    seeDate(p.updated);
  }
  for (const r of processes) {
    const contracted = r.contracted ?? 0;
    stats.contractedMxn += contracted;
    if (r.contractedWithTax !== undefined) { stats.contractedWithTaxMxn += r.contractedWithTax; stats.processesWithTax++; }
    stats.paidMxn += r.paid ?? 0;
    stats.otherCurrencyAmounts += r.otherCurrency ?? 0;
    const m = entry(stats.byProcurementMethod, methodKey(r), () => ({ count: 0, amountMxn: 0 }));
    m.count++;
    m.amountMxn += contracted;
    stats.competition[competitionBand(r.tenderers, r.stage)]++;
    seeDate(r.date);
  }
  stats.years = [...years].sort();
  if (last) stats.lastUpdate = last;
  for (const k of ['budgetMxn', 'contractedMxn', 'contractedWithTaxMxn', 'paidMxn', 'finalValueMxn'] as const) stats[k] = cents(stats[k]);
  for (const m of Object.values(stats.byProcurementMethod)) m.amountMxn = cents(m.amountMxn);
  return stats;
}
