/**
 * The narrow storage primitive both adapters implement; `document-store.ts` builds the typed Store on it once,
 * so SQLite and Firestore differ only in how they keep rows — never in the rules (DESIGN §7).
 * Only operations the Firestore emulator implements correctly are used: top-level collections, equality filters
 * plus a range on `sk`, `orderBy(sk)`, `limit`, batches and single-document transactions.
 */
import type { CollectionName } from './collections';

/** One document: key, sort key, the filterable fields copied out of the body, and the body as JSON text. */
export interface Row {
  id: string;
  sk: string;
  /** Strings, filtered on; a number only where it is summed (`sum`). */
  fields: Record<string, string | number | null>;
  body: string;
  /**
   * `body` as the texts it joins (toDocumentRow: the stamp fields, the document, the closing brace), for a backend
   * that can write them joined without `body` being built: SQLite joins them itself, where handing it `body` made V8
   * copy each document's text once more (flattening the joined string) before encoding it. The document may be
   * UTF-8 bytes (a release carried over as read): SQLite joins bytes as text, the same stored text.
   */
  parts?: readonly [string, string | Buffer, string];
  /** UTF-8 length of `body`, when already measured (toRow, toDocumentRow): batches are sized without measuring again. */
  bytes?: number;
}

export interface QueryRange {
  below?: string;
  by?: string;
}

export interface DocumentBackend {
  /** The body, or undefined. */
  get(collection: CollectionName, id: string): Promise<string | undefined>;
  /** Insert only; StoreError 'conflict' when the id exists. */
  create(collection: CollectionName, row: Row): Promise<void>;
  /** Upserts, committed in chunks (`chunkRows`), each chunk atomically (SQLite: all rows in one transaction). */
  putMany(collection: CollectionName, rows: Row[]): Promise<void>;
  delete(collection: CollectionName, id: string): Promise<boolean>;
  /** Deletes every row whose fields equal `where` (Firestore: in batches, not atomically); how many were deleted. */
  deleteWhere(collection: CollectionName, where: Record<string, string>): Promise<number>;
  /**
   * Atomic read-check-write of one document: `change` gets the current body (or undefined) and returns the
   * new row, or throws to abort. It must be pure — Firestore may run it more than once.
   */
  modify(collection: CollectionName, id: string, change: (body: string | undefined) => Row): Promise<void>;
  /**
   * Writes `row` with its number field `field` (CollectionSpec.summed) one more than kept (1 when absent), atomically
   * against other increments of it: Firestore's own increment, where modify's read-then-write lost counts of
   * refusals at once in the emulator (its transactions are not isolated: engineering notes).
   */
  increment(collection: CollectionName, row: Row, field: string): Promise<void>;
  /** The number field `field` of a document; undefined when the document is absent. */
  getNumber(collection: CollectionName, id: string, field: string): Promise<number | undefined>;
  /**
   * Rows whose fields equal `where`, with `sk > after`, ordered by `sk`, at most `limit`; `descending`: with
   * `sk < after`, the greatest `sk` first (the newest of a listing by creation: paging from the end).
   * `range.below`: only rows with `sk < below` as well (ascending: a listing that ends, the audit log of one month).
   * `range.by`: ordered, paged and bounded by that field (CollectionSpec.orderedBy) instead of `sk`, with no `where`;
   * each row's `sk` is then that field's value.
   */
  query(
    collection: CollectionName,
    where: Record<string, string>,
    after: string | undefined,
    limit: number,
    descending?: boolean,
    range?: QueryRange,
  ): Promise<{ sk: string; body: string }[]>;
  /**
   * The sum of a numeric field over every row of the collection (a row without it counts 0), computed by the
   * database: Firestore bills an aggregation 1 read per 1,000 index entries, not 1 per document.
   */
  sum(collection: CollectionName, field: string): Promise<number>;
  /**
   * How many rows match `where` (equality on fields; `{}`: all), counted by the database: Firestore bills a count
   * 1 read per 1,000 index entries, not 1 per document. `carrying`: only the rows whose field of that name (one a
   * listing is ordered by, CollectionSpec.orderedBy) holds a text — not those written without it, by a version
   * before it was a field.
   */
  count(collection: CollectionName, where: Record<string, string>, carrying?: string): Promise<number>;
  /**
   * Every row of the collection with its id and fields, a page at a time: at most `limit` rows from `cursor` (undefined:
   * the first page), and the cursor of the next page (none after the last). For a whole database copied to the other
   * kind (`infra-abierta transfer`): rows as written, bodies byte for byte, with their ids (docId hashes the natural
   * key: the body does not give it back). Each backend pages its own way, with no declared query: SQLite by id,
   * Firestore by `sk` (which repeats across publications) — never by document id, which the emulator does not order by.
   */
  scan(collection: CollectionName, cursor: string | undefined, limit: number): Promise<{ rows: Row[]; cursor?: string }>;
  /** `get` with the body as UTF-8 bytes, when the backend can give them without a JS string (SQLite). */
  getBytes?(collection: CollectionName, id: string): Promise<Buffer | undefined>;
  /** `query` with the bodies as UTF-8 bytes, likewise. */
  queryBytes?(collection: CollectionName, where: Record<string, string>, after: string | undefined, limit: number): Promise<{ sk: string; body: Buffer }[]>;
  close(): Promise<void>;
}
