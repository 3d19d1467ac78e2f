/**
 * The Store's rules, written once over a DocumentBackend: keys, sort orders, paging, compare-and-set
 * transitions, the publication life cycle (writing → complete → current) and append-only audit.
 */
import { randomUUID } from 'node:crypto';
import { entryDigest, linkHash } from '../audit/audit-chain';
import { type CollectionName, decodeCursor, docId, documentBytes, documentText, encodeCursor, pageLimit, sortKey, toDocumentRow, toRow } from './collections';
import type { DocumentBackend, QueryRange, Row } from './document-backend';
import { appendHistory, historyVersion } from './submission-history';
import { notePublishedChange } from './change-signal';
import { bulkDocuments } from '../../../core/packages/bulk-limit';
import { ROLES } from '../../../core/workflow/contract';
import {
  type FormerAccount,
  type AuditEntry,
  type DocumentKind,
  type MonthClose,
  type DocumentBytes,
  type DocumentText,
  type JsonObject,
  type KeptText,
  type Page,
  type PageRequest,
  type ProjectInput,
  type ProjectText,
  type Publication,
  type Publisher,
  type PublishedChanges,
  type PublisherStats,
  type Role,
  type RecordInput,
  type RecordText,
  type ReleaseInput,
  type ReleaseText,
  type Store,
  CHANGE_LOG_SIZE,
  StoreError,
  type Stored,
  type Submission,
  type User,
} from './store';

/** UTF-16 units per index chunk: at most 3 UTF-8 bytes each once escaped inside the chunk's JSON, so < 1 MiB. */
const INDEX_CHUNK = 300_000;
/** Entries naming several implementers read at a time by a listing of one implementer's (auditOfPublisher). */
const SHARED_AUDIT_BATCH = 500;

interface IndexChunk {
  publicationId: string;
  part: number;
  /** Number of chunks: on part 0 only. */
  parts?: number;
  text: string;
}

/** A part of a prepared preview (Store.putPreparedPreview): `write` tells one put's parts from another's. */
interface PreviewChunk {
  contentHash: string;
  publisherId: string;
  part: number;
  parts?: number;
  write: string;
  text: string;
}

/** A part of a send's kept check (Store.putSendCheck); part 0 carries `head` and when it was kept. */
/** A refused send's line (Store.putRefusedSend), in `sendChecks` beside its check's parts. */
interface RefusedSendRow { checkId: string; publisherId: string; keptAt: string; refused: typeof HEAD; text: string; state?: string }
interface SendCheckChunk {
  checkId: string;
  publisherId: string;
  part: number;
  parts?: number;
  write: string;
  keptAt?: string;
  head?: typeof HEAD;
  text: string;
}

interface SnapshotChunk {
  contentHash: string;
  part: number;
  parts?: number;
  /** On part 0: when it was last kept (Store.listSnapshots). */
  keptAt?: string;
  /**
   * HEAD on part 0, an indexed field: listing the snapshots reads their first parts only, not every part (up to
   * 300,000 characters each) of every workbook ever submitted. Absent on first parts written before it.
   */
  head?: typeof HEAD;
  text: string;
}

const HEAD = '1';
/**
 * A document of `changes` saying every first part of a snapshot carries `head`: written once the first parts of a
 * store older than the field are marked, or when the first snapshot of a new store is kept.
 */
const SNAPSHOT_HEADS_ID = docId('snapshot-heads');

interface Current {
  publisherId: string;
  publicationId: string;
  /**
   * The publication's releases, records and projects (bulkDocuments), written with the switch: Store.publishedDocuments
   * sums them. Absent on pointers switched before it was kept, until markPointerDocuments gives it to them.
   */
  documents?: number;
}

/** Document of `changes` saying a one-time marking is done (as SNAPSHOT_HEADS_ID): every pointer has its `documents`. */
const POINTER_DOCUMENTS_ID = docId('pointer-documents');
/** The accounts' marking, never recorded as done (markUserRoles counts each time): only two at once share it. */
const USER_ROLES_KEY = 'user-roles';
/** Documents marked at once (eachRow). */
const MARKING_IN_FLIGHT = 16;
/** A document marked meanwhile by someone else: it was deleted, or written again (by this version) since it was read. */
class NothingToMark extends Error {}
/** A swap's text not written: another put (or a deletion) came after the one it was to replace. */
class NotSwapped extends Error {}
/** The pointer moved to another publication while its count was being read: read it again. */
class PointerMoved extends Error {}

/**
 * Document of `changes` saying every submission carries `spreadsheetId` as a field (collections.ts): those written
 * before it are marked once (markSubmissionSheets).
 */
const SUBMISSION_SHEETS_ID = docId('submission-sheets');

/** The publishers' marking, never recorded as done (markPublisherDue counts each time), as the accounts'. */
const PUBLISHER_DUE_KEY = 'publisher-due';

/** Document of `changes` naming the month up to which every publisher's closes are kept (Store.noteMonthClosesKept). */
const MONTH_CLOSES_ID = docId('month-closes');

/**
 * Documents of `changes` counting a publisher's refused sends of a month (Store.countRefusedAttempt), read by id: no
 * query, no index; and the one saying since when they are counted (Store.startRefusedCounts).
 */
const refusedCountId = (publisherId: string, month: string): string => docId('refused-count', publisherId, month);
const REFUSED_SINCE_ID = docId('refused-counts-since');

/** A refused send's line (Store.putRefusedSend), beside its check's parts: read by this id for its detail. */
const refusedLineId = (checkId: string, publisherId: string): string => docId(checkId, publisherId, 'refused');

/** Document of `changes` naming the publisher the daily reminders stopped after (Store.noteRemindersStoppedAfter). */
const REMINDERS_ID = docId('reminders');

/** The change log's one document (collection `changes`). */
const CHANGE_LOG_ID = docId('published');
const NO_CHANGES: PublishedChanges = { seq: 0, recent: [] };

const DOCUMENT_FIELD: Record<DocumentKind, string> = { releases: 'release', records: 'record', projects: 'project' };

/** One extra row was asked for: it tells whether a next page exists, so the last page never comes back empty. */
function pageOf<B, T>(rows: { sk: string; body: B }[], limit: number, item: (body: B) => T): Page<T> {
  const items = rows.slice(0, limit).map((r) => item(r.body));
  return rows.length > limit ? { items, next: encodeCursor(rows[limit - 1].sk) } : { items };
}

/** The documents of one publication, or one ocid's releases in it. */
function documentWhere(kind: DocumentKind, q: { publicationId: string; ocid?: string }): Record<string, string> {
  return { publicationId: q.publicationId, ...(kind === 'releases' && q.ocid !== undefined ? { ocid: q.ocid } : {}) };
}

