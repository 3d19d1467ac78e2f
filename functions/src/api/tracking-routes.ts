/**
 * GET /api/tracking: the public side of the control board (*Seguimiento*). Per implementer: what it committed,
 * what it has published, how its submissions stand, how long since its last update (publication, or approval
 * of unchanged data), and how much its publication still lacks of what each stage asks (*Pendientes*). Only counts and dates leave this route: no user, e-mail, comment or finding (the submission
 * workflow itself stays behind auth).
 */
import { Router } from 'express';
import type { Store } from '../store/store';
import { allPublishers, publishedState } from './current-publications';
import { acceptOnly } from './query-parameters';
import { pages } from '../store/read-all';
import type { TrackingRow } from '../../../core/stats/tracking-row';
import { daysSinceUpdate } from '../../../core/workflow/update-due';
import { countedPending } from '../../../core/stats/pending-version';

export type { TrackingRow };

export interface TrackingRoutesDeps {
  store: Store;
  now?: () => Date;
}

/**
 * The statuses the board counts, and per publisher how many submissions are in each. «Por revisar» counts those
 * awaiting the coordinators' decision as their inbox does (contract.ts AWAITING_DECISION): a failed publication is
 * approved again from its page, and the board counted it nowhere while the inbox's «Por decidir» listed it.
 */
const COUNTED = ['approved', 'published', 'submitted', 'failed'] as const;
type Counted = (typeof COUNTED)[number];

/**
 * Per publisher, its submissions in each counted status: one paged listing per status across all publishers (four
 * queries, not four per publisher — at national scale that was 7,500 queries a request, one after another).
 */
async function submissionCounts(store: Store): Promise<Map<string, Record<Counted, number>>> {
  const counts = new Map<string, Record<Counted, number>>();
  await Promise.all(COUNTED.map(async (status) => {
    for await (const items of pages((after) => store.listSubmissions({ status, after, limit: 1000 }))) {
      for (const s of items) {
        let c = counts.get(s.publisherId);
        if (!c) counts.set(s.publisherId, (c = { approved: 0, published: 0, submitted: 0, failed: 0 }));
        c[status]++;
      }
    }
  }));
  return counts;
}

/**
 * The board's rows. The publishers are read as stored (their stages change without a publication, and the
 * coordinator who records them reads the board next); their current publications through the public API's
 * short-lived copy of the pointers (current-publications.ts), as every public answer does.
 */
export async function trackingRows(store: Store, now: Date): Promise<TrackingRow[]> {
  const [publishers, { sets }, counts] = await Promise.all([allPublishers(store), publishedState(store), submissionCounts(store)]);
  const currentOf = new Map(sets.map((s) => [s.publisher.id, s.publication]));
  return publishers.map((p) => {
    const current = currentOf.get(p.id);
    const c = counts.get(p.id);
    return {
      publisherId: p.id, name: p.name, state: p.state, committed: p.commitment.projects, periodicityDays: p.commitment.periodicityDays,
      published: current?.counts.projects ?? 0, approved: (c?.approved ?? 0) + (c?.published ?? 0), pendingReview: (c?.submitted ?? 0) + (c?.failed ?? 0),
      lastPublishedAt: current?.createdAt ?? null,
      confirmedAt: p.confirmedAt ?? null,
      registeredAt: p.registeredAt ?? null,
      // From the last publication or a later approval that confirmed it unchanged, as the reminders count.
      daysSinceUpdate: daysSinceUpdate({ lastPublishedAt: current?.createdAt, confirmedAt: p.confirmedAt }, now.getTime()),
      // Kept with the publication (publish.ts): no index is read. One written before, or judged by an earlier version
      // (its page judges it again), is not counted here.
      pending: countedPending(current?.counts.pending),
      stages: p.stages ?? {},
    };
  });
}

export function trackingRoutes(deps: TrackingRoutesDeps): Router {
  const router = Router();
  router.get('/tracking', async (req, res) => {
    acceptOnly(req, []);
    res.set('Cache-Control', 'public, max-age=60');
    res.json({ publishers: await trackingRows(deps.store, (deps.now ?? (() => new Date()))()) });
  });
  return router;
}
