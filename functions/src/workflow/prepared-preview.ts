/**
 * The preview of a send (GET /api/submissions/:id/preview: what approving it would change) computed outside the
 * request that asks for it when it takes long. With 10,000 processes and 5,000 projects it took 33–88 s, and the
 * request waited for it: Firebase Hosting cuts a request to the functions at 60 s, as nginx does by default
 * (`proxy_read_timeout`), so the coordinator of a large implementer never saw it and could not decide.
 *
 * What is computed is kept in the store (Store.putPreparedPreview), by the snapshot's content hash and the publisher,
 * with the publication it was compared with: a new publication makes it stale (computed again), a new revision is
 * another snapshot, and pruning a snapshot removes it. The entry says `preparing` (since when, by whom, and its
 * heartbeat: kept-state.ts WorkMark), `ready` or `failed` (the Spanish reason, told once to whoever asks next; asking
 * again afterwards starts over).
 *
 * A request whose preview is not kept starts it and waits at most a budget (PREVIEW_BUDGET_MS); past it, it answers
 * 503 `preview-preparing` with Retry-After — as the monthly report does while it is being prepared: the client is
 * told to come back (Retry-After is defined for 503, not for 202), and a client that does not know the code shows its
 * Spanish message instead of taking the answer for a preview — and the page asks again by itself. Where the work
 * goes on after that answer:
 * - self-hosted, in the server's background thread (server/background-thread.ts), which a sent answer does not stop;
 * - in the cloud, a process's work after its answer is not reliable (Cloud Run, which runs the functions, throttles
 *   an instance's CPU outside requests and may stop it), so a large send's preview is a task of the publication
 *   queue's function (`publishSubmission`, functions/src/index.ts), run to its end within a request of its own,
 *   and the asking request waits for what it keeps. A small one is computed in the request, as before.
 */
import { HttpError, STORE_MESSAGES } from '../api/http-error';
import { SourceError } from '../ingest/sheet-source';
import { isStoreError, type Publisher, type Store, type SubmissionSnapshot } from '../store/store';
import type { ChangePreview } from '../../../core/workflow/contract';
import type { SubmissionPreview, SubmissionWork } from './submission-work';
import { beginAttempt, claimWork, isAbandoned, pollKept, type KeptSlot, type MarkerPolicy, previewSlot, QUEUED, readSlot, type WorkMark, withinBudget } from './kept-state';

/** How long a request waits for its preview before answering «se está preparando»: well under a proxy's 60 s. */
export const PREVIEW_BUDGET_MS = 20_000;
/** In the cloud, sends of more processes and projects than this are previewed by a task (about 6 ms each on one CPU). */
export const INLINE_PREVIEW_MAX_ITEMS = 1_000;
/** A task delivered this many times without keeping anything (each attempt died): says so instead of trying again. */
export const PREVIEW_TASK_ATTEMPTS = 3;
/**
 * The shape kept and the rules it was computed by; another version's (an upgrade) is computed again. 2: a process
 * told apart from its published release only by the tag an earlier version derived is unchanged
 * (core/merge/same-release-content.ts sameButDerivedTag), as its approval publishes it: a preview kept before listed it
 * as modified, with no field changed. 3: a project is judged by what was typed when it was published
 * (core/workflow/change-preview.ts projectEdits), as its approval counts it.
 */
const FORMAT = 3;

type Kept =
  | ({ format: number; state: 'preparing' } & WorkMark)
  | { format: number; state: 'ready'; currentPublicationId: string | null; preview: ChangePreview }
  | { format: number; state: 'failed'; status: number; code: string; message: string };

/** A preview to prepare in the background (the cloud: a task of the publication queue's function). */
export interface PreviewTask { contentHash: string; publisherId: string }
export interface PreviewQueue { enqueue(task: PreviewTask): Promise<void> }

