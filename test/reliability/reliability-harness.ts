/**
 * The cloud wiring of the app (Google ID tokens, Google Sheets from the local stub) with the knobs the
 * reliability tests need: a store that fails exactly the n-th write once, a movable clock, a short Sheets
 * timeout, rate limits, and every log line captured.
 */
import type { Express } from 'express';
import { createApp } from '../../functions/src/app';
import { googleIdTokenAuthenticator } from '../../functions/src/auth/google-id-token';
import { GoogleSheetsSource } from '../../functions/src/ingest/sheets-source';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import type { Store, User } from '../../functions/src/store/store';
import type { RateLimitOptions } from '../../functions/src/api/rate-limit';
import { workflowRoutes } from '../../functions/src/workflow/workflow-routes';
import { startSheetsStub, stubSheetsAuth, type SheetsStub } from '../workflow/sheets-stub';
import { startTestIdentity, TEST_CLIENT_ID, type TestIdentity } from '../workflow/test-identity';
import { PUBLISHERS, SERVICE_ACCOUNT, USERS, type UserName } from '../workflow/workflow-harness';

export const BASE_URL = 'http://api.test';
export const SHEETS_ACCESS_TOKEN = 'ya29.sheets-access-token-that-must-never-be-logged';

const WRITES = new Set([
  'putPublisher', 'updatePublisher', 'putUser', 'deleteUser', 'createSubmission', 'transitionSubmission', 'createPublication', 'putReleases',
  'putRecords', 'putProjects', 'completePublication', 'setCurrent', 'appendAudit', 'putStats',
]);

export class StoreFailure extends Error {}

/** Counts store writes (one per call) and fails the one armed with `failAt` (once). */
export interface FaultSwitch {
  /** Writes seen since the last `reset`, by method name, in order. */
  writes: string[];
  reset(): void;
  /** Fails the n-th write (0-based) after this call, once. */
  failAt(n: number): void;
}

export function faultyStore(inner: Store): { store: Store; faults: FaultSwitch } {
  let writes: string[] = [];
  let armed: number | undefined;
  const faults: FaultSwitch = {
    get writes() { return writes; },
    reset: () => { writes = []; armed = undefined; },
    failAt: (n) => { writes = []; armed = n; },
  };
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !WRITES.has(prop) || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const index = writes.push(prop) - 1;
        if (armed === index) { armed = undefined; throw new StoreFailure(`injected failure in ${prop}`); }
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
  return { store, faults };
}

export interface ReliabilityApp {
  app: Express;
  /** What the routes see (faulty); `inner` is the real store underneath. */
  store: Store;
  inner: Store;
  faults: FaultSwitch;
  stub: SheetsStub;
  identity: TestIdentity;
  logs: string[];
  clock: { advance(ms: number): void; now(): Date };
  bearer(user: UserName): string;
  close(): Promise<void>;
}

export async function reliabilityApp(opts: { sheetsTimeoutMs?: number; rateLimits?: RateLimitOptions; staleApprovalMs?: number } = {}): Promise<ReliabilityApp> {
  const inner = openSqliteStore(':memory:');
  for (const p of PUBLISHERS) await inner.putPublisher(p);
  for (const u of Object.values(USERS) as User[]) await inner.putUser(u);
  const { store, faults } = faultyStore(inner);
  const stub = await startSheetsStub();
  const identity = await startTestIdentity();
  const logs: string[] = [];
  const log = (m: string) => { logs.push(m); };
  let offset = 0;
  const now = () => new Date(Date.UTC(2025, 6, 1, 12) + offset);
  const sheetsAuthOnce = stubSheetsAuth(SHEETS_ACCESS_TOKEN);
  const routes = workflowRoutes({
    store,
    authenticator: googleIdTokenAuthenticator({ store, clientIds: [TEST_CLIENT_ID], certsUrl: identity.certsUrl }),
    baseUrl: BASE_URL,
    sheets: (id) => new GoogleSheetsSource(id, { auth: sheetsAuthOnce(), rootUrl: stub.rootUrl, serviceAccountEmail: SERVICE_ACCOUNT, retryDelaysMs: [0, 0], timeoutMs: opts.sheetsTimeoutMs ?? 2000 }),
    maxUploadBytes: 1024 * 1024,
    log,
    now,
    ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}),
    ...(opts.staleApprovalMs !== undefined ? { staleApprovalMs: opts.staleApprovalMs } : {}),
  });
  const app = createApp({ store, config: { publicBaseUrl: BASE_URL, maxBodyBytes: 1024 * 1024 }, log, now, extraApi: [routes] });
  return {
    app, store, inner, faults, stub, identity, logs,
    clock: { advance: (ms) => { offset += ms; }, now },
    bearer: (name) => `Bearer ${identity.token({ email: USERS[name].email })}`,
    close: async () => { await stub.close(); await identity.close(); await inner.close(); },
  };
}
