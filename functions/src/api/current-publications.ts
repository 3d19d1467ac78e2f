/** The published state readers see: every publisher with its `current` publication (DESIGN §6: readers go through the pointer). */
import { createHash } from 'crypto';
import type { Request } from 'express';
import type { DeclaredTerms, Page, Publication, Publisher, PublishedChanges, Store } from '../store/store';
import { readAll } from '../store/read-all';
import { sortKey } from '../store/collections';
import { publishedChanges } from '../store/change-signal';
import { servedExtensions, type PackageMeta } from '../../../core/packages';
import { withImportedExtensions } from '../../../core/packages/imported-extensions';
import { ownerOf as ownerByPrefix } from '../../../core/identifiers/owner-of';
import { encodeCursor, invalidCursor, type SpanCursor } from './cursor';
import { badRequest, HttpError, notFound } from './http-error';
import { publishedCount, unpublishedPackageMessage, type BulkKind } from '../../../core/packages/bulk-contents';
import { sameState } from '../../../core/workflow/mexican-states';

export interface PublishedSet { publisher: Publisher; publication: Publication }

export function allPublishers(store: Store): Promise<Publisher[]> {
  return readAll((after) => store.listPublishers({ after, limit: 1000 }));
}

/** Pointers read at once: enough to hide the latency of each read, few enough not to flood the database. */
const POINTER_READS_IN_FLIGHT = 16;

/** `read` of each item, at most POINTER_READS_IN_FLIGHT at once; the answers in the items' order. */
export async function readEach<T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await read(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(POINTER_READS_IN_FLIGHT, items.length) }, worker));
  return out;
}

/** The given publishers that have a current publication, with it (in the publishers' order). */
export async function currentSets(store: Store, publishers: Publisher[]): Promise<PublishedSet[]> {
  const found = await readEach(publishers, async (publisher) => {
    const publication = await store.getCurrent(publisher.id);
    return publication ? { publisher, publication } : undefined;
  });
  return found.filter((s): s is PublishedSet => s !== undefined);
}

/**
 * Every publisher and the current sets. `version` names all of it (the publishers' settings and every current
 * publication): a public answer built under one version stays right while the version is the same (published data
 * never changes under a publication id, DESIGN §6).
 */
export interface PublishedState { publishers: Publisher[]; sets: PublishedSet[]; version: string }

/** A state as read: the change log's seq it covers, and when everything was last read. */
interface ReadState { state: PublishedState; seq: number; fullAt: number }
interface CachedState { at: number; changes: number; state: Promise<PublishedState>; resolved?: ReadState }
const states = new WeakMap<Store, CachedState>();
const ttls = new WeakMap<Store, { ttl: number; full: number }>();
/** Default reuse of the published state: short enough that a publication elsewhere shows within seconds. */
export const DEFAULT_CURRENT_TTL_MS = 2000;
/**
 * How often everything is read again even when the change log names nothing new: a process that died between
 * switching a pointer and logging it (store/document-store.ts) is seen within this time.
 */
export const FULL_REREAD_MS = 3_600_000;

/**
 * How long public reads of this store may reuse the publishers and their pointers (0: check the change log on
 * every request), and how often they read everything again.
 */
export function setCurrentTtl(store: Store, ttlMs: number, fullRereadMs = FULL_REREAD_MS): void {
  ttls.set(store, { ttl: ttlMs, full: fullRereadMs });
}

const ttlOf = (store: Store): number => ttls.get(store)?.ttl ?? DEFAULT_CURRENT_TTL_MS;

/**
 * The publishers and their current publications (DESIGN §6: readers go through the pointer). Reused for a short
 * interval; then the store's change log (one document) says which publishers changed since, and only those are
 * read again — at national scale, reading every publisher and pointer each minute was most of the database bill
 * (docs/deploy.md §11). A change made in this process is looked for at once (store/change-signal.ts).
 */
export function publishedState(store: Store): Promise<PublishedState> {
  const now = Date.now();
  const cached = states.get(store);
  if (cached && cached.changes === publishedChanges() && now - cached.at < ttlOf(store)) return cached.state;
  const changes = publishedChanges();
  const read = refresh(store, cached?.resolved, now);
  const entry: CachedState = { at: now, changes, state: read.then((r) => r.state) };
  states.set(store, entry);
  read.then((r) => { entry.resolved = r; }, () => {
    // A failed read is not kept: the next request tries again, from the last good copy.
    if (states.get(store) !== entry) return;
    if (cached?.resolved) states.set(store, { ...cached, at: 0 });
    else states.delete(store);
  });
  return entry.state;
}