const INTERNAL = 'Ocurrió un error interno al calcular la vista previa. Vuelva a abrir la página para intentarlo de nuevo; si el problema sigue, avise a quien administra la plataforma.';
const NOT_FINISHED = 'El cálculo de la vista previa de este envío se interrumpió varias veces sin terminar, probablemente por su tamaño. Vuelva a abrir la página para intentarlo de nuevo; si vuelve a pasar, devuélvalo para que se envíe en partes, o avise a quien administra la plataforma.';
const UNSCHEDULED = 'No se pudo programar el cálculo de la vista previa (servicio de tareas no disponible). Intente de nuevo en unos minutos.';

/** The preview kept in `slot` (a snapshot's, by its content hash, and a publisher's), if of this version's shape, with its version. */
const readPrepared = (slot: KeptSlot) => readSlot<Kept>(slot, FORMAT);

const keep = (slot: KeptSlot, kept: Kept): Promise<void> => slot.put(JSON.stringify(kept));

/** What a failure is kept as: what the request would have answered. */
function failedAs(e: unknown): Kept {
  if (e instanceof HttpError) return { format: FORMAT, state: 'failed', status: e.status, code: e.code, message: e.message };
  if (e instanceof SourceError) return { format: FORMAT, state: 'failed', status: 409, code: e.code, message: e.message };
  if (isStoreError(e) && e.kind === 'conflict') return { format: FORMAT, state: 'failed', status: 409, code: e.kind, message: STORE_MESSAGES[e.kind] };
  return { format: FORMAT, state: 'failed', status: 500, code: 'internal', message: INTERNAL };
}

/** A kept failure as the error its request throws (a missing snapshot as the SourceError the route knows). */
const failure = (kept: Extract<Kept, { state: 'failed' }>): Error => (kept.code === 'snapshot-missing' ? new SourceError(kept.message, kept.code) : new HttpError(kept.status, kept.code, kept.message));

/**
 * Computes the preview and keeps it. A failure is kept when nobody is waiting for it any more (`unanswered`: the
 * request answered «se está preparando», or a task), for the next request to tell; otherwise the marker goes and the
 * failure is the waiting request's.
 */
async function prepare(slot: KeptSlot, work: SubmissionWork, contentHash: string, publisher: Publisher, now: string, unanswered: () => boolean, log: (m: string) => void): Promise<SubmissionPreview> {
  try {
    const computed = await work.preview(contentHash, publisher, now);
    await keep(slot, { format: FORMAT, state: 'ready', currentPublicationId: computed.currentPublicationId, preview: computed.preview });
    return computed;
  } catch (e) {
    if (unanswered()) {
      const kept = failedAs(e);
      if (kept.state === 'failed' && kept.code === 'internal') log(`vista previa de ${contentHash.slice(0, 12)} (${publisher.id}): ${e instanceof Error ? e.message : String(e)}`);
      await keep(slot, kept).catch(() => undefined);
    } else {
      await slot.delete().catch(() => undefined);
    }
    throw e;
  }
}

export interface PreparedPreviewDeps {
  store: Store;
  work: SubmissionWork;
  log: (m: string) => void;
  /** PREVIEW_BUDGET_MS unless given (tests: 0 answers «se está preparando» at once). */
  budgetMs?: number;
  /** The cloud: large sends' previews go to this queue. Absent: computed where `work` runs, the request waiting up to the budget. */
  queue?: PreviewQueue;
  /** INLINE_PREVIEW_MAX_ITEMS unless given. */
  inlineMaxItems?: number;
  /**
   * This process's identity and heartbeat, and how another's «se está preparando» is judged (kept-state.ts): taken
   * over once its heartbeat is stale — a process that stopped (a self-hosted server restarted, a cluster's worker
   * that crashed, a cloud instance that died in the middle of a small preview computed in its request) — never while
   * its owner still computes it.
   */
  markers: MarkerPolicy;
}

/** How large a send is, for the choice above: its processes and projects, or its rows when an older snapshot did not count them. */
const sizeOf = (s: SubmissionSnapshot): number => (s.processes !== undefined || s.projects !== undefined ? (s.processes ?? 0) + (s.projects ?? 0) : s.rows);

/**
 * The preview of `snapshot` for `publisher` within the budget, or 'preparing' (being computed; ask again). A kept
 * failure is thrown once. Errors of a computation that finished within the budget are thrown as they came.
 */
