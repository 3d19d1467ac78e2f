/**
 * The self-hosted server's background thread (background-thread.ts explains why): its own connection to the SQLite
 * file and its own uploads, bulk-file and e-mail services, built from the server's configuration. It runs the jobs
 * it is sent and tells the server's thread each result, each log line and each change to what public readers see.
 */
import { parentPort, workerData } from 'worker_threads';
import { onPublishedChange } from '../store/change-signal';
import { submissionWork, type SubmissionWork } from '../workflow/submission-work';
import type { Store } from '../store/store';
import { openLocalStore } from './local-store';
import { localPublicationRunner, localServices, type PublicationRunner } from './local-services';
import type { BackgroundWorkerData, FromWorker, Job, ToWorker } from './background-thread';
import { SourceError } from '../ingest/sheet-source';
import type { UploadStore } from '../workflow/upload-store';

const port = parentPort;
if (!port) throw new Error('background-worker runs as a worker thread of the server');
const { config } = workerData as BackgroundWorkerData;
const send = (m: FromWorker) => port.postMessage(m);
const log = (message: string) => send({ kind: 'log', message });
onPublishedChange(() => send({ kind: 'changed' }));

interface Opened { store: Store; publish: PublicationRunner; work: SubmissionWork; uploads: UploadStore }
let opened: Opened | undefined;

/**
 * The thread's own connection, opened when it starts and, if that failed, again for each job. Opened at the top of
 * the module, a file the thread could not open (moved, locked, replaced since the server opened it) threw out of the
 * thread: every job failed with «el hilo de trabajo del servidor terminó (…)», the log promised a new thread that
 * failed the same way, and the person got «Ocurrió un error interno». Now the job fails with why, in Spanish
 * (local-store.ts), the thread stays, and the next job tries again.
 */
function open(): Opened {
  if (opened) return opened;
  const store = openLocalStore(config);
  try {
    const services = localServices(store, config, process.env, log);
    opened = { store, publish: localPublicationRunner(store, config, services, log), work: submissionWork(store), uploads: services.uploads };
  } catch (e) {
    void store.close();
    throw e;
  }
  return opened;
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));
try {
  open();
} catch (e) {
  log(`Hilo de trabajo del servidor: ${reason(e)} Lo intentará de nuevo con el siguiente trabajo.`);
}

function run(job: Job): Promise<unknown> {
  let ready: Opened;
  try {
    ready = open();
  } catch (e) {
    return Promise.reject(Object.assign(new Error(reason(e)), { unavailable: true }));
  }
  switch (job.kind) {
    case 'publish': return ready.publish(job.task, { takeOver: job.takeOver });
    case 'intake': return ready.work.intake(job.workbook, job.publisher, job.now, job.options);
    // Read here, not in the server's thread: its values live in this thread only, and only as long as the intake.
    case 'intake-upload': return ready.uploads.open(job.fileId, job.name).read().then((workbook) => ready.work.intake(workbook, job.publisher, job.now, job.options));
    case 'preview': return ready.work.preview(job.contentHash, job.publisher, job.now);
  }
}

port.on('message', (m: ToWorker) => {
  if (m.kind === 'close') {
    // In a worker thread process.exit ends the thread, not the server.
    void (opened?.store.close() ?? Promise.resolve()).finally(() => process.exit(0));
    return;
  }
  run(m.job).then(
    (result) => send({ kind: 'result', id: m.id, result }),
    (e: unknown) => send({
      kind: 'error', id: m.id, message: reason(e),
      // The file system's or SQLite's code crosses with the message: a full disk is said as such (lib/disk-trouble.ts).
      ...(typeof (e as { code?: unknown }).code === 'string' && !(e instanceof SourceError) ? { code: (e as { code: string }).code } : {}),
      ...((e as { unavailable?: unknown }).unavailable === true ? { unavailable: true } : {}),
      ...(e instanceof SourceError ? { sourceError: e.code } : {}),
    }),
  );
});