/** The state as of now: `previous` updated by the change log when it can be, else everything read again. */
async function refresh(store: Store, previous: ReadState | undefined, now: number): Promise<ReadState> {
  // The log first: a change logged after this read is read again at the next refresh, even when what is read
  // below already shows it (a change is logged only once it is written).
  const log = await store.getPublishedChanges();
  const full = ttls.get(store)?.full ?? FULL_REREAD_MS;
  const changed = previous && now - previous.fullAt < full ? changedSince(log, previous.seq) : undefined;
  if (changed === undefined) {
    const publishers = await allPublishers(store);
    const sets = await currentSets(store, publishers);
    return { state: { publishers, sets, version: versionOf(publishers, sets) }, seq: log.seq, fullAt: now };
  }
  const prev = previous as ReadState;
  if (!changed.length) return { ...prev, seq: log.seq };
  const byId = new Map(prev.state.publishers.map((p) => [p.id, p]));
  const current = new Map(prev.state.sets.map((s) => [s.publisher.id, s.publication]));
  const fresh = await readEach(changed, (id) => Promise.all([store.getPublisher(id), store.getCurrent(id)]));
  changed.forEach((id, i) => {
    const [publisher, publication] = fresh[i];
    if (publisher) byId.set(id, publisher);
    else byId.delete(id);
    if (publication) current.set(id, publication);
    else current.delete(id);
  });
  // The order of store.listPublishers: by sort key, compared as the databases do (UTF-8 bytes).
  const order = new Map([...byId.keys()].map((id) => [id, Buffer.from(sortKey(id))]));
  const publishers = [...byId.values()].sort((a, b) => Buffer.compare(order.get(a.id) as Buffer, order.get(b.id) as Buffer));
  const sets = publishers.flatMap((publisher) => {
    const publication = current.get(publisher.id);
    return publication ? [{ publisher, publication }] : [];
  });
  return { state: { publishers, sets, version: versionOf(publishers, sets) }, seq: log.seq, fullAt: prev.fullAt };
}

/**
 * The publishers changed after `seq`, or undefined when the log cannot tell (it no longer reaches back that far,
 * or it went back: a database restored from a backup).
 */
function changedSince(log: PublishedChanges, seq: number): string[] | undefined {
  if (log.seq === seq) return [];
  if (log.seq < seq) return undefined;
  const oldest = log.recent[0]?.seq;
  if (oldest === undefined || oldest > seq + 1) return undefined;
  return [...new Set(log.recent.filter((c) => c.seq > seq).map((c) => c.publisherId))];
}

function versionOf(publishers: Publisher[], sets: PublishedSet[]): string {
  const hash = createHash('sha1').update(JSON.stringify(publishers));
  for (const s of sets) hash.update(`\n${s.publisher.id}=${s.publication.id}`);
  return hash.digest('base64url');
}

/**
 * The version of the published state when it is already read and still fresh, without waiting (undefined when it
 * must be read again): the answer cache's fast path (api/response-cache.ts) serves only under a fresh version.
 */
export function freshVersion(store: Store): string | undefined {
  const cached = states.get(store);
  if (!cached?.resolved || cached.changes !== publishedChanges() || Date.now() - cached.at >= ttlOf(store)) return undefined;
  return cached.resolved.state.version;
}

/** A query parameter given once and not empty; repeated parameters are a 400, not silently ignored. */
export function queryString(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v !== undefined && typeof v !== 'string') throw badRequest(`invalid-${name.toLowerCase()}`, `El parámetro «${name}» debe aparecer una sola vez.`);
  return v || undefined;
}

/**
 * The publications a public request reads: the `?publisher=` one, or all. An unknown publisher is a 404; a known
 * one with nothing published yet reads as empty. With `byState`, `?state=` (the publishers' state, registered as
 * «Yucatán», under any spelling of it) narrows them too — what the dashboard asks for when the whole country is too
 * much for one page (its data/scope.ts); a state nobody publishes for yet reads as empty.
 */
export async function requestedSets(store: Store, req: Request, options: { byState?: boolean } = {}): Promise<{ sets: PublishedSet[]; publisherId?: string; version: string }> {
  const publisherId = queryString(req, 'publisher');
  const state = options.byState ? queryString(req, 'state') : undefined;
  const { publishers, sets: all, version } = await publishedState(store);
  // The state as a reader types it: «Yucatan», «yucatán» and «YUCATAN» are Yucatán, as «CDMX» is Ciudad de México
  // (core/workflow/mexican-states.ts); compared exactly, a script without accents got an empty answer, as if the
  // state had published nothing. A text that is no state still reads as empty: the dashboard sends the state of
  // its address as typed, and shows an empty state as such.
  const sets = all.filter((s) => (!publisherId || s.publisher.id === publisherId) && (!state || sameState(s.publisher.state, state)));
  // A publisher registered by another process since the state was read is asked for directly.
  if (publisherId && !sets.length && !publishers.some((p) => p.id === publisherId) && !(await store.getPublisher(publisherId))) throw notFound(`el publicador «${publisherId}»`);
  return publisherId ? { sets, publisherId, version } : { sets, version };
}

