/**
 * The worker thread of schema-worker.ts (built as dist/schema-worker.js): runs the compiled validators
 * (dist/validators/<name>.js) on the documents it is sent, batch by batch, and answers on the verdict port with
 * the errors of the invalid ones. After each answer it bumps the shared counter, so that the main thread, waiting
 * synchronously inside the validation, wakes up (Atomics.wait) and takes the answer (receiveMessageOnPort);
 * the counter's second slot says the thread has ended.
 * Then, when asked, it renders the batch as the output file has it (write-package.ts) and sends the UTF-8 bytes
 * (transferred, not copied): the clone it validated has the values of the documents, so the text is the same.
 */
import { parentPort, workerData, type MessagePort } from 'worker_threads';
import { renderItem } from './write-package';

interface Batch { validator: string; first: number; items: unknown[]; render: boolean }
interface Data { dir: string; signal: SharedArrayBuffer; verdicts: MessagePort; preload: string[] }

type Compiled = ((data: unknown) => boolean) & { errors?: unknown[] | null };

const { dir, signal, verdicts, preload } = workerData as Data;
const counter = new Int32Array(signal);
const compiled = new Map<string, Compiled>();
const encoder = new TextEncoder();

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

function answered(): void {
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

// However this thread ends (an uncaught error, process.exit), the main thread stops waiting for it.
process.on('exit', () => {
  Atomics.store(counter, 1, 1);
  answered();
});

// Loaded now, while the main thread reads the workbook: the first batch then finds it compiled. A failure is said
// at once on the verdict port: the main thread, blocked waiting for an answer, would not see an 'error' event.
try {
  for (const name of preload) validatorNamed(name);
} catch (e) {
  verdicts.postMessage({ validator: '', failed: String(e) });
  answered();
}

parentPort?.on('message', (batch: Batch) => {
  try {
    const validate = validatorNamed(batch.validator);
    const invalid: [number, unknown[] | null][] = [];
    for (let i = 0; i < batch.items.length; i++) if (!validate(batch.items[i])) invalid.push([batch.first + i, validate.errors ?? null]);
    verdicts.postMessage({ validator: batch.validator, first: batch.first, count: batch.items.length, invalid });
    answered();
    if (batch.render) {
      const bytes = encoder.encode(batch.items.map(renderItem).join(',\n'));
      verdicts.postMessage({ validator: batch.validator, first: batch.first, rendered: bytes }, [bytes.buffer]);
      answered();
    }
  } catch (e) {
    // The main thread validates (and renders) what has no answer itself: same findings, same file, only slower.
    verdicts.postMessage({ validator: batch.validator, failed: String(e) });
    answered();
  }
});
