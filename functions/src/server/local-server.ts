/**
 * The self-hosted server (`npm start`, `npx infra-abierta serve`): API + dashboard on the embedded SQLite store,
 * seeded with the example workbooks on first run. Listens on 127.0.0.1 unless HOST says otherwise.
 */
import { StartupError } from './startup-error';
import cluster from 'cluster';
import * as path from 'path';
import { createServer, type RequestListener, type Server } from 'http';
import { answerClientErrors } from './client-error';
import { answerKeptAliveRequests } from './kept-alive-requests';
import { createApp } from '../app';
import { defaultPublicBaseUrl, type Config, ConfigError } from '../config';
import { dashboardNotBuiltNotice } from './dashboard-not-built';
import { openLocalStore } from './local-store';
import type { Store } from '../store/store';
import { allPublishers, currentSets, freshVersion } from '../api/current-publications';
import { ResponseCache } from '../api/response-cache';
import { seedExamples } from './seed';
import { linksBaseUrl } from '../publication/publish';
import { takingTurns } from './request-turns';
import { SEND_BUDGET_MS } from '../workflow/send-check';
import { workflowRoutes } from '../workflow/workflow-routes';
import { apiTokenAuthenticator } from '../auth/api-token-authenticator';
import { inProcessQueue, type InProcessQueue } from '../publication/publication-queue';
import { resumeInterruptedPublications } from '../publication/publication-task';
import { formatCount, formatList } from '../../../core/format/es-mx';
import { republishReasons, republishReasonText } from '../publication/republish';
import { runDailyJob } from '../workflow/daily-job';
import { localPublicationRunner, localServices, uploadsDir } from './local-services';
import { unwritableData } from './writable-data';
import { holdServerLock, type ServerLock } from './server-lock';
import { backgroundThread } from './background-thread';

export interface LocalServer { server: Server; store: Store; url: string; publications: InProcessQueue; close(): Promise<void> }

/** Opens the SQLite file; what cannot be opened (local-store.ts says why, in Spanish) stops the start-up. */
function openStoreForServer(config: Config): Store {
  try {
    return openLocalStore(config);
  } catch (e) {
    if (e instanceof ConfigError) throw new StartupError(e.message);
    throw e;
  }
}

/**
 * How long a request may take to arrive whole. Node's default, 5 minutes, cut a 23.5 MB workbook (10,000 processes)
 * sent at 70 KB/s (a slow office link) with a bare 408 after 327 s, and sending it again failed the same way; 30
 * minutes take the largest body (MAX_BODY_BYTES, 64 MB by default) at about 300 kbit/s. A slow sender still cannot
 * hold a connection before its headers (headersTimeout, 60 s), nor send more than MAX_BODY_BYTES.
 */
export const REQUEST_TIMEOUT_MS = 30 * 60_000;

/**
 * Waits for `listening`, or rejects with a Spanish StartupError. Public answers already cached under the current
 * published state are sent before the app is entered (api/response-cache.ts): at 100 connections express's own
 * per-request work was a tenth of the server's CPU for those. With PORT=0 the server listens before the app exists
 * (see startOn): until `handler()` has one, a request is told that the server is starting.
 */
function listen(config: Config, handler: () => RequestListener | undefined): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const s: Server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS }, (req, res) => {
      const ready = handler();
      if (ready) { ready(req, res); return; }
      res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '5' });
      res.end(JSON.stringify({ error: { code: 'starting', message: 'El servidor está arrancando. Intente de nuevo en unos segundos.' } }));
    });
    answerClientErrors(s);
    answerKeptAliveRequests(s);
    s.once('error', (err: Error) => {
      const code = (err as { code?: unknown }).code;
      const where = `${config.host}:${config.port}`;
      reject(new StartupError(
        code === 'EADDRINUSE' ? `El puerto ${config.port} ya está en uso en ${config.host} (¿hay otro servidor abierto?). Cierre ese programa o elija otro puerto con --puerto o la variable PORT.`
          : code === 'EACCES' ? `No hay permiso para usar el puerto ${config.port}: elija uno mayor que 1023 con --puerto o la variable PORT.`
            : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' ? `La dirección ${config.host} no pertenece a este equipo: revise la variable HOST.`
              : `No se pudo abrir el servidor en ${where}. Revise las variables HOST y PORT.`,
      ));
    });
    s.listen(config.port, config.host, () => resolve(s));
  });
}

