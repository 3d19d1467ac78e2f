/**
 * The Cloud Functions entry (DESIGN §2: index.ts only wires). Four functions:
 * - `api` (HTTPS) serves the whole API; approval enqueues a publication task and answers at once;
 * - `review` (HTTPS) is the same app on instances of its own, which Hosting sends the review routes to
 *   (`/api/submissions…`, firebase.json): small previews are computed there, and a send or a large preview waited
 *   for, away from the public readers on `api`;
 * - `publishSubmission` (Cloud Tasks queue, firebase-functions task queue) publishes an approved submission, checks
 *   a send of a spreadsheet (workflow/send-check.ts: read, convert, validate, keep its snapshot — seconds of CPU and
 *   hundreds of MB for a large implementer) and computes the preview of a large send (workflow/prepared-preview.ts):
 *   their requests would outlast Hosting's 60 s, and work left running after an answer is not reliable on Cloud Run.
 *   The same queue and function, so the deployment (its queue, and the account's right to enqueue to it and invoke
 *   it, docs/deploy.md §4) is the publications';
 * - `updateReminders` (Cloud Scheduler) reminds publishers past their update period, keeps the monthly report's
 *   month closes and removes the outcomes of sends' checks older than a week.
 * Each instance builds its wiring on first use, so deploying (which imports this file) and tests do no I/O at
 * import time. Google Sheets are read as the functions' runtime service account (Application Default
 * Credentials), which implementers share their spreadsheets with (SERVICE_ACCOUNT_EMAIL, named in messages).
 * Memory, time limit, concurrency and instances are set explicitly for each function (see docs/deploy.md).
 */
import type { Express } from 'express';
import { onRequest } from 'firebase-functions/v2/https';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { defineSecret, defineString } from 'firebase-functions/params';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFunctions } from 'firebase-admin/functions';
import { auth } from '@googleapis/sheets';
import { createApp, PLATFORM_NAME } from './app';
import { type Config, ConfigError, loadConfig } from './config';
import { type Authenticator, authenticatorFor } from './auth/authenticate';
import { GoogleSheetsSource, SHEETS_READONLY_SCOPE } from './ingest/sheets-source';
import { SourceError } from './ingest/sheet-source';
import { openFirestoreStore } from './store/firestore-store';
import type { Store, SubmissionSource } from './store/store';
import { workflowService, type WorkflowService } from './workflow/workflow-routes';
import type { SendQueue } from './workflow/send-check';
import { deploymentGcsOptions, gcsBlobStore } from './publication/gcs-blob-store';
import { bulkService, type BulkService } from './publication/bulk-service';
import type { PublicationQueue } from './publication/publication-queue';
import { LEASE_MS, runPublicationTask, TASK_TIMEOUT_SECONDS } from './publication/publication-task';
import { notifier, smtpNotifierDeps, type NotifierDeps } from './workflow/notifications';
import { cloudDeadlines, DAILY_TIMEOUT_SECONDS, runDailyJob } from './workflow/daily-job';
import { runPreviewTask, type PreviewQueue } from './workflow/prepared-preview';
import { submissionWork } from './workflow/submission-work';
import { parseQueuedTask, type QueuedTask } from './publication/queued-task';

/**
 * The password of the mail server the notices go through (docs/deploy.md §6): a secret in Secret Manager
 * (`firebase functions:secrets:set SMTP_PASS`) that the platform hands every function as the variable SMTP_PASS;
 * the rest of the mail settings (SMTP_HOST, SMTP_PORT, SMTP_USER, MAIL_FROM) are plain variables, as self-hosted.
 * The functions send by SMTP themselves: Firebase's Trigger Email extension, which sent the `mail` collection,
 * runs on Node.js 20, which Google no longer deploys (decommissioned 2026-10-30).
 */
const SMTP_PASS = defineSecret('SMTP_PASS');

