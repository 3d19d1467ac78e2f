/**
 * The worker thread of `validate paquete.json` (validate-package-file.ts): validates chunks of the package's list
 * from the back and posts their finding groups, then `done`. Built as dist/validate-worker.js (scripts/build.ts).
 */
import { parentPort, workerData } from 'worker_threads';
import { workerTakesChunks, type WorkerJob } from './validate-package-file';

if (parentPort) {
  const port = parentPort;
  workerTakesChunks(workerData as WorkerJob, (message) => port.postMessage(message));
}
