/**
 * The collections, their filterable fields and the queries run on them — one table shared by both adapters
 * (SQLite creates its tables and indexes from it; Firestore needs a composite index per non-empty query, see
 * `firestoreIndexConfig()`), plus the key, sort-key, cursor and chunking rules.
 */
import { createHash } from 'node:crypto';
import type { Row } from './document-backend';
import { StoreError } from './store';
import { updateDueAt } from '../../../core/workflow/update-due';

export type CollectionName =
  | 'publishers'
  | 'users'
  | 'submissions'
  | 'publications'
  | 'current'
  | 'releases'
  | 'records'
  | 'projects'
  | 'audit'
  | 'stats'
  | 'indexes'
  | 'snapshots'
  | 'changes'
  | 'monthCloses'
  | 'previews'
  | 'sendChecks'
  | 'sendFindings';

export interface CollectionSpec {
  /** Top-level body fields copied into indexed columns (Firestore: top-level fields; nested paths are unsupported by the emulator). */
  fields: readonly string[];
  /** Equality-filter combinations the store queries with, each followed by `sk` ascending. */
  queries: readonly (readonly string[])[];
  /** Those also queried with `sk` descending (a listing read from its end): Firestore needs an index of their own. */
  descending?: readonly (readonly string[])[];
  /**
   * Fields whose value is not a top-level body field but read from deeper in the body (the emulator cannot filter
   * on a nested path): their column holds what the function returns.
   */
  derived?: Readonly<Record<string, (doc: Record<string, unknown>) => unknown>>;
  /**
   * Fields a listing is ordered and paged by instead of `sk`, with no equality filter (their values are unique: they
   * end in the document's id). Firestore serves each from its automatic single-field index (nothing to declare in
   * firestore.indexes.json: a composite index of one field is refused); SQLite gets an index on it.
   */
  orderedBy?: readonly string[];
  /** Fields holding a number (summed by `sum`): SQLite keeps every column as text, and gives these back as numbers. */
  summed?: readonly string[];
}

/** The spreadsheet a submission was sent from (SubmissionSource: sheets, or values with a spreadsheet); null for an upload. */
function sourceSpreadsheet(doc: Record<string, unknown>): unknown {
  const source = doc.source as { kind?: unknown; spreadsheetId?: unknown } | undefined;
  return source && (source.kind === 'sheets' || source.kind === 'values') ? source.spreadsheetId : null;
}

/** 'yes' for an audit entry that names more than one implementer in `details.publisherIds`; null for any other. */
function namesSeveral(doc: Record<string, unknown>): unknown {
  const ids = (doc.details as { publisherIds?: unknown } | undefined)?.publisherIds;
  return Array.isArray(ids) && ids.length > 1 ? 'yes' : null;
}

/**
 * A publisher's `updateDue`: the Mexico City day by which its next update is due (core/workflow/update-due.ts) from
 * its own fields — its current publication's date (`publishedAt`, kept by setCurrent), last confirmation, registration
 * and periodicity — then its id, so values are unique and page. '' for «due already» (never published, registered
 * before the date was kept), which sorts before every day. Computed at every write of the publisher, so it can never
 * disagree with the fields it comes from; the daily reminders list the publishers whose day is over (listPublishersDue)
 * instead of reading every publisher and its publication.
 */
function publisherUpdateDue(doc: Record<string, unknown>): unknown {
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const periodicityDays = (doc.commitment as { periodicityDays?: unknown } | undefined)?.periodicityDays;
  // A period no registration allows (1…366 days) never makes a date out of range, which would fail the write.
  const due = typeof periodicityDays === 'number' && Number.isFinite(periodicityDays) && Math.abs(periodicityDays) < 1e7
    ? updateDueAt({ lastPublishedAt: text(doc.publishedAt), confirmedAt: text(doc.confirmedAt), registeredAt: text(doc.registeredAt), periodicityDays })
    : undefined;
  return sortKey(due ?? '', String(doc.id));
}