/** Notices by SMTP (workflow/notifications.ts) when SMTP_HOST is set; without it nobody is e-mailed. */
function mailDeps(store: Store, env: NodeJS.ProcessEnv, config: Config): NotifierDeps | undefined {
  try {
    return smtpNotifierDeps(store, env, config.dashboardUrl ?? config.publicBaseUrl, (m) => console.error(m));
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
}

export const REGION = 'us-central1';

/**
 * The account every function runs as (docs/deploy.md §4): the one implementers share their sheets with, whose
 * Application Default Credentials read them, enqueue publication tasks and write the bulk files. A deploy-time
 * parameter, read from functions/.env.<project> — the same SERVICE_ACCOUNT_EMAIL the API names to capturistas —
 * because an account set by hand on the deployed services is put back to the default by the next deploy (options
 * changed outside the code are not kept: firebase-functions `preserveExternalChanges`).
 */
const RUN_AS = defineString('SERVICE_ACCOUNT_EMAIL', { description: 'Cuenta de servicio con la que corren las funciones y con la que se comparten las hojas (docs/deploy.md §4)' });
export const PUBLISH_FUNCTION = 'publishSubmission';

/** What tests replace with local stand-ins. */
export interface CloudOverrides {
  authenticator?: Authenticator;
  /** A local stub of the Cloud Storage JSON API. */
  storageApiEndpoint?: string;
  queue?: PublicationQueue;
  previewQueue?: PreviewQueue;
  sendQueue?: SendQueue;
}

/** What the `publishSubmission` queue carries (publication/queued-task.ts). */
export type { QueuedTask };

/** Everything both functions share in one instance. */
interface CloudContext {
  config: Config;
  store: Store;
  bulk: BulkService;
  openSource(source: SubmissionSource): GoogleSheetsSource;
  sheets(spreadsheetId: string): GoogleSheetsSource;
}

function cloudContext(env: NodeJS.ProcessEnv, store: Store | undefined, overrides: CloudOverrides): CloudContext {
  // Deployed functions are the cloud mode unless the environment says otherwise.
  const config = loadConfig({ INFRA_MODE: 'cloud', ...env });
  const db = store ?? openFirestoreStore({ app: getApps()[0] ?? initializeApp(), namespace: config.firestoreNamespace });
  const sheetsAuth = new auth.GoogleAuth({ scopes: [SHEETS_READONLY_SCOPE] });
  const sheets = (id: string) => new GoogleSheetsSource(id, {
    auth: sheetsAuth,
    ...(config.serviceAccountEmail ? { serviceAccountEmail: config.serviceAccountEmail } : {}),
    ...(env.SHEETS_API_ROOT_URL ? { rootUrl: env.SHEETS_API_ROOT_URL } : {}),
  });
  const blobs = gcsBlobStore(deploymentGcsOptions(config, overrides.storageApiEndpoint ?? env.STORAGE_API_ENDPOINT));
  const bulk = bulkService({ store: db, blobs, baseUrl: config.publicBaseUrl, platformName: PLATFORM_NAME });
  const openSource = (source: SubmissionSource) => {
    if (source.kind !== 'sheets') throw new SourceError('Esta plataforma recibe hojas de cálculo de Google, no archivos .xlsx.', 'uploads-disabled');
    return sheets(source.spreadsheetId);
  };
  return { config, store: db, bulk, sheets, openSource };
}

/** Publication tasks, and previews to prepare, go to the `publishSubmission` function's Cloud Tasks queue. */
async function enqueueTask(task: QueuedTask): Promise<void> {
  const app = getApps()[0] ?? initializeApp();
  // Cloud Tasks waits for the function as long as the function may run.
  await getFunctions(app).taskQueue(`locations/${REGION}/functions/${PUBLISH_FUNCTION}`).enqueue(task, { dispatchDeadlineSeconds: TASK_TIMEOUT_SECONDS + 30 });
}
const cloudTaskQueue = (): PublicationQueue => ({ enqueue: (task) => enqueueTask(task) });
const cloudPreviewQueue = (): PreviewQueue => ({ enqueue: (preview) => enqueueTask({ preview }) });
const cloudSendQueue = (): SendQueue => ({ enqueue: (send) => enqueueTask({ send }) });

/** The workflow's routes and the send task they hand out, with this deployment's dependencies (buildApp, and publishSubmission's send tasks). */
function cloudWorkflow(ctx: CloudContext, overrides: CloudOverrides, env: NodeJS.ProcessEnv): WorkflowService {
  const mail = mailDeps(ctx.store, env, ctx.config);
  return workflowService({
    store: ctx.store,
    authenticator: overrides.authenticator ?? authenticatorFor(ctx.config, ctx.store, env.GOOGLE_ID_TOKEN_CERTS_URL ? { certsUrl: env.GOOGLE_ID_TOKEN_CERTS_URL } : {}),
    baseUrl: ctx.config.publicBaseUrl,
    sheets: ctx.sheets,
    maxUploadBytes: ctx.config.maxBodyBytes,
    publicationQueue: overrides.queue ?? cloudTaskQueue(),
    previewQueue: overrides.previewQueue ?? cloudPreviewQueue(),
    // A send is checked by a task (send-check.ts): a large workbook's request was cut at 60 s by Hosting.
    sendQueue: overrides.sendQueue ?? cloudSendQueue(),
    ...(ctx.config.serviceAccountEmail ? { serviceAccount: ctx.config.serviceAccountEmail } : {}),
    ...(ctx.config.googleClientId ? { googleClientId: ctx.config.dashboardClientId ?? ctx.config.googleClientId } : {}),
    ...(mail ? { notify: notifier(mail) } : {}),
    // An approval whose task never ran to the end may be approved again once its lease has surely expired.
    staleApprovalMs: LEASE_MS,
  });
}

function buildApp(ctx: CloudContext, overrides: CloudOverrides, env: NodeJS.ProcessEnv): Express {
  const workflow = cloudWorkflow(ctx, overrides, env).router;
  // Behind Google's front end (Cloud Functions v2 run on Cloud Run) the client's address is the last hop of
  // X-Forwarded-For: TRUST_PROXY_HOPS is 1 by default, so per-IP rate limits cannot be spoofed; behind Firebase
  // Hosting one more may be needed (api/client-address.ts), which the first request of each instance logs.
  return createApp({ store: ctx.store, config: ctx.config, extraApi: [workflow], bulk: ctx.bulk, pageAddresses: true, noteClientAddress: true });
}

/** The deployed app: Firestore store, Google ID tokens, Google Sheets, Cloud Storage, Cloud Tasks. */
export function createCloudApp(env: NodeJS.ProcessEnv = process.env, store?: Store, overrides: CloudOverrides = {}): Express {
  return buildApp(cloudContext(env, store, overrides), overrides, env);
}

let context: CloudContext | undefined;
let workflow: WorkflowService | undefined;
let app: Express | undefined;
const shared = () => (context ??= cloudContext(process.env, undefined, {}));

/**
 * A setting that is missing or wrong, logged the same way by every function («Configuración inválida: …», what the
 * guide's alert looks for, docs/deploy.md §10), then thrown: the HTTP functions answer it with a 503.
 */
function logMisconfiguration<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof ConfigError) console.error(`Configuración inválida: ${e.message}`);
    throw e;
  }
}

