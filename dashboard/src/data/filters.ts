/**
 * The filters shared by *Inicio* and *Proyectos* (year, state, implementer, sector, status), kept in the URL so
 * a filtered view can be linked. Processes follow their projects; a process linked to no project is kept only
 * while no project-level filter (year, sector, status) is set, so totals never silently drop data.
 */
import type { Dataset } from './types';
import type { ProjectRow } from './rows';

export interface Filters {
  year?: number;
  state?: string;
  publisher?: string;
  sector?: string;
  status?: string;
}

export const FILTER_KEYS = ['year', 'state', 'publisher', 'sector', 'status'] as const;

export function parseFilters(q: URLSearchParams): Filters {
  const f: Filters = {};
  const year = Number(q.get('year'));
  if (Number.isInteger(year) && year > 0) f.year = year;
  for (const k of ['state', 'publisher', 'sector', 'status'] as const) { const v = q.get(k); if (v) f[k] = v; }
  return f;
}

export function matchesProject(row: ProjectRow, f: Filters): boolean {
  if (f.state && row.state !== f.state) return false;
  if (f.publisher && row.publisherId !== f.publisher) return false;
  if (f.sector && !row.sectors.includes(f.sector)) return false;
  if (f.status && row.status !== f.status) return false;
  if (f.year !== undefined) {
    const from = row.startYear ?? row.endYear;
    const to = row.endYear ?? row.startYear;
    if (from === undefined || to === undefined || f.year < from || f.year > to) return false;
  }
  return true;
}

/** The raw documents behind a filtered view, ready for computeFigures(). */
export function filterDataset(ds: Dataset, rows: ProjectRow[], f: Filters): { projects: unknown[]; records: unknown[]; publisherIds: Set<string> } {
  const keep = new Set(rows.filter((r) => matchesProject(r, f)).map((r) => r.id));
  const projects = ds.projects.filter((p) => keep.has(String(p.project.id)));
  const linked = new Set(projects.flatMap((p) => rows.find((r) => r.id === p.project.id)?.ocids ?? []));
  const allLinked = new Set(rows.flatMap((r) => r.ocids));
  const projectLevel = f.year !== undefined || !!f.sector || !!f.status;
  const states = new Map(ds.publishers.map((p) => [p.id, p.state]));
  const records = ds.records.filter(({ publisherId, record }) => {
    if (f.publisher && publisherId !== f.publisher) return false;
    if (f.state && states.get(publisherId) !== f.state) return false;
    const ocid = String(record.ocid);
    return linked.has(ocid) || (!projectLevel && !allLinked.has(ocid));
  });
  const publisherIds = new Set([...projects.map((p) => p.publisherId), ...records.map((r) => r.publisherId)]);
  return { projects: projects.map((p) => p.project), records: records.map((r) => r.record), publisherIds };
}