export const COLLECTIONS: Record<CollectionName, CollectionSpec> = {
  // `updateDue`: listed by it from the day the reminders run back (Store.listPublishersDue). Publishers written before
  // the field are marked once (document-store.ts markPublisherDue).
  publishers: { fields: ['updateDue'], queries: [[]], derived: { updateDue: publisherUpdateDue }, orderedBy: ['updateDue'] },
  // By role: a new send's notice finds the coordinators among them, not among every account of the country
  // (workflow/notifications.ts). Accounts written before `role` was a field are marked once (document-store.ts markUserRoles).
  users: { fields: ['email', 'tokenHash', 'publisherId', 'role'], queries: [[], ['email'], ['tokenHash'], ['publisherId'], ['role']] },
  // `spreadsheetId` (from `source`): the add-on lists the sends of its spreadsheet (GET /api/submissions?spreadsheetId=),
  // which read every send of the implementer — or of the state — and kept the few of that sheet. Submissions written
  // before the field are marked once (document-store.ts markSubmissionSheets).
  submissions: {
    fields: ['publisherId', 'status', 'spreadsheetId'],
    queries: [[], ['publisherId'], ['status'], ['publisherId', 'status'], ['spreadsheetId'], ['spreadsheetId', 'status']],
    // «Mis envíos» and the inbox read the newest sends first (Store.listSubmissions newestFirst).
    descending: [[], ['publisherId'], ['status'], ['publisherId', 'status'], ['spreadsheetId'], ['spreadsheetId', 'status']],
    derived: { spreadsheetId: sourceSpreadsheet },
  },
  publications: {
    fields: ['publisherId', 'contentHash', 'status'],
    queries: [['publisherId'], ['publisherId', 'contentHash', 'status']],
  },
  // `documents`: what the publication pointed at holds, written with the switch, summed by Store.publishedDocuments.
  // Listed whole once, to give it to the pointers written before it (document-store.ts markPointerDocuments).
  current: { fields: ['publisherId', 'documents'], queries: [[]], summed: ['documents'] },
  // Releases, records and projects stay top-level with a publicationId field: the emulator's collectionGroup returns nothing.
  releases: { fields: ['publicationId', 'ocid'], queries: [['publicationId'], ['publicationId', 'ocid']] },
  records: { fields: ['publicationId'], queries: [['publicationId']] },
  projects: { fields: ['publicationId'], queries: [['publicationId']] },
  // `several` ('yes'): an entry that names several implementers (`details.publisherIds`: one «acceso denegado» for a
  // whole state's refusals in a batch of stages) under its first one's `publisherId`; a listing by implementer reads
  // these too, and keeps those naming it (document-store.ts listAudit).
  audit: { fields: ['publisherId', 'several'], queries: [[], ['publisherId'], ['several']], derived: { several: namesSeveral } },
  stats: { fields: [], queries: [[]] },
  // Chunks of a publication's dashboard index, read by document id (part 0 says how many): no query, no index.
  indexes: { fields: ['publicationId'], queries: [] },
  // Chunks of a submitted workbook's values, keyed by content hash and read by document id (like `indexes`). Pruning
  // (publication/prune-snapshots.ts) lists the first parts only, by `head` (set on part 0); every part is listed once,
  // to mark the first parts a store wrote before the field (document-store.ts markSnapshotHeads).
  snapshots: { fields: ['contentHash', 'head'], queries: [[], ['head']] },
  // One document: the log of changes to the published state (store.ts getPublishedChanges), read by id.
  // Also small documents read by id: marks (month closes kept, reminders' place…) and each publisher's refused sends
  // of a month (Store.countRefusedAttempt), whose `refusals` is raised by Firestore's increment, never read-then-written.
  changes: { fields: ['refusals'], queries: [], summed: ['refusals'] },
  // The sends each publisher had open when a month closed (Store.putMonthClose), keyed by month: the monthly report
  // reads the latest one before the month it reports (descending from it, by publisher).
  monthCloses: { fields: ['publisherId'], queries: [], descending: [['publisherId']] },
  // Chunks of a review's preview computed outside its request (Store.putPreparedPreview), read by document id; deleted
  // by snapshot and publisher (deleteWhere: equality only, no query to index).
  previews: { fields: ['contentHash', 'publisherId'], queries: [] },
  // Chunks of a send's kept check (Store.putSendCheck), read by document id. The daily job removes the old ones
  // (deleteSendChecksKeptBefore): their first parts, by `head` (set on part 0 only), from the oldest `sk` (which
  // begins with when the check was last kept) up to the age; then each one's parts, by check and publisher.
  // A refused send's line (Store.putRefusedSend: one small document beside its check, `refused` set) is listed newest
  // first, the country's, one state's (its `state`: the publisher's, as stateKey writes it) or one publisher's (the
  // coordinators' «Intentos rechazados»), and removed with its check.
  sendChecks: { fields: ['checkId', 'publisherId', 'head', 'refused', 'state'], queries: [['head']], descending: [['refused'], ['publisherId', 'refused'], ['state', 'refused']] },
  // Chunks of every finding of a send (Store.putSendFindings), by snapshot and publisher, read by document id; deleted
  // with their snapshot (deleteWhere: equality only, no query to index).
  sendFindings: { fields: ['contentHash', 'publisherId'], queries: [] },
};

