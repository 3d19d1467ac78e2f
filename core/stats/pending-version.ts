/**
 * The version of how *Pendientes por completar* is judged (core/stats/pending.ts pendingJudgement), and the counts
 * publication keeps of it. Their own file: the dashboard reads them without the judgement and the template spec.
 */

/**
 * Raise it when pendingJudgement() judges differently. A publication whose index holds an earlier one (or none:
 * published before this list existed) is judged again from its records and projects when its list is asked for
 * (functions/src/api/pending-routes.ts). Version 2: a cancelled project owes only its identification points
 * (cost-ids.ts stagesReached). Version 3: a point only processes another implementer publishes lack is listed as
 * theirs to publish, not as a cell the state fills (cost-ids.ts publishedBy; the validator never asked for it).
 */
export const PENDING_VERSION = 3;

/** How many rows the list has of each kind, and the version they were judged by (pending.ts pendingCounts). */
export interface PendingCounts { version: number; points: number; documents: number }

/**
 * A publication's kept counts as *Seguimiento* shows them; null when there are none (published before they were
 * kept) or they were judged by another version (its list is judged again when asked: the two would not agree).
 */
export function countedPending(stored: unknown): { points: number; documents: number } | null {
  if (stored === null || typeof stored !== 'object') return null;
  const { version, points, documents } = stored as Record<string, unknown>;
  return version === PENDING_VERSION && typeof points === 'number' && typeof documents === 'number' ? { points, documents } : null;
}