/** Names the data an answer was built from: it can only change when one of these publications changes. */
export function stampOf(sets: PublishedSet[]): string {
  return sets.map((s) => s.publication.id).sort().join(',');
}

/**
 * OCDS/OC4IDS package metadata (DESIGN §8) from the publisher's settings, or from the platform when the package
 * spans several publishers; `publishedDate` is that of the newest publication read.
 */
export function packageMeta(uri: string, sets: PublishedSet[], platform: { name: string; uri: string }, single?: Publisher, held: PublishedSet[] = sets): PackageMeta {
  // The platform's address is the API's base URL: the program's own extensions are served under it.
  // With those of releases published elsewhere that it serves (`history`): their fields are described there — of the
  // publications whose documents the package holds (`held`: a listing's page). OCDS 1.1.5 (package schemas,
  // `extensions`): «used in this package»; a page of other publishers' releases declared a history's extensions,
  // and a tool that builds its schema from them fetched and applied extensions no release on it used.
  const extensions = withImportedExtensions(servedExtensions(platform.uri), held.flatMap((s) => s.publication.importedExtensions ?? []));
  const publisher = single ?? (sets.length === 1 ? sets[0].publisher : undefined);
  const dates = sets.map((s) => s.publication.createdAt).sort();
  const terms = publisher ? packageTerms(publisher, sets.find((s) => s.publisher.id === publisher.id)?.publication) : sharedLicense(sets);
  return {
    uri,
    publishedDate: dates[dates.length - 1] ?? new Date(0).toISOString(),
    publisher: publisher ? { name: publisher.name, ...(publisher.uri ? { uri: publisher.uri } : {}) } : platform,
    ...(terms.license ? { license: terms.license } : {}),
    ...(terms.publicationPolicy ? { publicationPolicy: terms.publicationPolicy } : {}),
    extensions,
  };
}

/**
 * A package of several publishers' data carries a licence when all of them publish under the same one: what a reader
 * of all the data may do with it (the packages and bulk files of everything said nothing, though every publisher's
 * own said CC BY 4.0). Their publication policies are each its own document, so none is named.
 */
function sharedLicense(sets: PublishedSet[]): DeclaredTerms {
  const licenses = new Set(sets.map((s) => packageTerms(s.publisher, s.publication).license));
  const [license] = licenses;
  return licenses.size === 1 && license ? { license } : {};
}

/**
 * The licence and publication policy of a publisher's data: as registered (the administration's word) or, each one
 * the registry lacks, as its current publication's workbook stated it in Configuración. A publisher registered
 * without them published with no licence, whatever its officials had written there.
 */
export function packageTerms(publisher: Publisher, publication: Publication | undefined): DeclaredTerms {
  const license = publisher.license ?? publication?.declared?.license;
  const publicationPolicy = publisher.publicationPolicy ?? publication?.declared?.publicationPolicy;
  return { ...(license ? { license } : {}), ...(publicationPolicy ? { publicationPolicy } : {}) };
}

/** The publication whose publisher's registered prefix starts this ocid or project id (core/identifiers/owner-of.ts). */
export function ownerOf(sets: PublishedSet[], id: string, prefix: (p: Publisher) => string): PublishedSet | undefined {
  return ownerByPrefix(sets, id, (s) => prefix(s.publisher));
}

/** The sets whose publication holds documents of `kind`: those a package of that kind is made of. */
export function setsHolding(sets: PublishedSet[], kind: BulkKind): PublishedSet[] {
  return sets.filter((s) => publishedCount(kind, [s.publication.counts]) > 0);
}

/**
 * The sets a listing of `kind` pages through: those with documents of it, so that no page ends on publications with
 * nothing to give (the last page would be an empty package, invalid against the official schemas: at least one
 * release, record or project). None at all: a 404 saying who has not published them, as for the bulk files
 * (core/packages/bulk-contents.ts).
 */
export async function listedSets(store: Store, sets: PublishedSet[], kind: BulkKind, publisherId: string | undefined): Promise<PublishedSet[]> {
  const listed = setsHolding(sets, kind);
  if (listed.length) return listed;
  throw new HttpError(404, 'not-published', unpublishedPackageMessage(kind, await requestedPublisherName(store, sets, publisherId)));
}