/** `collection|fields|direction` of every query COLLECTIONS declares (equality fields sorted: their order does not matter). */
const shapeKey = (collection: string, fields: readonly string[], descending: boolean, by = 'sk'): string => `${collection}|${[...fields].sort().join(',')}|${by} ${descending ? 'desc' : 'asc'}`;
const DECLARED_QUERIES = new Set((Object.entries(COLLECTIONS) as [CollectionName, CollectionSpec][]).flatMap(([c, spec]) => [
  ...spec.queries.map((q) => shapeKey(c, q, false)),
  ...(spec.descending ?? []).map((q) => shapeKey(c, q, true)),
  ...(spec.orderedBy ?? []).flatMap((by) => [shapeKey(c, [], false, by), shapeKey(c, [], true, by)]),
]));

/** The index shapes of a collection's queries (equality fields, then `sk`): ascending and descending ones are served by the same SQLite index. */
export function queryShapes(spec: CollectionSpec): (readonly string[])[] {
  const seen = new Map<string, readonly string[]>();
  for (const q of [...spec.queries, ...(spec.descending ?? [])]) seen.set([...q].sort().join(','), q);
  return [...seen.values()];
}

/**
 * Refuses a query COLLECTIONS does not declare. firestore.indexes.json is generated from that table, and deployed
 * Firestore answers an equality filter ordered by `sk` without its composite index with FAILED_PRECONDITION («The
 * query requires an index») — while the emulator and SQLite answer it. Both adapters check here, so a query added
 * without its index fails in any test that runs it, not in production (docs/deploy.md §3).
 */
export function checkDeclaredQuery(collection: CollectionName, where: Record<string, string>, descending: boolean, by = 'sk'): void {
  const fields = Object.keys(where);
  if (!DECLARED_QUERIES.has(shapeKey(collection, fields, descending, by))) {
    throw new StoreError('invalid', `${collection}: no index declared for a query on [${[...fields].sort().join(', ')}] ordered by ${by} ${descending ? 'descending' : 'ascending'} (add it to COLLECTIONS in functions/src/store/collections.ts and run npm run generate:indexes)`);
  }
}

/** Firestore's limit is 1 MiB per document including field names; keep a margin for the copied fields. */
export const MAX_BODY_BYTES = 1_000_000;
/** Firestore: at most 500 writes per batch, and a commit request must stay under 10 MiB. */
export const MAX_BATCH_WRITES = 500;
export const MAX_BATCH_BYTES = 8_000_000;
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

