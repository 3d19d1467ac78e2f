/**
 * A send (POST /api/submissions) whose check outlasts its request's budget. Taking in a workbook of 10,000 processes
 * and 5,000 projects (read, convert, validate, keep its snapshot) took 35–56 s, and the request waited for it: nginx
 * cuts a request at 60 s by default (`proxy_read_timeout`), as Firebase Hosting does, so a large institution's send
 * ended in the proxy's error page, with no way to know whether it had been taken.
 *
 * The request waits at most a budget (SEND_BUDGET_MS). Within it, the answer is the one it always was (201/200/422…).
 * Past it, the request answers 202 SEND_CHECKING with where to ask (`Location`: GET /api/submissions/checks/{id}),
 * and the send goes on in this process — self-hosted, its check runs in the server's background thread
 * (server/background-thread.ts), which an answer sent does not stop; meanwhile the check's marker says which process
 * runs it, with its heartbeat (kept-state.ts), so that only a process that stopped has its check said interrupted,
 * never a cluster's live worker. What it would have answered is then kept in the store, under the check's id and for
 * the official who sent it, and GET answers it, status and body, as the POST would have (contract.ts SEND_CHECKING
 * says why 202 rather than the preview's 503).
 *
 * Kept in the store's send checks (Store.putSendCheck: small JSON texts, split into parts there when a refusal lists
 * many findings), and only for a while: the daily job removes those kept more than KEEP_CHECKS_MS ago
 * (forgetOldSendChecks). Until 5 Dec 2026 (never deployed) they were kept among the prepared previews, under
 * `send-check:<id>`: none exist to be read from there.
 */
import { randomUUID } from 'crypto';
import { HttpError, STORE_MESSAGES } from '../api/http-error';
import { isStoreError, type Store } from '../store/store';
import { SEND_CHECKING_RETRY_SECONDS, WORKFLOW_PATHS, type SendCheckingAnswer } from '../../../core/workflow/contract';
import { isRefusal, noteRefusedSend } from './refused-sends';
import { beginAttempt, claimWork, isAbandoned, pollKept, type KeptSlot, type MarkerPolicy, QUEUED, readSlot, sendCheckSlot, type WorkMark, withinBudget } from './kept-state';

/** How long a send's request waits for its check before answering «se está revisando»: well under a proxy's 60 s. */
export const SEND_BUDGET_MS = 20_000;
const FORMAT = 1;

/** What a send answers: its status and JSON body. */
export interface SentAnswer { status: number; body: unknown }

type Kept =
  | ({ format: number; state: 'checking'; userId: string } & WorkMark)
  | { format: number; state: 'done'; userId: string; answer: SentAnswer };

export interface SendCheckDeps {
  store: Store;
  log: (m: string) => void;
  /** SEND_BUDGET_MS unless given (tests: 0 answers «se está revisando» at once). */
  budgetMs?: number;
  /**
   * This process's identity and heartbeat, and how another's «revisando» is judged (kept-state.ts): said
   * interrupted once its heartbeat is stale (its process stopped), never while its owner still runs it — in a cluster,
   * a sibling worker.
   */
  markers: MarkerPolicy;
}

/**
 * The cloud's send: a task of the publication queue's function (`publishSubmission`, functions/src/index.ts), run to
 * its end within a request of its own — Cloud Run throttles an instance's CPU once its request is answered, so a
 * check left to go on after the answer might never end. Only a Google spreadsheet's id is sent there (the task reads
 * the sheet itself), so a task is small.
 */
export interface SendTask {
  checkId: string; userId: string; publisherId: string; spreadsheetId: string; spreadsheetName?: string;
  /** Where the send was asked from (sign-in-audit.ts decisionOrigin), for its Bitácora entry: the task has no request. */
  origin?: { ip: string; userAgent?: string };
}
export interface SendQueue { enqueue(task: SendTask): Promise<void> }
/** A task delivered this many times without keeping an answer (each attempt died): says so instead of trying again. */
export const SEND_TASK_ATTEMPTS = 3;
const NOT_FINISHED = 'La revisión del libro se interrumpió varias veces sin terminar, probablemente por su tamaño. Envíelo de nuevo; si vuelve a pasar, envíelo en partes o avise a quien administra la plataforma.';
const UNSCHEDULED = 'No se pudo programar la revisión del libro (servicio de tareas no disponible). Intente de nuevo en unos minutos.';

const INTERNAL = 'Ocurrió un error interno al revisar el libro. Envíelo de nuevo; si el problema sigue, avise a quien administra la plataforma.';
const INTERRUPTED = 'La revisión del libro se interrumpió antes de terminar (la plataforma se reinició). Envíelo de nuevo: si ya había quedado «En revisión», el nuevo envío lo dirá sin duplicarlo.';
const NOT_STARTED = 'La revisión del libro lleva más de una hora sin empezar: la plataforma tiene muchos trabajos en espera o su servicio de tareas no responde. Envíelo de nuevo más tarde (si la revisión llegó a hacerse, o el libro ya había quedado «En revisión», el nuevo envío lo dirá sin duplicarlo); si vuelve a pasar, avise a quien administra la plataforma.';

