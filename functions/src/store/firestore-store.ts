/**
 * The production store (DESIGN §7): firebase-admin Firestore, one top-level collection per CollectionName
 * prefixed by `namespace` (tests isolate by it). A document holds the filterable fields, `sk` and the body as
 * JSON text — text, because OCDS/OC4IDS JSON may nest arrays in arrays (GeoJSON coordinates), which Firestore
 * values cannot hold, and because one string decodes faster than a deep map.
 */
import { randomUUID } from 'node:crypto';
import { type App, deleteApp, initializeApp } from 'firebase-admin/app';
import { AggregateField, type DocumentData, FieldValue, type Firestore, type Query, getFirestore } from 'firebase-admin/firestore';
import { checkDeclaredQuery, COLLECTIONS, type CollectionName, chunkRows, firestoreDocument, MAX_BATCH_WRITES } from './collections';
import type { DocumentBackend, QueryRange, Row } from './document-backend';
import { createStore } from './document-store';
import { type Store, StoreError } from './store';

export interface FirestoreStoreOptions {
  /** Used to initialise a private app when `app` is not given (a `demo-` id against the emulator). */
  projectId?: string;
  /** An app the caller owns (e.g. the Functions default app); it is not deleted on close. */
  app?: App;
  /** Prefix of every collection name. */
  namespace?: string;
  /** Told of every write request sent (benches count batches against Firestore's limits). */
  onCommit?: (commit: FirestoreCommit) => void;
  /**
   * Told of every read request (a get, a transaction's get, a query page or an aggregation) and the documents it
   * returned (an aggregation: the reads it is billed).
   */
  onRead?: (read: FirestoreRead) => void;
}

export interface FirestoreRead {
  collection: CollectionName;
  documents: number;
}

/** One write request: a batch of `writes` documents (or a single create / transaction write) of `bytes` bodies. */
export interface FirestoreCommit {
  collection: CollectionName;
  writes: number;
  bytes: number;
  /** The largest body in it, bytes (Firestore's limit is 1 MiB per document). */
  largest: number;
}

export function openFirestoreStore(options: FirestoreStoreOptions): Store {
  return createStore(openFirestoreBackend(options));
}

/** The documents underneath, for tests that write what an earlier version wrote (as openSqliteBackend). */
export function openFirestoreBackend(options: FirestoreStoreOptions): DocumentBackend {
  const owned = options.app ? undefined : initializeApp({ projectId: options.projectId }, `store-${randomUUID()}`);
  const app = options.app ?? (owned as App);
  return new FirestoreBackend(getFirestore(app), options.namespace ?? '', owned, options.onCommit, options.onRead);
}

/** gRPC status ALREADY_EXISTS, as raised by `DocumentReference.create()`. */
const ALREADY_EXISTS = 6;

class FirestoreBackend implements DocumentBackend {
  constructor(
    private readonly db: Firestore,
    private readonly namespace: string,
    private readonly ownedApp: App | undefined,
    private readonly onCommit?: (commit: FirestoreCommit) => void,
    private readonly onRead?: (read: FirestoreRead) => void,
  ) {}

  private read(collection: CollectionName, documents: number): void {
    this.onRead?.({ collection, documents });
  }

  /** An aggregation (sum, count) over `entries` index entries: billed 1 read per 1,000 of them, 1 when there are none. */
  private aggregated(collection: CollectionName, entries: number): void {
    this.read(collection, Math.max(1, Math.ceil(entries / 1000)));
  }

  /** The collection's documents whose fields equal `where`. */
  private filtered(collection: CollectionName, where: Record<string, string>): Query {
    let q: Query = this.db.collection(this.namespace + collection);
    for (const [field, value] of Object.entries(where)) q = q.where(field, '==', value);
    return q;
  }

  private committed(collection: CollectionName, rows: Row[]): void {
    if (!this.onCommit) return;
    const sizes = rows.map((r) => r.bytes ?? Buffer.byteLength(r.body));
    this.onCommit({ collection, writes: rows.length, bytes: sizes.reduce((a, b) => a + b, 0), largest: Math.max(0, ...sizes) });
  }

  private doc(collection: CollectionName, id: string) {
    return this.db.collection(this.namespace + collection).doc(id);
  }

  /** What the document holds (collections.ts firestoreDocument): the index configuration is generated from the same function. */
  private static data(row: Row): DocumentData {
    return firestoreDocument(row);
  }

  async get(collection: CollectionName, id: string): Promise<string | undefined> {
    const snap = await this.doc(collection, id).get();
    this.read(collection, snap.exists ? 1 : 0);
    return snap.exists ? (snap.get('body') as string) : undefined;
  }

  async create(collection: CollectionName, row: Row): Promise<void> {
    try {
      await this.doc(collection, row.id).create(FirestoreBackend.data(row));
      this.committed(collection, [row]);
    } catch (e) {
      if ((e as { code?: number }).code === ALREADY_EXISTS) throw new StoreError('conflict', `${collection} ${row.sk} already exists`);
      throw e;
    }
  }

  async putMany(collection: CollectionName, rows: Row[]): Promise<void> {
    // Sequential batches (≤ 500 writes each): BulkWriter would be faster but the emulator lacks BatchWrite.
    for (const chunk of chunkRows(rows)) {
      const batch = this.db.batch();
      for (const row of chunk) batch.set(this.doc(collection, row.id), FirestoreBackend.data(row));
      await batch.commit();
      this.committed(collection, chunk);
    }
  }

