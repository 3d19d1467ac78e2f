/**
 * Configuration, read from the environment once at start-up and validated: a bad value stops the process
 * with a Spanish message naming the variable, instead of failing later in the middle of a request.
 * Secrets only ever come from here (environment), and are never logged.
 */
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
  /** Service account that must be given read access to submitted spreadsheets (shown in the sidebar). */
  serviceAccountEmail?: string;
  /** Firestore collection namespace (lets several deployments or tests share one project). */
  firestoreNamespace: string;
  /** Largest accepted request body, bytes (uploads of .xlsx in local mode). */
  maxBodyBytes: number;
}

export class ConfigError extends Error {}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`La variable ${name} debe ser un número entero entre ${min} y ${max} (se recibió «${raw}»).`);
  return n;
}

function urlVar(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] ?? fallback;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new ConfigError(`La variable ${name} debe ser una URL http(s) (se recibió «${raw}»).`);
  }
  return raw.replace(/\/+$/, '');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.INFRA_MODE ?? 'local';
  if (mode !== 'local' && mode !== 'cloud') throw new ConfigError(`INFRA_MODE debe ser «local» o «cloud» (se recibió «${mode}»).`);
  const port = intVar(env, 'PORT', 8080, 0, 65535);
  const host = env.HOST ?? '127.0.0.1';
  const config: Config = {
    mode,
    port,
    host,
    sqlitePath: env.INFRA_SQLITE ?? '.data/infra-abierta.sqlite',
    publicBaseUrl: urlVar(env, 'PUBLIC_BASE_URL', `http://${host}:${port}`),
    firestoreNamespace: env.FIRESTORE_NAMESPACE ?? '',
    maxBodyBytes: intVar(env, 'MAX_BODY_BYTES', 20 * 1024 * 1024, 1024, 200 * 1024 * 1024),
  };
  if (env.GOOGLE_CLIENT_ID) config.googleClientId = env.GOOGLE_CLIENT_ID;
  if (env.SERVICE_ACCOUNT_EMAIL) config.serviceAccountEmail = env.SERVICE_ACCOUNT_EMAIL;
  if (mode === 'cloud' && !config.googleClientId) throw new ConfigError('En modo «cloud» falta GOOGLE_CLIENT_ID (el ID de cliente OAuth del complemento).');
  return config;
}
