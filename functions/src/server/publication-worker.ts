/**
 * The self-hosted server's publication thread (publication-thread.ts explains why): its own connection to the
 * SQLite file and its own uploads, bulk-file and e-mail services, built from the server's configuration; runs the
 * tasks it is sent, one at a time, and tells the server's thread each result, each log line and each change to
 * what public readers see.
 */
import { parentPort, workerData } from 'worker_threads';
import { onPublishedChange } from '../store/change-signal';
import { openLocalStore } from './local-store';
import { localPublicationRunner, localServices } from './local-services';
import type { FromWorker, PublicationWorkerData, ToWorker } from './publication-thread';

const port = parentPort;
if (!port) throw new Error('publication-worker runs as a worker thread of the server');
const { config } = workerData as PublicationWorkerData;
const send = (m: FromWorker) => port.postMessage(m);
const log = (message: string) => send({ kind: 'log', message });
onPublishedChange(() => send({ kind: 'changed' }));
const store = openLocalStore(config);
const run = localPublicationRunner(store, config, localServices(store, config, process.env, log), log);

port.on('message', (m: ToWorker) => {
  if (m.kind === 'close') {
    // In a worker thread process.exit ends the thread, not the server.
    void store.close().finally(() => process.exit(0));
    return;
  }
  run(m.task, { takeOver: m.takeOver }).then(
    (result) => send({ kind: 'result', id: m.id, result }),
    (e: unknown) => send({ kind: 'error', id: m.id, message: e instanceof Error ? e.message : String(e) }),
  );
});
