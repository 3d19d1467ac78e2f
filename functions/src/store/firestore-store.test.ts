import { type FirestoreEmulator, startFirestoreEmulator } from '../../../test/firestore-emulator/firestore-emulator';
import { openFirestoreBackend, openFirestoreStore } from './firestore-store';
import { runMarkedFieldsContract, runSnapshotListingContract, runStoreContract } from './store-contract';

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
