/**
 * Clearing the submitted workbooks (`snapshots`, workflow/snapshot.ts) no submission can still need, beside the
 * superseded publications (`infra-abierta publications prune`). A snapshot is the copy of a revision as it was sent:
 * approval publishes it and the review page compares it with what is published («vista previa»). What may go:
 * - a snapshot referred to only by submissions that ended (published or withdrawn) before the date: nothing
 *   approves them again, and their page no longer shows a preview (the history shows when and how much was sent,
 *   from the submission itself);
 * - a snapshot no submission refers to (a revision replaced by a later send of the same submission) kept before
 *   the date.
 * What never goes: a snapshot of a submission under review, returned (it still shows what approving would have
 * changed) or failed, nor one kept less than SETTLED_MS ago: a submission may be about to refer to it (intake keeps
 * the snapshot first, then records the submission; sending the same content again keeps it again).
 */
import { ENDED } from '../../../core/workflow/contract';
import type { Store } from '../store/store';
import { readAll } from '../store/read-all';
import { SETTLED_MS } from './prune-publications';

export interface SnapshotPlan {
  /** Snapshots only ended submissions refer to. */
  ofEnded: string[];
  /** Snapshots no submission refers to. */
  unreferenced: string[];
  /** Removal refuses any kept again from this instant on (Store.deleteSnapshot). */
  keptBefore: string;
}

export async function planSnapshotPrune(store: Store, options: { before: string; now: Date; publisherId?: string }): Promise<SnapshotPlan> {
  const settled = new Date(options.now.getTime() - SETTLED_MS).toISOString();
  const before = new Date(options.before).toISOString();
  const keptBefore = before < settled ? before : settled;
  // Submissions first, then the snapshots: one kept after this listing is young, and stays.
  const submissions = await readAll((after) => store.listSubmissions({ after, limit: 1000 }));
  const needed = new Set<string>();
  const ended = new Set<string>();
  for (const s of submissions) {
    if (!s.snapshot) continue;
    const hash = s.snapshot.contentHash;
    const done = ENDED.includes(s.status) && s.updatedAt < keptBefore && (options.publisherId === undefined || s.publisherId === options.publisherId);
    if (done) ended.add(hash);
    else needed.add(hash);
  }
  const ofEnded: string[] = [];
  const unreferenced: string[] = [];
  for (const snapshot of await readAll((after) => store.listSnapshots({ after }))) {
    const hash = snapshot.contentHash;
    if (needed.has(hash) || (snapshot.keptAt !== undefined && snapshot.keptAt >= keptBefore)) continue;
    if (ended.has(hash)) ofEnded.push(hash);
    // A snapshot no submission refers to belongs to no publisher: only a prune of every publisher removes it.
    else if (options.publisherId === undefined) unreferenced.push(hash);
  }
  return { ofEnded, unreferenced, keptBefore };
}

/** Removes the planned snapshots; how many went (one kept again meanwhile stays). */
export async function pruneSnapshots(store: Store, plan: SnapshotPlan): Promise<number> {
  let removed = 0;
  for (const hash of [...plan.ofEnded, ...plan.unreferenced]) if (await store.deleteSnapshot(hash, plan.keptBefore)) removed++;
  return removed;
}
