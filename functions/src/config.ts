/**
 * Configuration, read from the environment once at start-up and validated: a bad value stops the process
 * with a Spanish message naming the variable, instead of failing later in the middle of a request.
 * Secrets only ever come from here (environment), and are never logged.
 */
import * as path from 'path';
import { unusableFolder } from './config-paths';
import { DEFAULT_MAX_BODY_BYTES } from '../../core/workflow/contract';
import { firestoreNamespaceProblem } from './store/firestore-namespace';

export interface Config {
  /** `local`: embedded SQLite store, API tokens. `cloud`: Firestore, Google ID tokens. */
  mode: 'local' | 'cloud';
  port: number;
  host: string;
  /** SQLite database file (local mode). */
  sqlitePath: string;
  /** Public base URL used in package `uri`s and `links.next` (no trailing slash). */
  publicBaseUrl: string;
  /** OAuth client id the add-on's identity tokens are issued for (cloud mode). */
  googleClientId?: string;
  /**
   * The OAuth client the dashboard signs in with (Google Identity Services needs a web client that lists the
   * dashboard's address among its JavaScript origins; the add-on's audience is the client Apps Script manages).
   * Its tokens are accepted too. Absent: the dashboard uses `googleClientId`.
   */
  dashboardClientId?: string;
  /** Service account that must be given read access to submitted spreadsheets (shown in the sidebar). */
  serviceAccountEmail?: string;
  /** Firestore collection namespace (lets several deployments or tests share one project). */
  firestoreNamespace: string;
  /** Largest accepted request body, bytes (uploads of .xlsx in local mode): MAX_BODY_BYTES, default DEFAULT_MAX_BODY_BYTES (64 MiB). */
  maxBodyBytes: number;
  /** Google Cloud project (GOOGLE_CLOUD_PROJECT, GCLOUD_PROJECT or FIREBASE_CONFIG), for Firestore and Cloud Tasks. */
  projectId?: string;
  /** Cloud Storage bucket of the bulk files (cloud): BULK_BUCKET, or the project's default bucket. */
  bulkBucket?: string;
  /** Folder of the bulk files (self-hosted): BULK_DIR, or `bulk/` next to the database; none for an in-memory database (a temporary folder of the process). */
  bulkDir?: string;
  /** When the bucket is publicly readable: base URL the bulk route redirects to instead of streaming. */
  bulkPublicUrl?: string;
  /** How long a read of the publishers' `current` pointers is reused, ms (CURRENT_TTL_MS; 0 = every request). */
  currentTtlMs: number;
  /** The dashboard's address in e-mailed links (DASHBOARD_URL, cloud), when it is not `publicBaseUrl`. No trailing slash. */
  dashboardUrl?: string;
  /**
   * How many proxies' X-Forwarded-For entries are trusted for the client's address the per-address rate limit counts
   * (TRUST_PROXY_HOPS, 0 to 3; Express's `trust proxy`): 1 in the cloud (Google's front end), none self-hosted unless
   * set (behind nginx, 1). See functions/src/api/client-address.ts.
   */
  trustProxyHops: number;
}

/**
 * The variables of a deployment's environment file, functions/.env.<project> (docs/deploy.md §6, whose table a test
 * keeps equal to this list). SMTP_PASS is not one of them: it is a secret (functions/src/index.ts).
 */
export const DEPLOYMENT_VARIABLES = [
  'PUBLIC_BASE_URL', 'GOOGLE_CLIENT_ID', 'DASHBOARD_CLIENT_ID', 'BULK_BUCKET', 'SERVICE_ACCOUNT_EMAIL', 'BULK_PUBLIC_URL',
  'CURRENT_TTL_MS', 'FIRESTORE_NAMESPACE', 'MAX_BODY_BYTES', 'DASHBOARD_URL', 'SMTP_HOST', 'SMTP_PORT', 'SMTP_SECURE',
  'SMTP_USER', 'MAIL_FROM', 'TRUST_PROXY_HOPS',
] as const;

/**
 * A `<…>` of the guide's example left in the environment file (`BULK_BUCKET=<BULK_BUCKET>`, `SMTP_HOST=smtp.<su-dominio>.gob.mx`):
 * the guide says the functions then refuse to serve, naming the variable, but only the client ids, the service account
 * and PUBLIC_BASE_URL had a form that refused it; a bucket, a mail server or a sender with one started the functions
 * and failed later, far from the cause. An address in angle brackets (`Nombre <avisos@dominio.gob.mx>`) has an @.
 */
const PLACEHOLDER = /<[^<>@]+>/;

function noPlaceholders(env: NodeJS.ProcessEnv): void {
  for (const name of DEPLOYMENT_VARIABLES) {
    const found = PLACEHOLDER.exec(env[name] ?? '');
    if (found) throw new ConfigError(`La variable ${name} conserva el marcador ${found[0]} del ejemplo («${env[name]}»): sustitúyalo por el valor de su despliegue (docs/deploy.md).`);
  }
}

/**
 * A Cloud Storage bucket's name (3 to 63 lowercase letters, digits, «-», «_» or «.»; up to 222 with dots), not its
 * gs:// address or its console URL, which the storage library took for a bucket that does not exist.
 */
