/**
 * The two real stores a test runs the same behaviour on: SQLite in memory, and Firestore on its emulator (started
 * for the test file, one namespace per store opened). Call at the top of a test file, then
 * `describe.each(realStores('prefix'))('%s', (_name, open) => …)`.
 */
import { startFirestoreEmulator, type FirestoreEmulator } from './firestore-emulator/firestore-emulator';
import { openFirestoreStore } from '../functions/src/store/firestore-store';
import { openSqliteStore } from '../functions/src/store/sqlite-store';
import { readAll } from '../functions/src/store/read-all';
import type { ReleaseInput, Store, Stored } from '../functions/src/store/store';

export function realStores(prefix: string): [string, () => Store][] {
  let emulator: FirestoreEmulator;
  beforeAll(async () => { emulator = await startFirestoreEmulator(); });
  afterAll(async () => { await emulator.stop(); });
  let namespace = 0;
  return [
    ['SQLite', () => openSqliteStore(':memory:')],
    ['Firestore', () => openFirestoreStore({ projectId: process.env.GCLOUD_PROJECT, namespace: `${prefix}${namespace++}_` })],
  ];
}

/** Every release of a publication, page after page. */
export function allReleases(store: Store, publicationId: string): Promise<Stored<ReleaseInput>[]> {
  return readAll((after) => store.listReleases({ publicationId, after, limit: 1000 }));
}
