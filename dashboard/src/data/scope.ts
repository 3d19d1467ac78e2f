/**
 * What part of the published data a page loads. The list pages work on the slim index in the browser (filters,
 * totals, search without a round trip), which is right for a state's worth of data but not for the country:
 * about 275 KB per 1,000 processes and 500 projects (docs/deploy.md §11), so a national roll-out (≈ 500,000
 * processes in a year) would be ~100 MB per visit. Above INDEX_MAX_ROWS published rows (core/stats/serving-limits.ts)
 * the dashboard loads one state at a time (`/api/index/compact…?state=`): the state of the header's filter, of the
 * implementer filtered, or of the project or process a link opens (by its identifier's prefix). A state that is
 * itself above the budget (Oaxaca's 570 municipalities) is loaded one implementer at a time (`?publisher=`).
 * Without what to load, the page asks the reader to choose (pages/choose-scope.ts), from the counts
 * `/api/publishers` already gives. *Calidad de datos* also counts the implementers whose statistics it would show
 * (STATS_MAX_PUBLISHERS). The API refuses answers of several implementers above the same budgets.
 */
import { ownerOf } from '../../../core/identifiers/owner-of';
import { countedRows, INDEX_MAX_ROWS, STATS_MAX_PUBLISHERS } from '../../../core/stats/serving-limits';
import type { Filters } from './filters';
import type { PublisherInfo } from './types';

export type Scope =
  /** The whole index: small enough. */
  | { kind: 'all' }
  /** One state's publishers. */
  | { kind: 'state'; state: string }
  /** One publisher, in a state too large to load whole. */
  | { kind: 'publisher'; state: string; publisherId: string }
  /** Too large and nothing named: the page lists the states to choose from, or a large state's implementers. */
  | { kind: 'choose'; state?: string };

/** The projects and processes the publishers' current publications hold. */
export function publishedRows(publishers: PublisherInfo[]): number {
  return countedRows(publishers.map((p) => p.currentPublication?.counts));
}

/**
 * The scope of a page: `route` and `params` as the router parsed them (`proyecto`, [id]), `filters` from the URL.
 * The implementer filtered names its state; a state filter names the state; a detail page opened without either
 * loads where its document is. In a state too large, the implementer (filtered or owning the document) is loaded.
 */
export function scopeOf(publishers: PublisherInfo[], filters: Filters, route: string, params: string[], maxRows = INDEX_MAX_ROWS, maxStatsPublishers = STATS_MAX_PUBLISHERS): Scope {
  // *Calidad de datos* loads the statistics of the publishers in scope (one column each), not the index.
  const fits = (list: PublisherInfo[]): boolean => publishedRows(list) <= maxRows && (route !== 'calidad' || list.filter((p) => p.currentPublication).length <= maxStatsPublishers);
  if (fits(publishers)) return { kind: 'all' };
  const id = params[0];
  const owner = !id ? undefined : route === 'proyecto' ? ownerOf(publishers, id, (p) => p.projectIdPrefix) : route === 'contratacion' ? ownerOf(publishers, id, (p) => p.ocidPrefix)
    // An implementer's pending list: its own state's (or its own) data, like its documents'.
    : route === 'pendientes' ? publishers.find((p) => p.id === id) : undefined;
  const filtered = filters.publisher ? publishers.find((p) => p.id === filters.publisher) : undefined;
  const state = filters.state ?? filtered?.state ?? owner?.state;
  if (state === undefined) return { kind: 'choose' };
  if (fits(publishers.filter((p) => p.state === state))) return { kind: 'state', state };
  const one = [filtered, owner].find((p) => p?.state === state);
  return one ? { kind: 'publisher', state, publisherId: one.id } : { kind: 'choose', state };
}

/** The API query that reads a scope's data (`?state=…`, `?publisher=…`); empty for all of it. */
export function scopeQuery(scope: Scope): string {
  if (scope.kind === 'state') return `?state=${encodeURIComponent(scope.state)}`;
  if (scope.kind === 'publisher') return `?publisher=${encodeURIComponent(scope.publisherId)}`;
  return '';
}

/** Projects and processes of a publisher's current publication, as `/api/publishers` counts them (0 before its first). */
export const projectsOf = (p: PublisherInfo): number => p.currentPublication?.counts.projects ?? 0;
export const processesOf = (p: PublisherInfo): number => p.currentPublication?.counts.records ?? 0;

/** Per state: implementers that have published, their projects and processes (what the chooser lists). */
export interface StateTotals { state: string; publishers: number; projects: number; processes: number }

/** The states with something published, in Spanish alphabetical order. */
export function stateTotals(publishers: PublisherInfo[]): StateTotals[] {
  const by = new Map<string, StateTotals>();
  for (const p of publishers) {
    if (!p.currentPublication) continue;
    const t = by.get(p.state) ?? { state: p.state, publishers: 0, projects: 0, processes: 0 };
    t.publishers++;
    t.projects += projectsOf(p);
    t.processes += processesOf(p);
    by.set(p.state, t);
  }
  const collator = new Intl.Collator('es-MX');
  return [...by.values()].sort((a, b) => collator.compare(a.state, b.state));
}
