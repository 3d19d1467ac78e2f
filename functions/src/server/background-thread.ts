/**
 * The self-hosted server's background thread: it publishes approvals (DESIGN §6), takes in submitted workbooks and
 * computes review previews (workflow/submission-work.ts). That is synchronous CPU work that grows with the workbook.
 * Run in the server's thread it held every request for as long as it lasted — with 1,000 processes, 1.2–1.7 s while
 * an upload was checked, 1.0–2.0 s for its preview, 1.7–2.2 s while the approval was published (bench:publish prints
 * it; 9.5 s for a publication of 5,000). In a worker thread the server keeps answering, on the machine's other core,
 * and a publication that runs out of memory ends that thread, not the server.
 *
 * One worker (background-worker.ts, built as dist/background-worker.js) is started with the server and kept for
 * every job (its compiled code stays warm); one that died is replaced on the next job. It opens its own connection
 * to the SQLite file (WAL: the server's readers are not blocked by its writes). Publication tasks come one at a time
 * from the in-process queue; an intake or a preview runs in the worker between the publication's steps.
 */
import { Worker, type ResourceLimits } from 'worker_threads';
import type { Config } from '../config';
import type { WorkbookModel } from '../../../core/workbook/model';
import { notePublishedChange } from '../store/change-signal';
import type { Publisher } from '../store/store';
import type { PublicationTask, TaskResult } from '../publication/publication-queue';
import type { Intake, IntakeOptions, SubmissionPreview, SubmissionWork } from '../workflow/submission-work';
import type { PublicationRunner } from './local-services';
import { HttpError } from '../api/http-error';
import { SourceError } from '../ingest/sheet-source';

/**
 * What the person whose job needed the database is told when the thread cannot open it: the file's path and the
 * variable are for whoever runs the server, in the server's log.
 */
export const STORE_UNAVAILABLE = 'El servidor no pudo abrir su base de datos para hacer este trabajo. Intente de nuevo en unos minutos; si el problema sigue, avise a quien administra el servidor.';

/**
 * What the person is told when the thread ran out of memory on their workbook: trying again fails the same way, so
 * not «Ocurrió un error interno. Intente de nuevo más tarde.», which is what they got. With 10,000 processes the
 * whole review went through with a heap of 1 GB (--max-old-space-size=1024) and the thread ran out with 512 MB; Node's
 * default heap depends on the machine's memory (docs/operations.md, «Un estado grande»).
 */
export const OUT_OF_MEMORY: Record<'intake' | 'preview', string> = {
  intake: 'El servidor se quedó sin memoria al revisar este libro, por su tamaño; enviarlo de nuevo así no sirve. Envíelo en partes (varios libros, cada proceso o proyecto con todas sus filas en el mismo libro; lo que no viene en un libro se conserva publicado), o pida a quien administra el servidor que le dé más memoria.',
  preview: 'El servidor se quedó sin memoria al calcular qué cambiará al aprobar este envío, por su tamaño. Pida a quien administra el servidor que le dé más memoria; mientras tanto puede devolverlo para que se envíe en partes.',
};

export interface BackgroundWorkerData { config: Config }
export type Job =
  | { kind: 'publish'; task: PublicationTask; takeOver: boolean }
  | { kind: 'intake'; workbook: WorkbookModel; publisher: Publisher; now: string; options?: IntakeOptions }
  | { kind: 'intake-upload'; fileId: string; publisher: Publisher; now: string; name?: string; options?: IntakeOptions }
  | { kind: 'preview'; contentHash: string; publisher: Publisher; now: string };
export type ToWorker = { kind: 'job'; id: number; job: Job } | { kind: 'close' };
export type FromWorker =
  | { kind: 'result'; id: number; result: unknown }
  /** `unavailable`: the thread could not open the database (its message says why, naming INFRA_SQLITE). */
  | { kind: 'error'; id: number; message: string; unavailable?: true; sourceError?: string; code?: string }
  | { kind: 'log'; message: string }
  | { kind: 'changed' };

export interface BackgroundThread extends SubmissionWork {
  /** Always here: an upload is read in the thread (submission-work.ts). */
  intakeUpload: NonNullable<SubmissionWork['intakeUpload']>;
  publish: PublicationRunner;
  /** Starts the worker now, idle, so that the first job does not wait the ~0.3–0.6 s it takes to load. */
  warm(): void;
  /** Closes the worker's database and ends it (after the queue has stopped: no publication is running). */
  close(): Promise<void>;
}

