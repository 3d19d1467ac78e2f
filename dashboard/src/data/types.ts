/** Shapes of the public API answers the dashboard reads (functions/src/api/public-routes.ts, tracking-routes.ts). */
import type { StatsFigures } from '../../../core/stats/figures';
import type { QualityStats } from '../../../core/stats/quality-stats';

export type Json = Record<string, unknown>;

export interface PublisherInfo {
  id: string;
  name: string;
  state: string;
  ocidPrefix: string;
  projectIdPrefix: string;
  commitment: { projects: number; periodicityDays: number };
  license: string | null;
  publicationPolicy: string | null;
  currentPublication: { id: string; createdAt: string; counts: { releases: number; records: number; projects: number } } | null;
  links: { releases: string; records: string; projects: string };
}

export interface StatsEntry {
  publisherId: string;
  name: string;
  state: string;
  commitment: { projects: number; periodicityDays: number };
  publicationId: string;
  publishedAt: string;
  data: (StatsFigures & { quality?: QualityStats }) | null;
}

export interface TrackingEntry {
  publisherId: string;
  name: string;
  state: string;
  committed: number;
  periodicityDays: number;
  published: number;
  approved: number;
  pendingReview: number;
  lastPublishedAt: string | null;
  daysSinceUpdate: number | null;
}

/** Everything the pages need, loaded once. Raw documents are kept with their publisher. */
export interface Dataset {
  publishers: PublisherInfo[];
  stats: StatsEntry[];
  /** null when the server has no /api/tracking. */
  tracking: TrackingEntry[] | null;
  projects: { publisherId: string; project: Json }[];
  records: { publisherId: string; record: Json }[];
}
