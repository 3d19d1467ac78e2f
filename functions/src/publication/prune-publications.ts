/**
 * Clearing superseded publications (docs/deploy.md §10–11, `infra-abierta publications prune`). Every publication is
 * a whole copy: it carries every earlier release of every process (publish.ts), so one that is no longer current
 * holds nothing of the processes that the current one lacks — only earlier states of projects and records — and
 * takes as much room as the current one. An administrator removes those created before a date; what is never
 * removed:
 * - each publisher's current publication, and any created after it (one may be being written right now);
 * - one superseded less than SETTLED_MS ago: an API instance may still serve it from a pointer read before the
 *   switch (api/current-publications.ts rereads every pointer at least hourly);
 * - one still being written less than SETTLED_MS ago (a publication task lasts minutes at most: 540 s).
 */
import { readAll } from '../store/read-all';
import { type Publication, type Store, writtenAt } from '../store/store';

export const SETTLED_MS = 24 * 60 * 60 * 1000;

export interface PruneOptions {
  /** Only publications created before this instant (ISO 8601). */
  before: string;
  now: Date;
  /** Only this publisher's. */
  publisherId?: string;
}

export interface PrunableSet {
  publisherId: string;
  publisherName: string;
  publications: Publication[];
}

/** The publications of one publisher that may be removed, oldest first. */
export function prunable(publications: readonly Publication[], current: Publication | undefined, options: Pick<PruneOptions, 'before' | 'now'>): Publication[] {
  const settled = options.now.getTime() - SETTLED_MS;
  const before = Date.parse(options.before);
  // By when each was written: a republished one (republish.ts) keeps the `createdAt` of the one it replaces.
  const byAge = [...publications].sort((a, b) => writtenAt(a).localeCompare(writtenAt(b)) || a.id.localeCompare(b.id));
  return byAge.filter((p, n) => {
    if (p.id === current?.id || !(Date.parse(writtenAt(p)) < before)) return false;
    if (current && !(writtenAt(p) < writtenAt(current))) return false;
    // Abandoned part-way (the task died): never served; removed once no task can still be writing it.
    if (p.status === 'writing') return Date.parse(writtenAt(p)) < settled;
    // Superseded when the next complete one was made current: removed once that is settled.
    const next = byAge.slice(n + 1).find((q) => q.status === 'complete');
    return next !== undefined && Date.parse(writtenAt(next)) < settled;
  });
}

export async function planPrune(store: Store, options: PruneOptions): Promise<PrunableSet[]> {
  const publishers = options.publisherId
    ? [await store.getPublisher(options.publisherId)].filter((p) => p !== undefined)
    : await readAll((after) => store.listPublishers({ after, limit: 1000 }));
  const sets: PrunableSet[] = [];
  for (const publisher of publishers) {
    const publications = await readAll((after) => store.listPublications({ publisherId: publisher.id, after, limit: 1000 }));
    const chosen = prunable(publications, await store.getCurrent(publisher.id), options);
    if (chosen.length) sets.push({ publisherId: publisher.id, publisherName: publisher.name, publications: chosen });
  }
  return sets;
}
