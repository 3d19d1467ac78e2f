/**
 * The columnar form of the `/api/index` answer (`/api/index/compact`), what the dashboard loads: the same
 * entries as publication-index.ts, but one array per field instead of one object per entry, and every repeated
 * string (codes, dates, municipalities, parties) written once in a shared table and referred to by position.
 * For 5,000 projects and 10,000 processes the object form is about 7 MB of JSON; parsing it and copying its
 * objects took most of the dashboard's first render. Arrays of numbers parse several times faster than objects
 * with keys, and the decoder builds each row in one shape (dashboard/src/data/compact-rows.ts).
 *
 * Lossless: `expandIndex(compactIndex(a))` is `a` (the test checks it on the seeded publications), so every
 * figure computed from it is the same. Absent values are `null` in the columns and absent again once expanded.
 */
import type { IndexAnswer, Party, ProcessEntry, ProjectEntry, PublisherIndex, StageDates } from './publication-index';
import { PROJECT_STAGES } from './project-stages';

/** A position in `CompactIndex.strings`, or null when absent. */
type Ref = number | null;

export interface CompactProjects {
  id: string[];
  title: string[];
  status: number[];
  type: Ref[];
  sector: number[][];
  budget: (number | null)[];
  contracted: (number | null)[];
  paid: (number | null)[];
  finalValue: (number | null)[];
  physicalProgress: (number | null)[];
  financialProgress: (number | null)[];
  start: Ref[];
  end: Ref[];
  updated: Ref[];
  /** Each ocid as the position of its process in this publisher's `processes`, or the ocid itself when it has no record. */
  ocids: (number | string)[][];
  lng: (number | null)[];
  lat: (number | null)[];
  otherCurrency: (number | null)[];
  /** Position in `CompactIndex.parties`. */
  authority: (number | null)[];
  municipality: Ref[];
  /**
   * Each project's stage dates as [start, end] per stage in PROJECT_STAGES order (12 refs), null when it has none.
   * Absent in a compact index written before them.
   */
  stages?: (Ref[] | null)[];
  /** Each project's completion/endDate. Absent in a compact index written before it. */
  ended?: Ref[];
}

/** A project's stage dates as the compact column holds them, and back. */
export function compactStages(stages: StageDates | undefined, ref: (s: string | undefined) => Ref): Ref[] | null {
  return stages ? PROJECT_STAGES.flatMap((stage) => [ref(stages[stage]?.start), ref(stages[stage]?.end)]) : null;
}
export function expandStages(refs: Ref[] | null | undefined, str: (r: Ref) => string | undefined): StageDates | undefined {
  if (!refs) return undefined;
  const out: StageDates = {};
  PROJECT_STAGES.forEach((stage, i) => {
    const start = str(refs[2 * i]);
    const end = str(refs[2 * i + 1]);
    if (start !== undefined || end !== undefined) out[stage] = { ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) };
  });
  return out;
}

export interface CompactProcesses {
  ocid: string[];
  title: string[];
  method: number[];
  category: Ref[];
  tenderers: (number | null)[];
  /** Positions in `CompactIndex.parties`. */
  suppliers: number[][];
  /** Per contract: [value, paid, its suppliers as positions in the process's `suppliers`, and its amendments when it has any]. */
  contracts: ([number | null, number | null, number[]] | [number | null, number | null, number[], number])[][];
  contracted: (number | null)[];
  /** ProcessEntry.contractedWithTax; absent when no process of the publication has it (and in indexes before it). */
  contractedWithTax?: (number | null)[];
  /**
   * ProcessEntry.contractedInclTax; absent when no process of the publication has it (and in indexes before it). In
   * the core half: Inicio says what was paid of it (pages/common.ts paidOfInclTaxNote).
   */
  contractedInclTax?: (number | null)[];
  paid: (number | null)[];
  date: Ref[];
  /** Positions of the projects in this publisher's `projects`. */
  projectIds: number[][];
  otherCurrency: (number | null)[];
  stage: Ref[];
  buyer: (number | null)[];
  bidders: (number[] | null)[];
  /**
   * The process's numbers (tender and contracts), what the search finds: a detail, since a view with a search loads the
   * details too (dashboard/src/main.ts). Absent in a compact index written before them.
   */
  numbers?: (string[] | null)[];
  /** Per award in force: [value, its suppliers as positions in the process's `suppliers`]; absent in an index written before them. */
  awards?: ([number | null, number[]][] | null)[];
}