const BUCKET = /^(?=.{3,222}$)[a-z0-9][a-z0-9._-]*[a-z0-9]$/;

export class ConfigError extends Error {}

/** FIRESTORE_NAMESPACE, when every collection id it makes is one Firestore accepts (store/firestore-namespace.ts). */
export function firestoreNamespaceVar(env: NodeJS.ProcessEnv): string {
  const namespace = env.FIRESTORE_NAMESPACE ?? '';
  const problem = firestoreNamespaceProblem(namespace);
  if (problem !== undefined) throw new ConfigError(problem);
  return namespace;
}

/** Listening addresses that mean «every interface» (and empty, which Node takes the same way): no one's address. */
const WILDCARD_HOSTS = ['0.0.0.0', '::', '[::]', ''];

/**
 * An OAuth client id as Google issues them (`<número>-<letras>.apps.googleusercontent.com`): a placeholder left in the
 * environment file (`<ID del tablero>.apps…`) started the functions, and every sign-in then failed with no word of why.
 */
function clientIdVar(env: NodeJS.ProcessEnv, name: string): string {
  const value = (env[name] ?? '').trim();
  if (!/^[A-Za-z0-9-]+\.apps\.googleusercontent\.com$/.test(value)) {
    throw new ConfigError(`${name} debe ser un ID de cliente OAuth, como 123456789012-abc123.apps.googleusercontent.com (se recibió «${env[name] ?? ''}»).`);
  }
  return value;
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`La variable ${name} debe ser un número entero entre ${min} y ${max} (se recibió «${raw}»).`);
  return n;
}