/**
 * The configuration is read on an instance's first request (deploying loads this module without it). A missing or
 * wrong variable answers every request with a 503 that names it in Spanish, as the log does, instead of the
 * platform's English «Internal Server Error»; nothing is served until it is fixed and the functions redeployed.
 */
function serveApp(req: Parameters<Express>[0], res: Parameters<Express>[1]): void {
  if (!app) {
    try {
      app = logMisconfiguration(() => buildApp(shared(), {}, process.env));
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      // Node's own response calls: the platform hands an Express response, tests a plain one.
      res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '300', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ error: { code: 'misconfigured', message: `El servidor no está configurado: ${e.message}` } }));
      return;
    }
  }
  app(req, res);
}

/**
 * No `cors` option on either function: its wrapper answered every preflight itself (any method, any header, the
 * caller's origin) before the app, so in the cloud any site could ask to approve or upload. Cross-origin reading is
 * the app's (api/read-cors.ts), as self-hosted; writes stay same-origin (the dashboard through Hosting) or
 * server-to-server (the add-on).
 */
export const api = onRequest({
  region: REGION,
  serviceAccount: RUN_AS,
  secrets: [SMTP_PASS],
  // Pages are served from a cache and bulk files are streamed from Cloud Storage: mostly waiting on I/O, so one
  // instance takes many requests at once.
  memory: '1GiB',
  cpu: 1,
  concurrency: 80,
  timeoutSeconds: 300,
  minInstances: 0,
  maxInstances: 20,
}, serveApp);

/**
 * The review routes (firebase.json sends `/api/submissions` and everything under it here). Taking in a workbook
 * holds a CPU for 1.5–3 s per 1,000 processes, and the workbook, its conversion and its snapshot in memory: about
 * 760 MiB more for 10,000 processes (a 134 MB snapshot). On `api` (80 requests at once on one CPU and 1 GiB) one
 * large submission stalled every public reader on its instance and could run it out of memory. That work is now a
 * task of `publishSubmission`, which a request here waits for; previews of up to 1,000 processes and projects are
 * still computed here. Each instance takes one request at a time, with 2 GiB.
 */
export const review = onRequest({
  region: REGION,
  serviceAccount: RUN_AS,
  secrets: [SMTP_PASS],
  memory: '2GiB',
  cpu: 1,
  concurrency: 1,
  timeoutSeconds: 300,
  minInstances: 0,
  maxInstances: 20,
}, serveApp);