export interface CompactPublisher {
  publisherId: string;
  name: string;
  state: string;
  publicationId: string;
  publishedAt: string;
  projects: CompactProjects;
  processes: CompactProcesses;
  /** Positions in `CompactIndex.parties` of the publication's own `parties` list (institutions and bidders), in its order. */
  parties?: number[];
}

export interface CompactIndex {
  format: 'columns-1';
  strings: string[];
  /** [id, name, locality, identifier?, scheme?] as positions in `strings` (locality null when absent; identifier only when given, its scheme only when it has one). */
  parties: CompactParty[];
  publishers: CompactPublisher[];
}

class Strings {
  readonly list: string[] = [];
  private readonly at = new Map<string, number>();
  ref(s: string): number;
  ref(s: string | undefined): Ref;
  ref(s: string | undefined): Ref {
    if (s === undefined) return null;
    let i = this.at.get(s);
    if (i === undefined) { i = this.list.push(s) - 1; this.at.set(s, i); }
    return i;
  }
}

export type CompactParty = [number, number, Ref] | [number, number, Ref, number] | [number, number, Ref, number, number];

/** A party of the table as the index holds it: id and name always, locality, identifier and its scheme when present. */
export function decodeParty(strings: readonly string[], [id, name, locality, identifier, scheme]: CompactParty): Party {
  const party: Party = { id: strings[id], name: strings[name] };
  if (locality !== null) party.locality = strings[locality];
  if (identifier !== undefined) party.identifier = strings[identifier];
  if (scheme !== undefined) party.scheme = strings[scheme];
  return party;
}

