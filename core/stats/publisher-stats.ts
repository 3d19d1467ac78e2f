/**
 * Dashboard aggregates of one publication (DESIGN §8 `/api/stats`): computed once at publication time and
 * cached, so the public dashboard never scans releases. Money and counts come from `figures.ts` (which the
 * dashboard also bundles), data quality from `quality-stats.ts`.
 */
import { computeFigures, type StatsFigures } from './figures';
import { computeQuality, type QualityStats } from './quality-stats';

export type PublisherStatsData = StatsFigures & { quality: QualityStats };

export function computeStats(records: unknown[], projects: unknown[]): PublisherStatsData {
  return { ...computeFigures(records, projects), quality: computeQuality(records, projects) };
}
