/**
 * The deployment a CLI `--nube` test works on: the Firestore emulator and the Cloud Storage stub on 127.0.0.1, a
 * Firestore namespace of its own, and a scratch folder for the functions' environment file. Started before the
 * tests of the describe block that calls it and stopped after them (the call registers the jest hooks), with the
 * process environment restored.
 */
import * as fs from 'fs';
import * as path from 'path';
import { deleteApp, getApps } from 'firebase-admin/app';
import { scratchDir } from './run-cli';
import { openFirestoreStore } from '../../functions/src/store/firestore-store';
import type { Store } from '../../functions/src/store/store';
import { startFirestoreEmulator, type FirestoreEmulator } from '../firestore-emulator/firestore-emulator';
import { startStorageStub, type StorageStub } from '../storage-stub/storage-stub';
import { TEST_CLIENT_ID } from '../workflow/test-identity';

export interface CloudUnderTest {
  /** The Cloud Storage stub: the bucket `demo-bulk`'s objects, and refusals to make. */
  readonly storage: StorageStub;
  /** The scratch folder. */
  readonly dir: string;
  /** The Google Cloud project id the emulator answers for (`--proyecto`). */
  readonly project: string;
  /** The deployment's Firestore, in this test's namespace. */
  openStore(): Store;
  /** Writes the functions' environment file (`.env.<project>`: its address, client id, bucket and namespace); its path, for `--entorno`. */
  writeEnvFile(publicBaseUrl: string): string;
}

export function cloudUnderTest(namespace: string, scratchPrefix: string): CloudUnderTest {
  let emulator: FirestoreEmulator;
  let storage: StorageStub;
  let dir: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    emulator = await startFirestoreEmulator();
    storage = await startStorageStub();
    process.env.STORAGE_API_ENDPOINT = storage.apiEndpoint;
    process.env.FIRESTORE_NAMESPACE = namespace;
    dir = scratchDir(scratchPrefix);
  });
  afterAll(async () => {
    process.env = saved;
    await storage.close();
    await emulator.stop();
    await Promise.all(getApps().map((a) => deleteApp(a)));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const project = (): string => process.env.GCLOUD_PROJECT as string;
  return {
    get storage() { return storage; },
    get dir() { return dir; },
    get project() { return project(); },
    openStore: () => openFirestoreStore({ projectId: project(), namespace }),
    writeEnvFile(publicBaseUrl) {
      const env = path.join(dir, `.env.${project()}`);
      fs.writeFileSync(env, `PUBLIC_BASE_URL=${publicBaseUrl}\nGOOGLE_CLIENT_ID=${TEST_CLIENT_ID}\nBULK_BUCKET=demo-bulk\nFIRESTORE_NAMESPACE=${namespace}\n`);
      return env;
    },
  };
}