class Parties {
  readonly list: CompactParty[] = [];
  private readonly at = new Map<string, number>();
  constructor(private readonly strings: Strings) {}
  ref(p: Party): number {
    const key = `${p.id}\u0000${p.name}\u0000${p.locality ?? '\u0001'}\u0000${p.identifier ?? '\u0001'}\u0000${p.scheme ?? '\u0001'}`;
    let i = this.at.get(key);
    if (i === undefined) {
      const base: [number, number, Ref] = [this.strings.ref(p.id), this.strings.ref(p.name), this.strings.ref(p.locality)];
      const identified: CompactParty = p.identifier === undefined ? base : p.scheme === undefined ? [...base, this.strings.ref(p.identifier)] : [...base, this.strings.ref(p.identifier), this.strings.ref(p.scheme)];
      i = this.list.push(identified) - 1;
      this.at.set(key, i);
    }
    return i;
  }
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

function compactPublisher(p: PublisherIndex, strings: Strings, parties: Parties): CompactPublisher {
  const own = (p.parties ?? []).map((x) => parties.ref(x));
  const party = (i: number | undefined): number | null => (i === undefined ? null : own[i] ?? null);
  const processAt = new Map<string, number>();
  p.processes.forEach((r, i) => { if (!processAt.has(r.ocid)) processAt.set(r.ocid, i); });
  const projectAt = new Map<string, number>();
  p.projects.forEach((r, i) => { if (!projectAt.has(r.id)) projectAt.set(r.id, i); });
  const projects = p.projects;
  const processes = p.processes;
  return {
    publisherId: p.publisherId, name: p.name, state: p.state, publicationId: p.publicationId, publishedAt: p.publishedAt,
    projects: {
      id: projects.map((e) => e.id), title: projects.map((e) => e.title), status: projects.map((e) => strings.ref(e.status)),
      type: projects.map((e) => strings.ref(e.type)), sector: projects.map((e) => e.sector.map((s) => strings.ref(s))),
      budget: projects.map((e) => orNull(e.budget)), contracted: projects.map((e) => orNull(e.contracted)), paid: projects.map((e) => orNull(e.paid)),
      finalValue: projects.map((e) => orNull(e.finalValue)), physicalProgress: projects.map((e) => orNull(e.physicalProgress)),
      financialProgress: projects.map((e) => orNull(e.financialProgress)),
      start: projects.map((e) => strings.ref(e.start)), end: projects.map((e) => strings.ref(e.end)), updated: projects.map((e) => strings.ref(e.updated)),
      ocids: projects.map((e) => e.ocids.map((o) => processAt.get(o) ?? o)),
      lng: projects.map((e) => (e.location ? e.location[0] : null)), lat: projects.map((e) => (e.location ? e.location[1] : null)),
      otherCurrency: projects.map((e) => orNull(e.otherCurrency)), authority: projects.map((e) => party(e.authority)),
      municipality: projects.map((e) => strings.ref(e.municipality)),
      stages: projects.map((e) => compactStages(e.stages, (x) => strings.ref(x))),
      ended: projects.map((e) => strings.ref(e.ended)),
    },
    processes: {
      ocid: processes.map((e) => e.ocid), title: processes.map((e) => e.title), method: processes.map((e) => strings.ref(e.method)),
      category: processes.map((e) => strings.ref(e.category)), tenderers: processes.map((e) => orNull(e.tenderers)),
      suppliers: processes.map((e) => e.suppliers.map((s) => parties.ref(s))),
      contracts: processes.map((e) => e.contracts.map((k): CompactProcesses['contracts'][number][number] => (k.amendments ? [orNull(k.value), orNull(k.paid), k.suppliers, k.amendments] : [orNull(k.value), orNull(k.paid), k.suppliers]))),
      contracted: processes.map((e) => orNull(e.contracted)), paid: processes.map((e) => orNull(e.paid)), date: processes.map((e) => strings.ref(e.date)),
      // Rare (federal contracts published with VAT only): a column of nulls for every publication would be bytes for nothing.
      ...(processes.some((e) => e.contractedWithTax !== undefined) ? { contractedWithTax: processes.map((e) => orNull(e.contractedWithTax)) } : {}),
      ...(processes.some((e) => e.contractedInclTax !== undefined) ? { contractedInclTax: processes.map((e) => orNull(e.contractedInclTax)) } : {}),
      // Every project id listed here is a project of the same publication (publicationIndex links them so).
      projectIds: processes.map((e) => e.projectIds.map((id) => projectAt.get(id) ?? -1)),
      otherCurrency: processes.map((e) => orNull(e.otherCurrency)), stage: processes.map((e) => strings.ref(e.stage)),
      buyer: processes.map((e) => party(e.buyer)), bidders: processes.map((e) => (e.bidders ? e.bidders.map((i) => party(i) as number) : null)),
      numbers: processes.map((e) => e.numbers ?? null),
      awards: processes.map((e) => (e.awards ? e.awards.map((a): [number | null, number[]] => [orNull(a.value), a.suppliers]) : null)),
    },
    ...(p.parties ? { parties: own } : {}),
  };
}

export function compactIndex(answer: IndexAnswer): CompactIndex {
  const strings = new Strings();
  const parties = new Parties(strings);
  const publishers = answer.publishers.map((p) => compactPublisher(p, strings, parties));
  return { format: 'columns-1', strings: strings.list, parties: parties.list, publishers };
}

/** Reads a party of the table back. */
export function partyAt(c: CompactIndex, i: number): Party {
  return decodeParty(c.strings, c.parties[i]);
}

function put<T extends object>(o: T, k: keyof T, v: unknown): void {
  if (v !== null && v !== undefined) (o as Record<keyof T, unknown>)[k] = v;
}

/** The object form back (for tests and any reader that prefers it); the dashboard decodes straight into its rows instead. */
export function expandIndex(c: CompactIndex): IndexAnswer {
  const s = (r: Ref): string | undefined => (r === null ? undefined : c.strings[r]);
  return {
    publishers: c.publishers.map((p) => {
      const local = new Map((p.parties ?? []).map((g, i) => [g, i]));
      const P = p.projects;
      const R = p.processes;
      const projects = P.id.map((id, i) => {
        const e = { id, title: P.title[i], status: c.strings[P.status[i]] } as ProjectEntry;
        put(e, 'type', s(P.type[i]));
        e.sector = P.sector[i].map((x) => c.strings[x]);
        for (const k of ['budget', 'contracted', 'finalValue', 'physicalProgress', 'financialProgress'] as const) put(e, k, P[k][i]);
        put(e, 'start', s(P.start[i])); put(e, 'end', s(P.end[i])); put(e, 'updated', s(P.updated[i]));
        e.ocids = P.ocids[i].map((o) => (typeof o === 'number' ? R.ocid[o] : o));
        const lng = P.lng[i]; const lat = P.lat[i];
        if (lng !== null && lat !== null) e.location = [lng, lat];
        put(e, 'otherCurrency', P.otherCurrency[i]);
        const a = P.authority[i];
        if (a !== null) e.authority = local.get(a);
        put(e, 'municipality', s(P.municipality[i]));
        put(e, 'stages', expandStages(P.stages?.[i], s));
        put(e, 'ended', s(P.ended?.[i] ?? null));
        put(e, 'paid', P.paid[i]);
        return e;
      });
      const processes = R.ocid.map((ocid, i) => {
        const e = { ocid, title: R.title[i], method: c.strings[R.method[i]] } as ProcessEntry;
        put(e, 'category', s(R.category[i]));
        put(e, 'tenderers', R.tenderers[i]);
        e.suppliers = R.suppliers[i].map((x) => partyAt(c, x));
        e.contracts = R.contracts[i].map(([value, paid, suppliers, amendments]) => { const k = {} as ProcessEntry['contracts'][number]; put(k, 'value', value); put(k, 'paid', paid); k.suppliers = suppliers; put(k, 'amendments', amendments); return k; });
        put(e, 'contracted', R.contracted[i]); put(e, 'contractedWithTax', R.contractedWithTax?.[i] ?? null); put(e, 'contractedInclTax', R.contractedInclTax?.[i] ?? null); put(e, 'paid', R.paid[i]); put(e, 'date', s(R.date[i]));
        e.projectIds = R.projectIds[i].map((x) => P.id[x]);
        put(e, 'otherCurrency', R.otherCurrency[i]); put(e, 'stage', s(R.stage[i]));
        const b = R.buyer[i];
        if (b !== null) e.buyer = local.get(b);
        const bidders = R.bidders[i];
        if (bidders) e.bidders = bidders.map((x) => local.get(x) as number);
        put(e, 'numbers', R.numbers?.[i]);
        const awards = R.awards?.[i];
        if (awards) e.awards = awards.map(([value, suppliers]) => { const a = {} as NonNullable<ProcessEntry['awards']>[number]; put(a, 'value', value); a.suppliers = suppliers; return a; });
        return e;
      });
      const out: PublisherIndex = { publisherId: p.publisherId, name: p.name, state: p.state, publicationId: p.publicationId, publishedAt: p.publishedAt, projects, processes };
      if (p.parties) out.parties = p.parties.map((x) => { const { locality, ...q } = partyAt(c, x); return (void locality, q); });
      return out;
    }),
  };
}

/**
 * The two halves the dashboard loads in turn. *Inicio* (map, counters, charts, header filters) needs only the
 * `core` columns; the `details` — titles, process contracts, categories, project amounts contracted and
 * paid, progress — are what the list and detail pages (and the map's popups) add, fetched after Inicio is drawn. On a loaded machine
 * the browser's cost grows with the bytes it receives (each chunk of the answer waits for a CPU), so Inicio waits
 * for less than half of them. A process's stage is in the core: Inicio's figures tally a process still at planning
 * apart (core/stats/figures.ts competitionBand), and must be the whole index's.
 */
export type IndexPart = 'core' | 'details';
export const DETAIL_COLUMNS = {
  projects: ['title', 'contracted', 'paid', 'physicalProgress', 'financialProgress', 'stages', 'ended'] as (keyof CompactProjects)[],
  processes: ['title', 'category', 'contracts', 'numbers', 'awards'] as (keyof CompactProcesses)[],
};

export interface CompactPartPublisher extends Omit<CompactPublisher, 'projects' | 'processes'> {
  projects: Partial<CompactProjects>;
  processes: Partial<CompactProcesses>;
}
/** A part: the same tables of strings and parties, the publishers in the same order, some of their columns. */
export interface CompactPart extends Omit<CompactIndex, 'publishers'> { part: IndexPart; publishers: CompactPartPublisher[] }

function pick<T extends object>(columns: T, keys: (keyof T)[], keep: boolean): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(columns) as (keyof T)[]) if (keys.includes(k) === keep) out[k] = columns[k];
  return out;
}

export function compactPart(c: CompactIndex, part: IndexPart): CompactPart {
  const details = part === 'details';
  return {
    format: c.format, part, strings: c.strings, parties: c.parties,
    publishers: c.publishers.map((p) => ({
      ...p,
      // The details carry the ids too, so a reader can tell that both halves describe the same entries.
      projects: details ? { id: p.projects.id, ...pick(p.projects, DETAIL_COLUMNS.projects, true) } : pick(p.projects, DETAIL_COLUMNS.projects, false),
      processes: details ? { ocid: p.processes.ocid, ...pick(p.processes, DETAIL_COLUMNS.processes, true) } : pick(p.processes, DETAIL_COLUMNS.processes, false),
    })),
  };
}