/** A failure as the error handler (api/http-error.ts) would have answered it. */
function answerOf(e: unknown, log: (m: string) => void): SentAnswer {
  if (e instanceof HttpError) return { status: e.status, body: { error: { code: e.code, message: e.message } } };
  if (isStoreError(e)) {
    const status = { conflict: 409, 'not-found': 404, invalid: 400, 'invalid-cursor': 400, 'too-large': 413 }[e.kind];
    return { status, body: { error: { code: e.kind, message: STORE_MESSAGES[e.kind] } } };
  }
  log(`error interno al revisar un envío: ${e instanceof Error ? e.message : String(e)}`);
  return { status: 500, body: { error: { code: 'internal', message: INTERNAL } } };
}

/** The check kept in `slot` (its id's, for its publisher), if of this version's shape, with its version. */
const readCheck = (slot: KeptSlot) => readSlot<Kept>(slot, FORMAT);

const keep = (slot: KeptSlot, kept: Kept): Promise<void> => slot.put(JSON.stringify(kept));

/**
 * A send's answer kept as its check's, done — a refusal's line for its coordinators (refused-sends.ts) written first:
 * once its official is told, its coordination sees the attempt.
 */
async function keepDone(store: Store, slot: KeptSlot, id: string, owner: { userId: string; publisherId: string }, answer: SentAnswer): Promise<void> {
  await noteRefusedSend(store, id, owner, answer);
  await keep(slot, { format: FORMAT, state: 'done', userId: owner.userId, answer });
}

/** The check's id carries its publisher (the store keys what it keeps by both): `<publisher>~<uuid>`. */
const checkId = (publisherId: string) => `${publisherId}~${randomUUID()}`;
export const publisherOfCheck = (id: string): string | undefined => (/^(.+)~[0-9a-f-]{36}$/.exec(id) ?? [])[1];

function checkingAnswer(id: string, since: string): SendCheckingAnswer {
  return {
    checking: { id, since, location: WORKFLOW_PATHS.sendCheck(id) },
    message: 'Revisando el libro: la plataforma lo está leyendo, convirtiendo y validando. Con libros así de grandes tarda unos minutos; el resultado estará listo en esta misma dirección.',
  };
}

/**
 * Runs the send; its answer if it comes within the budget (a failure thrown as it came, for the error handler), or
 * «se está revisando» with the check's id, the send going on and its answer kept for GET.
 */
export async function sendWithinBudget(deps: SendCheckDeps, owner: { userId: string; publisherId: string }, run: () => Promise<SentAnswer>): Promise<SentAnswer | SendCheckingAnswer> {
  const job = run().then((ok) => ({ ok }), (err: unknown) => ({ err }));
  const budget = deps.budgetMs ?? SEND_BUDGET_MS;
  const outcome = await withinBudget(job, budget);
  if (outcome !== 'late') {
    if ('err' in outcome) throw outcome.err;
    await keepAnsweredRefusal(deps.store, owner, outcome.ok, deps.log);
    return outcome.ok;
  }
  const id = checkId(owner.publisherId);
  const since = new Date().toISOString();
  const slot = sendCheckSlot(deps.store, id, owner.publisherId);
  // Said before the answer, then its heartbeat while the check runs; what the send answers is kept after it (never
  // before: it would be overwritten). A new id: nothing is kept there to be claimed first.
  const marked = claimWork(slot, undefined, (beat) => JSON.stringify({ format: FORMAT, state: 'checking', at: since, userId: owner.userId, owner: deps.markers.owner, beat } satisfies Kept), deps.markers, deps.log);
  void marked.then(async (claim) => {
    try {
      const o = await job;
      await keepDone(deps.store, slot, id, owner, 'ok' in o ? o.ok : answerOf(o.err, deps.log));
    } finally {
      await claim?.release();
    }
  }).catch((e: unknown) => deps.log(`no se pudo guardar el resultado de la revisión ${id}: ${e instanceof Error ? e.message : String(e)}`));
  await marked;
  return checkingAnswer(id, since);
}

/**
 * The cloud: the send becomes a task (`task` without its id), and this request waits for the answer it keeps, at
 * most the budget; past it, «se está revisando». The task is told before it is enqueued, so it is never lost.
 */
export async function queuedSendWithinBudget(deps: SendCheckDeps, queue: SendQueue, task: Omit<SendTask, 'checkId'>): Promise<SentAnswer | SendCheckingAnswer> {
  const id = checkId(task.publisherId);
  const since = new Date().toISOString();
  const slot = sendCheckSlot(deps.store, id, task.publisherId);
  // The queue's: delivered again if its instance dies (no heartbeat; kept-state.ts QUEUED_LOST_MS).
  await keep(slot, { format: FORMAT, state: 'checking', at: since, userId: task.userId, owner: QUEUED });
  try {
    await queue.enqueue({ ...task, checkId: id });
  } catch (e) {
    deps.log(`no se pudo encolar la revisión del envío ${id}: ${e instanceof Error ? e.message : String(e)}`);
    await slot.delete().catch(() => undefined);
    throw new HttpError(503, 'send-unscheduled', UNSCHEDULED);
  }
  const seen = await pollKept<Kept>(slot, FORMAT, deps.budgetMs ?? SEND_BUDGET_MS, (kept) => kept.state === 'done');
  return seen?.state === 'done' ? seen.answer : checkingAnswer(id, since);
}

