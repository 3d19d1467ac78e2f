/**
 * The slim index of one publication: per OC4IDS project and per OCDS contracting process only what the
 * dashboard's lists, filters and totals read — a few hundred bytes instead of the 10–30 KB of a full project
 * and its records. The headline figures (`figures.ts`) are aggregated from these same entries, so a filtered
 * total in the dashboard equals the API's `/api/stats` by construction. Published data may lack any field:
 * nothing here throws, an absent value stays absent (never 0).
 */
import { isObject, stringsOf } from '../json/json-values';
import { contractSupplierRefs } from './contract-suppliers';
import { contractMoney, contractMoneyWithTax, contractWithTax } from './contract-with-tax';
import { progressMeasure } from './progress-measure';
import { PROJECT_STAGES, stagePeriodField, type ProjectStage } from './project-stages';

type Obj = Record<string, unknown>;

export interface Party {
  id: string;
  name: string;
  /** address/locality of the party in the document's `parties` (suppliers only: the dashboard's *Contratista* shows it). */
  locality?: string;
  /**
   * `identifier/id` of the party in the document's `parties` (its RFC under MX-RFC): what the dashboard shows as
   * «RFC / clave». The party's `id` is only the document's internal key (real publications use hashes).
   */
  identifier?: string;
  /**
   * `identifier/scheme` of that identifier, when published with one: «MX-RFC» (or «RFC», as Nuevo León writes it) for
   * an RFC; another register's clave otherwise («MX-INAI» for the INAI's units), which the dashboard names.
   */
  scheme?: string;
}

/**
 * Where a process stands, from its most advanced stage with a status (the national visualizer's rule): the
 * implementation, else the contract, else the award, else the tender, else planning; ended or cancelled stages
 * say so.
 */
export type ProcessStage = 'planning' | 'tender' | 'award' | 'contract' | 'implementation' | 'completed' | 'unsuccessful' | 'cancelled';

export interface ProjectEntry {
  id: string;
  title: string;
  /** OC4IDS projectStatus code, 'sin-dato' when absent. */
  status: string;
  type?: string;
  sector: string[];
  /** budget/amount in MXN. */
  budget?: number;
  /**
   * What its processes contracted, in MXN: the sum of their contracts' values (as each process's own figure) when
   * every linked process is published here as OCDS; otherwise the sum of contractingProcesses/summary/contractValue.
   */
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
  /**
   * The stages' dates as published (OC4IDS 0.9.5 `identificationPeriod` … `decommissioningPeriod`), only the stages with
   * one: what a journalist opening the projects' CSV compares with the project's period. Absent when none is.
   */
  stages?: StageDates;
  /** completion/endDate as published: when the work ended (its delay against `end`, the page's and CSV's «Plazo»). */
  ended?: string;
  updated?: string;
  /** contractingProcesses/id: the OCDS ocids (OC4IDS 0.9.5). */
  ocids: string[];
  /** [lng, lat] of the first point of its first located geometry (GeoJSON order). */
  location?: [number, number];
  /** Amounts published in another currency (budget, final value): counted, never summed with MXN. */
  otherCurrency?: number;
  /** publicAuthority (the institution responsible for the project): its position in the index's `parties`. */
  authority?: number;
  /** address/locality of the first location that has one: the municipality filter. */
  municipality?: string;
}