/**
 * What names a document in a page: a project by its id, a record by its ocid, a release by its ocid and id (and
 * its date, which publication reads to carry a release over without parsing it).
 */
function documentKeys(kind: DocumentKind, meta: Record<string, string>): { key: string; id?: string; date?: string } {
  if (kind === 'projects') return { key: meta.id };
  return kind === 'releases' ? { key: meta.ocid, id: meta.id, ...(typeof meta.date === 'string' ? { date: meta.date } : {}) } : { key: meta.ocid };
}

/** Document of `changes` noting the audit chain's last place taken and its hash (where the next append starts). */
const AUDIT_HEAD_ID = docId('audit-chain');

/**
 * A chained audit entry's id: its place, zero-padded so that entries made in the same millisecond list in the order
 * they were written (listings are by `at`, then id). Entries written before the chain have `<n>-<uuid>` ids.
 */
const auditChainId = (seq: number): string => String(seq).padStart(12, '0');

/** Submissions are listed by creation time, then id (their sort key below). */
const submissionKey = (s: Submission): string => sortKey(s.createdAt, s.id);

/**
 * The `after` cursor that continues a listing of submissions right after `s`: a caller that filters a page further
 * and stops part-way through it resumes there, skipping nothing.
 */
export function cursorAfter(s: Submission): string {
  return encodeCursor(submissionKey(s));
}

