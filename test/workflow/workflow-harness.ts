/**
 * The whole authenticated app for tests: createApp + workflow routes on an in-memory SQLite store, two
 * publishers in two states, one user per role and scope, and either the cloud wiring (Google ID tokens from a
 * local certificate endpoint, Google Sheets from the local stub) or the self-hosted one (API tokens, .xlsx
 * uploads in a temporary folder).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../functions/src/app';
import { issueToken } from '../../functions/src/auth/api-tokens';
import { apiTokenAuthenticator } from '../../functions/src/auth/api-token-authenticator';
import { googleIdTokenAuthenticator } from '../../functions/src/auth/google-id-token';
import { GoogleSheetsSource } from '../../functions/src/ingest/sheets-source';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import type { Publisher, Store, User } from '../../functions/src/store/store';
import type { PublicationQueue } from '../../functions/src/publication/publication-queue';
import type { PreviewQueue } from '../../functions/src/workflow/prepared-preview';
import { directoryUploads } from '../../functions/src/workflow/upload-store';
import { workflowRoutes, workflowService, type WorkflowService } from '../../functions/src/workflow/workflow-routes';
import type { SendQueue } from '../../functions/src/workflow/send-check';
import type { KeptSlot, MarkerPolicy } from '../../functions/src/workflow/kept-state';
import type { SubmissionWork } from '../../functions/src/workflow/submission-work';
import { notifier, smtpOutbox, type Outbox } from '../../functions/src/workflow/notifications';
import type { WorkbookModel } from '../../core/workbook/model';
import { XLSX_MIME } from '../../core/workflow/contract';
import { exceljs } from '../../functions/src/xlsx/load-exceljs';
import { startSheetsStub, stubSheetsAuth, type SheetsStub } from './sheets-stub';
import { startTestIdentity, TEST_CLIENT_ID, type TestIdentity } from './test-identity';

export const BASE_URL = 'http://api.test';
export const SERVICE_ACCOUNT = 'lector@demo-infra.iam.gserviceaccount.com';

export const PUBLISHERS: Publisher[] = [
  { id: 'mer', name: 'Municipio de Mérida', state: 'Yucatán', ocidPrefix: 'ocds-abc123', projectIdPrefix: 'oc4ids-abc123', commitment: { projects: 5, periodicityDays: 90 } },
  { id: 'mty', name: 'Municipio de Monterrey', state: 'Nuevo León', ocidPrefix: 'ocds-def456', projectIdPrefix: 'oc4ids-def456', commitment: { projects: 5, periodicityDays: 90 } },
];

export const USERS = {
  capturistaA: { id: 'u-cap-mer', email: 'captura@merida.gob.mx', role: 'capturista', publisherId: 'mer' },
  capturistaB: { id: 'u-cap-mty', email: 'captura@monterrey.gob.mx', role: 'capturista', publisherId: 'mty' },
  coordinadorA: { id: 'u-og-yuc', email: 'revision@inaip-yucatan.org.mx', role: 'coordinador', state: 'Yucatán' },
  coordinadorB: { id: 'u-og-nl', email: 'revision@cotai-nl.org.mx', role: 'coordinador', state: 'Nuevo León' },
  admin: { id: 'u-admin', email: 'admin@infra-abierta.mx', role: 'admin' },
} satisfies Record<string, User>;
export type UserName = keyof typeof USERS;

/** A one-project OC4IDS workbook in plain flatten-tool layout; `complete: false` leaves out a required field. */
export function projectWorkbook(publisher: Publisher, opts: { title?: string; complete?: boolean } = {}): WorkbookModel {
  const complete = opts.complete ?? true;
  const header = ['id', 'title', 'type', 'status', 'period/startDate', 'period/endDate', 'budget/amount/amount', 'budget/amount/currency', 'sector', ...(complete ? ['description'] : [])];
  const row = [`${publisher.projectIdPrefix}-0001`, opts.title ?? 'Parque del Centro', 'construction', 'implementation',
    new Date('2024-01-15T00:00:00Z'), new Date('2024-12-31T00:00:00Z'), 5000000, 'MXN', 'education', ...(complete ? ['Rehabilitación del parque'] : [])];
  return { sheets: [{ name: 'projects', rows: [header, row] }] };
}

