/**
 * The store an administrative command works on: the local SQLite file, or — with `--nube` — the deployment's
 * Firestore, reached with Application Default Credentials (`gcloud auth application-default login`, or
 * GOOGLE_APPLICATION_CREDENTIALS) on the project named by `--proyecto` or the environment. This is how the
 * first administrator and the publishers of a new cloud deployment are created (nobody can call the API yet).
 */
import { ConfigError, firestoreNamespaceVar, loadConfig, projectIdOf } from '../config';
import { openLocalStore } from '../server/local-store';
import type { Store } from '../store/store';
import { type ParsedArgs, stringOption } from './args';
import { type CloudTarget, cloudStoreError } from './cloud-store-errors';
import { deployedNamespaceProblem } from './deployed-namespace';
import { projectRoot } from './project-root';

export interface CliStore {
  store: Store;
  cloud: boolean;
  where: string;
  /** Self-hosted: the folder of the bulk files (BULK_DIR); in the cloud they are in Cloud Storage. */
  bulkDir?: string;
}

/** The Google Cloud project `--nube` works on: `--proyecto`, else the environment's; a Spanish error without either. */
export function cloudProjectId(args: ParsedArgs, env: NodeJS.ProcessEnv): string {
  const projectId = stringOption(args, 'proyecto') ?? projectIdOf(env);
  if (!projectId) throw new ConfigError('Con --nube indique el proyecto de Google Cloud con --proyecto ID, o en la variable GOOGLE_CLOUD_PROJECT.');
  return projectId;
}

export function openCliStore(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env, root = projectRoot()): CliStore {
  if (args.options.nube === undefined) {
    const config = loadConfig(env);
    return { store: openLocalStore(config), cloud: false, where: config.sqlitePath, ...(config.bulkDir !== undefined ? { bulkDir: config.bulkDir } : {}) };
  }
  const projectId = cloudProjectId(args, env);
  // The functions refuse a prefix Firestore cannot use (config.ts): so does a command that would write with it.
  const namespace = firestoreNamespaceVar(env);
  // The same prefix as the functions (deployed-namespace.ts), or nothing done: an account created elsewhere cannot sign in.
  const problem = deployedNamespaceProblem(args, env, root, projectId);
  if (problem !== undefined) throw new ConfigError(problem);
  // Loaded only here, with firebase-admin and google-auth-library (~210 modules, ~0.3 CPU-s): a command on the
  // local SQLite file starts without them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openFirestoreStore } = require('../store/firestore-store') as typeof import('../store/firestore-store');
  return { store: withCredentials(openFirestoreStore({ projectId, namespace }), env, { projectId, namespace }), cloud: true, where: `Firestore del proyecto ${projectId}` };
}

/** The deployment's Firestore (a Store, or its rows for `transfer`) behind the credentials check below. */
export function withCredentials<T extends object>(target: T, env: NodeJS.ProcessEnv, cloud: CloudTarget): T {
  // The emulator (FIRESTORE_EMULATOR_HOST) takes no credentials: nothing to look for.
  const credentials = env.FIRESTORE_EMULATOR_HOST ? () => Promise.resolve() : applicationDefaultCredentials;
  return withCredentialsMessage(target, credentials, cloud);
}

/**
 * Looks for Application Default Credentials as Firestore's client does (google-auth-library). Without them, the
 * client retried its first call for about ten seconds before failing; this fails at once (0.2 s).
 */
async function applicationDefaultCredentials(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { GoogleAuth } = require('google-auth-library') as typeof import('google-auth-library');
  await new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/datastore'] }).getClient();
}

/**
 * The store, its first call made once `credentials()` found them; a failure the deployer can fix — no credentials
 * (there, or in a call), no permission or quota project, the API off, no database, an index not ready
 * (cloud-store-errors.ts) — becomes a ConfigError saying what to do (exit code 2, like other configuration errors).
 */
export function withCredentialsMessage<T extends object>(store: T, credentials: () => Promise<void>, cloud: CloudTarget): T {
  let found: Promise<void> | undefined;
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (found ??= credentials())
        .then(() => (value as (...a: unknown[]) => unknown).apply(target, args))
        .catch((e: unknown) => { throw cloudStoreError(e, cloud) ?? e; });
    },
  });
}
