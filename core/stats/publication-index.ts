/**
 * The slim index of one publication: per OC4IDS project and per OCDS contracting process only what the
 * dashboard's lists, filters and totals read — a few hundred bytes instead of the 10–30 KB of a full project
 * and its records. The headline figures (`figures.ts`) are aggregated from these same entries, so a filtered
 * total in the dashboard equals the API's `/api/stats` by construction. Published data may lack any field:
 * nothing here throws, an absent value stays absent (never 0).
 */
import { isObject } from '../json/json-values';

type Obj = Record<string, unknown>;

export interface Party { id: string; name: string }

export interface ProjectEntry {
  id: string;
  title: string;
  /** OC4IDS projectStatus code, 'sin-dato' when absent. */
  status: string;
  type?: string;
  sector: string[];
  /** budget/amount in MXN. */
  budget?: number;
  /** Sum of contractingProcesses/summary/contractValue in MXN. */
  contracted?: number;
  /** Sum of what its processes paid (OCDS implementation transactions) in MXN. */
  paid?: number;
  /** completion/finalValue in MXN. */
  finalValue?: number;
  /** Latest observation of the OC4IDS `physicalProgress` / `financialProgress` metrics, in percent. */
  physicalProgress?: number;
  financialProgress?: number;
  /** period/startDate and period/endDate as published. */
  start?: string;
  end?: string;
  updated?: string;
  /** contractingProcesses/id: the OCDS ocids (OC4IDS 0.9.5). */
  ocids: string[];
  /** [lng, lat] of the first point of its first located geometry (GeoJSON order). */
  location?: [number, number];
  /** Amounts published in another currency (budget, final value): counted, never summed with MXN. */
  otherCurrency?: number;
}

export interface ProcessEntry {
  ocid: string;
  title: string;
  /** tender/procurementMethod, 'sin-dato' when absent. */
  method: string;
  /** tender/mainProcurementCategory (goods, works, services). */
  category?: string;
  /** tender/numberOfTenderers, else the tenderers listed. */
  tenderers?: number;
  /** Award suppliers, each once. */
  suppliers: Party[];
  /** Per contract: its value in MXN and its award's suppliers (indices into `suppliers`). */
  contracts: { value?: number; suppliers: number[] }[];
  /** Sum of contracts' value in MXN. */
  contracted?: number;
  /** Sum of implementation transactions in MXN. */
  paid?: number;
  /** When the process itself happened (processDate), never when it was published. */
  date?: string;
  /** Projects that list this ocid among their contracting processes. */
  projectIds: string[];
  /** Amounts published in another currency (contract values, transactions). */
  otherCurrency?: number;
}

export interface PublicationIndex { projects: ProjectEntry[]; processes: ProcessEntry[] }

/** One publisher's part of the `/api/index` answer. */
export interface PublisherIndex extends PublicationIndex {
  publisherId: string;
  name: string;
  /** The publisher's Mexican state: the dashboard filters every project and process of the publisher by it. */
  state: string;
  publicationId: string;
  publishedAt: string;
}
/** The `/api/index` answer (functions/src/api/index-routes.ts). */
export interface IndexAnswer { publishers: PublisherIndex[] }