// exceljs (~660 modules) and @googleapis/sheets (~140, sheets-stub.ts stubSheetsAuth) are loaded when first used, not by importing this file: jest
// loads a file's modules afresh for each test file, and most of the files that import the harness use neither.
export async function xlsxOf(workbook: WorkbookModel): Promise<Buffer> {
  const wb = new (exceljs().Workbook)();
  for (const sheet of workbook.sheets) wb.addWorksheet(sheet.name).addRows(sheet.rows as unknown[][]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface Harness {
  app: Express;
  store: Store;
  /** `Authorization` header value for a user. */
  bearer(user: UserName): string;
  close(): Promise<void>;
}

/**
 * An official's Excel upload (POST /api/submissions, as «Mis envíos» sends it): `name` is the file's name
 * (`?archivo=`), left out when undefined.
 */
export function uploadXlsx(h: Harness, bytes: Buffer, name?: string, user: UserName = 'capturistaA'): request.Test {
  return request(h.app).post(`/api/submissions?publisher=mer${name === undefined ? '' : `&archivo=${encodeURIComponent(name)}`}`)
    .set('Authorization', h.bearer(user)).set('Content-Type', XLSX_MIME).send(bytes);
}

async function seed(store: Store, tokens?: Map<string, string>): Promise<void> {
  for (const p of PUBLISHERS) await store.putPublisher(p);
  for (const u of Object.values(USERS) as User[]) {
    if (tokens) {
      const { token, hash } = issueToken();
      tokens.set(u.id, token);
      await store.putUser({ ...u, tokenHash: hash });
    } else await store.putUser(u);
  }
}

export interface CloudHarness extends Harness { stub: SheetsStub; identity: TestIdentity; runSendTask: WorkflowService['runSendTask'] }

/** Cloud wiring. `wrapStore` lets a test inject faults into what the routes see (the seed goes straight in). */
export interface HarnessOptions {
  /** Notifications by SMTP to a local server on this port (the outbox self-hosted and in the cloud). */
  smtpPort?: number;
  /** Serve this built dashboard at `/`. */
  dashboardDir?: string;
  /** Notifications through this outbox (a slow or failing one). */
  outbox?: Outbox;
  /** How long a request waits for its notice (workflow-routes.ts NOTIFY_WAIT_MS). */
  notifyWaitMs?: number;
}

export const DASHBOARD_URL = 'http://tablero.test';

/** Notifications by SMTP to a local server when the test asks for it. */
function notifyOption(store: Store, opts: HarnessOptions) {
  if (opts.outbox) return { notify: notifier({ store, outbox: opts.outbox, dashboardUrl: DASHBOARD_URL, log: () => {} }) };
  return opts.smtpPort ? { notify: notifier({ store, outbox: smtpOutbox({ host: '127.0.0.1', port: opts.smtpPort, secure: false, from: 'Infraestructura Abierta <avisos@infra-abierta.test>' }), dashboardUrl: DASHBOARD_URL, log: () => {} }) } : {};
}

/** What the preview route is given (workflow-routes.ts): its budget, and in the cloud the queue large sends' previews go to. */
export interface PreviewOptions {
  previewBudgetMs?: number; previewQueue?: PreviewQueue; inlinePreviewMaxItems?: number; sendBudgetMs?: number; sendQueue?: SendQueue; liveCompareBudgetMs?: number;
  /** This app's markers of background work (kept-state.ts): the self-hosted harness is alone on its store unless told otherwise, as `serve` is. */
  markers?: Partial<MarkerPolicy>;
  /** Where submitted workbooks are taken in and previews computed (default: in this thread). */
  work?: SubmissionWork;
}
const previewOptions = (opts: PreviewOptions): PreviewOptions => ({
  ...(opts.previewBudgetMs !== undefined ? { previewBudgetMs: opts.previewBudgetMs } : {}),
  ...(opts.previewQueue ? { previewQueue: opts.previewQueue } : {}),
  ...(opts.inlinePreviewMaxItems !== undefined ? { inlinePreviewMaxItems: opts.inlinePreviewMaxItems } : {}),
  ...(opts.sendBudgetMs !== undefined ? { sendBudgetMs: opts.sendBudgetMs } : {}),
  ...(opts.sendQueue ? { sendQueue: opts.sendQueue } : {}),
  ...(opts.liveCompareBudgetMs !== undefined ? { liveCompareBudgetMs: opts.liveCompareBudgetMs } : {}),
  ...(opts.markers ? { markers: opts.markers } : {}),
  ...(opts.work ? { work: opts.work } : {}),
});

export async function cloudHarness(opts: HarnessOptions & PreviewOptions & { wrapStore?: (s: Store) => Store; now?: () => Date; openStore?: () => Store } = {}): Promise<CloudHarness> {
  const inner = opts.openStore ? opts.openStore() : openSqliteStore(':memory:');
  await seed(inner);
  const store = opts.wrapStore ? opts.wrapStore(inner) : inner;
  const stub = await startSheetsStub();
  const identity = await startTestIdentity();
  const sheetsAuthOnce = stubSheetsAuth('test-token');
  const { router: routes, runSendTask } = workflowService({
    store,
    authenticator: googleIdTokenAuthenticator({ store, clientIds: [TEST_CLIENT_ID], certsUrl: identity.certsUrl }),
    baseUrl: BASE_URL,
    sheets: (id) => new GoogleSheetsSource(id, { auth: sheetsAuthOnce(), rootUrl: stub.rootUrl, serviceAccountEmail: SERVICE_ACCOUNT, retryDelaysMs: [0, 0] }),
    maxUploadBytes: 1024 * 1024,
    serviceAccount: SERVICE_ACCOUNT,
    googleClientId: TEST_CLIENT_ID,
    ...notifyOption(store, opts),
    log: () => {},
    ...(opts.now ? { now: opts.now } : {}),
    ...previewOptions(opts),
  });
  const app = createApp({ store, config: { publicBaseUrl: BASE_URL, maxBodyBytes: 1024 * 1024 }, log: () => {}, extraApi: [routes], ...(opts.now ? { now: opts.now } : {}), ...(opts.dashboardDir ? { dashboardDir: opts.dashboardDir } : {}) });
  return {
    app, store, stub, identity, runSendTask,
    bearer: (name) => `Bearer ${identity.token({ email: USERS[name].email })}`,
    close: async () => { await stub.close(); await identity.close(); await inner.close(); },
  };
}

export interface LocalHarness extends Harness { uploadDir: string }

export async function localHarness(opts: HarnessOptions & PreviewOptions & { uploadQuotaBytes?: number; maxUploadBytes?: number; maxValuesBytes?: number; now?: () => Date; publicationQueue?: PublicationQueue; openStore?: () => Store; reportBudgetMs?: number } = {}): Promise<LocalHarness> {
  const store = opts.openStore ? opts.openStore() : openSqliteStore(':memory:');
  const tokens = new Map<string, string>();
  await seed(store, tokens);
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-uploads-'));
  const maxUploadBytes = opts.maxUploadBytes ?? 5 * 1024 * 1024;
  const routes = workflowRoutes({
    store, authenticator: apiTokenAuthenticator(store), baseUrl: BASE_URL, uploads: directoryUploads(uploadDir), maxUploadBytes, log: () => {},
    ...(opts.uploadQuotaBytes !== undefined ? { uploadQuotaBytes: opts.uploadQuotaBytes } : {}),
    ...(opts.maxValuesBytes !== undefined ? { maxValuesBytes: opts.maxValuesBytes } : {}),
    ...notifyOption(store, opts),
    ...(opts.notifyWaitMs !== undefined ? { notifyWaitMs: opts.notifyWaitMs } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.publicationQueue ? { publicationQueue: opts.publicationQueue } : {}),
    ...(opts.reportBudgetMs !== undefined ? { reportBudgetMs: opts.reportBudgetMs } : {}),
    ...previewOptions({ ...opts, markers: { sole: true, ...opts.markers } }),
  });
  const app = createApp({ store, config: { publicBaseUrl: BASE_URL, maxBodyBytes: maxUploadBytes }, log: () => {}, extraApi: [routes], ...(opts.now ? { now: opts.now } : {}), ...(opts.dashboardDir ? { dashboardDir: opts.dashboardDir } : {}) });
  return {
    app, store, uploadDir,
    bearer: (name) => `Bearer ${tokens.get(USERS[name].id)}`,
    close: async () => { await store.close(); fs.rmSync(uploadDir, { recursive: true, force: true }); },
  };
}

/**
 * Moves back, by `ms`, the times a marker of work under way says it began and was last heard of (a send check's or a
 * preview's slot, kept-state.ts): as if it had waited that long, in the task queue or its owner's heartbeat.
 */
export async function markerWaited(slot: KeptSlot, ms: number): Promise<void> {
  const kept = JSON.parse((await slot.read())?.text ?? 'null') as { at: string; beat?: string };
  const earlier = (t: string) => new Date(Date.parse(t) - ms).toISOString();
  await slot.put(JSON.stringify({ ...kept, at: earlier(kept.at), ...(kept.beat ? { beat: earlier(kept.beat) } : {}) }));
}
