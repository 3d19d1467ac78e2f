/**
 * The worker thread of schema-worker.ts (built as dist/schema-worker.js): runs the compiled validators
 * (dist/validators/<name>.js) on the documents it is sent, batch by batch, and answers on the verdict port with
 * the errors of the invalid ones. After each answer it bumps the shared counter, so that the main thread, waiting
 * synchronously inside the validation, wakes up (Atomics.wait) and takes the answer (receiveMessageOnPort);
 * the counter's second slot says the thread has ended, its third that the main thread is waiting.
 * Then, when asked, it renders the batch as the output file has it (write-package.ts) and sends the UTF-8 bytes
 * (transferred, not copied): the clone it validated has the values of the documents, so the text is the same.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'worker_threads';
import { renderItems } from './write-package';

interface Batch { validator: string; first: number; items: unknown[]; render: boolean; index: number }
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

/** Counts a message sent; wakes the main thread only when it waits (a wake-up is a system call). */
function answered(): void {
  Atomics.add(counter, 0, 1);
  if (Atomics.load(counter, 2) === 1) Atomics.notify(counter, 0);
}

function answer(message: unknown, transfer?: ArrayBuffer[]): void {
  verdicts.postMessage(message, transfer);
  answered();
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

/** Validates a batch and answers at once; a batch to render waits in `toRender`. */
function validateBatch(batch: Batch): void {
  try {
    const validate = validatorNamed(batch.validator);
    const invalid: [number, unknown[] | null][] = [];
    for (let i = 0; i < batch.items.length; i++) if (!validate(batch.items[i])) invalid.push([batch.first + i, validate.errors ?? null]);
    answer({ validator: batch.validator, first: batch.first, count: batch.items.length, invalid });
    if (batch.render) toRender.push(batch);
  } catch (e) {
    // The main thread validates (and renders) what has no answer itself: same findings, same file, only slower.
    answer({ validator: batch.validator, failed: String(e) });
  }
}

function renderBatch(batch: Batch): void {
  // The main thread renders this batch and the later ones itself (schema-worker.ts, `rendered`).
  if (batch.index >= Atomics.load(counter, 3)) return;
  try {
    const text = renderItems(batch.items);
    // Buffer's UTF-8 writer (TextEncoder was several times slower on text with accents); a buffer of its own,
    // never one from the shared pool, because its memory is handed over.
    const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
    bytes.write(text);
    answer({ validator: batch.validator, first: batch.first, rendered: bytes }, [bytes.buffer]);
  } catch (e) {
    answer({ validator: batch.validator, failed: String(e) });
  }
}

const toRender: Batch[] = [];
const port = parentPort as MessagePort;

/**
 * Verdicts first: the main thread waits for them, while the rendered items are needed only once the findings are
 * printed. So every batch that has arrived is validated before the next batch is rendered.
 */
port.on('message', (first: Batch) => {
  validateBatch(first);
  for (;;) {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) validateBatch(m.message as Batch);
    const next = toRender.shift();
    if (!next) return;
    renderBatch(next);
  }
});