/** A fixed-length id safe as a Firestore document id (no '/', not '.', '..' or `__x__`) whatever the natural key holds. */
export function docId(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

/**
 * A total order both databases compare the same way (UTF-8 bytes): JSON of the key parts is injective,
 * so the last part (a unique id) makes every sort key unique and paging by `sk > last` never skips or repeats.
 */
export function sortKey(...parts: string[]): string {
  return JSON.stringify(parts);
}

export function toRow(collection: CollectionName, id: string, sk: string, doc: object): Row {
  const body = JSON.stringify(doc);
  const bytes = Buffer.byteLength(body);
  if (bytes > MAX_BODY_BYTES) {
    // The emulator accepts oversized documents silently, so the limit is enforced here for both adapters.
    throw new StoreError('too-large', `${collection} ${sk}: ${bytes} bytes exceeds the ${MAX_BODY_BYTES}-byte document limit`);
  }
  const fields: Record<string, string | number | null> = {};
  const values = doc as Record<string, unknown>;
  const derived = COLLECTIONS[collection].derived ?? {};
  for (const f of COLLECTIONS[collection].fields) {
    const v = Object.prototype.hasOwnProperty.call(derived, f) ? derived[f](values) : values[f];
    fields[f] = typeof v === 'string' || typeof v === 'number' ? v : null;
  }
  return { id, sk, fields, body, bytes };
}

/**
 * A published document's row with the document itself written last, as the text given: `{…meta…,"release":<text>}`.
 * The meta values are strings, in which a quote is always escaped, so the first `,"release":` is the document's
 * key and `documentText` finds the text again by position, without parsing it.
 */
export function toDocumentRow(collection: CollectionName, id: string, sk: string, meta: Record<string, string>, key: string, text: string | Buffer): Row {
  const head = `${JSON.stringify(meta).slice(0, -1)},${JSON.stringify(key)}:`;
  // A UTF-16 unit is at most 3 UTF-8 bytes: a body this short cannot reach the limit, and is not measured here
  // (measuring every record's ~100 KB was a fifth of writing it to SQLite; chunkRows measures what Firestore batches).
  // Bytes are measured as they are.
  const length = typeof text === 'string' ? head.length + text.length + 1 : Buffer.byteLength(head) + text.length + 1;
  const bytes = typeof text !== 'string' ? length : length * 3 > MAX_BODY_BYTES ? Buffer.byteLength(`${head}${text}}`) : undefined;
  if (bytes !== undefined && bytes > MAX_BODY_BYTES) throw new StoreError('too-large', `${collection} ${sk}: ${bytes} bytes exceeds the ${MAX_BODY_BYTES}-byte document limit`);
  const fields: Record<string, string | null> = {};
  for (const f of COLLECTIONS[collection].fields) fields[f] = typeof meta[f] === 'string' ? meta[f] : null;
  let body: string | undefined;
  return {
    id, sk, fields,
    // Joined only when a backend reads it (Firestore): SQLite writes the parts (Row.parts), and a text given as bytes
    // is then never decoded.
    get body(): string {
      return (body ??= `${head}${typeof text === 'string' ? text : text.toString('utf8')}}`);
    },
    parts: [head, text, '}'],
    ...(bytes !== undefined ? { bytes } : {}),
  };
}

/** documentText on the body's UTF-8 bytes: the document is a view into them (no copy, no decoding). */
export function documentBytes(body: Buffer, key: string): { meta: Record<string, string>; bytes: Buffer } {
  const marker = Buffer.from(`,${JSON.stringify(key)}:`);
  const at = body.indexOf(marker);
  // 0x7d: `}`, the body's closing brace.
  if (at > 0 && body[body.length - 1] === 0x7d) {
    const meta = JSON.parse(`${body.toString('utf8', 0, at)}}`) as Record<string, string>;
    if (typeof meta.publicationId === 'string') return { meta, bytes: body.subarray(at + marker.length, body.length - 1) };
  }
  const { meta, text } = documentText(body.toString('utf8'), key);
  return { meta, bytes: Buffer.from(text, 'utf8') };
}

/** The meta fields and the document text of a body written by toDocumentRow (older bodies are re-serialized). */
export function documentText(body: string, key: string): { meta: Record<string, string>; text: string } {
  const marker = `,${JSON.stringify(key)}:`;
  const at = body.indexOf(marker);
  if (at > 0 && body.endsWith('}')) {
    const meta = JSON.parse(`${body.slice(0, at)}}`) as Record<string, string>;
    // Written by toDocumentRow: the stamp fields come before the document.
    if (typeof meta.publicationId === 'string') return { meta, text: body.slice(at + marker.length, -1) };
  }
  const parsed = JSON.parse(body) as Record<string, unknown>;
  const { [key]: doc, ...meta } = parsed;
  return { meta: meta as Record<string, string>, text: JSON.stringify(doc) };
}

export function encodeCursor(sk: string): string {
  return Buffer.from(sk, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(sk);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || encodeCursor(sk) !== cursor) throw new StoreError('invalid-cursor', 'cursor de paginación no válido');
  return sk;
}

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1) throw new StoreError('invalid', `page limit must be a positive integer, got ${limit}`);
  return Math.min(limit, MAX_PAGE);
}