/** Each stage's start and end, as published. */
export type StageDates = Partial<Record<ProjectStage, { start?: string; end?: string }>>;

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
  /**
   * Per contract: its value (none when cancelled) and what was paid under it in MXN, its award's suppliers (indices
   * into `suppliers`), and how many amendments (convenios modificatorios) it lists, when any.
   */
  contracts: { value?: number; paid?: number; suppliers: number[]; amendments?: number }[];
  /**
   * Per award in force (neither cancelled nor unsuccessful): its value in MXN (none in another currency: those are not
   * counted in `otherCurrency`, which counts what the process contracted and paid) and its suppliers (indices into
   * `suppliers`). What a contractor was awarded, beside what it signed: an award not yet contracted shows an amount.
   * Absent when the process has none.
   */
  awards?: { value?: number; suppliers: number[] }[];
  /** Sum of contracts' value in MXN, cancelled contracts left out. */
  contracted?: number;
  /**
   * The part of `contracted` read from contracts published with their amount only as `valueWithTax` (with VAT; the
   * EDCA-MX field the SHCP's federal publication uses): absent when none is. Counted in `contracted` — leaving them
   * out showed «Sin dato» for contracts whose amount is published — and kept apart so a page says it includes VAT.
   */
  contractedWithTax?: number;
  /**
   * What its contracts in force come to with VAT, in MXN (contractMoneyWithTax: `valueWithTax` where published):
   * what its payments, published with VAT, are divided by for a project's financial progress (financial-progress.ts).
   * Absent when it is `contracted`, as for a process whose contracts publish one amount each.
   */
  contractedInclTax?: number;
  /** Sum of implementation transactions in MXN. */
  paid?: number;
  /** When the process itself happened (processDate), never when it was published. */
  date?: string;
  /** Projects that list this ocid among their contracting processes. */
  projectIds: string[];
  /** Amounts published in another currency (contract values, transactions). */
  otherCurrency?: number;
  stage?: ProcessStage;
  /** The buyer: its position in the index's `parties`. */
  buyer?: number;
  /** Tenderers, by position in the index's `parties` (distinct bidders are counted across processes). */
  bidders?: number[];
  /**
   * The numbers a reader knows the process by besides its ocid — its procedure's (tender/id, «LO-831050999-E1-2024»)
   * and its contracts' (contracts/id, «DOP-LP-001-2024», «A-014/2016») — each once: a journalist with the number of a
   * contract from a news story finds it with the dashboard's search.
   */
  numbers?: string[];
}

/**
 * Institutions (publicAuthority, buyer) and bidders are listed once per publication and referred to by position:
 * a publisher's few institutions would otherwise be repeated on each of its thousands of entries.
 */
export interface PublicationIndex {
  projects: ProjectEntry[];
  processes: ProcessEntry[];
  parties?: Party[];
  /** The INDEX_VERSION it was built with; absent in the indexes stored before versions were written (version 1). */
  version?: number;
}

/**
 * The version of the entries publicationIndex() builds. Each publication stores its index once (publish.ts) and it
 * is never rewritten (the store takes it once): one stored by an earlier version lacks what was added since — the
 * processes' `numbers`, version 2; a cancelled contract's value left out of `contracts` and `contracted`, and each
 * process's awards in force and each contract's amendments, version 3; a process still at planning dated by its
 * planning (processDate), version 4; a process whose contracts are all cancelled at stage «cancelled» whatever their
 * implementation status says (processStage), version 5; a process with a contract or an award published without its
 * status at stage «contract» or «award», not «planning» (processStage), version 6; a project's stages' dates
 * (`stages`, the projects' CSV), version 7; the suppliers of a contract published without its award, read from the
 * parties with the role «supplier» (contract-suppliers.ts), and a project's end date (`ended`), version 8; a contract
 * published with only `valueWithTax` counted by that amount (`contractedWithTax`), version 9; what a process's
 * contracts come to with VAT (`contractedInclTax`, a project's financial progress), version 10; a process whose contracts
 * are all terminated or cancelled not at stage «implementation» whatever their implementation status says
 * (processStage), and a tender or every award declared void (`unsuccessful`) at its own stage «unsuccessful» (Desierto),
 * not «cancelled», version 11 —
 * and is built again from the publication's records and projects when read (functions/src/api/publication-indexes.ts),
 * so data published before a change is found and counted the same way. Raise it whenever an entry gains a field the
 * dashboard reads, or counts differently.
 */
export const INDEX_VERSION = 11;

/** Whether a stored index has every field this version reads (an index of a later version has them too). */
export const isCurrentIndex = (stored: unknown): boolean => {
  const version = obj(stored)?.version;
  return typeof version === 'number' && version >= INDEX_VERSION;
};

/** Interns parties (by id, else name) into one list: entries keep their position. */
export class PartyTable {
  readonly list: Party[] = [];
  private readonly at = new Map<string, number>();
  ref(p: Party | undefined): number | undefined {
    if (!p) return undefined;
    const key = p.id || `nombre:${p.name}`;
    let i = this.at.get(key);
    if (i === undefined) { i = this.list.push(omitUndefined({ id: p.id, name: p.name, identifier: p.identifier, scheme: p.scheme })) - 1; this.at.set(key, i); }
    return i;
  }
}

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
  return progressMeasure(last.measure) ?? num(obj(last.value)?.amount);
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

/**
 * `o` without its undefined fields, as a new object: deleting them from `o` turned each entry into a dictionary
 * object, slower to read for the stats and to write out with the index.
 */
