/**
 * The worker thread of schema-worker.ts (built as dist/schema-worker.js): runs the compiled validators
 * (dist/validators/<name>.js) on the documents it is sent, batch by batch, and answers on the verdict port with
 * the errors of the invalid ones. After each answer it bumps the shared counter, so that the main thread, waiting
 * synchronously inside the validation, wakes up (Atomics.wait) and takes the answer (receiveMessageOnPort);
 * the counter's second slot says the thread has ended, its third that the main thread is waiting.
 */
import { parentPort, workerData, type MessagePort } from 'worker_threads';

interface Batch { validator: string; first: number; items: unknown[] }
interface Data { dir: string; signal: SharedArrayBuffer; verdicts: MessagePort; preload: string[] }

type Compiled = ((data: unknown) => boolean) & { errors?: unknown[] | null };

const { dir, signal, verdicts, preload } = workerData as Data;
const counter = new Int32Array(signal);
const compiled = new Map<string, Compiled>();

function validatorNamed(name: string): Compiled {
  let v = compiled.get(name);
  if (!v) {
    // Only our own validators' file names reach here (schema-worker.ts); the path never comes from the input.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require(`${dir}/validators/${name}.js`) as Compiled | { default: Compiled };
    v = typeof mod === 'function' ? mod : mod.default;
    compiled.set(name, v);
  }
  return v;
}

/** Sends an answer and counts it; wakes the main thread only when it waits (a wake-up is a system call). */
function answer(message: unknown): void {
  verdicts.postMessage(message);
  Atomics.add(counter, 0, 1);
  if (Atomics.load(counter, 2) === 1) Atomics.notify(counter, 0);
}

// However this thread ends (an uncaught error, process.exit), the main thread stops waiting for it.
process.on('exit', () => {
  Atomics.store(counter, 1, 1);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
});

// Loaded now, while the main thread reads the workbook: the first batch then finds it compiled. A failure is said
// at once on the verdict port: the main thread, blocked waiting for an answer, would not see an 'error' event.
try {
  // One call on an empty document too: V8 compiles a function on its first call, so that happens now, not
  // while the main thread waits for the first answer.
  for (const name of preload) validatorNamed(name)({});
} catch (e) {
  answer({ validator: '', failed: String(e) });
}

parentPort?.on('message', (batch: Batch) => {
  try {
    const validate = validatorNamed(batch.validator);
    const invalid: [number, unknown[] | null][] = [];
    for (let i = 0; i < batch.items.length; i++) if (!validate(batch.items[i])) invalid.push([batch.first + i, validate.errors ?? null]);
    answer({ validator: batch.validator, first: batch.first, count: batch.items.length, invalid });
  } catch (e) {
    // The main thread validates what has no answer itself: same findings, only slower.
    answer({ validator: batch.validator, failed: String(e) });
  }
});
