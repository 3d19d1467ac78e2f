/**
 * GET /api/tracking: the public side of the control board (*Seguimiento*). Per implementer: what it committed,
 * what it has published, how its submissions stand, and how long since its last publication. Only counts and
 * dates leave this route: no user, e-mail, comment or finding (the submission workflow itself stays behind auth).
 */
import { Router } from 'express';
import type { Store, SubmissionStatus } from '../store/store';
import { allPublishers } from './current-publications';
import { readAll } from '../store/read-all';
import type { TrackingRow } from '../../../core/stats/tracking-row';

export type { TrackingRow };

export interface TrackingRoutesDeps {
  store: Store;
  now?: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

async function countSubmissions(store: Store, publisherId: string, status: SubmissionStatus): Promise<number> {
  return (await readAll((after) => store.listSubmissions({ publisherId, status, after, limit: 1000 }))).length;
}

export async function trackingRows(store: Store, now: Date): Promise<TrackingRow[]> {
  const rows: TrackingRow[] = [];
  for (const p of await allPublishers(store)) {
    const current = await store.getCurrent(p.id);
    const [approved, published, pendingReview] = await Promise.all((['approved', 'published', 'submitted'] as const).map((s) => countSubmissions(store, p.id, s)));
    rows.push({
      publisherId: p.id, name: p.name, state: p.state, committed: p.commitment.projects, periodicityDays: p.commitment.periodicityDays,
      published: current?.counts.projects ?? 0, approved: approved + published, pendingReview,
      lastPublishedAt: current?.createdAt ?? null,
      daysSinceUpdate: current ? Math.max(0, Math.floor((now.getTime() - Date.parse(current.createdAt)) / DAY_MS)) : null,
      stages: p.stages ?? {},
    });
  }
  return rows;
}

export function trackingRoutes(deps: TrackingRoutesDeps): Router {
  const router = Router();
  router.get('/tracking', async (_req, res) => {
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Cache-Control', 'public, max-age=60');
    res.json({ publishers: await trackingRows(deps.store, (deps.now ?? (() => new Date()))()) });
  });
  return router;
}
