/**
 * The publication task (DESIGN §6): what runs after an approval, outside the approval's request.
 *
 * - `startApproval` (in the request): claims the submission (submitted|failed → approved, the lock of
 *   approve-submission.ts), audits, enqueues, and returns at once. The submission shows *publicando*.
 * - `runPublicationTask` (in the task): takes a lease on the submission — a history entry `publication-started`
 *   written by compare-and-set on the history's length, so of two deliveries of the same task only one runs — then pulls,
 *   validates and publishes through approveSubmission; the submission ends *publicado*, *falló* (with the
 *   reason) or back in review when the workbook has errors. A delivery for a finished submission does nothing.
 * - A runner that died (timeout, killed, out of memory) leaves its lease; after LEASE_MS (longer than the task
 *   function may run, so the holder is surely dead) the next delivery takes it over and publishes again, which
 *   is safe: publishing is idempotent (content hash) and half-written publications are never current.
 *   Self-hosted, `resumeInterruptedPublications` re-enqueues them at start-up, taking leases over at once
 *   (the single process that held them is gone).
 */
import { historyVersion } from '../store/submission-history';
import type { JsonObject, Publisher, Store, Submission, User } from '../store/store';
import { isStoreError } from '../store/store';
import { approveSubmission, claimApproval, type ApprovalDeps, type ApprovalOutcome } from '../workflow/approve-submission';
import { readAll } from '../store/read-all';
import type { PublicationQueue, PublicationTask, TaskResult } from './publication-queue';
import type { BulkService } from './bulk-service';
import { writeBulkAfterPublication } from './bulk-after-publication';
import { approvalEvent, type Notify } from '../workflow/workflow-events';

/** The publication task function's time limit (functions/src/index.ts) … */
export const TASK_TIMEOUT_SECONDS = 540;
/** … and the lease, a minute longer: a lease this old belongs to a runner that no longer exists. */
export const LEASE_MS = (TASK_TIMEOUT_SECONDS + 60) * 1000;
export const LEASE_ACTION = 'publication-started';

export interface PublicationTaskDeps extends ApprovalDeps {
  leaseMs?: number;
  /** Writes the new publication's bulk files right away (otherwise the first download builds them). */
  bulk?: BulkService;
  /**
   * Writes the files of all publishers together too (the cloud; bulk-after-publication.ts). Self-hosted a download
   * has no time limit and builds them when first asked, so the background thread is not held as long again after
   * every publication.
   */
  allPublishersFiles?: boolean;
  /** Documents above which those are not written, as the API refuses them (core/packages/bulk-limit.ts); tests lower it. */
  allPublishersMaxDocuments?: number;
  /** Tells the submitter once the publication is done (notifications outbox). */
  notify?: Notify;
}

/** In the approval request: claim, audit, enqueue. If the task cannot be enqueued the approval fails visibly. */
export async function startApproval(deps: ApprovalDeps, queue: PublicationQueue, submission: Submission, publisher: Publisher, actor: User, origin: JsonObject = {}): Promise<Submission> {
  const at = deps.now().toISOString();
  const approved = await claimApproval(deps.store, submission, actor, at, deps.reviewed);
  await deps.store.appendAudit({ at, actor: actor.id, action: 'submission.approved', target: `submission/${submission.id}`, publisherId: publisher.id, details: { from: submission.status, queued: true, ...origin } });
  try {
    await queue.enqueue({ submissionId: submission.id, actorId: actor.id });
  } catch (e) {
    deps.log(`no se pudo encolar la publicación de ${submission.id}: ${e instanceof Error ? e.message : String(e)}`);
    const reason = 'No se pudo programar la publicación (servicio de tareas no disponible); no se publicó nada. Apruebe de nuevo en unos minutos.';
    const failedAt = deps.now().toISOString();
    const failed = await deps.store.transitionSubmission(submission.id, ['approved'], 'failed', { at: failedAt, by: 'system', action: 'failed', comment: reason });
    // In the Bitácora too, as every other failure: it showed «Aprobó» and then nothing.
    await deps.store.appendAudit({ at: failedAt, actor: 'system', action: 'submission.failed', target: `submission/${submission.id}`, publisherId: publisher.id, details: { code: 'publish.unscheduled', reason } });
    return failed;
  }
  return approved;
}

function leaseHeld(submission: Submission, now: Date, leaseMs: number): boolean {
  const last = submission.history[submission.history.length - 1];
  return last?.action === LEASE_ACTION && now.getTime() - Date.parse(last.at) < leaseMs;
}

/** In the task: lease, publish, finish. `takeOver` ignores a live lease (start-up of the single process). */
export async function runPublicationTask(deps: PublicationTaskDeps, task: PublicationTask, opts: { takeOver?: boolean; onOutcome?: (o: ApprovalOutcome) => void } = {}): Promise<TaskResult> {
  const { store } = deps;
  const submission = await store.getSubmission(task.submissionId);
  // Finished (or never approved): a repeated delivery has nothing to do.
  if (!submission || submission.status !== 'approved') return 'done';
  const now = deps.now();
  if (!opts.takeOver && leaseHeld(submission, now, deps.leaseMs ?? LEASE_MS)) return 'busy';
  const attempts = submission.history.filter((h) => h.action === LEASE_ACTION).length;
  let leased: Submission;
  try {
    leased = await store.transitionSubmission(submission.id, ['approved'], 'approved',
      // By the coordinator whose approval this publishes: the history named «sistema» as who started it.
      { at: now.toISOString(), by: task.actorId, action: LEASE_ACTION, ...(attempts ? { comment: `Reintento ${attempts + 1} de la publicación.` } : {}) },
      { ifVersion: historyVersion(submission) });
  } catch (e) {
    if (isStoreError(e, 'conflict')) return 'busy';
    throw e;
  }
  const publisher = await store.getPublisher(submission.publisherId);
  if (!publisher) {
    const reason = 'El implementador de este envío ya no está registrado.';
    const at = deps.now().toISOString();
    await store.transitionSubmission(submission.id, ['approved'], 'failed', { at, by: 'system', action: 'failed', comment: reason });
    // In the log too, as every other failed publication is: the history alone left it out of the Bitácora.
    await store.appendAudit({ at, actor: 'system', action: 'submission.failed', target: `submission/${submission.id}`, publisherId: submission.publisherId, details: { code: 'publish.unknown-publisher', reason } });
    return 'done';
  }
  const actor: User = (await store.getUser(task.actorId)) ?? { id: task.actorId, email: '', role: 'coordinador' };
  const outcome = await approveSubmission({ ...deps, claimed: true }, leased, publisher, actor);
  opts.onOutcome?.(outcome);
  // In the background: the coordinator who approved may be gone, so a failure is mailed to them too.
  const event = approvalEvent(outcome, publisher, actor, true);
  if (event) await deps.notify?.(event);
  if (outcome.kind === 'published' && !outcome.unchanged && deps.bulk) {
    await writeBulkAfterPublication({ ...deps, store, bulk: deps.bulk }, publisher, outcome.publication);
  }
  return 'done';
}

/** Self-hosted start-up: every approval left `approved` by a stopped server is published again. */
export async function resumeInterruptedPublications(store: Store, run: (task: PublicationTask) => Promise<TaskResult>): Promise<number> {
  const stuck = await readAll((after) => store.listSubmissions({ status: 'approved', after, limit: 1000 }));
  for (const s of stuck) {
    const approval = [...s.history].reverse().find((h) => h.action === 'approved');
    await run({ submissionId: s.id, actorId: approval?.by ?? 'system' });
  }
  return stuck.length;
}