export const publishSubmission = onTaskDispatched<QueuedTask>({
  region: REGION,
  serviceAccount: RUN_AS,
  secrets: [SMTP_PASS],
  // A publication holds a whole workbook and its records in memory, and runs alone on its instance.
  memory: '2GiB',
  cpu: 1,
  concurrency: 1,
  timeoutSeconds: TASK_TIMEOUT_SECONDS,
  maxInstances: 10,
  // Retries cover a runner that died: the lease (LEASE_MS, a minute over the time limit) is then taken over.
  retryConfig: { maxAttempts: 8, minBackoffSeconds: 60, maxBackoffSeconds: 600, maxDoublings: 3 },
  rateLimits: { maxConcurrentDispatches: 10 },
}, async (req) => {
  const { ctx, mail } = logMisconfiguration(() => { const c = shared(); return { ctx: c, mail: mailDeps(c.store, process.env, c.config) }; });
  // Read as `unknown` (publication/queued-task.ts): one of another shape is dropped, not retried — it never will be one.
  const task = parseQueuedTask(req.data as unknown);
  if (!task) return void console.error(`Tarea descartada: su contenido no es una publicación, un envío ni una vista previa (${JSON.stringify(req.data ?? null).slice(0, 200)}).`);
  if ('send' in task) {
    // Never throws: its answer is kept for the official's page or panel; a delivery whose instance died is retried.
    workflow ??= cloudWorkflow(ctx, {}, process.env);
    await workflow.runSendTask(task.send, req.retryCount);
    return;
  }
  if ('preview' in task) {
    // Never throws: how it ended is kept for the coordinator's page; a delivery whose instance died is retried.
    await runPreviewTask({ store: ctx.store, work: submissionWork(ctx.store), now: () => new Date(), log: (m) => console.error(m) }, task.preview, req.retryCount);
    return;
  }
  const result = await runPublicationTask({
    store: ctx.store, baseUrl: ctx.config.publicBaseUrl, now: () => new Date(), log: (m) => console.error(m),
    openSource: ctx.openSource, bulk: ctx.bulk, allPublishersFiles: true, ...(mail ? { notify: notifier(mail) } : {}),
  }, task);
  // Another delivery of this task holds the lease: fail this one so Cloud Tasks tries again later.
  if (result === 'busy') throw new Error(`submission ${task.submissionId} is being published by another attempt`);
});

/**
 * Daily (Cloud Scheduler): reminders to publishers past their update period, then the month closes of the monthly
 * report (workflow/month-closes.ts), kept here ahead of the coordinators — also without mail. After an upgrade from a
 * version without them, the first run rebuilds them from the whole log, which a coordinator's request (cut at 60 s
 * by Hosting) may not have time for. Last, the outcomes of sends' checks older than a week are removed.
 */
export const updateReminders = onSchedule({
  schedule: 'every day 09:00', timeZone: 'America/Mexico_City', region: REGION, serviceAccount: RUN_AS, secrets: [SMTP_PASS],
  memory: '512MiB', cpu: 1, timeoutSeconds: DAILY_TIMEOUT_SECONDS, maxInstances: 1,
}, async () => {
  const started = Date.now();
  const { ctx, mail } = logMisconfiguration(() => { const c = shared(); return { ctx: c, mail: mailDeps(c.store, process.env, c.config) }; });
  if (!mail) console.error('Recordatorios sin enviar: falta SMTP_HOST (docs/deploy.md §6).');
  // Each part stops at its deadline (workflow/daily-job.ts cloudDeadlines), so the function ends within its limit and
  // the next run goes on where this one stopped.
  const outcome = await runDailyJob({ store: ctx.store, ...(mail ? { mail } : {}), log: (m) => console.error(m) }, cloudDeadlines(started));
  console.log(`Tarea diaria: ${outcome.reminded ?? 0} recordatorios${outcome.unsent ? ` y ${outcome.unsent} sin enviar` : ''}${outcome.remindersDone ? '' : ' (faltan atrasados)'} en ${outcome.ms.reminders} ms; `
    + `cierres ${outcome.closes?.done ? 'al día' : 'sin terminar'} (${outcome.closes?.publishers ?? 0} implementadores) en ${outcome.ms.closes} ms; `
    + `${outcome.checksRemoved ?? 0} revisiones antiguas borradas en ${outcome.ms.checks} ms.`);
  // The job ends as failed (the platform's error count, docs/deploy.md §10) only after every part had its turn.
  if (outcome.failed !== undefined) throw outcome.failed;
});