/**
 * The task: runs the send (`run`) and keeps its answer, however it ends. A repeated delivery of one already answered
 * does nothing; `attempt` (0 the first) past SEND_TASK_ATTEMPTS - 1 means every earlier one died on it: kept as such.
 */
export async function runSendTask(deps: { store: Store; log: (m: string) => void }, task: SendTask, attempt: number, run: () => Promise<SentAnswer>): Promise<void> {
  const slot = sendCheckSlot(deps.store, task.checkId, task.publisherId);
  const { kept, version } = await readCheck(slot);
  if (!kept || kept.state === 'done') return;
  const done = (answer: SentAnswer): Promise<void> => keepDone(deps.store, slot, task.checkId, task, answer);
  if (attempt >= SEND_TASK_ATTEMPTS - 1) return done({ status: 503, body: { error: { code: 'send-interrupted', message: NOT_FINISHED } } });
  if (!(await beginAttempt(slot, version, kept))) return;
  await done(await run().catch((e: unknown) => answerOf(e, deps.log)));
}

/**
 * A refusal answered within its request, which no check kept: kept as a check of its own, done (its official may ask
 * GET /api/submissions/checks/{id} for it too), with its line for the coordinators (refused-sends.ts). Its failure
 * is logged, never answered: the official is still told why the workbook was refused.
 */
export async function keepAnsweredRefusal(store: Store, owner: { userId: string; publisherId: string }, answer: SentAnswer, log: (m: string) => void): Promise<void> {
  if (!isRefusal(answer)) return;
  const id = checkId(owner.publisherId);
  try {
    await keepDone(store, sendCheckSlot(store, id, owner.publisherId), id, owner, answer);
  } catch (e) {
    log(`no se pudo guardar el envío rechazado ${id}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The answer a refusal's check keeps, for its coordinators (refused-sends.ts); undefined unless it is a refusal kept whole. */
export async function keptRefusal(store: Store, id: string, publisherId: string): Promise<SentAnswer | undefined> {
  const { kept } = await readCheck(sendCheckSlot(store, id, publisherId));
  return kept?.state === 'done' && isRefusal(kept.answer) ? kept.answer : undefined;
}

export const isChecking = (a: SentAnswer | SendCheckingAnswer): a is SendCheckingAnswer => 'checking' in a;

/** What GET /api/submissions/checks/{id} answers `userId`: «se está revisando», the send's answer, or undefined (no such check of theirs). */
export async function sendCheckAnswer(deps: SendCheckDeps, id: string, userId: string): Promise<SentAnswer | SendCheckingAnswer | undefined> {
  const publisherId = publisherOfCheck(id);
  if (!publisherId) return undefined;
  const slot = sendCheckSlot(deps.store, id, publisherId);
  const { kept, version } = await readCheck(slot);
  if (!kept || kept.userId !== userId) return undefined;
  if (kept.state === 'done') return kept.answer;
  if (!isAbandoned(kept, deps.markers)) return checkingAnswer(id, kept.at);
  // Not kept as the answer: a queued task that does come later checks the send and keeps its real outcome, then answered.
  if (kept.owner === QUEUED) return { status: 503, body: { error: { code: 'send-interrupted', message: NOT_STARTED } } };
  const answer: SentAnswer = { status: 503, body: { error: { code: 'send-interrupted', message: INTERRUPTED } } };
  // Over the very marker read: a heartbeat or the outcome written meanwhile (its owner was alive after all) wins.
  if ((await slot.swap(version, JSON.stringify({ format: FORMAT, state: 'done', userId, answer } satisfies Kept))) === undefined) return sendCheckAnswer(deps, id, userId);
  return answer;
}

/**
 * How long a check's outcome is kept after it was last written: 7 days. It is needed until its official has read it
 * — «Mis envíos» and the add-on ask for it every few seconds while it is being checked — and for a while after (a page
 * reloaded, the outcome looked at again the next morning, or after a long weekend); the send itself, once taken, is in
 * the submission's history, so an outcome gone after a week loses nothing. Without a limit, every large send left
 * one behind for ever (a refusal lists its findings: up to megabytes).
 */
export const KEEP_CHECKS_MS = 7 * 86_400_000;

/**
 * The daily job's part (functions/src/index.ts updateReminders, the self-hosted server's daily timer): how many were
 * removed. It also marks refused sends as counted from now if no refusal did yet (refused-sends.ts countRefusal): a
 * month with none after an upgrade is then reported as 0, not as «no se contaban».
 */
export const forgetOldSendChecks = async (store: Store, now: Date): Promise<number> => {
  await store.startRefusedCounts(now.toISOString());
  return store.deleteSendChecksKeptBefore(new Date(now.getTime() - KEEP_CHECKS_MS).toISOString());
};

export const SEND_CHECK_RETRY_AFTER = String(SEND_CHECKING_RETRY_SECONDS);
