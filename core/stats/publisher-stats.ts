/**
 * Dashboard aggregates of one publication (DESIGN §8 `/api/stats`): computed once at publication time and
 * cached, so the public dashboard never scans releases. Money and counts come from `figures.ts` (which the
 * dashboard also bundles), data quality from `quality-stats.ts`.
 */
import { figuresOf, type StatsFigures } from './figures';
import { INDEX_VERSION, publicationIndex, type PublicationIndex } from './publication-index';
import { computeQuality, type QualityStats } from './quality-stats';

/**
 * `indexVersion`: the INDEX_VERSION of the entries the figures were summed from. Stored stats of an earlier version
 * count as that version did (before version 3, cancelled contracts' values); the stats route sums them again from the
 * publication's index as it is read now (functions/src/api/public-routes.ts), so they agree with the dashboard's.
 */
export type PublisherStatsData = StatsFigures & { quality: QualityStats; indexVersion?: number };

/** `index`: the publication's index when the caller already has it (publication computes it once for both). */
export function computeStats(records: unknown[], projects: unknown[], index: PublicationIndex = publicationIndex(records, projects)): PublisherStatsData {
  return { ...figuresOf(index.processes, index.projects), quality: computeQuality(records, projects), indexVersion: INDEX_VERSION };
}

/** Stored stats' figures as the current index counts them: the same object when they were summed by this version. */
export function currentFigures(stored: Record<string, unknown>, index: () => Promise<PublicationIndex>): Promise<Record<string, unknown>> | Record<string, unknown> {
  if (stored.indexVersion === INDEX_VERSION) return stored;
  return index().then((i) => ({ ...figuresOf(i.processes, i.projects), quality: stored.quality, indexVersion: INDEX_VERSION }));
}
