/**
 * Dashboard aggregates of one publication (DESIGN §8 `/api/stats`): computed once at publication time and
 * cached, so the public dashboard never scans releases. Money and counts come from `figures.ts` (which the
 * dashboard also bundles), data quality from `quality-stats.ts`.
 */
import { figuresOf, type StatsFigures } from './figures';
import { publicationIndex, type PublicationIndex } from './publication-index';
import { computeQuality, type QualityStats } from './quality-stats';

export type PublisherStatsData = StatsFigures & { quality: QualityStats };

/** `index`: the publication's index when the caller already has it (publication computes it once for both). */
export function computeStats(records: unknown[], projects: unknown[], index: PublicationIndex = publicationIndex(records, projects)): PublisherStatsData {
  return { ...figuresOf(index.processes, index.projects), quality: computeQuality(records, projects) };
}