export async function previewWithinBudget(deps: PreparedPreviewDeps, snapshot: SubmissionSnapshot, publisher: Publisher, now: string): Promise<SubmissionPreview | 'preparing'> {
  const { store } = deps;
  const hash = snapshot.contentHash;
  const slot = previewSlot(store, hash, publisher.id);
  const current = (await store.getCurrent(publisher.id))?.id ?? null;
  const { kept, version } = await readPrepared(slot);
  if (kept?.state === 'ready' && kept.currentPublicationId === current) return { currentPublicationId: current, preview: kept.preview };
  if (kept?.state === 'failed') {
    await slot.delete();
    throw failure(kept);
  }
  if (kept?.state === 'preparing' && !isAbandoned(kept, deps.markers)) return 'preparing';

  // Said before the work starts, in place of what was read: a request meanwhile (another tab, the page asking again,
  // on another process) waits for this one; one that read the same thing and said it first has the work.
  const at = new Date().toISOString();
  const marker = (owner: string) => (beat: string) => JSON.stringify({ format: FORMAT, state: 'preparing', at, owner, beat } satisfies Kept);
  const budget = deps.budgetMs ?? PREVIEW_BUDGET_MS;
  if (deps.queue && sizeOf(snapshot) > (deps.inlineMaxItems ?? INLINE_PREVIEW_MAX_ITEMS)) {
    if ((await slot.swap(version, marker(QUEUED)(at))) === undefined) return 'preparing';
    try {
      await deps.queue.enqueue({ contentHash: hash, publisherId: publisher.id });
    } catch (e) {
      deps.log(`no se pudo encolar la vista previa de ${hash.slice(0, 12)} (${publisher.id}): ${e instanceof Error ? e.message : String(e)}`);
      await slot.delete();
      throw new HttpError(503, 'preview-unscheduled', UNSCHEDULED);
    }
    const seen = await pollKept<Kept>(slot, FORMAT, budget, (kept) => kept.state === 'ready' || kept.state === 'failed');
    if (seen?.state === 'ready') return { currentPublicationId: seen.currentPublicationId, preview: seen.preview };
    if (seen?.state === 'failed') {
      await slot.delete();
      throw failure(seen);
    }
    return 'preparing';
  }
  const claim = await claimWork(slot, version, marker(deps.markers.owner), deps.markers, deps.log);
  if (!claim) return 'preparing';
  let answered = false;
  const job = prepare(slot, deps.work, hash, publisher, now, () => answered, deps.log).finally(() => claim.release());
  const outcome = await withinBudget(job, budget);
  if (outcome !== 'late') return outcome;
  // The work goes on after the answer; what it keeps (or how it failed) is there for the next request.
  answered = true;
  job.catch(() => undefined);
  return 'preparing';
}

/**
 * The task (the cloud's publication queue function): computes and keeps the preview, however it ends. A repeated
 * delivery of a preview already kept for the current publication does nothing; `attempt` (0 the first) past
 * PREVIEW_TASK_ATTEMPTS - 1 means every earlier one died on it: that is kept, for the coordinator to read.
 */
export async function runPreviewTask(deps: { store: Store; work: SubmissionWork; now: () => Date; log: (m: string) => void }, task: PreviewTask, attempt = 0): Promise<void> {
  const { store } = deps;
  const publisher = await store.getPublisher(task.publisherId);
  if (!publisher) return;
  const slot = previewSlot(store, task.contentHash, task.publisherId);
  const { kept, version } = await readPrepared(slot);
  if (kept?.state === 'ready' && kept.currentPublicationId === ((await store.getCurrent(publisher.id))?.id ?? null)) return;
  if (attempt >= PREVIEW_TASK_ATTEMPTS - 1) {
    await keep(slot, { format: FORMAT, state: 'failed', status: 503, code: 'preview-interrupted', message: NOT_FINISHED });
    return;
  }
  if (kept?.state === 'preparing' && kept.owner === QUEUED && !(await beginAttempt(slot, version, kept))) return;
  await prepare(slot, deps.work, task.contentHash, publisher, deps.now().toISOString(), () => true, deps.log).catch(() => undefined);
}