const obj = (v: unknown): Obj | undefined => (isObject(v) ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const objects = (v: unknown): Obj[] => arr(v).map(obj).filter((o): o is Obj => !!o);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const cents = (n: number): number => Math.round(n * 100) / 100;

/** Reads OCDS Values: MXN amounts (an absent currency is the publisher's default, MXN) apart from other currencies. */
class Money {
  other = 0;
  /** The amount in MXN, or undefined when absent or in another currency (counted in `other`). */
  mxn(value: unknown): number | undefined {
    const v = obj(value);
    const amount = num(v?.amount);
    if (amount === undefined) return undefined;
    if (v?.currency !== undefined && v.currency !== 'MXN') { this.other++; return undefined; }
    return amount;
  }
}

/** Sum in cents of the values present; undefined when none is. */
export function sumPresent(values: (number | undefined)[]): number | undefined {
  return values.some((v) => v !== undefined) ? cents(values.reduce<number>((n, v) => n + (v ?? 0), 0)) : undefined;
}

function latestMetric(project: Obj, id: string): number | undefined {
  const observations = objects(objects(project.metrics).find((m) => m.id === id)?.observations);
  const last = observations.sort((a, b) => String(obj(a.period)?.endDate ?? '').localeCompare(String(obj(b.period)?.endDate ?? ''))).pop();
  if (!last) return undefined;
  return num(typeof last.measure === 'string' ? Number(last.measure) : last.measure) ?? num(obj(last.value)?.amount);
}

/** The first [lng, lat] pair of the first location with coordinates (Point, or a vertex of a line / polygon). */
function firstPoint(project: Obj): [number, number] | undefined {
  const find = (v: unknown): [number, number] | undefined => {
    if (!Array.isArray(v)) return undefined;
    if (num(v[0]) !== undefined && num(v[1]) !== undefined) return [v[0] as number, v[1] as number];
    for (const x of v) { const p = find(x); if (p) return p; }
    return undefined;
  };
  for (const l of objects(project.locations)) { const p = find(obj(l.geometry)?.coordinates); if (p) return p; }
  return undefined;
}

const parties = (v: unknown): Party[] => objects(v).filter((p) => !!str(p.name ?? p.id)).map((p) => ({ id: str(p.id) ?? '', name: str(p.name) ?? str(p.id) ?? '' }));

function omitUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function projectEntry(project: unknown): ProjectEntry {
  const p = obj(project) ?? {};
  const money = new Money();
  const period = obj(p.period);
  const processes = objects(p.contractingProcesses);
  const budget = money.mxn(obj(p.budget)?.amount);
  const finalValue = money.mxn(obj(p.completion)?.finalValue);
  // Summaries repeat the OCDS contract values: their currency is counted on the process, not again here.
  const summaries = new Money();
  const contracted = sumPresent(processes.map((c) => summaries.mxn(obj(c.summary)?.contractValue)));
  return omitUndefined<ProjectEntry>({
    id: str(p.id) ?? '', title: str(p.title) ?? str(p.id) ?? '', status: str(p.status) ?? 'sin-dato', type: str(p.type),
    sector: arr(p.sector).filter((s): s is string => typeof s === 'string'),
    budget, contracted, finalValue,
    physicalProgress: latestMetric(p, 'physicalProgress'), financialProgress: latestMetric(p, 'financialProgress'),
    start: str(period?.startDate), end: str(period?.endDate), updated: str(p.updated),
    ocids: processes.map((c) => str(c.id) ?? str(obj(c.summary)?.ocid)).filter((s): s is string => !!s),
    location: firstPoint(p), otherCurrency: money.other || undefined,
  });
}

/** The latest ISO date among `values` (text order is time order for ISO dates of one offset; close enough here). */
function latest(values: unknown[]): string | undefined {
  let best: string | undefined;
  let bestTime = -Infinity;
  for (const v of values) {
    const s = str(v);
    const t = s === undefined ? NaN : Date.parse(s);
    if (s !== undefined && !Number.isNaN(t) && t > bestTime) { best = s; bestTime = t; }
  }
  return best;
}

/**
 * The date the public reads for a process (Contrataciones «Fecha», the years filter): that of its furthest stage —
 * the latest contract signature, else the latest award decision, else the tender's publication (its notice date or
 * the opening of its tender period). The release `date` is when the data was published, which says nothing
 * about the process (every process of an ingest shares it).
 */
export function processDate(compiled: Record<string, unknown>): string | undefined {
  const tender = obj(compiled.tender);
  return latest(objects(compiled.contracts).map((k) => k.dateSigned))
    ?? latest(objects(compiled.awards).map((a) => a.date))
    ?? latest([tender?.datePublished]) ?? latest([obj(tender?.tenderPeriod)?.startDate]);
}

/** `record`: an OCDS record; its compiled release is what a reader sees of the process. */
export function processEntry(record: unknown, projectIds: string[] = []): ProcessEntry {
  const r = obj(record) ?? {};
  const c = obj(r.compiledRelease) ?? {};
  const money = new Money();
  const ocid = str(r.ocid) ?? str(c.ocid) ?? '';
  const tender = obj(c.tender);
  const awards = objects(c.awards);
  const suppliers: Party[] = [];
  const indexOf = (s: Party): number => {
    let i = suppliers.findIndex((x) => x.id === s.id && x.name === s.name);
    if (i < 0) i = suppliers.push(s) - 1;
    return i;
  };
  const contractObjects = objects(c.contracts);
  const contracts = contractObjects.map((k) => {
    // A contract's suppliers are those of its award (awardID); without a match, those of every award.
    const award = awards.find((a) => a.id === k.awardID);
    return omitUndefined({ value: money.mxn(k.value), suppliers: parties(award ? award.suppliers : awards.flatMap((a) => arr(a.suppliers))).map(indexOf) });
  });
  for (const s of parties(awards.flatMap((a) => arr(a.suppliers)))) indexOf(s);
  const paid = sumPresent(contractObjects.flatMap((k) => objects(obj(k.implementation)?.transactions).map((t) => money.mxn(t.value ?? t.amount))));
  const tenderers = num(tender?.numberOfTenderers) ?? (arr(tender?.tenderers).length || undefined);
  return omitUndefined<ProcessEntry>({
    ocid, title: str(tender?.title) ?? str(contractObjects[0]?.title) ?? ocid,
    method: str(tender?.procurementMethod) ?? 'sin-dato', category: str(tender?.mainProcurementCategory), tenderers,
    suppliers, contracts, contracted: sumPresent(contracts.map((k) => k.value)), paid, date: processDate(c), projectIds,
    otherCurrency: money.other || undefined,
  });
}

/** The index of one publication: processes know their projects, projects what their processes paid. */
export function publicationIndex(records: unknown[], projects: unknown[]): PublicationIndex {
  const projectEntries = projects.map(projectEntry);
  const projectsOf = new Map<string, string[]>();
  for (const p of projectEntries) for (const ocid of new Set(p.ocids)) projectsOf.set(ocid, [...(projectsOf.get(ocid) ?? []), p.id]);
  const processes = records.map((r) => {
    const ocid = str(obj(r)?.ocid) ?? str(obj(obj(r)?.compiledRelease)?.ocid) ?? '';
    return processEntry(r, projectsOf.get(ocid) ?? []);
  });
  const paidOf = new Map(processes.map((p) => [p.ocid, p.paid]));
  for (const p of projectEntries) {
    const paid = sumPresent([...new Set(p.ocids)].map((o) => paidOf.get(o)));
    if (paid !== undefined) p.paid = paid;
  }
  return { projects: projectEntries, processes };
}
