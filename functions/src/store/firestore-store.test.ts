import { type FirestoreEmulator, startFirestoreEmulator } from '../../../test/firestore-emulator/firestore-emulator';
import { openFirestoreBackend, openFirestoreStore } from './firestore-store';
import { type CollectionName, COLLECTIONS, firestoreIndexConfig, sortKey, toDocumentRow, toRow } from './collections';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { type OlderStoreRows, runMarkedFieldsContract, runOlderRowsContract, runSnapshotListingContract, runStoreContract } from './store-contract';
import olderRows from '../../../test/fixtures/older-store/rows-671b7ea.json';
import newerRows from '../../../test/fixtures/older-store/rows-3b933f00.json';

let emulator: FirestoreEmulator;
beforeAll(async () => {
  emulator = await startFirestoreEmulator();
});
afterAll(async () => {
  await emulator.stop();
});

let n = 0;
// A namespace per test isolates collections; concurrency is covered on SQLite (the emulator does not isolate transactions).
runStoreContract('firestore', async () => openFirestoreStore({ projectId: process.env.GCLOUD_PROJECT, namespace: `t${n++}_` }));
runSnapshotListingContract('firestore', async () => openFirestoreBackend({ projectId: process.env.GCLOUD_PROJECT, namespace: `t${n++}_` }));
runMarkedFieldsContract('firestore', async () => openFirestoreBackend({ projectId: process.env.GCLOUD_PROJECT, namespace: `t${n++}_` }));

// A deployment upgraded from release 671b7ea (or 3b933f00): its documents as that release's Firestore adapter wrote
// them — the row's columns at top level (null when absent, as it wrote them), `sk` and `body` (the fixture: its SQLite
// rows, test/fixtures/older-store/write-older-store.ts) — read and acted on by this version. A number field (`summed`:
// the pointers' `documents` since 3b933f00) is text in SQLite ('5.0', its TEXT affinity) but was written to Firestore
// as the number: as text, Firestore's sum skips it and the published total read 0 (checked against 3b933f00's own
// Firestore adapter on the emulator, whose documents this version reads as the contract says).
for (const rows of [olderRows, newerRows] as OlderStoreRows[]) runOlderRowsContract('firestore', rows, async (older) => {
  const namespace = `older${older.writtenBy}_`;
  const app = getApps().find((a) => a.name === 'older-rows') ?? initializeApp({ projectId: process.env.GCLOUD_PROJECT }, 'older-rows');
  const db = getFirestore(app);
  for (const [table, { columns, rows }] of Object.entries(older.tables)) {
    const batch = db.batch();
    const summed = new Set<string>(COLLECTIONS[table as CollectionName]?.summed ?? []);
    for (const row of rows) batch.set(db.collection(namespace + table).doc(String(row[0])), Object.fromEntries(columns.slice(1).map((c, i) => [c, summed.has(c) && row[i + 1] !== null ? Number(row[i + 1]) : row[i + 1]])));
    await batch.commit();
  }
  return openFirestoreStore({ projectId: process.env.GCLOUD_PROJECT, namespace });
});

test('documents live in the emulator under the namespace, filter fields at top level and the body as text', async () => {
  const store = openFirestoreStore({ projectId: process.env.GCLOUD_PROJECT, namespace: 'probe_' });
  await store.putUser({ id: 'u1', email: 'ana@example.mx', role: 'admin' });
  await store.close();
  const dump = JSON.stringify(emulator.dump());
  expect(dump).toContain('probe_users');
  expect(dump).toContain('ana@example.mx');
});

test('onCommit and onRead are told of each write and read request, with the documents it carried', async () => {
  const commits: { collection: string; writes: number }[] = [];
  const reads: { collection: string; documents: number }[] = [];
  const store = openFirestoreStore({
    projectId: process.env.GCLOUD_PROJECT,
    namespace: 'counted_',
    onCommit: (c) => commits.push({ collection: c.collection, writes: c.writes }),
    onRead: (r) => reads.push(r),
  });
  await store.putUser({ id: 'u1', email: 'ana@example.mx', role: 'admin' });
  await store.putUser({ id: 'u2', email: 'luis@example.mx', role: 'admin' });
  expect((await store.listUsers({ limit: 5 })).items).toHaveLength(2);
  expect(await store.getUser('nadie')).toBeUndefined();
  await store.close();
  expect(commits).toEqual([{ collection: 'users', writes: 1 }, { collection: 'users', writes: 1 }]);
  // The page asks for one more than its limit; both users came back in one request.
  expect(reads).toEqual([{ collection: 'users', documents: 2 }, { collection: 'users', documents: 0 }]);
});

// Last in the file: every document the contract suites above wrote, through every write path (create, batches,
// transactions), against firestore.indexes.json's exemptions. A field the adapter started writing outside
// firestoreDocument would be indexed by Firestore, unnoticed here (the emulator ignores index configuration).
test('every field of every document the store wrote is indexed for a declared use or exempted from indexing', async () => {
  // One document of each collection by each write path of the backend itself, so that run alone it checks them all.
  const backend = openFirestoreBackend({ projectId: process.env.GCLOUD_PROJECT, namespace: `t${n++}_` });
  for (const c of Object.keys(COLLECTIONS) as CollectionName[]) {
    await backend.create(c, toRow(c, 'a', sortKey('a'), { id: 'a', publicationId: 'A' }));
    await backend.putMany(c, [toDocumentRow(c, 'b', sortKey('b'), { publicationId: 'A' }, 'release', '{"ocid":"x"}')]);
    await backend.modify(c, 'c', () => toRow(c, 'c', sortKey('c'), { id: 'c' }));
  }
  await backend.close();
  type Dump = { projects: Record<string, { databases: Record<string, { collections: Record<string, { documents: Record<string, { fields: Record<string, unknown> }> }> }> }> };
  const collections = Object.values((emulator.dump() as Dump).projects).flatMap((p) => Object.values(p.databases)).flatMap((d) => Object.entries(d.collections));
  const { fieldOverrides } = firestoreIndexConfig();
  const seen = new Set<string>();
  let documents = 0;
  for (const [id, { documents: docs }] of collections) {
    const match = /^t\d+_(\w+)$/.exec(id);
    if (!match || !(match[1] in COLLECTIONS)) continue;
    const c = match[1] as CollectionName;
    const spec = COLLECTIONS[c];
    const allowed = new Set([...spec.fields, 'sk', ...fieldOverrides.filter((o) => o.collectionGroup === c).map((o) => o.fieldPath)]);
    for (const doc of Object.values(docs)) {
      documents += 1;
      seen.add(c);
      expect({ c, unaccounted: Object.keys(doc.fields).filter((f) => !allowed.has(f)) }).toEqual({ c, unaccounted: [] });
    }
  }
  expect(documents).toBeGreaterThanOrEqual(3 * seen.size);
  expect([...seen].sort()).toEqual(Object.keys(COLLECTIONS).sort());
});
