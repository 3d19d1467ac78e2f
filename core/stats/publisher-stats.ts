/**
 * Dashboard aggregates of one publication (DESIGN §8 `/api/stats`): computed once at publication time and
 * cached, so the public dashboard never scans releases. Money and counts come from `figures.ts` (which the
 * dashboard also bundles), data quality from `quality-stats.ts`.
 */
import { figuresOf, type StatsFigures } from './figures';
import { INDEX_VERSION, publicationIndex, type PublicationIndex } from './publication-index';
import { computeQuality, QUALITY_VERSION, type QualityStats } from './quality-stats';
import type { CostIdsAssessment } from './cost-ids';

/**
 * `indexVersion`: the INDEX_VERSION of the entries the figures were summed from; `qualityVersion`: the
 * QUALITY_VERSION the quality was judged by. Stored stats of an earlier version count as that version did (before
 * INDEX_VERSION 3, cancelled contracts' values; before QUALITY_VERSION 2, the earlier CoST IDS mapping); the stats
 * route computes them again from the publication as it is read now (currentStats), so they agree with the dashboard.
 */
export type PublisherStatsData = StatsFigures & { quality: QualityStats; indexVersion?: number; qualityVersion?: number };

/**
 * `index`: the publication's index when the caller already has it (publication computes it once for both);
 * `assessed`: the projects' CoST IDS points, likewise (computeQuality).
 */
export function computeStats(records: unknown[], projects: unknown[], index: PublicationIndex = publicationIndex(records, projects), assessed?: readonly CostIdsAssessment[][]): PublisherStatsData {
  return { ...figuresOf(index.processes, index.projects), quality: computeQuality(records, projects, undefined, assessed), indexVersion: INDEX_VERSION, qualityVersion: QUALITY_VERSION };
}

/** What currentStats reads of a publication when its stored stats are of an earlier version. */
export interface PublicationReader {
  index(): Promise<PublicationIndex>;
  /** Its records and projects, as stored. */
  documents(): Promise<{ records: unknown[]; projects: unknown[] }>;
}

/**
 * Stored stats as this version computes them: the same object when both versions are current; otherwise the figures
 * summed again from the publication's index, and the quality judged again from its records and projects.
 */
export async function currentStats(stored: Record<string, unknown>, publication: PublicationReader): Promise<Record<string, unknown>> {
  const figuresCurrent = stored.indexVersion === INDEX_VERSION;
  const qualityCurrent = stored.qualityVersion === QUALITY_VERSION;
  if (figuresCurrent && qualityCurrent) return stored;
  const { quality: storedQuality, ...storedFigures } = stored;
  const figures = figuresCurrent ? storedFigures : await publication.index().then((i) => figuresOf(i.processes, i.projects));
  const quality = qualityCurrent ? storedQuality : await publication.documents().then(({ records, projects }) => computeQuality(records, projects));
  return { ...figures, quality, indexVersion: INDEX_VERSION, qualityVersion: QUALITY_VERSION };
}