function urlVar(env: NodeJS.ProcessEnv, name: string, fallback: string, mode: Config['mode'] = 'local'): string {
  // Empty is unset, as for every other variable: `PUBLIC_BASE_URL=` left without a value in an environment file was
  // refused as «debe ser una URL http(s) (se recibió «»)», while the checks above had taken it for missing.
  // Trimmed: a space before or after the address (`PUBLIC_BASE_URL= https://…` in the environment file) passed the URL
  // check, which trims, and was kept in every published release's links.
  const raw = (env[name] || fallback).trim();
  let protocol: string;
  let pathname: string;
  try {
    ({ protocol, pathname } = new URL(raw));
    if (protocol !== 'http:' && protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new ConfigError(`La variable ${name} debe ser una URL http(s) (se recibió «${raw}»).`);
  }
  // Firebase Hosting and Cloud Storage answer on https: an http:// address (PUBLIC_BASE_URL is written into every
  // published release and record, for good) only ever reached them through a redirect, and the guide says it is refused.
  if (mode === 'cloud' && protocol !== 'https:') throw new ConfigError(`En la nube la variable ${name} debe empezar con https:// (se recibió «${raw}»).`);
  // The API is `<PUBLIC_BASE_URL>/api/…`: the API's own address given (`https://x.web.app/api`) published every link as
  // /api/api/…, for good. The add-on's build refuses the same (scripts/build-addon.ts).
  if (name === 'PUBLIC_BASE_URL' && /\/api\/*$/i.test(pathname)) {
    throw new ConfigError(`La variable PUBLIC_BASE_URL es la dirección de la plataforma, sin /api (se recibió «${raw}»): escriba ${raw.replace(/\/api\/*$/i, '')}; las direcciones de la API se forman agregándole /api/….`);
  }
  return raw.replace(/\/+$/, '');
}

/** The project id the Google libraries would use: explicit variables first, then the Functions runtime's FIREBASE_CONFIG. */
function firebaseConfig(env: NodeJS.ProcessEnv): { projectId?: string; storageBucket?: string } {
  try {
    const parsed = JSON.parse(env.FIREBASE_CONFIG ?? '{}') as Record<string, unknown>;
    return {
      ...(typeof parsed.projectId === 'string' ? { projectId: parsed.projectId } : {}),
      ...(typeof parsed.storageBucket === 'string' ? { storageBucket: parsed.storageBucket } : {}),
    };
  } catch {
    return {};
  }
}

export function projectIdOf(env: NodeJS.ProcessEnv): string | undefined {
  return env.GOOGLE_CLOUD_PROJECT || env.GCLOUD_PROJECT || firebaseConfig(env).projectId || undefined;
}

/** The public address when PUBLIC_BASE_URL is not set: the server's own (the local server's, once it listens). */
export function defaultPublicBaseUrl(host: string, port: number): string {
  return `http://${host}:${port}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.INFRA_MODE ?? 'local';
  if (mode !== 'local' && mode !== 'cloud') throw new ConfigError(`INFRA_MODE debe ser «local» o «cloud» (se recibió «${mode}»).`);
  noPlaceholders(env);
  const port = intVar(env, 'PORT', 8080, 0, 65535);
  const host = env.HOST ?? '127.0.0.1';
  // In the cloud the public address is baked into every published release URL: a silent default would publish
  // links to 127.0.0.1 for ever, so it must be said.
  if (mode === 'cloud' && !env.PUBLIC_BASE_URL) {
    throw new ConfigError('En modo «cloud» falta PUBLIC_BASE_URL (la dirección pública de la plataforma, p. ej. https://mi-proyecto.web.app); queda escrita en cada entrega publicada.');
  }
  // HOST=0.0.0.0 (every network interface: what a server others reach needs) is nobody's address: without
  // PUBLIC_BASE_URL the public one was made of it, and `http://0.0.0.0:8080` was written into every package, link and
  // published record for good, with no word anywhere (the server answers there, so the stale-link check agreed).
  if (mode === 'local' && !env.PUBLIC_BASE_URL && WILDCARD_HOSTS.includes(host)) {
    throw new ConfigError(`HOST=${host} atiende en todas las interfaces de red, pero no es una dirección con la que se pueda consultar el servidor, y la dirección pública queda escrita en cada entrega publicada. Defina también PUBLIC_BASE_URL con la dirección con la que el público y los capturistas llegan a este servidor (p. ej. https://datos.su-estado.gob.mx, o http://<IP del servidor>:${port}).`);
  }
  // Empty is unset: better-sqlite3 takes «» for a temporary database, deleted when the process ends.
  const sqlitePath = env.INFRA_SQLITE || '.data/infra-abierta.sqlite';
  const config: Config = {
    mode,
    port,
    host,
    sqlitePath,
    publicBaseUrl: urlVar(env, 'PUBLIC_BASE_URL', defaultPublicBaseUrl(host, port), mode),
    firestoreNamespace: firestoreNamespaceVar(env),
    maxBodyBytes: intVar(env, 'MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 1024, 200 * 1024 * 1024),
    // Bulk files live next to the database; an in-memory database (tests) gets a temporary folder of its process.
    bulkDir: env.BULK_DIR || (sqlitePath === ':memory:' ? undefined : path.join(path.dirname(sqlitePath), 'bulk')),
    // Each refresh reads every publisher and its pointer: in the cloud that is billed per document, so a minute
    // (as long as the public Cache-Control) — self-hosted reads are free and two seconds feel immediate.
    currentTtlMs: intVar(env, 'CURRENT_TTL_MS', mode === 'cloud' ? 60_000 : 2000, 0, 3_600_000),
    trustProxyHops: intVar(env, 'TRUST_PROXY_HOPS', mode === 'cloud' ? 1 : 0, 0, 3),
  };
  // Self-hosted data folders, before anything creates them (config-paths.ts): the cloud keeps its data elsewhere.
  if (mode === 'local') {
    const problem = (sqlitePath === ':memory:' ? undefined : unusableFolder('INFRA_SQLITE', path.dirname(path.resolve(sqlitePath)), `la base de datos «${sqlitePath}»`))
      ?? (env.BULK_DIR ? unusableFolder('BULK_DIR', env.BULK_DIR, `la carpeta de descargas masivas «${env.BULK_DIR}»`) : undefined);
    if (problem !== undefined) throw new ConfigError(problem);
  }
  const projectId = projectIdOf(env);
  if (projectId) config.projectId = projectId;
  if (env.BULK_BUCKET && !BUCKET.test(env.BULK_BUCKET)) {
    throw new ConfigError(`BULK_BUCKET debe ser el nombre del depósito de Cloud Storage, sin gs:// ni https://, como mi-proyecto.firebasestorage.app (se recibió «${env.BULK_BUCKET}»).`);
  }
  const bucket = env.BULK_BUCKET || firebaseConfig(env).storageBucket;
  if (bucket) config.bulkBucket = bucket;
  if (env.BULK_PUBLIC_URL) config.bulkPublicUrl = urlVar(env, 'BULK_PUBLIC_URL', '', mode);
  if (env.DASHBOARD_URL) config.dashboardUrl = urlVar(env, 'DASHBOARD_URL', '', mode);
  if (env.GOOGLE_CLIENT_ID) config.googleClientId = clientIdVar(env, 'GOOGLE_CLIENT_ID');
  if (env.DASHBOARD_CLIENT_ID) config.dashboardClientId = clientIdVar(env, 'DASHBOARD_CLIENT_ID');
  if (env.SERVICE_ACCOUNT_EMAIL) {
    if (!/^[a-z][a-z0-9-]*@[a-z0-9.-]+\.iam\.gserviceaccount\.com$|^\d+-compute@developer\.gserviceaccount\.com$/.test(env.SERVICE_ACCOUNT_EMAIL)) {
      throw new ConfigError(`SERVICE_ACCOUNT_EMAIL debe ser el correo de una cuenta de servicio, como infra-abierta@<proyecto>.iam.gserviceaccount.com (se recibió «${env.SERVICE_ACCOUNT_EMAIL}»).`);
    }
    config.serviceAccountEmail = env.SERVICE_ACCOUNT_EMAIL;
  }
  if (mode === 'cloud' && !config.googleClientId) throw new ConfigError('En modo «cloud» falta GOOGLE_CLIENT_ID (el ID de cliente OAuth del complemento).');
  if (mode === 'cloud' && !config.bulkBucket) throw new ConfigError('En modo «cloud» falta BULK_BUCKET (el depósito de Cloud Storage de los archivos de descarga masiva).');
  return config;
}