/** Splits writes into chunks of ≤ 500 rows and ≤ 8 MB of bodies. */
export function chunkRows(rows: Row[]): Row[][] {
  const chunks: Row[][] = [];
  let chunk: Row[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.bytes ?? Buffer.byteLength(row.body);
    if (chunk.length > 0 && (chunk.length === MAX_BATCH_WRITES || bytes + size > MAX_BATCH_BYTES)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(row);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/**
 * A row as the Firestore adapter writes it (firestore-store.ts): the collection's filterable fields at top level, `sk`,
 * and the body as JSON text. Here, not in the adapter, so that firestoreIndexConfig reads the fields a document holds
 * from the same function instead of a list kept by hand.
 */
export function firestoreDocument(row: Row): Record<string, string | number | null> {
  return { ...row.fields, sk: row.sk, body: row.body };
}

/**
 * The fields of a collection's documents something filters, ranges or orders on: every declared column (queries, and
 * also deleteWhere, count and sum, which filter on columns without a declared shape), `sk` and the `orderedBy` keys.
 */
function indexedFields(c: CollectionName): Set<string> {
  const spec = COLLECTIONS[c];
  return new Set([...spec.fields, 'sk', ...(spec.orderedBy ?? []), ...spec.queries.flat(), ...(spec.descending ?? []).flat()]);
}

/**
 * The fields of a collection's documents that nothing filters or orders on — today `body`, up to 1 MB of JSON. Firestore
 * indexes every field unless told otherwise: two single-field entries (ascending, descending) per document of up to
 * 1,500 bytes each (the value truncated), billed as storage and written with every document, for queries no one runs.
 * Derived from what the adapter writes (a row of the collection, through firestoreDocument) and the declarations, so
 * a field the adapter starts writing is exempted, and a field a declaration starts using is indexed again.
 */
export function unindexedFields(c: CollectionName): string[] {
  const indexed = indexedFields(c);
  return Object.keys(firestoreDocument(toRow(c, 'x', sortKey('x'), {}))).filter((f) => !indexed.has(f));
}

/**
 * firestore.indexes.json for these collections: a composite index per filtered query (equality fields, then `sk`),
 * and every field nothing queries exempted from single-field indexing (unindexedFields), in Firestore's documented
 * fieldOverrides form (`indexes: []`: no index of any kind on that field of that collection group).
 */
export function firestoreIndexConfig(namespace = '') {
  const names = Object.keys(COLLECTIONS) as CollectionName[];
  const index = (c: CollectionName, q: readonly string[], order: 'ASCENDING' | 'DESCENDING') => ({
    collectionGroup: namespace + c,
    queryScope: 'COLLECTION',
    fields: [...q.map((fieldPath) => ({ fieldPath, order: 'ASCENDING' })), { fieldPath: 'sk', order }],
  });
  return {
    // A query with no equality filter is served by the single-field index of `sk`, in either direction.
    indexes: names.flatMap((c) => [
      ...COLLECTIONS[c].queries.filter((q) => q.length > 0).map((q) => index(c, q, 'ASCENDING')),
      ...(COLLECTIONS[c].descending ?? []).filter((q) => q.length > 0).map((q) => index(c, q, 'DESCENDING')),
    ]),
    fieldOverrides: names.flatMap((c) => unindexedFields(c).map((fieldPath) => ({ collectionGroup: namespace + c, fieldPath, indexes: [] }))),
  };
}