function omitUndefined<T extends object>(o: T): T {
  const out = {} as T;
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** The stages with a date published, each with the ends it has; undefined when none has one. */
function stageDates(p: Obj): StageDates | undefined {
  const out: StageDates = {};
  for (const stage of PROJECT_STAGES) {
    const period = obj(p[stagePeriodField(stage)]);
    const dates = omitUndefined({ start: str(period?.startDate), end: str(period?.endDate) });
    if (dates.start !== undefined || dates.end !== undefined) out[stage] = dates;
  }
  return Object.keys(out).length ? out : undefined;
}

export function projectEntry(project: unknown, table = new PartyTable()): ProjectEntry {
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
    sector: stringsOf(p.sector),
    budget, contracted, finalValue,
    physicalProgress: latestMetric(p, 'physicalProgress'), financialProgress: latestMetric(p, 'financialProgress'),
    start: str(period?.startDate), end: str(period?.endDate), stages: stageDates(p), ended: str(obj(p.completion)?.endDate), updated: str(p.updated),
    ocids: processes.map((c) => str(c.id) ?? str(obj(c.summary)?.ocid)).filter((s): s is string => !!s),
    location: firstPoint(p), otherCurrency: money.other || undefined,
    authority: table.ref(authorityOf(p)), municipality: objects(p.locations).map((l) => str(obj(l.address)?.locality)).find(Boolean),
  });
}

/**
 * The institution responsible for a project and where it is read from: `publicAuthority`, else the party with the
 * `publicAuthority` role; else the project's one buyer. Nuevo León's capture tool publishes neither of the first two,
 * only parties with the roles `buyer`, `procuringEntity`, `payer`…; OC4IDS 0.9.5's own mapping from OCDS
 * (mapping/project-level-identification.csv, «Project owner») takes the parties with the `buyer` role as the
 * project's public authority, and names one only when there is one. So: a single buyer (one id, even if listed
 * twice) is the institution, read `from: 'buyer'`; several, or none, leave the project without one («Sin dato»).
 */
export function projectAuthority(project: unknown): { party: Party; from: 'publicAuthority' | 'buyer' } | undefined {
  const p = obj(project) ?? {};
  const all = objects(p.parties);
  const named = obj(p.publicAuthority);
  const party = all.find((x) => arr(x.roles).includes('publicAuthority'));
  const described = (id: string, fallback: Obj | undefined): Obj | undefined => (id ? all.find((x) => str(x.id) === id) : undefined) ?? fallback;
  const id = str(named?.id) ?? str(party?.id) ?? '';
  const name = str(named?.name) ?? str(party?.name);
  if (name) return { party: partyOf(id, name, described(id, party)), from: 'publicAuthority' };
  const buyers = all.filter((x) => arr(x.roles).includes('buyer') && str(x.name));
  const distinct = new Set(buyers.map((x) => str(x.id) ?? `nombre:${str(x.name)}`));
  if (distinct.size !== 1) return undefined;
  const buyer = buyers[0];
  return { party: partyOf(str(buyer.id) ?? '', str(buyer.name) as string, buyer), from: 'buyer' };
}

/** A party as the index holds it: its id, name, and `identifier` (id and scheme) from its entry in `parties`. */
function partyOf(id: string, name: string, described: Obj | undefined): Party {
  const identifier = obj(described?.identifier);
  return omitUndefined({ id, name, identifier: str(identifier?.id), scheme: str(identifier?.id) ? str(identifier?.scheme) : undefined });
}

const authorityOf = (p: Obj): Party | undefined => projectAuthority(p)?.party;

const CANCELLED = new Set(['cancelled', 'unsuccessful', 'withdrawn']);
/** Contract statuses of a contract no longer in force (OCDS contractStatus): its implementation is over. */
const ENDED_CONTRACT = new Set(['cancelled', 'terminated']);