/**
 * Rejects with listen's Spanish StartupError when the configured port cannot be opened, and frees it again. Asked
 * before the examples are published into an empty database: a start on a port already in use published them (for
 * good: «una vez publicados no se quitan») and only then said that the port was taken.
 */
export async function checkPortFree(config: Config): Promise<void> {
  if (config.port === 0) return;
  const probe = await listen(config, () => undefined);
  await new Promise<void>((r) => probe.close(() => r()));
}

/**
 * The configuration with the port the server got: PORT=0 asks the system for a free one, and without
 * PUBLIC_BASE_URL the public address is made of HOST and PORT — `http://127.0.0.1:0` was written into every
 * package `uri`, `links.next`, bulk file listing and published release link, none of which answered.
 */
function withListeningPort(config: Config, server: Server): Config {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (port === config.port) return config;
  return { ...config, port, ...(config.publicBaseUrl === defaultPublicBaseUrl(config.host, config.port) ? { publicBaseUrl: defaultPublicBaseUrl(config.host, port) } : {}) };
}

export interface LocalServerOptions {
  root: string;
  log?: (m: string) => void;
  seed?: boolean;
  /**
   * Approvals left `approved` by a stopped server: `true` (the default) publishes each again at once, taking its
   * lease over; `false` leaves them alone (cluster workers other than the first, at the cluster's start). A worker of
   * `serve --procesos N` started again after one died gets the submissions the dead one was publishing (cluster.ts):
   * those are taken over at once, and every other one is queued as a new delivery, which waits while a live sibling
   * holds its lease (publication-task.ts).
   */
  recover?: boolean | { takeOver: readonly string[] };
  /** Told when this process starts and ends publishing a submission (a cluster worker tells its primary). */
  onPublishing?: (submissionId: string, running: boolean) => void;
  /**
   * `false`: the start-up notices (the dashboard not built, records linking under another address, publications an
   * earlier version derived) are not said here — cluster workers but the first, so `serve --procesos 4` does not say
   * each four times.
   */
  notices?: boolean;
  env?: NodeJS.ProcessEnv;
  /**
   * The built background thread (dist/background-worker.js): submitted workbooks are taken in, previews computed and
   * approvals published there, and the server keeps answering meanwhile (background-thread.ts). Without it — or on
   * an in-memory database, which another thread cannot open — that work runs in the server's thread.
   */
  backgroundWorker?: string;
}

export async function startLocalServer(config: Config, opts: LocalServerOptions): Promise<LocalServer> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const store = openStoreForServer(config);
  let lock: ServerLock | undefined;
  try {
    // A cluster's primary has asked, and holds the lock for its workers (cluster.ts).
    const unwritable = cluster.isWorker ? [] : unwritableData(config, uploadsDir(config));
    if (unwritable.length > 0) throw new StartupError(unwritable.join('\n'));
    lock = cluster.isWorker ? undefined : holdServerLock(config.sqlitePath);
    const started = await startOn(store, config, opts, log);
    const held = lock;
    return { ...started, close: async () => { try { await started.close(); } finally { held?.release(); } } };
  } catch (e) {
    await store.close();
    lock?.release();
    throw e;
  }
}

/**
 * What `serve` says at start of the publications it serves. Records link their releases under the address they were
 * published with (`derivedWith`, publish.ts): data published with `infra-abierta publish` (HOST:PORT of its
 * environment unless PUBLIC_BASE_URL) and served on another port or name had dead links, and nothing said so where
 * the server starts. After an upgrade (docs/operations.md), publications an earlier version derived are served as
 * they were — the personal-data filter of then, Seguimiento's «Sin contar (publicación anterior)» — until they are
 * derived again; the upgrade steps say to, and a step skipped went unseen. `publications republish` does both.
 */
