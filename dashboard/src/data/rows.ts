/**
 * Flat rows for tables, filters and downloads, derived from the published OC4IDS projects and OCDS records.
 * A project links its processes through `contractingProcesses[].id` (= the OCDS ocid, OC4IDS 0.9.5).
 */
import type { Dataset, Json } from './types';
import { arr, mxn, num, obj, str, sum, yearOf } from './read';

export interface ProjectRow {
  id: string;
  title: string;
  publisherId: string;
  publisherName: string;
  state: string;
  status: string;
  sectors: string[];
  budget?: number;
  contracted?: number;
  finalValue?: number;
  /** Latest observation of the OC4IDS `physicalProgress` / `financialProgress` metrics, in percent. */
  physicalProgress?: number;
  financialProgress?: number;
  startYear?: number;
  endYear?: number;
  updated?: string;
  ocids: string[];
}

export interface Party { id: string; name: string }

export interface ProcessRow {
  ocid: string;
  title: string;
  publisherId: string;
  publisherName: string;
  state: string;
  method: string;
  methodDetails?: string;
  tenderers?: number;
  band: CompetitionBand;
  contracted?: number;
  paid?: number;
  suppliers: Party[];
  /** Per contract: its suppliers and value in MXN, for supplier totals. */
  contracts: { id: string; title?: string; value?: number; suppliers: Party[]; start?: string; end?: string }[];
  projectIds: string[];
  date?: string;
  year?: number;
}

export type CompetitionBand = '1' | '2-5' | '6+' | 'unknown';

/** Same bands as core/stats/figures.ts (numberOfTenderers, else the tenderers listed). */
export function competitionBand(tender: Json | undefined): { tenderers?: number; band: CompetitionBand } {
  const n = num(tender?.numberOfTenderers) ?? (arr(tender?.tenderers).length || undefined);
  return { tenderers: n, band: n === undefined ? 'unknown' : n <= 1 ? '1' : n <= 5 ? '2-5' : '6+' };
}

function latestMetric(project: Json, id: string): number | undefined {
  const metric = arr(project.metrics).map(obj).find((m) => m?.id === id);
  const observations = arr(metric?.observations).map(obj).filter((o): o is Json => !!o);
  observations.sort((a, b) => String(obj(a.period)?.endDate ?? '').localeCompare(String(obj(b.period)?.endDate ?? '')));
  const last = observations[observations.length - 1];
  if (!last) return undefined;
  const measure = typeof last.measure === 'string' ? Number(last.measure) : num(last.measure);
  return measure !== undefined && Number.isFinite(measure) ? measure : num(obj(last.value)?.amount);
}

const parties = (v: unknown): Party[] => arr(v).map(obj).filter((p): p is Json => !!p && !!str(p.name ?? p.id)).map((p) => ({ id: str(p.id) ?? '', name: str(p.name) ?? str(p.id) ?? '' }));

export function projectRows(ds: Dataset): ProjectRow[] {
  const byId = new Map(ds.publishers.map((p) => [p.id, p]));
  return ds.projects.map(({ publisherId, project: p }) => {
    const period = obj(p.period);
    const processes = arr(p.contractingProcesses).map(obj);
    return {
      id: str(p.id) ?? '', title: str(p.title) ?? str(p.id) ?? '', publisherId, publisherName: byId.get(publisherId)?.name ?? publisherId,
      state: byId.get(publisherId)?.state ?? '', status: str(p.status) ?? 'sin-dato', sectors: arr(p.sector).filter((s): s is string => typeof s === 'string'),
      budget: mxn(obj(p.budget)?.amount), contracted: sum(processes.map((c) => mxn(obj(c?.summary)?.contractValue))), finalValue: mxn(obj(p.completion)?.finalValue),
      physicalProgress: latestMetric(p, 'physicalProgress'), financialProgress: latestMetric(p, 'financialProgress'),
      startYear: yearOf(period?.startDate), endYear: yearOf(period?.endDate), updated: str(p.updated),
      ocids: processes.map((c) => str(c?.id) ?? str(obj(c?.summary)?.ocid)).filter((s): s is string => !!s),
    };
  });
}

export function processRows(ds: Dataset): ProcessRow[] {
  const byId = new Map(ds.publishers.map((p) => [p.id, p]));
  const projectsOf = new Map<string, string[]>();
  for (const { project } of ds.projects) {
    for (const c of arr(project.contractingProcesses).map(obj)) {
      const ocid = str(c?.id);
      if (ocid) projectsOf.set(ocid, [...(projectsOf.get(ocid) ?? []), String(project.id)]);
    }
  }
  return ds.records.map(({ publisherId, record }) => {
    const c = obj(record.compiledRelease) ?? {};
    const ocid = str(record.ocid) ?? str(c.ocid) ?? '';
    const tender = obj(c.tender);
    const awards = arr(c.awards).map(obj).filter((a): a is Json => !!a);
    const contracts = arr(c.contracts).map(obj).filter((k): k is Json => !!k).map((k) => {
      const award = awards.find((a) => a.id === k.awardID);
      return {
        id: str(k.id) ?? '', title: str(k.title), value: mxn(k.value), suppliers: parties(award ? award.suppliers : awards.flatMap((a) => arr(a.suppliers))),
        start: str(obj(k.period)?.startDate), end: str(obj(k.period)?.endDate),
      };
    });
    const paid = sum(arr(c.contracts).flatMap((k) => arr(obj(obj(k)?.implementation)?.transactions).map((t) => mxn(obj(t)?.value ?? obj(t)?.amount))));
    const seen = new Set<string>();
    const suppliers = contracts.flatMap((k) => k.suppliers).concat(parties(awards.flatMap((a) => arr(a.suppliers)))).filter((s) => !seen.has(s.id + s.name) && !!seen.add(s.id + s.name));
    const date = str(c.date);
    return {
      ocid, title: str(tender?.title) ?? str(contracts[0]?.title) ?? ocid, publisherId, publisherName: byId.get(publisherId)?.name ?? publisherId, state: byId.get(publisherId)?.state ?? '',
      method: str(tender?.procurementMethod) ?? 'sin-dato', methodDetails: str(tender?.procurementMethodDetails), ...competitionBand(tender),
      contracted: sum(contracts.map((k) => k.value)), paid, suppliers, contracts, projectIds: projectsOf.get(ocid) ?? [], date, year: yearOf(date),
    };
  });
}