  async delete(collection: CollectionName, id: string): Promise<boolean> {
    const ref = this.doc(collection, id);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      this.read(collection, snap.exists ? 1 : 0);
      if (snap.exists) tx.delete(ref);
      return snap.exists;
    });
  }

  async deleteWhere(collection: CollectionName, where: Record<string, string>): Promise<number> {
    const q = this.filtered(collection, where);
    let deleted = 0;
    // What is deleted leaves the query: each round reads the next batch from the start (no cursor to keep).
    for (;;) {
      const snap = await q.limit(MAX_BATCH_WRITES).get();
      this.read(collection, snap.size);
      if (snap.empty) return deleted;
      const batch = this.db.batch();
      for (const d of snap.docs) batch.delete(d.ref);
      await batch.commit();
      this.onCommit?.({ collection, writes: snap.size, bytes: 0, largest: 0 });
      deleted += snap.size;
    }
  }

  async modify(collection: CollectionName, id: string, change: (body: string | undefined) => Row): Promise<void> {
    const ref = this.doc(collection, id);
    let written: Row | undefined;
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      this.read(collection, snap.exists ? 1 : 0);
      written = change(snap.exists ? (snap.get('body') as string) : undefined);
      tx.set(ref, FirestoreBackend.data(written));
    });
    if (written) this.committed(collection, [written]);
  }

  async increment(collection: CollectionName, row: Row, field: string): Promise<void> {
    if (!(COLLECTIONS[collection].summed ?? []).includes(field)) throw new StoreError('invalid', `${collection}: ${field} is not a number field`);
    // A merge with the server's increment: no read, and no contention to retry on however many at once.
    await this.doc(collection, row.id).set({ ...FirestoreBackend.data(row), [field]: FieldValue.increment(1) }, { merge: true });
    this.committed(collection, [row]);
  }

  async getNumber(collection: CollectionName, id: string, field: string): Promise<number | undefined> {
    const snap = await this.doc(collection, id).get();
    this.read(collection, snap.exists ? 1 : 0);
    return snap.exists ? Number(snap.get(field) ?? 0) : undefined;
  }

  async query(collection: CollectionName, where: Record<string, string>, after: string | undefined, limit: number, descending = false, range: QueryRange = {}) {
    const by = range.by ?? 'sk';
    checkDeclaredQuery(collection, where, descending, by);
    let q = this.filtered(collection, where);
    // A range on the sort key, never startAfter/offset: the emulator ignores those and would repeat page 1.
    if (after !== undefined) q = q.where(by, descending ? '<' : '>', after);
    if (range.below !== undefined) q = q.where(by, '<', range.below);
    const snap = await q.orderBy(by, descending ? 'desc' : 'asc').limit(limit).get();
    this.read(collection, snap.size);
    return snap.docs.map((d) => ({ sk: d.get(by) as string, body: d.get('body') as string }));
  }

  async scan(collection: CollectionName, cursor: string | undefined, limit: number): Promise<{ rows: Row[]; cursor?: string }> {
    // By `sk` from the last page's (a range, as query: the emulator ignores startAfter), skipping the rows of that `sk`
    // already given. `sk` repeats (a project's in every publication), so a page ends only where one `sk` ends: the rows
    // of its last `sk` are left for the next page when it came full, and a page of a single `sk` is read larger.
    const from = cursor === undefined ? undefined : (JSON.parse(cursor) as { sk: string; ids: string[] });
    const given = new Set(from?.ids ?? []);
    for (let size = limit + given.size; ; size *= 2) {
      let q: Query = this.db.collection(this.namespace + collection);
      if (from) q = q.where('sk', '>=', from.sk);
      const snap = await q.orderBy('sk').limit(size).get();
      this.read(collection, snap.size);
      let docs = snap.docs.filter((d) => !(from && d.get('sk') === from.sk && given.has(d.id)));
      const full = snap.size === size;
      if (full) {
        const last = snap.docs[snap.size - 1].get('sk') as string;
        const whole = docs.filter((d) => d.get('sk') !== last);
        if (!whole.length && !(from && last === from.sk && docs.length)) continue;
        // Only rows of the cursor's own `sk` in a full page: given now, and the cursor keeps adding to its ids.
        if (whole.length) docs = whole;
      }
      const rows = docs.map((d): Row => ({
        id: d.id, sk: d.get('sk') as string, body: d.get('body') as string,
        fields: Object.fromEntries(COLLECTIONS[collection].fields.map((f) => [f, (d.get(f) as string | number | null | undefined) ?? null])),
      }));
      if (!full) return { rows };
      const lastSk = rows[rows.length - 1].sk;
      const ids = [...(from && from.sk === lastSk ? given : []), ...rows.filter((r) => r.sk === lastSk).map((r) => r.id)];
      return { rows, cursor: JSON.stringify({ sk: lastSk, ids }) };
    }
  }

  async sum(collection: CollectionName, field: string): Promise<number> {
    const snap = await this.db.collection(this.namespace + collection).aggregate({ total: AggregateField.sum(field), rows: AggregateField.count() }).get();
    const { total, rows } = snap.data();
    this.aggregated(collection, rows);
    return total;
  }

  async count(collection: CollectionName, where: Record<string, string>, carrying?: string): Promise<number> {
    // A range on the field leaves out the documents without it (or with null there, as an earlier adapter wrote an
    // absent column): Firestore and the emulator agree on that, not on an orderBy alone (the emulator keeps them).
    const q = carrying === undefined ? this.filtered(collection, where) : this.filtered(collection, where).where(carrying, '>=', '');
    const rows = (await q.count().get()).data().count;
    this.aggregated(collection, rows);
    return rows;
  }

  async close(): Promise<void> {
    if (this.ownedApp) await deleteApp(this.ownedApp);
  }
}