async function warnStalePublications(store: Store, baseUrl: string, log: (m: string) => void): Promise<void> {
  const elsewhere = new Map<string, string[]>();
  const older: string[] = [];
  for (const { publisher, publication } of await currentSets(store, await allPublishers(store))) {
    const published = linksBaseUrl(publication);
    if (published !== undefined && published !== baseUrl) elsewhere.set(published, [...(elsewhere.get(published) ?? []), publisher.id]);
    const reasons = (await republishReasons(store, publication, baseUrl)).filter((r) => r !== 'address');
    if (reasons.length) older.push(`«${publisher.id}» (${formatList(reasons.map((r) => republishReasonText(r, publication)))})`);
  }
  const again = `Publíquelos de nuevo, sin cambiar sus datos, con «infra-abierta publications republish --confirmar» (con PUBLIC_BASE_URL=${baseUrl} y las demás variables del servidor)`;
  for (const [published, ids] of elsewhere) {
    log(`Aviso: los registros de ${ids.map((id) => `«${id}»`).join(', ')} enlazan sus entregas en ${published}, pero este servidor responde en ${baseUrl}: esos enlaces no funcionan. ${again}, o sirva en la dirección de antes.`);
  }
  if (older.length) {
    const shown = older.length > 10 ? [...older.slice(0, 10), `y ${formatCount(older.length - 10, 'publicador', 'publicadores')} más`] : older;
    log(`Aviso: una versión anterior del programa derivó lo que se sirve de ${formatCount(older.length, 'publicador', 'publicadores')}: ${shown.join('; ')}. Se sirve como se publicó hasta que se publique de nuevo (docs/operations.md, «Actualizar a una versión nueva»). ${again}.`);
  }
}

async function startOn(store: Store, configured: Config, opts: LocalServerOptions, log: (m: string) => void): Promise<LocalServer> {
  let handler: RequestListener | undefined;
  const listening = (): Promise<Server> => listen(configured, () => handler);
  // PORT=0 (the system picks the port): the server listens first, so that the address published below (seeded
  // examples, packages, release links) is the one answering; until it is ready it answers 503. With a known port it
  // listens once ready: a worker of `serve --procesos N` started again after a crash takes no share of the
  // connections while it starts.
  const early = configured.port === 0 ? await listening() : undefined;
  // With a known port the server listens only once ready: whether it can is asked before serveOn touches the
  // database — publishes the examples into an empty one, resumes interrupted publications, runs the daily job. A
  // second `serve` started by mistake on the same files and port (the service running, and `npm start` typed in a
  // terminal with the same variables) published again the approval the first was publishing — a second complete
  // copy that `publications prune` never removes, and «Reintento 2» in the submission's history — before it said
  // that the port was taken. A cluster's worker shares the port its primary checked.
  if (!early && !cluster.isWorker) await checkPortFree(configured);
  try {
    return await serveOn(early ? withListeningPort(configured, early) : configured, store, opts, log, async (h) => {
      handler = h;
      return early ?? listening();
    });
  } catch (e) {
    if (early) await new Promise<void>((r) => early.close(() => r()));
    throw e;
  }
}

