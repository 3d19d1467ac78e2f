/** The published state readers see: every publisher with its `current` publication (DESIGN §6: readers go through the pointer). */
import type { Page, Publication, Publisher, Store } from '../store/store';
import { encodeCursor, type SpanCursor } from './cursor';

export interface PublishedSet { publisher: Publisher; publication: Publication }

export async function allPublishers(store: Store): Promise<Publisher[]> {
  const out: Publisher[] = [];
  let after: string | undefined;
  do {
    const page = await store.listPublishers({ after, limit: 1000 });
    out.push(...page.items);
    after = page.next;
  } while (after);
  return out;
}

export async function publishedSets(store: Store, publisherId?: string): Promise<PublishedSet[]> {
  const publishers = publisherId ? [await store.getPublisher(publisherId)].filter((p): p is Publisher => p !== undefined) : await allPublishers(store);
  const sets: PublishedSet[] = [];
  for (const publisher of publishers) {
    const publication = await store.getCurrent(publisher.id);
    if (publication) sets.push({ publisher, publication });
  }
  return sets;
}

/** The publisher whose registered prefix starts this ocid or project id (longest prefix wins). */
export function ownerOf(sets: PublishedSet[], id: string, prefix: (p: Publisher) => string): PublishedSet | undefined {
  return sets
    .filter((s) => prefix(s.publisher) && (id === prefix(s.publisher) || id.startsWith(`${prefix(s.publisher)}-`)))
    .sort((a, b) => prefix(b.publisher).length - prefix(a.publisher).length)[0];
}

/** Pages through one listing per publication in turn, with one opaque cursor for the whole span. */
export async function spanPages<T>(sets: PublishedSet[], cursor: SpanCursor, limit: number, list: (publicationId: string, after: string | undefined, limit: number) => Promise<Page<T>>): Promise<{ items: T[]; next?: string }> {
  const items: T[] = [];
  let p = cursor.p;
  let after = cursor.c;
  while (p < sets.length && items.length < limit) {
    const page = await list(sets[p].publication.id, after, limit - items.length);
    items.push(...page.items);
    if (page.next) { after = page.next; if (items.length >= limit) return { items, next: encodeCursor({ p, c: after }) }; continue; }
    p++;
    after = undefined;
  }
  return p < sets.length ? { items, next: encodeCursor({ p }) } : { items };
}
