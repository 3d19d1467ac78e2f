/**
 * Publication as a background job (DESIGN §6): approval enqueues a task and answers at once. The queue is the
 * narrow seam between the two deployments — Cloud Tasks through a firebase-functions task queue in the cloud
 * (functions/src/index.ts), this in-process queue self-hosted. Either may deliver a task more than once or after
 * its runner died: the runner (publication-task.ts) is idempotent and leases the submission.
 */
import { diskTroubleAdvice } from '../lib/disk-trouble';

/** The log line's ending when the disk refused a write (full, no permission): what the operator is to do. */
function diskSuffix(e: unknown): string {
  const disk = diskTroubleAdvice(e);
  return disk !== undefined ? ` — ${disk}` : '';
}

export interface PublicationTask {
  submissionId: string;
  /** Who approved (user id), for the audit log. */
  actorId: string;
}

export interface PublicationQueue {
  enqueue(task: PublicationTask): Promise<void>;
}

/** What running a task says: finished (whatever the outcome), or someone else holds the lease — try later. */
export type TaskResult = 'done' | 'busy';

export interface InProcessQueue extends PublicationQueue {
  /** Resolves when no task is queued or running (retries waiting for their delay do not count). */
  idle(): Promise<void>;
  /** Whether a task is queued or running (a server asked to stop says it will finish it first). */
  busy(): boolean;
  /** Lets the running task finish and starts nothing more (shutdown). */
  stop(): Promise<void>;
}

/**
 * Runs tasks one at a time in this process (a publication is CPU- and write-heavy; two at once would only
 * compete). A task that throws or finds the submission busy is retried after the next delay, then given up on:
 * the submission then stays as the runner left it (an `approved` one is resumed at the next start-up).
 */
export function inProcessQueue(run: (task: PublicationTask) => Promise<TaskResult>, opts: { log: (m: string) => void; retryDelaysMs?: number[] }): InProcessQueue {
  const delays = opts.retryDelaysMs ?? [5_000, 30_000, 120_000, 600_000];
  let chain: Promise<void> = Promise.resolve();
  let pending = 0;
  let stopped = false;
  let waiters: (() => void)[] = [];
  const settle = () => {
    pending -= 1;
    if (pending === 0) { const w = waiters; waiters = []; w.forEach((f) => f()); }
  };
  const idle = () => (pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)));
  const schedule = (task: PublicationTask, attempt: number, delayMs: number) => {
    const start = () => {
      if (stopped) return;
      pending += 1;
      chain = chain.then(async () => {
        if (stopped) return;
        let result: TaskResult;
        try {
          result = await run(task);
        } catch (e) {
          opts.log(`La publicación del envío ${task.submissionId} falló (intento ${attempt + 1}): ${e instanceof Error ? e.message : String(e)}${diskSuffix(e)}`);
          result = 'busy';
        }
        if (result === 'busy' && attempt < delays.length) schedule(task, attempt + 1, delays[attempt]);
      }).finally(settle);
    };
    if (delayMs > 0) setTimeout(start, delayMs).unref();
    else start();
  };
  return {
    async enqueue(task) {
      if (stopped) throw new Error('publication queue stopped');
      schedule(task, 0, 0);
    },
    idle,
    busy: () => pending > 0,
    async stop() {
      stopped = true;
      await idle();
    },
  };
}
