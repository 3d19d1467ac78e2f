/**
 * Each current publication's index (core/stats/publication-index.ts), as `/api/index` and `/api/stats` read it:
 * written by publish() with the publication; built again from its records and projects when it was stored before
 * that, or by a version whose entries lack or count differently what is read now (INDEX_VERSION) — an index is
 * stored once and never rewritten. Kept in memory by publication id (which never changes what it names), so
 * concurrent requests share one build. One instance per app: both routes see the same entries.
 */
import type { Store } from '../store/store';
import { isCurrentIndex, publicationIndex, type PublicationIndex } from '../../../core/stats/publication-index';
import { readAll } from '../store/read-all';

const PAGE = 500;

/** A small map that forgets its oldest entry beyond `max` (values are promises, so concurrent misses share one build). */
export class Memo<T> {
  private readonly entries = new Map<string, Promise<T>>();
  constructor(private readonly max: number) {}
  get(key: string, build: () => Promise<T>): Promise<T> {
    let value = this.entries.get(key);
    if (value) { this.entries.delete(key); this.entries.set(key, value); return value; }
    value = build();
    this.entries.set(key, value);
    value.catch(() => this.entries.delete(key));
    for (const k of this.entries.keys()) { if (this.entries.size <= this.max) break; this.entries.delete(k); }
    return value;
  }
}

export type PublicationIndexes = (publicationId: string) => Promise<PublicationIndex>;

export function publicationIndexes(store: Store): PublicationIndexes {
  const memo = new Memo<PublicationIndex>(64);
  return (publicationId) => memo.get(publicationId, () => readIndex(store, publicationId));
}

/**
 * A publication's index, read (or built) each time it is called: for a reader that keeps only what it needs of it
 * (api/supplier-filter.ts), without taking the places of the whole indexes the dashboard's routes keep.
 */
export async function readIndex(store: Store, publicationId: string): Promise<PublicationIndex> {
  const stored = await store.getIndex(publicationId);
  if (stored && isCurrentIndex(stored)) {
    // What the publication's amendments changed, and what was typed of its projects, are kept for
    // the next publication only (publication/stored-amendment-changes.ts, stored-typed-parts.ts).
    delete stored.amendments;
    delete stored.typedParts;
    return stored as unknown as PublicationIndex;
  }
  const { records, projects } = await publicationDocuments(store, publicationId);
  return publicationIndex(records, projects);
}

/** A publication's records and projects, as stored: what its index, or stats of an earlier version, are computed from. */
export async function publicationDocuments(store: Store, publicationId: string): Promise<{ records: unknown[]; projects: unknown[] }> {
  const [records, projects] = await Promise.all([
    readAll((after) => store.listRecords({ publicationId, after, limit: PAGE })),
    readAll((after) => store.listProjects({ publicationId, after, limit: PAGE })),
  ]);
  return { records: records.map((r) => r.record), projects: projects.map((p) => p.project) };
}
