/** Shapes of the public API answers the dashboard reads (functions/src/api/public-routes.ts, index-routes.ts, tracking-routes.ts). */
import type { StatsFigures } from '../../../core/stats/figures';
import type { QualityStats } from '../../../core/stats/quality-stats';
import type { ProcessRow, ProjectRow } from './rows';

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
  /** When the publisher was registered (null: before the date was kept). */
  registeredAt: string | null;
  /** When an approval last confirmed its published data unchanged (null: never); counts as an update. */
  confirmedAt?: string | null;
  currentPublication: { id: string; createdAt: string; counts: { releases: number; records: number; projects: number; pending?: unknown } } | null;
  /** The API's listings of what it has published (none for a kind it has not). */
  links: { releases?: string; records?: string; projects?: string; bulk?: string };
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

/** The control board row of /api/tracking (one definition, in core). */
export type { TrackingRow as TrackingEntry } from '../../../core/stats/tracking-row';

/**
 * What the list pages share, loaded once: the publishers and the slim rows of `/api/index`, never the full
 * documents (only the *Proyecto* page fetches its project).
 */
export interface Dataset {
  publishers: PublisherInfo[];
  projects: ProjectRow[];
  processes: ProcessRow[];
}