export function processStage(c: Obj): ProcessStage {
  const contracts = objects(c.contracts);
  // A cancelled or terminated contract is not being carried out, whatever its implementation status was left saying
  // (an official cancels or rescinds the contract and leaves «En ejecución»: a rescinded work read «Etapa: Ejecución»
  // beside «Terminado» in its contract's row): only the others' implementation tells the stage.
  const impl = contracts.filter((k) => !ENDED_CONTRACT.has(str(k.status) ?? '')).map((k) => str(obj(k.implementation)?.status)).filter((s): s is string => !!s);
  if (impl.length) return impl.every((s) => s === 'concluded') ? 'completed' : 'implementation';
  const ks = contracts.map((k) => str(k.status)).filter((s): s is string => !!s);
  if (ks.length) return ks.some((s) => s === 'active' || s === 'pending') ? 'contract' : ks.every((s) => s === 'cancelled') ? 'cancelled' : 'completed';
  // A contract or an award published without its status (a history brought from another system: the federal
  // administration's contracts of 2017 carry none) was still signed or decided: read as planning, a signed contract
  // showed «Etapa: Planeación» and «Aún sin procedimiento».
  if (contracts.length) return 'contract';
  const awards = objects(c.awards);
  const aw = awards.map((a) => str(a.status)).filter((s): s is string => !!s);
  // Declared void (desierta: no acceptable bid, OCDS `unsuccessful`) is not cancelled by the buyer, and in Mexico it is
  // its own outcome (LOPSRM art. 40) that a new call follows: «Cancelado» told a reader the buyer called it off.
  if (aw.length) return aw.some((s) => s === 'active' || s === 'pending') ? 'award' : aw.every((s) => s === 'unsuccessful') ? 'unsuccessful' : 'cancelled';
  if (awards.length) return 'award';
  const t = str(obj(c.tender)?.status);
  // A tender only planned (tenderStatus `planning`, `planned`) has not started: the process is still being planned.
  if (t) return t === 'unsuccessful' ? 'unsuccessful' : CANCELLED.has(t) ? 'cancelled' : t === 'planning' || t === 'planned' ? 'planning' : 'tender';
  return 'planning';
}

/** The latest of `values` that parses as a date, compared as instants (offsets differ between publishers). */
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
 * the opening of its tender period), else, for a process still at planning, its planning: the latest of its planning
 * documents (the annual works programme it is in), else the start of its budget's period. Without it, a work of the
 * 2026 programme had no year, and choosing 2026 in the years filter left it out. The release `date` is when the
 * data was published, which says nothing about the process (every process of an ingest shares it).
 */
export function processDate(compiled: Record<string, unknown>): string | undefined {
  const tender = obj(compiled.tender);
  const planning = obj(compiled.planning);
  return latest(objects(compiled.contracts).map((k) => k.dateSigned))
    ?? latest(objects(compiled.awards).map((a) => a.date))
    ?? latest([tender?.datePublished]) ?? latest([obj(tender?.tenderPeriod)?.startDate])
    ?? latest(objects(planning?.documents).map((d) => d.datePublished))
    ?? latest(objects(obj(planning?.budget)?.budgetBreakdown).map((b) => obj(b.period)?.startDate));
}