export function createStore(backend: DocumentBackend): Store {
  async function get<T>(collection: CollectionName, id: string): Promise<T | undefined> {
    const body = await backend.get(collection, id);
    return body === undefined ? undefined : (JSON.parse(body) as T);
  }

  /**
   * `from`: the sort key the first page starts after (a later page's cursor wins). `descending`: from the last
   * sort key back (each page's cursor then continues below it).
   */
  async function list<T>(collection: CollectionName, where: Record<string, string | undefined>, page: PageRequest = {}, from?: string, descending = false, range?: QueryRange): Promise<Page<T>> {
    const limit = pageLimit(page.limit);
    const after = page.after === undefined ? from : decodeCursor(page.after);
    const filters: Record<string, string> = {};
    for (const [k, v] of Object.entries(where)) if (v !== undefined) filters[k] = v;
    const rows = await backend.query(collection, filters, after, limit + 1, descending, range);
    return pageOf(rows, limit, (body) => JSON.parse(body) as T);
  }

  async function first<T>(collection: CollectionName, where: Record<string, string>): Promise<T | undefined> {
    return (await list<T>(collection, where, { limit: 1 })).items[0];
  }

  /**
   * One implementer's audit entries: those under its `publisherId`, and those under another's that name it among
   * several (`details.publisherIds`, collections.ts `several`): a batch's «acceso denegado» is one entry per state,
   * under the first refused, and a coordination filtering the Bitácora by any other of them did not see it. Those are
   * few (one per refused batch and state): each page reads every one of them up to where its own entries reach, so
   * that none is skipped between two pages, and the page ends at its `limit`-th entry of the two merged in order.
   */
  async function auditOfPublisher(publisherId: string, page: PageRequest, from: string | undefined, range: QueryRange | undefined): Promise<Page<AuditEntry>> {
    const limit = pageLimit(page.limit);
    const after = page.after === undefined ? from : decodeCursor(page.after);
    const own = await backend.query('audit', { publisherId }, after, limit + 1, false, range);
    // Where this page may reach: its own `limit`-th entry when there are more, else the end of the range.
    const reach = own.length > limit ? own[limit - 1].sk : range?.below;
    const rows: { sk: string; body: string }[] = own.slice(0, limit);
    for (let cursor = after; ;) {
      const shared = await backend.query('audit', { several: 'yes' }, cursor, SHARED_AUDIT_BATCH, false, reach === undefined ? undefined : { below: reach });
      for (const r of shared) {
        const entry = JSON.parse(r.body) as AuditEntry;
        const ids = entry.details.publisherIds;
        // Under its own publisherId it is among `own` already.
        if (entry.publisherId !== publisherId && Array.isArray(ids) && ids.includes(publisherId)) rows.push(r);
      }
      if (shared.length < SHARED_AUDIT_BATCH) break;
      cursor = shared[shared.length - 1].sk;
    }
    rows.sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
    const items = rows.slice(0, limit).map((r) => JSON.parse(r.body) as AuditEntry);
    if (rows.length > limit) return { items, next: encodeCursor(rows[limit - 1].sk) };
    return own.length > limit ? { items, next: encodeCursor(own[limit - 1].sk) } : { items };
  }

  async function auditHead(): Promise<{ seq: number; hash: string | null }> {
    const head = await get<{ seq: number; hash: string }>('changes', AUDIT_HEAD_ID);
    return head ? { seq: head.seq, hash: head.hash } : { seq: 0, hash: null };
  }

  /**
   * Moves the noted head forward only: an append that finishes late does not take it back. Only a hint: the entry is
   * written, and a head left behind (this write failed, or lost to contention on its one document — every append of
   * the country writes it) costs the next append a read per place it walks forward, never a fork.
   */
  async function noteAuditHead(seq: number, hash: string): Promise<void> {
    try {
      await backend.modify('changes', AUDIT_HEAD_ID, (body) => {
        if (body !== undefined && (JSON.parse(body) as { seq: number }).seq >= seq) throw new NothingToMark();
        return toRow('changes', AUDIT_HEAD_ID, sortKey('audit-chain'), { seq, hash });
      });
    } catch {
      // NothingToMark (a later place already noted), or the note not written: see above.
    }
  }

  async function writablePublication(publicationId: string): Promise<Publication> {
    const publication = await get<Publication>('publications', docId(publicationId));
    if (!publication) throw new StoreError('not-found', `publication ${publicationId} does not exist`);
    // A complete publication may already be served: it is immutable (DESIGN §6, atomic publication).
    if (publication.status !== 'writing') throw new StoreError('invalid', `publication ${publicationId} is complete and immutable`);
    return publication;
  }

  // toRow has already refused any oversized document before the first write.
  async function putAll(collection: CollectionName, rows: ReturnType<typeof toRow>[]): Promise<void> {
    if (rows.length > 0) await backend.putMany(collection, rows);
  }

  /**
   * A text kept in parts of INDEX_CHUNK characters (prepared previews, send checks), each part stamped with its put's
   * `write`: part 0, written last, carries `parts` and `head` (fields of the first part), so until it is written a
   * reader finds the previous put whole, and a part of another put (a later one being written, or an earlier one left
   * over) is refused rather than joined.
   */
  async function putStamped(collection: CollectionName, keys: object, head: object, id: (part: number) => string, sk: (part: number) => string, text: string): Promise<void> {
    const write = randomUUID();
    const parts = Math.max(1, Math.ceil(text.length / INDEX_CHUNK));
    const row = (part: number) => toRow(collection, id(part), sk(part), { ...keys, part, ...(part === 0 ? { parts, ...head } : {}), write, text: text.slice(part * INDEX_CHUNK, (part + 1) * INDEX_CHUNK) });
    await putAll(collection, Array.from({ length: parts - 1 }, (_, i) => row(i + 1)));
    await putAll(collection, [row(0)]);
  }

  /** A send's kept check, part 0 first: a reader stops finding it before its other parts go. */
  async function deleteSendCheck(checkId: string, publisherId: string): Promise<void> {
    await backend.delete('sendChecks', docId(checkId, publisherId, '0'));
    await backend.deleteWhere('sendChecks', { checkId, publisherId });
  }

  /** The text putStamped kept under `id`, whole and of one put (its `write`: the version), or undefined. */
  async function getStamped<C extends { parts?: number; write: string; text: string }>(collection: CollectionName, id: (part: number) => string): Promise<KeptText | undefined> {
    const head = await get<C>(collection, id(0));
    if (!head?.parts) return undefined;
    const rest = await Promise.all(Array.from({ length: head.parts - 1 }, (_, i) => get<C>(collection, id(i + 1))));
    if (rest.some((c) => c?.write !== head.write)) return undefined;
    return { text: [head, ...(rest as C[])].map((c) => c.text).join(''), version: head.write };
  }

  /**
   * putStamped of a text of one part, only if part 0 is still of the put `version` (undefined: none), read and
   * written at once (DocumentBackend.modify): what tells a put from another is part 0's `write`, and one part is
   * all a swap writes — a longer text would first write parts over those of the put it may not replace.
   */
  async function swapStamped(collection: CollectionName, keys: object, head: object, id: (part: number) => string, sk: (part: number) => string, version: string | undefined, text: string): Promise<string | undefined> {
    if (text.length > INDEX_CHUNK) throw new StoreError('invalid', `${collection}: a swapped text is of one part`);
    const write = randomUUID();
    try {
      await backend.modify(collection, id(0), (body) => {
        const now = body === undefined ? undefined : (JSON.parse(body) as { parts?: number; write?: string });
        if ((now?.parts ? now.write : undefined) !== version) throw new NotSwapped();
        return toRow(collection, id(0), sk(0), { ...keys, part: 0, parts: 1, ...head, write, text });
      });
    } catch (e) {
      if (e instanceof NotSwapped) return undefined;
      throw e;
    }
    return write;
  }

  const publicationKey = (p: Pick<Publication, 'createdAt' | 'id'>) => sortKey(p.createdAt, p.id);

  const snapshotHeadRow = (chunk: SnapshotChunk) => toRow('snapshots', docId(chunk.contentHash, '0'), sortKey(chunk.contentHash, '0'), { ...chunk, head: HEAD });
  const markHeadsDone = () => markDone(SNAPSHOT_HEADS_ID, 'snapshot-heads', 'snapshotHeads');
  /** Seen in this process: the store had snapshots before the marker (putSnapshot). */
  let olderSnapshotsSeen = false;

  /**
   * A store with snapshots from before `head` (old SQLite files, old Firestore documents) has first parts without
   * it, which the listing by `head` would miss, and pruning never remove. Once per store, every part is read and each
   * first part without it is marked; then the marker says so and it is never done again.
   */
  async function markSnapshotHeads(): Promise<void> {
    if (await marked(SNAPSHOT_HEADS_ID)) return;
    // 20 at a time: each part carries up to 300,000 characters.
    await eachRow('snapshots', 20, async (body) => {
      const chunk = JSON.parse(body) as SnapshotChunk;
      if (chunk.part !== 0 || chunk.head === HEAD) return;
      // Read and written at once: a keptAt written meanwhile (putSnapshot) is kept, a deleted snapshot stays deleted.
      await rewriteInPlace('snapshots', docId(chunk.contentHash, '0'), (now) => snapshotHeadRow(JSON.parse(now) as SnapshotChunk));
    });
    await markHeadsDone();
  }

  /** Whether the one-time marking recorded under `id` in `changes` is done: read once per process, then known. */
  const markedOnce = new Map<string, boolean>();
  async function marked(id: string): Promise<boolean> {
    if (!markedOnce.get(id)) markedOnce.set(id, (await backend.get('changes', id)) !== undefined);
    return markedOnce.get(id) === true;
  }
  /** Records the marking `id` done: a document of `changes` keyed `key`, saying `{ [field]: true }`. */
  async function markDone(id: string, key: string, field: string): Promise<void> {
    await putAll('changes', [toRow('changes', id, sortKey(key), { [field]: true })]);
    markedOnce.set(id, true);
  }
  /** A marking under way in this process: two notices at once wait for the same one instead of each reading everything. */
  const marking = new Map<string, Promise<void>>();
  function markOnce(id: string, mark: () => Promise<void>): Promise<void> {
    if (markedOnce.get(id)) return Promise.resolve();
    let pending = marking.get(id);
    if (!pending) {
      pending = mark();
      marking.set(id, pending);
      const forget = () => { marking.delete(id); };
      pending.then(forget, forget);
    }
    return pending;
  }
  /**
   * Every row of a collection, `size` at a time, each handed to `visit` (a one-time marking), MARKING_IN_FLIGHT at
   * once: marking 5,000 accounts one transaction after another took as many round trips to Firestore, while the
   * notice that started it waited.
   */
  async function eachRow(collection: CollectionName, size: number, visit: (body: string) => Promise<void>): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const rows = await backend.query(collection, {}, after, size);
      let next = 0;
      const worker = async () => { while (next < rows.length) await visit(rows[next++].body); };
      await Promise.all(Array.from({ length: Math.min(MARKING_IN_FLIGHT, rows.length) }, worker));
      if (rows.length < size) return;
      after = rows[rows.length - 1].sk;
    }
  }

  /**
   * Writes one document again from its own body, read and written at once (a change or a deletion meanwhile is kept):
   * `change` gives the row, or undefined when the document needs nothing (written by this version since it was read).
   * A deleted document is left deleted.
   */
  async function rewriteInPlace(collection: CollectionName, id: string, change: (body: string) => Row | undefined): Promise<void> {
    try {
      await backend.modify(collection, id, (now) => {
        const row = now === undefined ? undefined : change(now);
        if (row === undefined) throw new NothingToMark();
        return row;
      });
    } catch (e) {
      if (!(e instanceof NothingToMark)) throw e;
    }
  }

  /**
   * Accounts written without `role` as a field lack it in their row (a Firestore document's top-level field, a
   * SQLite column added empty), so a listing by role would miss them: those of a version before it was one, and
   * those such a version writes AFTER this one marked the rest (rolled back and upgraded again, or its CLI run
   * against this store: a coordinator added then would get no notice of new sends). So before each listing by role
   * the database counts the accounts, all and of each role (4 counts, about 4 reads however many accounts there
   * are); only when they differ is every account written again from its own body — read and written at once, so
   * a change or a deletion meanwhile is kept. Accounts are few (2 per implementer): a few thousand reads and writes.
   */
  async function markUserRoles(): Promise<void> {
    const [all, ...byRole] = await Promise.all([backend.count('users', {}), ...ROLES.map((role) => backend.count('users', { role }))]);
    if (byRole.reduce((a, b) => a + b, 0) === all) return;
    await eachRow('users', 500, async (body) => {
      const { id } = JSON.parse(body) as User;
      await rewriteInPlace('users', docId(id), (now) => toRow('users', docId(id), sortKey(id), JSON.parse(now) as User));
    });
  }

  /**
   * Pointers switched before they carried `documents` count 0 in publishedDocuments. Once per store, each of them
   * gets its publication's total, written only if the pointer still names that publication (one that moved
   * meanwhile was written with its total by this version, or is read again); then the marker says so.
   */
  async function markPointerDocuments(): Promise<void> {
    if (await marked(POINTER_DOCUMENTS_ID)) return;
    await eachRow('current', 500, async (body) => {
      const { publisherId, documents } = JSON.parse(body) as Current;
      if (typeof documents === 'number') return;
      for (;;) {
        const pointer = await get<Current>('current', docId(publisherId));
        if (!pointer || typeof pointer.documents === 'number') return;
        // A pointer to a publication that is gone serves nothing (getCurrent): it counts 0.
        const publication = await get<Publication>('publications', docId(pointer.publicationId));
        if (!publication) return;
        try {
          await backend.modify('current', docId(publisherId), (now) => {
            const current = now === undefined ? undefined : (JSON.parse(now) as Current);
            if (!current || typeof current.documents === 'number') throw new NothingToMark();
            if (current.publicationId !== publication.id) throw new PointerMoved();
            return toRow('current', docId(publisherId), sortKey(publisherId), { ...current, documents: bulkDocuments([publication.counts]) });
          });
          return;
        } catch (e) {
          if (e instanceof NothingToMark) return;
          if (!(e instanceof PointerMoved)) throw e;
        }
      }
    });
    await markDone(POINTER_DOCUMENTS_ID, 'pointerDocuments', 'pointerDocuments');
  }

  /**
   * Submissions written before `spreadsheetId` was a field lack it in their row (a SQLite column added empty, a
   * Firestore document without it): the listing of a spreadsheet's sends would miss them. Once per store, before the
   * first such listing, each one sent from a spreadsheet is written again from its own body — read and written at
   * once, so a decision taken meanwhile is kept — and then the marker says so.
   */
  async function markSubmissionSheets(): Promise<void> {
    if (await marked(SUBMISSION_SHEETS_ID)) return;
    await eachRow('submissions', 500, async (body) => {
      const { id, source } = JSON.parse(body) as Submission;
      if (source.kind === 'xlsx' || source.spreadsheetId === null) return;
      await rewriteInPlace('submissions', docId(id), (now) => {
        const s = JSON.parse(now) as Submission;
        return toRow('submissions', docId(id), submissionKey(s), s);
      });
    });
    await markDone(SUBMISSION_SHEETS_ID, 'submissionSheets', 'submissionSheets');
  }

  /**
   * Publishers written without `updateDue` as a field lack it in their row (a SQLite column left empty, a Firestore
   * document without it), and may lack their current publication's date in their body, or have an older one: the
   * listing of those due would miss them, or date them from their registration. Those of a version before it was one,
   * and those such a version writes AFTER this one marked the rest: rolled back and upgraded again, a publisher the
   * earlier version registered or changed (its server, or its CLI run against this store) was never reminded until
   * this version wrote it again. So before each listing the database counts the publishers, all and those carrying
   * the field (2 counts, about 2 reads however many there are); only when they differ is each one written again, with
   * its current publication's date — read and written at once, so a change meanwhile is kept, and a later date there
   * (this version's setCurrent, since the pointer was read) kept over the one read here. Publishers are few (one per
   * implementer): about 3 reads and 1 write each, only after an earlier version wrote one.
   */
  async function markPublisherDue(): Promise<void> {
    const [all, carrying] = await Promise.all([backend.count('publishers', {}), backend.count('publishers', {}, 'updateDue')]);
    if (carrying === all) return;
    await eachRow('publishers', 500, async (body) => rewritePublisherDue((JSON.parse(body) as Publisher).id, true));
  }

  /**
   * Writes publisher `id` again with its current publication's date when that is later than the one it has (or it has
   * none) — or, `always`, in any case (its row then gets `updateDue`).
   */
  async function rewritePublisherDue(id: string, always: boolean): Promise<void> {
    const current = await get<Current>('current', docId(id));
    const publication = current && (await get<Publication>('publications', docId(current.publicationId)));
    await rewriteInPlace('publishers', docId(id), (now) => {
      const p = JSON.parse(now) as Publisher;
      const kept = p.publishedAt !== undefined && (!publication || Date.parse(p.publishedAt) >= Date.parse(publication.createdAt));
      if (kept && !always) return undefined;
      return toRow('publishers', docId(id), sortKey(id), kept || !publication ? p : { ...p, publishedAt: publication.createdAt });
    });
  }

  /** `p` as stored, with the store's own `publishedAt` (`kept`'s) whatever `p` says. */
  function withPublishedAt(p: Publisher, kept: Publisher | undefined): Publisher {
    const { publishedAt: _given, ...rest } = p;
    return kept?.publishedAt === undefined ? rest : { ...rest, publishedAt: kept.publishedAt };
  }

  /**
   * Appends a change of `publisherId` to the log, after the change itself is written: a reader that sees the entry
   * and then reads the publisher sees the change (api/current-publications.ts). A change left unlogged — the process
   * died between the two writes, or this write failed — is seen at the readers' next full read (FULL_REREAD_MS), so
   * a failure here is not the caller's: the pointer did move, and a publication that happened must not be reported
   * (and retried) as failed.
   */
  async function logChange(publisherId: string): Promise<void> {
    try {
      await backend.modify('changes', CHANGE_LOG_ID, (body) => {
        const log = body === undefined ? NO_CHANGES : (JSON.parse(body) as PublishedChanges);
        const seq = log.seq + 1;
        const next: PublishedChanges = { seq, recent: [...log.recent.slice(-(CHANGE_LOG_SIZE - 1)), { seq, publisherId }] };
        return toRow('changes', CHANGE_LOG_ID, sortKey('published'), next);
      });
    } catch {
      // See above: readers catch up at their next full read.
    }
    notePublishedChange();
  }

  return {
    async putPublisher(p: Publisher) {
      // Read and written at once: the date of its current publication is the store's (setCurrent), not the caller's.
      await backend.modify('publishers', docId(p.id), (body) => toRow('publishers', docId(p.id), sortKey(p.id), withPublishedAt(p, body === undefined ? undefined : (JSON.parse(body) as Publisher))));
      await logChange(p.id);
    },
    async updatePublisher(publisherId, change) {
      let written: Publisher | undefined;
      await backend.modify('publishers', docId(publisherId), (body) => {
        if (body === undefined) throw new StoreError('not-found', `publisher ${publisherId} does not exist`);
        const stored = JSON.parse(body) as Publisher;
        written = withPublishedAt({ ...change(stored), id: publisherId }, stored);
        return toRow('publishers', docId(publisherId), sortKey(publisherId), written);
      });
      await logChange(publisherId);
      return written as Publisher;
    },
    getPublisher: (id) => get<Publisher>('publishers', docId(id)),
    async deletePublisher(id) {
      const deleted = await backend.delete('publishers', docId(id));
      if (deleted) await logChange(id);
      return deleted;
    },
    listPublishers: (page) => list<Publisher>('publishers', {}, page),
    refreshPublisherDue: (id) => rewritePublisherDue(id, false),
    async listPublishersDue(q) {
      await markOnce(PUBLISHER_DUE_KEY, markPublisherDue);
      // `updateDue` is sortKey(day, id) (collections.ts): every day before `q.day` sorts below the key's opening `["<day>"`.
      return list<Publisher>('publishers', {}, q, sortKey(q.day).slice(0, -1), true, { by: 'updateDue' });
    },

    putUser: (u: User) => backend.putMany('users', [toRow('users', docId(u.id), sortKey(u.id), u)]),
    getUser: (id) => get<User>('users', docId(id)),
    findUserByEmail: (email) => first<User>('users', { email }),
    findUserByTokenHash: (tokenHash) => first<User>('users', { tokenHash }),
    async listUsers(q: PageRequest & { publisherId?: string; role?: Role } = {}) {
      if (q.role !== undefined) await markOnce(USER_ROLES_KEY, markUserRoles);
      return list<User>('users', { publisherId: q.publisherId, role: q.role }, q);
    },
    deleteUser: (id) => backend.delete('users', docId(id)),
    // A small document of `changes`, read by id: no collection, index or query of its own.
    noteFormerAccount: (a) => putAll('changes', [toRow('changes', docId('former-account', a.id), sortKey('former-account', a.id), { id: a.id, email: a.email, removedAt: a.removedAt })]),
    getFormerAccount: (id) => get<FormerAccount>('changes', docId('former-account', id)),

    createSubmission: (s: Submission) =>
      backend.create('submissions', toRow('submissions', docId(s.id), submissionKey(s), s)),
    getSubmission: (id) => get<Submission>('submissions', docId(id)),
    async listSubmissions(q = {}) {
      if (q.spreadsheetId !== undefined) await markOnce(SUBMISSION_SHEETS_ID, markSubmissionSheets);
      return list<Submission>('submissions', { publisherId: q.publisherId, spreadsheetId: q.spreadsheetId, status: q.status }, q, undefined, q.newestFirst === true);
    },
    async transitionSubmission(id, from, to, entry, patch = {}) {
      let updated: Submission | undefined;
      await backend.modify('submissions', docId(id), (body) => {
        if (body === undefined) throw new StoreError('not-found', `submission ${id} does not exist`);
        const s = JSON.parse(body) as Submission;
        if (!from.includes(s.status)) throw new StoreError('conflict', `submission ${id} is ${s.status}, not ${from.join('|')}`);
        const { ifVersion, ...changes } = patch;
        if (ifVersion !== undefined && historyVersion(s) !== ifVersion) throw new StoreError('conflict', `submission ${id} changed since version ${ifVersion}`);
        updated = { ...s, ...changes, status: to, ...appendHistory(s, entry), updatedAt: entry.at };
        return toRow('submissions', docId(id), submissionKey(s), updated);
      });
      return updated as Submission;
    },

    async rewriteSubmissionQuotes(id, change) {
      let changed = false;
      await backend.modify('submissions', docId(id), (body) => {
        if (body === undefined) throw new StoreError('not-found', `submission ${id} does not exist`);
        const s = JSON.parse(body) as Submission;
        const quoted = change({ ...(s.findings ? { findings: s.findings } : {}), history: s.history });
        changed = quoted !== undefined;
        // Unchanged: written back as read (modify writes what it is given).
        return quoted ? toRow('submissions', docId(id), submissionKey(s), { ...s, ...quoted }) : toRow('submissions', docId(id), submissionKey(s), s);
      });
      return changed;
    },

    async createPublication(p) {
      const publication: Publication = { ...p, counts: { releases: 0, records: 0, projects: 0 }, status: 'writing' };
      await backend.create('publications', toRow('publications', docId(p.id), publicationKey(p), publication));
      return publication;
    },
    getPublication: (id) => get<Publication>('publications', docId(id)),
    listPublications: (q) => list<Publication>('publications', { publisherId: q.publisherId }, q),
    findPublicationByHash: (publisherId, contentHash) =>
      first<Publication>('publications', { publisherId, contentHash, status: 'complete' }),
    // Documents are written last in their row (toDocumentRow), so pages can splice their text without parsing it.
    async putReleases(publicationId, releases: (ReleaseInput | ReleaseText)[]) {
      const p = await writablePublication(publicationId);
      await putAll(
        'releases',
        releases.map((r) => toDocumentRow('releases', docId(p.id, r.ocid, r.id), sortKey(r.ocid, r.date, r.id), { ocid: r.ocid, id: r.id, date: r.date, publicationId: p.id, publisherId: p.publisherId }, 'release', r.text ?? JSON.stringify((r as ReleaseInput).release))),
      );
    },
    async putRecords(publicationId, records: (RecordInput | RecordText)[]) {
      const p = await writablePublication(publicationId);
      await putAll('records', records.map((r) => toDocumentRow('records', docId(p.id, r.ocid), sortKey(r.ocid), { ocid: r.ocid, publicationId: p.id, publisherId: p.publisherId }, 'record', 'record' in r ? JSON.stringify(r.record) : r.text)));
    },
    async putProjects(publicationId, projects: (ProjectInput | ProjectText)[]) {
      const p = await writablePublication(publicationId);
      await putAll('projects', projects.map((r) => toDocumentRow('projects', docId(p.id, r.id), sortKey(r.id), { id: r.id, publicationId: p.id, publisherId: p.publisherId }, 'project', 'project' in r ? JSON.stringify(r.project) : r.text)));
    },
    async completePublication(publicationId, counts) {
      let sealed: Publication | undefined;
      await backend.modify('publications', docId(publicationId), (body) => {
        if (body === undefined) throw new StoreError('not-found', `publication ${publicationId} does not exist`);
        const p = JSON.parse(body) as Publication;
        if (p.status !== 'writing') throw new StoreError('conflict', `publication ${publicationId} is already complete`);
        sealed = { ...p, counts, status: 'complete' };
        return toRow('publications', docId(publicationId), publicationKey(p), sealed);
      });
      return sealed as Publication;
    },
    async setCurrent(publisherId, publicationId, expectedPrevious) {
      const p = await get<Publication>('publications', docId(publicationId));
      if (!p || p.publisherId !== publisherId) throw new StoreError('not-found', `publisher ${publisherId} has no publication ${publicationId}`);
      // Only a sealed publication may be served; its status never changes back, so checking it outside the write is safe.
      if (p.status !== 'complete') throw new StoreError('invalid', `publication ${publicationId} is not complete`);
      await backend.modify('current', docId(publisherId), (body) => {
        const previous = body === undefined ? null : (JSON.parse(body) as Current).publicationId;
        if (expectedPrevious !== undefined && previous !== expectedPrevious) {
          throw new StoreError('conflict', `current publication of ${publisherId} is ${previous}, expected ${expectedPrevious}`);
        }
        // Its total in the same write: publishedDocuments sums what the pointers point at, never a total kept apart
        // (two publications switched at once each write their own pointer; nothing to add up or lose).
        const current: Current = { publisherId, publicationId, documents: bulkDocuments([p.counts]) };
        return toRow('current', docId(publisherId), sortKey(publisherId), current);
      });
      // Then its date on the publisher, where its next update's due date is computed (collections.ts updateDue). After
      // the switch: a failure between the two leaves the due date early, never late — the reminders check each
      // publisher they list against its pointer, so none is reminded by mistake — and, as the change log's, it is not
      // the caller's: the pointer did move.
      try {
        await backend.modify('publishers', docId(publisherId), (body) => {
          if (body === undefined) throw new NothingToMark();
          return toRow('publishers', docId(publisherId), sortKey(publisherId), { ...(JSON.parse(body) as Publisher), publishedAt: p.createdAt });
        });
      } catch {
        // See above.
      }
      await logChange(publisherId);
    },
    async deletePublication(publicationId) {
      const p = await get<Publication>('publications', docId(publicationId));
      if (!p) return false;
      const current = await get<Current>('current', docId(p.publisherId));
      if (current?.publicationId === publicationId) throw new StoreError('conflict', `publication ${publicationId} is the current one of ${p.publisherId}`);
      for (const collection of ['releases', 'records', 'projects', 'indexes'] as const) await backend.deleteWhere(collection, { publicationId });
      return backend.delete('publications', docId(publicationId));
    },
    async getCurrent(publisherId) {
      const current = await get<Current>('current', docId(publisherId));
      return current && get<Publication>('publications', docId(current.publicationId));
    },
    async publishedDocuments() {
      await markOnce(POINTER_DOCUMENTS_ID, markPointerDocuments);
      return backend.sum('current', 'documents');
    },
    getPublishedChanges: async () => (await get<PublishedChanges>('changes', CHANGE_LOG_ID)) ?? NO_CHANGES,

    listReleases: (q) => list<Stored<ReleaseInput>>('releases', { publicationId: q.publicationId, ocid: q.ocid }, q),
    getRecord: (publicationId, ocid) => get<Stored<RecordInput>>('records', docId(publicationId, ocid)),
    listRecords: (q) => list<Stored<RecordInput>>('records', { publicationId: q.publicationId }, q),
    async putIndex(publicationId, index) {
      const p = await writablePublication(publicationId);
      const text = JSON.stringify(index);
      const parts = Math.max(1, Math.ceil(text.length / INDEX_CHUNK));
      const chunks: IndexChunk[] = Array.from({ length: parts }, (_, part) => ({
        publicationId: p.id, part, ...(part === 0 ? { parts } : {}), text: text.slice(part * INDEX_CHUNK, (part + 1) * INDEX_CHUNK),
      }));
      // Part 0 last: a reader finds the index only once every other part is there.
      await putAll('indexes', chunks.slice(1).map((c) => toRow('indexes', docId(p.id, String(c.part)), sortKey(p.id, String(c.part)), c)));
      await putAll('indexes', [toRow('indexes', docId(p.id, '0'), sortKey(p.id, '0'), chunks[0])]);
    },
    async getIndex(publicationId) {
      const head = await get<IndexChunk>('indexes', docId(publicationId, '0'));
      if (!head?.parts) return undefined;
      const rest = await Promise.all(Array.from({ length: head.parts - 1 }, (_, i) => get<IndexChunk>('indexes', docId(publicationId, String(i + 1)))));
      if (rest.some((c) => c === undefined)) return undefined;
      return JSON.parse([head, ...(rest as IndexChunk[])].map((c) => c.text).join('')) as JsonObject;
    },
    async putSnapshot(contentHash, text, keptAt) {
      if (!/^[0-9a-f]{64}$/.test(contentHash)) throw new StoreError('invalid', `invalid snapshot hash ${contentHash}`);
      const kept = await get<SnapshotChunk>('snapshots', docId(contentHash, '0'));
      if (kept?.parts) {
        // Content-addressed: already kept. Kept again now, so that pruning leaves it to the submission about to refer to it.
        if (!kept.keptAt || kept.keptAt < keptAt || kept.head !== HEAD) await putAll('snapshots', [snapshotHeadRow({ ...kept, keptAt: kept.keptAt && kept.keptAt > keptAt ? kept.keptAt : keptAt })]);
        return;
      }
      // The first snapshot of a store: none older lacks `head`, there is nothing to mark (markSnapshotHeads).
      if (!olderSnapshotsSeen && !(await marked(SNAPSHOT_HEADS_ID))) {
        if ((await backend.query('snapshots', {}, undefined, 1)).length === 0) await markHeadsDone();
        else olderSnapshotsSeen = true; // not asked again in this process: a pruning marks them
      }
      const parts = Math.max(1, Math.ceil(text.length / INDEX_CHUNK));
      const chunks: SnapshotChunk[] = Array.from({ length: parts }, (_, part) => ({
        contentHash, part, ...(part === 0 ? { parts, keptAt, head: HEAD } : {}), text: text.slice(part * INDEX_CHUNK, (part + 1) * INDEX_CHUNK),
      }));
      // Part 0 last, as for indexes: a reader finds the snapshot only once every part is there.
      await putAll('snapshots', chunks.slice(1).map((c) => toRow('snapshots', docId(contentHash, String(c.part)), sortKey(contentHash, String(c.part)), c)));
      await putAll('snapshots', [toRow('snapshots', docId(contentHash, '0'), sortKey(contentHash, '0'), chunks[0])]);
    },
    async getSnapshot(contentHash) {
      const head = await get<SnapshotChunk>('snapshots', docId(contentHash, '0'));
      if (!head?.parts) return undefined;
      const rest = await Promise.all(Array.from({ length: head.parts - 1 }, (_, i) => get<SnapshotChunk>('snapshots', docId(contentHash, String(i + 1)))));
      if (rest.some((c) => c === undefined)) return undefined;
      return [head, ...(rest as SnapshotChunk[])].map((c) => c.text).join('');
    },
    async listSnapshots(page = {}) {
      await markSnapshotHeads();
      // Part 0 stands for the snapshot: only those are read. Small pages: each carries up to 300,000 characters.
      const rows = await list<SnapshotChunk>('snapshots', { head: HEAD }, { ...page, limit: Math.min(page.limit ?? 20, 20) });
      return { items: rows.items.map((c) => ({ contentHash: c.contentHash, ...(c.keptAt ? { keptAt: c.keptAt } : {}) })), ...(rows.next ? { next: rows.next } : {}) };
    },
    async deleteSnapshot(contentHash, keptBefore) {
      const head = await get<SnapshotChunk>('snapshots', docId(contentHash, '0'));
      if (!head || (head.keptAt !== undefined && head.keptAt >= keptBefore)) return false;
      await backend.delete('snapshots', docId(contentHash, '0'));
      await backend.deleteWhere('snapshots', { contentHash });
      // What was computed from it goes with it: no submission can ask for that preview any more.
      await backend.deleteWhere('previews', { contentHash });
      await backend.deleteWhere('sendFindings', { contentHash });
      return true;
    },
    putPreparedPreview: (contentHash, publisherId, text) => putStamped('previews', { contentHash, publisherId }, {}, (part) => docId(contentHash, publisherId, String(part)),
      (part) => sortKey(contentHash, publisherId, String(part)), text),
    getPreparedPreview: async (contentHash, publisherId) => (await getStamped<PreviewChunk>('previews', (part) => docId(contentHash, publisherId, String(part))))?.text,
    readPreparedPreview: (contentHash, publisherId) => getStamped<PreviewChunk>('previews', (part) => docId(contentHash, publisherId, String(part))),
    swapPreparedPreview: (contentHash, publisherId, version, text) => swapStamped('previews', { contentHash, publisherId }, {}, (part) => docId(contentHash, publisherId, String(part)),
      (part) => sortKey(contentHash, publisherId, String(part)), version, text),
    async deletePreparedPreview(contentHash, publisherId) {
      await backend.delete('previews', docId(contentHash, publisherId, '0'));
      await backend.deleteWhere('previews', { contentHash, publisherId });
    },
    putSendFindings: (contentHash, publisherId, text) => putStamped('sendFindings', { contentHash, publisherId }, {}, (part) => docId(contentHash, publisherId, String(part)),
      (part) => sortKey(contentHash, publisherId, String(part)), text),
    getSendFindings: async (contentHash, publisherId) => (await getStamped<PreviewChunk>('sendFindings', (part) => docId(contentHash, publisherId, String(part))))?.text,
    // The sort key begins with when it was kept: the old ones are a range of it (deleteSendChecksKeptBefore).
    putSendCheck: (checkId, publisherId, text, keptAt) => putStamped('sendChecks', { checkId, publisherId }, { keptAt, head: HEAD }, (part) => docId(checkId, publisherId, String(part)),
      (part) => sortKey(keptAt, checkId, publisherId, String(part)), text),
    getSendCheck: async (checkId, publisherId) => (await getStamped<SendCheckChunk>('sendChecks', (part) => docId(checkId, publisherId, String(part))))?.text,
    readSendCheck: (checkId, publisherId) => getStamped<SendCheckChunk>('sendChecks', (part) => docId(checkId, publisherId, String(part))),
    swapSendCheck: (checkId, publisherId, version, text, keptAt) => swapStamped('sendChecks', { checkId, publisherId }, { keptAt, head: HEAD }, (part) => docId(checkId, publisherId, String(part)),
      (part) => sortKey(keptAt, checkId, publisherId, String(part)), version, text),
    deleteSendCheck,
    async deleteSendChecksKeptBefore(keptBefore) {
      // sortKey(keptAt, …) without its closing `]`: every first part kept strictly before sorts below it, one kept at
      // that instant (`["<keptBefore>",…`) above it.
      const below = sortKey(keptBefore).slice(0, -1);
      let removed = 0;
      for (let after: string | undefined; ;) {
        const rows = await backend.query('sendChecks', { head: HEAD }, after, 100, false, { below });
        for (const r of rows) {
          const c = JSON.parse(r.body) as SendCheckChunk;
          await deleteSendCheck(c.checkId, c.publisherId);
          removed++;
        }
        if (rows.length < 100) return removed;
        after = rows[rows.length - 1].sk;
      }
    },
    // Its own document, not a field of the check's part 0: a listing reads only these few hundred bytes each, never
    // the up to 300,000 characters of a refusal's findings.
    putRefusedSend: (checkId, publisherId, text, keptAt, state) => putAll('sendChecks', [toRow('sendChecks', refusedLineId(checkId, publisherId),
      sortKey(keptAt, checkId, publisherId, 'refused'), { checkId, publisherId, keptAt, refused: HEAD, text, ...(state !== undefined ? { state } : {}) } satisfies RefusedSendRow)]),
    async listRefusedSends(q) {
      const rows = await list<RefusedSendRow>('sendChecks', { refused: HEAD, publisherId: q.publisherId, state: q.state }, { limit: q.limit }, undefined, true);
      return rows.items.map((r) => ({ checkId: r.checkId, publisherId: r.publisherId, keptAt: r.keptAt, text: r.text }));
    },
    async getRefusedSend(checkId, publisherId) {
      const r = await get<RefusedSendRow>('sendChecks', refusedLineId(checkId, publisherId));
      return r && { checkId: r.checkId, publisherId: r.publisherId, keptAt: r.keptAt, text: r.text };
    },
    getProject: (publicationId, id) => get<Stored<ProjectInput>>('projects', docId(publicationId, id)),
    async listDocumentTexts(kind: DocumentKind, q) {
      const limit = pageLimit(q.limit);
      const after = q.after === undefined ? undefined : decodeCursor(q.after);
      const rows = await backend.query(kind, documentWhere(kind, q), after, limit + 1);
      const field = DOCUMENT_FIELD[kind];
      return pageOf(rows, limit, (body): DocumentText => {
        const { meta, text } = documentText(body, field);
        return { ...documentKeys(kind, meta), text };
      });
    },
    async getDocumentText(kind, publicationId, key) {
      const body = await backend.get(kind, docId(publicationId, key));
      return body === undefined ? undefined : documentText(body, DOCUMENT_FIELD[kind]).text;
    },
    async listDocumentBytes(kind: DocumentKind, q) {
      const limit = pageLimit(q.limit);
      const after = q.after === undefined ? undefined : decodeCursor(q.after);
      const where = documentWhere(kind, q);
      const rows = backend.queryBytes
        ? await backend.queryBytes(kind, where, after, limit + 1)
        : (await backend.query(kind, where, after, limit + 1)).map((r) => ({ sk: r.sk, body: Buffer.from(r.body, 'utf8') }));
      const field = DOCUMENT_FIELD[kind];
      return pageOf(rows, limit, (body): DocumentBytes => {
        const { meta, bytes } = documentBytes(body, field);
        return { ...documentKeys(kind, meta), bytes };
      });
    },
    async getDocumentBytes(kind, publicationId, key) {
      const id = docId(publicationId, key);
      const body = backend.getBytes ? await backend.getBytes(kind, id) : await backend.get(kind, id).then((t) => (t === undefined ? undefined : Buffer.from(t, 'utf8')));
      return body === undefined ? undefined : documentBytes(body, DOCUMENT_FIELD[kind]).bytes;
    },
    listProjects: (q) => list<Stored<ProjectInput>>('projects', { publicationId: q.publicationId }, q),

    async appendAudit(e) {
      // The next place of the chain (audit/audit-chain.ts), taken by an insert under an id made of the place alone:
      // two appends at once — two publications, or several server processes on one SQLite file, or several
      // functions on Firestore — cannot both take it; the one refused reads the entry that took it and tries the
      // next place, linked to that entry. The head noted in `changes` is only where to start looking: an append that
      // stopped between its entry and the note is followed by reading forward, so the chain never forks.
      const digest = entryDigest(e);
      let { seq, hash: prev } = await auditHead();
      for (;;) {
        const next = seq + 1;
        const id = auditChainId(next);
        const entry: AuditEntry = { ...e, id, seq: next, prev, hash: linkHash(next, prev, digest) };
        try {
          await backend.create('audit', toRow('audit', docId(id), sortKey(entry.at, id), entry));
        } catch (err) {
          if (!(err instanceof StoreError && err.kind === 'conflict')) throw err;
          const taken = await get<AuditEntry>('audit', docId(id));
          seq = next;
          prev = taken?.hash ?? null;
          continue;
        }
        await noteAuditHead(next, entry.hash as string);
        return entry;
      }
    },
    auditChainHead: () => auditHead(),
    // Entries are keyed sortKey(at, id) (appendAudit): every entry made at `since` or later sorts after the key's
    // opening `["<since>"` (JSON text, compared as UTF-8 bytes on both stores), every earlier one before it.
    // `before` likewise: every entry made before it sorts before `["<before>"`, every later one after it.
    async listAudit(q = {}) {
      const from = q.since === undefined ? undefined : sortKey(q.since).slice(0, -1);
      const range = q.before === undefined ? undefined : { below: sortKey(q.before).slice(0, -1) };
      if (q.publisherId === undefined) return list<AuditEntry>('audit', {}, q, from, false, range);
      return auditOfPublisher(q.publisherId, q, from, range);
    },

    async putMonthClose(close: MonthClose) {
      try {
        await backend.create('monthCloses', toRow('monthCloses', docId(close.publisherId, close.month), sortKey(close.month), close));
      } catch (e) {
        // Kept already (another report of the same month wrote it): the same sends, from the same log.
        if (!(e instanceof StoreError && e.kind === 'conflict')) throw e;
      }
    },
    async latestMonthClose(publisherId, month) {
      return (await list<MonthClose>('monthCloses', { publisherId }, { limit: 1 }, sortKey(month).slice(0, -1), true)).items[0];
    },
    monthClosesKeptThrough: async () => (await get<{ month: string }>('changes', MONTH_CLOSES_ID))?.month,
    noteMonthClosesKept: (month) => putAll('changes', [toRow('changes', MONTH_CLOSES_ID, sortKey('month-closes'), { month })]),
    remindersStoppedAfter: async () => (await get<{ after: string | null }>('changes', REMINDERS_ID))?.after ?? undefined,
    noteRemindersStoppedAfter: (publisherId) => putAll('changes', [toRow('changes', REMINDERS_ID, sortKey('reminders'), { after: publisherId ?? null })]),

    async countRefusedAttempt(publisherId, month) {
      const id = refusedCountId(publisherId, month);
      // Raised where it is kept (Firestore's increment): two refusals at once are both counted.
      await backend.increment('changes', toRow('changes', id, sortKey('refused-count', publisherId, month), { publisherId, month }), 'refusals');
    },
    getRefusedAttempts: async (publisherId, month) => (await backend.getNumber('changes', refusedCountId(publisherId, month), 'refusals')) ?? 0,
    async startRefusedCounts(at) {
      const kept = await get<{ since: string }>('changes', REFUSED_SINCE_ID);
      if (kept) return kept.since;
      try {
        await backend.create('changes', toRow('changes', REFUSED_SINCE_ID, sortKey('refused-counts-since'), { since: at }));
        return at;
      } catch (e) {
        // Kept meanwhile by another instance: that one stands.
        if (!(e instanceof StoreError && e.kind === 'conflict')) throw e;
        return (await get<{ since: string }>('changes', REFUSED_SINCE_ID))?.since ?? at;
      }
    },
    refusedCountsSince: async () => (await get<{ since: string }>('changes', REFUSED_SINCE_ID))?.since,

    putStats: (s: PublisherStats) => backend.putMany('stats', [toRow('stats', docId(s.publisherId), sortKey(s.publisherId), s)]),
    getStats: (publisherId) => get<PublisherStats>('stats', docId(publisherId)),
    listStats: (page) => list<PublisherStats>('stats', {}, page),

    close: () => backend.close(),
  };
}
