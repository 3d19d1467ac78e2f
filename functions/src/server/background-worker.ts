/**
 * The self-hosted server's background thread (background-thread.ts explains why): its own connection to the SQLite
 * file and its own uploads, bulk-file and e-mail services, built from the server's configuration. It runs the jobs
 * it is sent and tells the server's thread each result, each log line and each change to what public readers see.
 */
import { parentPort, workerData } from 'worker_threads';
import { onPublishedChange } from '../store/change-signal';
import { submissionWork } from '../workflow/submission-work';
import { openLocalStore } from './local-store';
import { localPublicationRunner, localServices } from './local-services';
import type { BackgroundWorkerData, FromWorker, Job, ToWorker } from './background-thread';

const port = parentPort;
if (!port) throw new Error('background-worker runs as a worker thread of the server');
const { config } = workerData as BackgroundWorkerData;
const send = (m: FromWorker) => port.postMessage(m);
const log = (message: string) => send({ kind: 'log', message });
onPublishedChange(() => send({ kind: 'changed' }));
const store = openLocalStore(config);
const publish = localPublicationRunner(store, config, localServices(store, config, process.env, log), log);
const work = submissionWork(store);

function run(job: Job): Promise<unknown> {
  switch (job.kind) {
    case 'publish': return publish(job.task, { takeOver: job.takeOver });
    case 'intake': return work.intake(job.workbook, job.publisher, job.now);
    case 'preview': return work.preview(job.contentHash, job.publisher, job.now);
  }
}

port.on('message', (m: ToWorker) => {
  if (m.kind === 'close') {
    // In a worker thread process.exit ends the thread, not the server.
    void store.close().finally(() => process.exit(0));
    return;
  }
  run(m.job).then(
    (result) => send({ kind: 'result', id: m.id, result }),
    (e: unknown) => send({ kind: 'error', id: m.id, message: e instanceof Error ? e.message : String(e) }),
  );
});