/**
 * The name of the publisher a request asked for (`?publisher=`), as a 404 of nothing published says it: from its
 * set, or the store when it has published nothing; undefined when the request is for every publisher.
 */
export async function requestedPublisherName(store: Store, sets: PublishedSet[], publisherId: string | undefined): Promise<string | undefined> {
  return publisherId === undefined ? undefined : (sets[0]?.publisher ?? await store.getPublisher(publisherId))?.name ?? publisherId;
}

/** Where a cursor resumes: its publisher's place among `sets` now (cursor.ts says why by id). */
function resumeAt(sets: PublishedSet[], cursor: SpanCursor): number {
  if (cursor.s !== undefined) {
    const at = sets.findIndex((s) => s.publisher.id === cursor.s);
    if (at < 0) throw invalidCursor();
    return at;
  }
  const p = cursor.p ?? 0;
  if (p > 0 && p >= sets.length) throw invalidCursor();
  return p;
}

/**
 * Pages through one listing per publication in turn, with one opaque cursor for the whole span. `from`: the sets
 * whose documents the page holds, in order — what its package declares (packageMeta's `held`).
 */
export async function spanPages<T>(sets: PublishedSet[], cursor: SpanCursor, limit: number, list: (publicationId: string, after: string | undefined, limit: number) => Promise<Page<T>>): Promise<{ items: T[]; from: PublishedSet[]; next?: string }> {
  const items: T[] = [];
  const from: PublishedSet[] = [];
  let p = resumeAt(sets, cursor);
  let after = cursor.c;
  // The next page's cursor names the query this one was asked with (cursor.ts, cursorQuery).
  const query = cursor.q !== undefined ? { q: cursor.q } : {};
  while (p < sets.length && items.length < limit) {
    const page = await list(sets[p].publication.id, after, limit - items.length);
    items.push(...page.items);
    if (page.items.length && from[from.length - 1] !== sets[p]) from.push(sets[p]);
    if (page.next) { after = page.next; if (items.length >= limit) return { items, from, next: encodeCursor({ s: sets[p].publisher.id, c: after, v: sets[p].publication.id, ...query }) }; continue; }
    p++;
    after = undefined;
  }
  return p < sets.length ? { items, from, next: encodeCursor({ s: sets[p].publisher.id, ...query }) } : { items, from };
}

/**
 * Said when a cursor's publication can no longer be read on (pinnedSets): the harvest must start again to be of one
 * publication per publisher, rather than go on in another.
 */
function publicationChanged(publisher: Publisher): HttpError {
  return new HttpError(409, 'publication-changed', `${publisher.name} publicó de nuevo mientras se recorrían las páginas, y la publicación de las páginas anteriores ya no se puede seguir leyendo (se corrigió para suprimir datos personales o se retiró). Empiece de nuevo, sin «after», para tener sus datos de una sola publicación.`);
}

/**
 * The sets a page reads: the current ones, but for the publisher a cursor stopped in, the publication it was paging
 * (SpanCursor `v`). A publisher that publishes while a harvester is in the middle of its documents would otherwise
 * give it the first of the old publication and the rest of the new one: records of two moments, new releases of some
 * processes and not of others, the whole looking like one publication. Publications are immutable and kept a day
 * after they are superseded (publication/prune-publications.ts), so the rest of a harvest reads as it began.
 * Never a publication redacted since (publication/redact.ts): the redacted copy of the same content goes on in its
 * place (same documents and identifiers); if the publisher also published other content since, or the publication was
 * removed, the harvest cannot be finished as one publication: 409 (publicationChanged).
 */
export async function pinnedSets(store: Store, sets: PublishedSet[], cursor: SpanCursor): Promise<PublishedSet[]> {
  if (cursor.v === undefined || cursor.s === undefined) return sets;
  const at = sets.findIndex((s) => s.publisher.id === cursor.s);
  if (at < 0 || sets[at].publication.id === cursor.v) return sets;
  const { publisher, publication: current } = sets[at];
  const pinned = await store.getPublication(cursor.v);
  if (pinned && pinned.publisherId !== publisher.id) throw invalidCursor();
  if (!pinned || pinned.status !== 'complete') throw publicationChanged(publisher);
  if ((current.redactions?.length ?? 0) > (pinned.redactions?.length ?? 0)) {
    if (current.contentHash === pinned.contentHash) return sets;
    throw publicationChanged(publisher);
  }
  return sets.map((s, i) => (i === at ? { publisher, publication: pinned } : s));
}
