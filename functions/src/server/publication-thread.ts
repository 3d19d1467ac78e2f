/**
 * The self-hosted server publishes in a thread of its own (DESIGN §6). Converting and validating an approved
 * workbook is synchronous CPU work: run in the server's thread it held every request for as long as it lasted —
 * the event loop stood still 2.0 s while 1,000 processes were published and 9.5 s for 5,000 (bench:publish prints
 * it). In a worker thread the server keeps answering, on the machine's other core, and a publication that runs out
 * of memory ends that thread, not the server.
 *
 * One worker (publication-worker.ts, built as dist/publication-worker.js) is started on the first task and kept
 * for the next ones (its compiled code stays warm); it opens its own connection to the SQLite file (WAL: the
 * server's readers are not blocked by its writes). Tasks come one at a time from the in-process queue.
 */
import { Worker } from 'worker_threads';
import type { Config } from '../config';
import { notePublishedChange } from '../store/change-signal';
import type { PublicationTask, TaskResult } from '../publication/publication-queue';
import type { PublicationRunner } from './local-services';

export interface PublicationWorkerData { config: Config }
export type ToWorker = { kind: 'run'; id: number; task: PublicationTask; takeOver: boolean } | { kind: 'close' };
export type FromWorker =
  | { kind: 'result'; id: number; result: TaskResult }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'log'; message: string }
  | { kind: 'changed' };

export interface PublicationThread {
  run: PublicationRunner;
  /** Closes the worker's database and ends it (after the queue has stopped: no task is running). */
  close(): Promise<void>;
}

interface Running { id: number; submissionId: string; resolve: (r: TaskResult) => void; reject: (e: Error) => void }

export function publicationThread(script: string, config: Config, opts: { env: NodeJS.ProcessEnv; log: (m: string) => void }): PublicationThread {
  let worker: Worker | undefined;
  let running: Running | undefined;
  let nextId = 0;
  /** Submissions whose runner died with its thread: their lease is taken over at once on the retry. */
  const orphaned = new Set<string>();

  const start = (): Worker => {
    const w = new Worker(script, { workerData: { config } satisfies PublicationWorkerData, env: opts.env });
    // An idle worker does not keep the process alive; a running task does.
    w.unref();
    w.on('message', (m: FromWorker) => {
      if (m.kind === 'log') opts.log(m.message);
      else if (m.kind === 'changed') notePublishedChange();
      else if (running?.id === m.id) {
        const done = running;
        running = undefined;
        w.unref();
        if (m.kind === 'result') done.resolve(m.result);
        else done.reject(new Error(m.message));
      }
    });
    const died = (why: string) => {
      if (worker === w) worker = undefined;
      if (!running) return;
      const lost = running;
      running = undefined;
      orphaned.add(lost.submissionId);
      lost.reject(new Error(`el hilo de publicación terminó (${why})`));
    };
    w.on('error', (e) => died(e.message));
    w.on('exit', (code) => died(`código ${code}`));
    return w;
  };

  return {
    run(task, { takeOver }) {
      if (running) return Promise.reject(new Error('publication thread busy'));
      const w = (worker ??= start());
      const id = ++nextId;
      return new Promise<TaskResult>((resolve, reject) => {
        running = { id, submissionId: task.submissionId, resolve, reject };
        w.ref();
        const message: ToWorker = { kind: 'run', id, task, takeOver: takeOver || orphaned.delete(task.submissionId) };
        w.postMessage(message);
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      if (!w) return;
      await new Promise<void>((resolve) => {
        // A worker that does not end within seconds of being asked (it never should) is stopped.
        const stop = setTimeout(() => void w.terminate(), 10_000);
        w.once('exit', () => { clearTimeout(stop); resolve(); });
        w.postMessage({ kind: 'close' } satisfies ToWorker);
      });
    },
  };
}
