/** The published state readers see: every publisher with its `current` publication (DESIGN §6: readers go through the pointer). */
import type { Request } from 'express';
import type { Page, Publication, Publisher, Store } from '../store/store';
import { readAll } from '../store/read-all';
import type { PackageMeta } from '../../../core/packages';
import { encodeCursor, type SpanCursor } from './cursor';
import { badRequest, notFound } from './http-error';

export interface PublishedSet { publisher: Publisher; publication: Publication }

export function allPublishers(store: Store): Promise<Publisher[]> {
  return readAll((after) => store.listPublishers({ after, limit: 1000 }));
}

/** The given publishers that have a current publication, with it. */
export async function currentSets(store: Store, publishers: Publisher[]): Promise<PublishedSet[]> {
  const sets: PublishedSet[] = [];
  for (const publisher of publishers) {
    const publication = await store.getCurrent(publisher.id);
    if (publication) sets.push({ publisher, publication });
  }
  return sets;
}

export async function publishedSets(store: Store, publisherId?: string): Promise<PublishedSet[]> {
  if (!publisherId) return currentSets(store, await allPublishers(store));
  const publisher = await store.getPublisher(publisherId);
  return publisher ? currentSets(store, [publisher]) : [];
}

/** A query parameter given once and not empty; repeated parameters are a 400, not silently ignored. */
export function queryString(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v !== undefined && typeof v !== 'string') throw badRequest(`invalid-${name.toLowerCase()}`, `El parámetro «${name}» debe aparecer una sola vez.`);
  return v || undefined;
}

/**
 * The publications a public request reads: the `?publisher=` one, or all. An unknown publisher is a 404; a known
 * one with nothing published yet reads as empty.
 */
export async function requestedSets(store: Store, req: Request): Promise<{ sets: PublishedSet[]; publisherId?: string }> {
  const publisherId = queryString(req, 'publisher');
  const sets = await publishedSets(store, publisherId);
  if (publisherId && !sets.length && !(await store.getPublisher(publisherId))) throw notFound(`el publicador «${publisherId}»`);
  return publisherId ? { sets, publisherId } : { sets };
}

/** Names the data an answer was built from: it can only change when one of these publications changes. */
export function stampOf(sets: PublishedSet[]): string {
  return sets.map((s) => s.publication.id).sort().join(',');
}

/**
 * OCDS/OC4IDS package metadata (DESIGN §8) from the publisher's settings, or from the platform when the package
 * spans several publishers; `publishedDate` is that of the newest publication read.
 */
export function packageMeta(uri: string, sets: PublishedSet[], platform: { name: string; uri: string }, single?: Publisher): PackageMeta {
  const publisher = single ?? (sets.length === 1 ? sets[0].publisher : undefined);
  const dates = sets.map((s) => s.publication.createdAt).sort();
  return {
    uri,
    publishedDate: dates[dates.length - 1] ?? new Date(0).toISOString(),
    publisher: publisher ? { name: publisher.name, ...(publisher.uri ? { uri: publisher.uri } : {}) } : platform,
    ...(publisher?.license ? { license: publisher.license } : {}),
    ...(publisher?.publicationPolicy ? { publicationPolicy: publisher.publicationPolicy } : {}),
  };
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
