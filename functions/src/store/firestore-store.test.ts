import { type FirestoreEmulator, startFirestoreEmulator } from '../../../test/firestore-emulator/firestore-emulator';
import { openFirestoreStore } from './firestore-store';
import { runStoreContract } from './store-contract';

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

test('documents live in the emulator under the namespace, filter fields at top level and the body as text', async () => {
  const store = openFirestoreStore({ projectId: process.env.GCLOUD_PROJECT, namespace: 'probe_' });
  await store.putUser({ id: 'u1', email: 'ana@example.mx', role: 'admin' });
  await store.close();
  const dump = JSON.stringify(emulator.dump());
  expect(dump).toContain('probe_users');
  expect(dump).toContain('ana@example.mx');
});