interface Pending { job: Job; resolve: (r: unknown) => void; reject: (e: Error) => void }

export function backgroundThread(script: string, config: Config, opts: { env: NodeJS.ProcessEnv; log: (m: string) => void; resourceLimits?: ResourceLimits }): BackgroundThread {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  /** Submissions whose publication died with its thread: their lease is taken over at once on the retry. */
  const orphaned = new Set<string>();
  let closing = false;

  const start = (): Worker => {
    const w = new Worker(script, { workerData: { config } satisfies BackgroundWorkerData, env: opts.env, ...(opts.resourceLimits ? { resourceLimits: opts.resourceLimits } : {}) });
    // An idle worker does not keep the process alive; a job under way does.
    w.unref();
    w.on('message', (m: FromWorker) => {
      if (m.kind === 'log') return opts.log(m.message);
      if (m.kind === 'changed') return notePublishedChange();
      const done = pending.get(m.id);
      if (!done) return;
      pending.delete(m.id);
      if (pending.size === 0) w.unref();
      if (m.kind === 'result') return done.resolve(m.result);
      // The reader's refusal of an upload (a limit crossed, a damaged file): the same Spanish answer as in this thread.
      if (m.sourceError !== undefined) return done.reject(new SourceError(m.message, m.sourceError));
      if (!m.unavailable) return done.reject(Object.assign(new Error(m.message), m.code !== undefined ? { code: m.code } : {}));
      opts.log(m.message);
      done.reject(new HttpError(503, 'store-unavailable', STORE_UNAVAILABLE));
    });
    const died = (why: string, outOfMemory = false) => {
      if (worker === w) worker = undefined;
      for (const lost of pending.values()) {
        if (lost.job.kind === 'publish') orphaned.add(lost.job.task.submissionId);
        // A publication is retried by its queue; an intake or a preview is answered now, with why and what to do.
        const kind = lost.job.kind === 'preview' ? 'preview' : lost.job.kind === 'publish' ? undefined : 'intake';
        lost.reject(outOfMemory && kind ? new HttpError(503, 'out-of-memory', OUT_OF_MEMORY[kind]) : new Error(`el hilo de trabajo del servidor terminó (${why})`));
      }
      pending.clear();
    };
    let reason: string | undefined;
    let outOfMemory = false;
    w.on('error', (e) => { reason = e.message; outOfMemory = (e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY'; died(reason, outOfMemory); });
    w.on('exit', (code) => {
      died(reason ?? `código ${code}`);
      // Whoever runs the server learns the way out: more heap for Node than its default on this machine.
      const more = outOfMemory ? ' Para libros así de grandes, arranque el servidor con más memoria para Node, p. ej. NODE_OPTIONS=--max-old-space-size=1536 (docs/operations.md, «Un estado grande»).' : '';
      if (!closing) opts.log(`El hilo de trabajo del servidor terminó (${reason ?? `código ${code}`}); el siguiente trabajo inicia otro.${more}`);
    });
    return w;
  };

  const send = (job: Job): Promise<unknown> => {
    const w = (worker ??= start());
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      pending.set(id, { job, resolve, reject });
      w.ref();
      w.postMessage({ kind: 'job', id, job } satisfies ToWorker);
    });
  };

  return {
    warm() { worker ??= start(); },
    publish: (task, { takeOver }) => send({ kind: 'publish', task, takeOver: takeOver || orphaned.delete(task.submissionId) }) as Promise<TaskResult>,
    intake: (workbook, publisher, now, options) => send({ kind: 'intake', workbook, publisher, now, ...(options ? { options } : {}) }) as Promise<Intake>,
    intakeUpload: (fileId, publisher, now, name, options) => send({ kind: 'intake-upload', fileId, publisher, now, ...(name ? { name } : {}), ...(options ? { options } : {}) }) as Promise<Intake>,
    preview: (contentHash, publisher, now) => send({ kind: 'preview', contentHash, publisher, now }) as Promise<SubmissionPreview>,
    async close() {
      closing = true;
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