/** `record`: an OCDS record; its compiled release is what a reader sees of the process. */
export function processEntry(record: unknown, projectIds: string[] = [], table = new PartyTable()): ProcessEntry {
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
  // The values read from `valueWithTax` (contractWithTax), in MXN.
  const taxed: number[] = [];
  // The amounts with VAT, read apart: a contract in dollars is counted once in `otherCurrency`, by `money`.
  const inclTax: (number | undefined)[] = [];
  const taxMoney = new Money();
  const contracts = contractObjects.map((k) => {
    const kPaid = sumPresent(objects(obj(k.implementation)?.transactions).map((t) => money.mxn(t.value ?? t.amount)));
    // A cancelled contract never came into force: its value is not money contracted, as the OC4IDS summary's
    // contractValue already says (core/summary/summary-from-release.ts, LIVE_CONTRACT); counted, «Monto contratado»
    // and a project's «Contratado» disagreed with the project's package. What was paid under it still counts.
    const withTax = contractWithTax(k);
    const value = str(k.status) === 'cancelled' ? undefined : money.mxn(contractMoney(k));
    if (withTax && value !== undefined) taxed.push(value);
    if (str(k.status) !== 'cancelled') inclTax.push(taxMoney.mxn(contractMoneyWithTax(k)));
    return omitUndefined({ value, paid: kPaid, suppliers: parties(contractSupplierRefs(c, k)).map(indexOf), amendments: arr(k.amendments).length || undefined });
  });
  for (const s of parties(awards.flatMap((a) => arr(a.suppliers)))) indexOf(s);
  // The awards in force, with their own Money: an award in dollars is not counted again in the process's otherCurrency.
  const awardMoney = new Money();
  const inForce = awards.filter((a) => !CANCELLED.has(str(a.status) ?? ''))
    .map((a) => omitUndefined({ value: awardMoney.mxn(a.value), suppliers: parties(a.suppliers).map(indexOf) }))
    .filter((a) => a.value !== undefined || a.suppliers.length);
  // Each transaction was read once above, per contract (its currency counted there).
  const paid = sumPresent(contracts.map((k) => k.paid));
  const contracted = sumPresent(contracts.map((k) => k.value));
  const contractedInclTax = sumPresent(inclTax);
  const tenderers = num(tender?.numberOfTenderers) ?? (arr(tender?.tenderers).length || undefined);
  // What `parties` says of each (references in awards and tenderers carry only id and name).
  const known = new Map(objects(c.parties).map((x) => [str(x.id) ?? str(x.name), x]));
  const described = (p: Party): Party => {
    const identifier = obj(known.get(p.id || p.name)?.identifier);
    const id = str(identifier?.id);
    return id ? omitUndefined({ ...p, identifier: id, scheme: str(identifier?.scheme) }) : p;
  };
  for (const [n, s] of suppliers.entries()) {
    const l = str(obj(known.get(s.id || s.name)?.address)?.locality);
    suppliers[n] = omitUndefined({ ...described(s), locality: l });
  }
  const bidders = [...new Set(parties(tender?.tenderers).map((x) => table.ref(described(x)) as number))];
  // OCDS 1.1 allows a contract's or tender's id as an integer (Nuevo León's 1807002): read as written.
  const idText = (v: unknown): string | undefined => str(v) ?? (num(v) === undefined ? undefined : String(v));
  const numbers = [...new Set([idText(tender?.id), ...contractObjects.map((k) => idText(k.id))].filter((n): n is string => !!n && n !== ocid))];
  // The buyer as `buyer` names it, else the party with the buyer role (OCDS: `buyer` references a party with that role).
  const buyer = parties([c.buyer])[0] ?? parties(objects(c.parties).filter((x) => arr(x.roles).includes('buyer')))[0];
  return omitUndefined<ProcessEntry>({
    ocid, title: str(tender?.title) ?? str(contractObjects[0]?.title) ?? ocid,
    method: str(tender?.procurementMethod) ?? 'sin-dato', category: str(tender?.mainProcurementCategory), tenderers,
    suppliers, contracts, awards: inForce.length ? inForce : undefined, contracted, contractedWithTax: sumPresent(taxed), contractedInclTax: contractedInclTax === contracted ? undefined : contractedInclTax, paid, date: processDate(c), projectIds,
    otherCurrency: money.other || undefined, stage: processStage(c), buyer: table.ref(buyer && described(buyer)), bidders: bidders.length ? bidders : undefined,
    numbers: numbers.length ? numbers : undefined,
  });
}

/** The index of one publication: processes know their projects, projects what their processes paid. */
export function publicationIndex(records: unknown[], projects: unknown[]): PublicationIndex {
  const table = new PartyTable();
  const projectEntries = projects.map((p) => projectEntry(p, table));
  const projectsOf = new Map<string, string[]>();
  for (const p of projectEntries) for (const ocid of new Set(p.ocids)) projectsOf.set(ocid, [...(projectsOf.get(ocid) ?? []), p.id]);
  const processes = records.map((r) => {
    const ocid = str(obj(r)?.ocid) ?? str(obj(obj(r)?.compiledRelease)?.ocid) ?? '';
    return processEntry(r, projectsOf.get(ocid) ?? [], table);
  });
  const byOcid = new Map(processes.map((p) => [p.ocid, p]));
  for (const p of projectEntries) {
    const linked = [...new Set(p.ocids)].map((o) => byOcid.get(o));
    const paid = sumPresent(linked.map((e) => e?.paid));
    if (paid !== undefined) p.paid = paid;
    // The summary's contractValue follows OC4IDS's mapping (the awards' value when no contract says it, as in an
    // award not yet signed), where the dashboard's «Monto contratado» and each process count contracts only: with
    // all its processes here, the project counts them the same way, so the figures agree from page to page.
    if (linked.length && linked.every((e) => e !== undefined)) {
      const contracted = sumPresent(linked.map((e) => e?.contracted));
      if (contracted === undefined) delete p.contracted;
      else p.contracted = contracted;
    }
  }
  return { projects: projectEntries, processes, parties: table.list, version: INDEX_VERSION };
}
