/**
 * What part of the published data a page loads. The list pages work on the slim index in the browser (filters,
 * totals, search without a round trip), which is right for a state's worth of data but not for the country:
 * about 275 KB per 1,000 processes and 500 projects (docs/deploy.md §11), so a national roll-out (≈ 500,000
 * processes in a year) would be ~100 MB per visit. Above `MAX_LOADED_ROWS` published rows the dashboard loads
 * one state at a time (`/api/index/compact…?state=`): the state of the header's filter, of the implementer
 * filtered, or of the project or process a link opens (by its identifier's prefix); without one, the page asks
 * the reader to choose (pages/choose-state.ts), from the counts `/api/publishers` already gives.
 */
import { ownerOf } from '../../../core/identifiers/owner-of';
import type { Filters } from './filters';
import type { PublisherInfo } from './types';

/** Rows (projects + processes) loaded at once: ~9 MB of index, ~1.2 MB gzipped, parsed in well under a second. */
export const MAX_LOADED_ROWS = 50_000;

export type Scope =
  /** The whole index: small enough. */
  | { kind: 'all' }
  /** One state's publishers. */
  | { kind: 'state'; state: string }
  /** Too large and no state named: the page lists the states to choose from. */
  | { kind: 'choose' };

/** The projects and processes the publishers' current publications hold. */
export function publishedRows(publishers: PublisherInfo[]): number {
  let n = 0;
  for (const p of publishers) n += (p.currentPublication?.counts.projects ?? 0) + (p.currentPublication?.counts.records ?? 0);
  return n;
}

/**
 * The scope of a page: `route` and `params` as the router parsed them (`proyecto`, [id]), `filters` from the URL.
 * A state filter wins over the implementer's state; a detail page opened without either loads its owner's state.
 */
export function scopeOf(publishers: PublisherInfo[], filters: Filters, route: string, params: string[], maxRows = MAX_LOADED_ROWS): Scope {
  if (publishedRows(publishers) <= maxRows) return { kind: 'all' };
  if (filters.state) return { kind: 'state', state: filters.state };
  const filtered = filters.publisher ? publishers.find((p) => p.id === filters.publisher) : undefined;
  if (filtered) return { kind: 'state', state: filtered.state };
  const id = params[0];
  const owner = !id ? undefined : route === 'proyecto' ? ownerOf(publishers, id, (p) => p.projectIdPrefix) : route === 'contratacion' ? ownerOf(publishers, id, (p) => p.ocidPrefix) : undefined;
  return owner ? { kind: 'state', state: owner.state } : { kind: 'choose' };
}

/** Per state: implementers that have published, their projects and processes (what the chooser lists). */
export interface StateTotals { state: string; publishers: number; projects: number; processes: number }

/** The states with something published, in Spanish alphabetical order. */
export function stateTotals(publishers: PublisherInfo[]): StateTotals[] {
  const by = new Map<string, StateTotals>();
  for (const p of publishers) {
    if (!p.currentPublication) continue;
    const t = by.get(p.state) ?? { state: p.state, publishers: 0, projects: 0, processes: 0 };
    t.publishers++;
    t.projects += p.currentPublication?.counts.projects ?? 0;
    t.processes += p.currentPublication?.counts.records ?? 0;
    by.set(p.state, t);
  }
  const collator = new Intl.Collator('es-MX');
  return [...by.values()].sort((a, b) => collator.compare(a.state, b.state));
}
