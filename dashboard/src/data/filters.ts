/**
 * The filters shared by *Inicio* and *Proyectos* (year, state, implementer, sector, status), kept in the URL so
 * a filtered view can be linked. Processes follow their projects; a process linked to no project is kept only
 * while no project-level filter (year, sector, status) is set, so totals never silently drop data.
 */
import type { Dataset } from './types';
import type { ProcessRow, ProjectRow } from './rows';

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
  if (f.sector && !row.sector.includes(f.sector)) return false;
  if (f.status && row.status !== f.status) return false;
  if (f.year !== undefined) {
    const from = row.startYear ?? row.endYear;
    const to = row.endYear ?? row.startYear;
    if (from === undefined || to === undefined || f.year < from || f.year > to) return false;
  }
  return true;
}

/** The rows behind a filtered view, ready for figuresOf(). */
export function filterDataset(ds: Dataset, f: Filters): { projects: ProjectRow[]; processes: ProcessRow[]; publisherIds: Set<string> } {
  const projects = ds.projects.filter((r) => matchesProject(r, f));
  const linked = new Set(projects.flatMap((r) => r.ocids));
  const projectLevel = f.year !== undefined || !!f.sector || !!f.status;
  const processes = ds.processes.filter((r) => {
    if (f.publisher && r.publisherId !== f.publisher) return false;
    if (f.state && r.state !== f.state) return false;
    return linked.has(r.ocid) || (!projectLevel && r.projectIds.length === 0);
  });
  const publisherIds = new Set([...projects.map((p) => p.publisherId), ...processes.map((r) => r.publisherId)]);
  return { projects, processes, publisherIds };
}
