/**
 * The store an administrative command works on: the local SQLite file, or — with `--nube` — the deployment's
 * Firestore, reached with Application Default Credentials (`gcloud auth application-default login`, or
 * GOOGLE_APPLICATION_CREDENTIALS) on the project named by `--proyecto` or the environment. This is how the
 * first administrator and the publishers of a new cloud deployment are created (nobody can call the API yet).
 */
import { ConfigError, loadConfig, projectIdOf } from '../config';
import { openLocalStore } from '../server/local-store';
import { openFirestoreStore } from '../store/firestore-store';
import type { Store } from '../store/store';
import { type ParsedArgs, stringOption } from './args';

export interface CliStore {
  store: Store;
  cloud: boolean;
  where: string;
  /** Self-hosted: the folder of the bulk files (BULK_DIR); in the cloud they are in Cloud Storage. */
  bulkDir?: string;
}

export function openCliStore(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): CliStore {
  if (args.options.nube === undefined) {
    const config = loadConfig(env);
    return { store: openLocalStore(config), cloud: false, where: config.sqlitePath, ...(config.bulkDir !== undefined ? { bulkDir: config.bulkDir } : {}) };
  }
  const projectId = stringOption(args, 'proyecto') ?? projectIdOf(env);
  if (!projectId) {
    throw new ConfigError('Con --nube indique el proyecto de Google Cloud con --proyecto ID, o en la variable GOOGLE_CLOUD_PROJECT.');
  }
  const namespace = env.FIRESTORE_NAMESPACE ?? '';
  return { store: openFirestoreStore({ projectId, namespace }), cloud: true, where: `Firestore del proyecto ${projectId}` };
}
