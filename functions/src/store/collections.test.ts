import { type CollectionName, COLLECTIONS, chunkRows, decodeCursor, encodeCursor, firestoreDocument, firestoreIndexConfig, sortKey, toDocumentRow, toRow, unindexedFields } from './collections';
import { openSqliteBackend } from './sqlite-store';
import { isStoreError } from './store';

test('cursors round-trip and reject tampering', () => {
  const sk = sortKey('2024-01-01T00:00:00.000Z', 'ñ/1');
  expect(decodeCursor(encodeCursor(sk))).toBe(sk);
  for (const bad of ['', 'abc', encodeCursor('{"a":1}'), `${encodeCursor(sk)}=`]) {
    expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ kind: 'invalid-cursor' }));
  }
});

test('chunks hold at most 500 rows and 8 MB of bodies', () => {
  const small = Array.from({ length: 1201 }, (_, i) => toRow('records', `r${i}`, sortKey(`r${i}`), { ocid: `r${i}` }));
  expect(chunkRows(small).map((c) => c.length)).toEqual([500, 500, 201]);
  const big = Array.from({ length: 20 }, (_, i) => toRow('records', `r${i}`, sortKey(`r${i}`), { x: 'y'.repeat(900_000) }));
  expect(chunkRows(big).map((c) => c.length)).toEqual([8, 8, 4]);
});

test('a document over the limit is refused with too-large', () => {
  try {
    toRow('records', 'r', sortKey('r'), { x: 'y'.repeat(1_000_001) });
    throw new Error('not refused');
  } catch (e) {
    expect(isStoreError(e, 'too-large')).toBe(true);
  }
});

test('Firestore index config: one composite index per filtered query, body not indexed', () => {
  const config = firestoreIndexConfig();
  expect(config.indexes).toContainEqual({
    collectionGroup: 'submissions',
    queryScope: 'COLLECTION',
    fields: [
      { fieldPath: 'publisherId', order: 'ASCENDING' },
      { fieldPath: 'status', order: 'ASCENDING' },
      { fieldPath: 'sk', order: 'ASCENDING' },
    ],
  });
  expect(config.fieldOverrides).toContainEqual({ collectionGroup: 'releases', fieldPath: 'body', indexes: [] });
});

// Firestore indexes every field of every document unless exempted; the body (up to 1 MB of JSON, never filtered on)
// would cost two index entries per document of up to 1,500 bytes each. What is exempted is derived: the fields the
// adapter writes (firestoreDocument) that no declaration names.
test('Firestore index config: every field a document holds is used by a declaration or exempted from indexing, never both', () => {
  const { fieldOverrides } = firestoreIndexConfig('mx_');
  for (const c of Object.keys(COLLECTIONS) as CollectionName[]) {
    const spec = COLLECTIONS[c];
    const used = new Set([...spec.fields, 'sk', ...(spec.orderedBy ?? []), ...spec.queries.flat(), ...(spec.descending ?? []).flat()]);
    const exempted = fieldOverrides.filter((o) => o.collectionGroup === `mx_${c}`).map((o) => o.fieldPath);
    expect({ c, exempted }).toEqual({ c, exempted: unindexedFields(c) });
    expect({ c, body: exempted.includes('body') }).toEqual({ c, body: true });
    expect({ c, both: exempted.filter((f) => used.has(f)) }).toEqual({ c, both: [] });
    // Both kinds of row (a document's stamp fields and its text; any other body) hold nothing else.
    const rows = [toRow(c, 'x', sortKey('x'), { id: 'x' }), toDocumentRow(c, 'x', sortKey('x'), { publicationId: 'A' }, 'release', '{}')];
    for (const row of rows) expect({ c, unaccounted: Object.keys(firestoreDocument(row)).filter((f) => !used.has(f) && !exempted.includes(f)) }).toEqual({ c, unaccounted: [] });
  }
  for (const o of fieldOverrides) expect(o.indexes).toEqual([]);
});

// firestore.indexes.json is generated from COLLECTIONS (test/firebase-files.test.ts): a query the table does not declare
// has no index once deployed, and Firestore refuses it there only. Both adapters refuse it, so any test that runs it fails.
test('a query COLLECTIONS does not declare (no index in firestore.indexes.json) is refused; declared ones run', async () => {
  const backend = openSqliteBackend(':memory:');
  try {
    await expect(backend.query('releases', { ocid: 'ocds-abc123-1' }, undefined, 10)).rejects.toThrow(/releases: no index declared for a query on \[ocid\] ordered by sk ascending/);
    await expect(backend.query('audit', { publisherId: 'p1' }, undefined, 10, true)).rejects.toThrow(/audit: no index declared .* descending/);
    // Equality fields in any order: the index (and SQLite's) serves them all the same.
    expect(await backend.query('submissions', { status: 'submitted', publisherId: 'p1' }, undefined, 10, true)).toEqual([]);
    expect(await backend.query('releases', { ocid: 'ocds-abc123-1', publicationId: 'A' }, undefined, 10)).toEqual([]);
  } finally {
    await backend.close();
  }
});