/** Everything a server needs, built on `store`; `ready(handler)` gives the server that answers with it. */
async function serveOn(config: Config, store: Store, opts: LocalServerOptions, log: (m: string) => void, ready: (handler: RequestListener) => Promise<Server>): Promise<LocalServer> {
  if (opts.seed !== false && (await allPublishers(store)).length === 0) {
    await seedExamples(store, path.join(opts.root, 'templates', 'examples'), config.publicBaseUrl, new Date().toISOString(), log);
  }
  if (opts.notices !== false) await warnStalePublications(store, config.publicBaseUrl, log);
  const dashboardDir = path.join(opts.root, 'dashboard', 'dist');
  const env = opts.env ?? process.env;
  const services = localServices(store, config, env, log);
  const { uploads, bulk, mail, notify } = services;
  // Approvals publish in the background, one at a time (DESIGN §6), in the background thread when there is one.
  const thread = opts.backgroundWorker !== undefined && config.sqlitePath !== ':memory:' ? backgroundThread(opts.backgroundWorker, config, { env, log }) : undefined;
  const run = thread?.publish ?? localPublicationRunner(store, config, services, log);
  const takeOver = new Set<string>();
  const queue = inProcessQueue(async (task) => {
    opts.onPublishing?.(task.submissionId, true);
    try {
      return await run(task, { takeOver: takeOver.delete(task.submissionId) });
    } finally {
      opts.onPublishing?.(task.submissionId, false);
    }
  }, { log });
  // A server stopped in the middle of a publication leaves the submission `approved`: this single process held
  // its lease, so it is taken over at once and the publication is redone (the previous one was never replaced).
  // A cluster worker started again after one died takes over only that one's: a sibling's live publication taken
  // over ran twice at once, and the dead one's, left to no one, stayed «Aprobado, publicando».
  const recover = opts.recover ?? true;
  let resumed = 0;
  if (recover !== false) {
    await resumeInterruptedPublications(store, async (task) => {
      if (recover === true || recover.takeOver.includes(task.submissionId)) {
        takeOver.add(task.submissionId);
        resumed += 1;
      }
      await queue.enqueue(task);
      return 'done';
    });
  }
  if (resumed) log(`${resumed === 1 ? 'Se reanuda' : 'Se reanudan'} ${formatCount(resumed, 'publicación interrumpida', 'publicaciones interrumpidas')}.`);
  // Self-hosted identity: API tokens from `infra-abierta users add`; submissions are uploaded .xlsx files
  // kept next to the database.
  const workflow = workflowRoutes({
    store, authenticator: apiTokenAuthenticator(store), baseUrl: config.publicBaseUrl, log,
    uploads,
    maxUploadBytes: config.maxBodyBytes,
    publicationQueue: queue,
    ...(thread ? { work: thread } : {}),
    ...(notify ? { notify } : {}),
    // A large send answers «se está revisando» past this and is checked on (in the background thread): a proxy in
    // front (nginx's 60 s) no longer cuts it.
    sendBudgetMs: SEND_BUDGET_MS,
    // Alone on its database, a server takes over at once what a stopped one left «preparando» or «revisando»; a
    // worker of `serve --procesos N` has siblings, whose markers it judges by their heartbeat (kept-state.ts).
    markers: { sole: !cluster.isWorker },
  });
  // Once at start and then daily: reminders to publishers past their update period (with mail), and the monthly
  // report's month closes (workflow/month-closes.ts) — after an upgrade, rebuilt from the whole log here rather than
  // in a coordinator's request —, then the outcomes of sends' checks older than a week go (workflow/send-check.ts).
  // The run under way, which close() waits for before closing the database.
  let dailyRun: Promise<void> = Promise.resolve();
  const daily = () => {
    dailyRun = runDailyJob({ store, ...(mail ? { mail } : {}), log }).then(() => undefined);
  };
  daily();
  const reminders: NodeJS.Timeout = setInterval(daily, 86_400_000);
  reminders.unref();
  const answers = new ResponseCache();
  // Always given, even before it is built: read once here, a server started before `npm run build:dashboard`
  // answered «Página no encontrada» at `/` until restarted.
  const notBuilt = opts.notices === false ? undefined : dashboardNotBuiltNotice(dashboardDir);
  if (notBuilt) log(notBuilt);
  const app = createApp({ store, config, log, extraApi: [workflow], bulk, answers, dashboardDir });
  const server = await ready(takingTurns((req, res) => { if (!answers.answer(req, res, freshVersion(store))) app(req, res); }));
  thread?.warm();
  const url = `http://${config.host}:${config.port}/`;
  return {
    server, store, url, publications: queue,
    // A publication under way is finished before the database is closed.
    close: async () => { clearInterval(reminders); await dailyRun; await new Promise<void>((r) => server.close(() => r())); await queue.stop(); await thread?.close(); await store.close(); },
  };
}
