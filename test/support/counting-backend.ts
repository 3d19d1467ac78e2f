/**
 * The real SQLite backend with its reads counted the way Firestore bills them (docs/deploy.md §11): a get, or the
 * read of a transaction (modify, delete), 1; a query, 1 per document it returns and 1 when it returns none; an
 * aggregation (sum), 1 per 1,000 rows it adds up. Counted per collection, for tests that hold an operation's reads
 * to what it needs.
 */
import type { CollectionName } from '../../functions/src/store/collections';
import type { DocumentBackend } from '../../functions/src/store/document-backend';
import { openSqliteBackend } from '../../functions/src/store/sqlite-store';

export interface CountedBackend {
  backend: DocumentBackend;
  /** Reads so far, by collection. */
  reads: Map<CollectionName, number>;
  /** Reads of these collections (all when none is named). */
  count(...collections: CollectionName[]): number;
  reset(): void;
}

export function countingBackend(inner: DocumentBackend = openSqliteBackend(':memory:')): CountedBackend {
  const reads = new Map<CollectionName, number>();
  const add = (collection: CollectionName, n: number) => { reads.set(collection, (reads.get(collection) ?? 0) + n); };
  const backend: DocumentBackend = {
    get: async (c, id) => { add(c, 1); return inner.get(c, id); },
    create: (c, row) => inner.create(c, row),
    putMany: (c, rows) => inner.putMany(c, rows),
    delete: async (c, id) => { add(c, 1); return inner.delete(c, id); },
    async deleteWhere(c, where) {
      const n = await inner.deleteWhere(c, where);
      add(c, Math.max(1, n));
      return n;
    },
    modify: async (c, id, change) => { add(c, 1); return inner.modify(c, id, change); },
    increment: (c, row, field) => inner.increment(c, row, field),
    getNumber: async (c, id, field) => { add(c, 1); return inner.getNumber(c, id, field); },
    async query(c, where, after, limit, descending, range) {
      const rows = await inner.query(c, where, after, limit, descending, range);
      add(c, Math.max(1, rows.length));
      return rows;
    },
    async sum(c, field) {
      const rows = (await inner.query(c, {}, undefined, 100_000)).length;
      add(c, Math.max(1, Math.ceil(rows / 1000)));
      return inner.sum(c, field);
    },
    async count(c, where, carrying) {
      const n = await inner.count(c, where, carrying);
      add(c, Math.max(1, Math.ceil(n / 1000)));
      return n;
    },
    async scan(c, cursor, limit) {
      const page = await inner.scan(c, cursor, limit);
      add(c, Math.max(1, page.rows.length));
      return page;
    },
    close: () => inner.close(),
    // The byte variants, when the backend has them, counted as get and query.
    ...(inner.getBytes ? { getBytes: async (c: CollectionName, id: string) => { add(c, 1); return (inner.getBytes as NonNullable<DocumentBackend['getBytes']>)(c, id); } } : {}),
    ...(inner.queryBytes ? {
      queryBytes: async (c: CollectionName, where: Record<string, string>, after: string | undefined, limit: number) => {
        const rows = await (inner.queryBytes as NonNullable<DocumentBackend['queryBytes']>)(c, where, after, limit);
        add(c, Math.max(1, rows.length));
        return rows;
      },
    } : {}),
  };
  return {
    backend,
    reads,
    count: (...collections) => [...reads.entries()].filter(([c]) => !collections.length || collections.includes(c)).reduce((n, [, r]) => n + r, 0),
    reset: () => reads.clear(),
  };
}
