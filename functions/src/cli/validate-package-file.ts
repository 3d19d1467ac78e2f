/**
 * `validate paquete.json`: reads and validates a package file, on two threads for a big release or project
 * package. This thread parses the file and validates its list a chunk of items at a time, from the front; a
 * worker thread (validate-worker.ts), started first, finds where the items lie in the file's bytes
 * (core/validate/package-layout.ts), and parses and validates chunks from the back, until the two meet. Each
 * chunk's findings are the same whoever validates it, and they are merged in order (core/validate
 * mergeGroups): the same findings, in the same order, as validating the whole package at once. The worker only
 * ever saves time: a chunk it does not deliver, this thread validates itself. Issue 17: the schema and the
 * checks were over half of the command for 1,000 releases (15 MB).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { ValidateSettings } from '../../../core/checks/types';
import { topLevelValues } from '../../../core/validate/package-layout';
import type { RawFinding } from '../../../core/validate/raw-finding';
import { envelopeFindings, LIST_KEY, listChunkGroups, listPackageFindings, packageKind, validatePackage, type PackageValidation } from '../../../core/validate/validate-package';

/** Items per chunk: enough to keep the per-chunk cost small, few enough that the two threads finish together. */
const CHUNK_ITEMS = 32;
/** Below this a second thread costs more (its start-up: about 0.1 s of CPU for its isolate and bundle) than it saves. */
const WORKER_MIN_BYTES = 4 * 1024 * 1024;
/** Where the built CLI keeps the worker's bundle (scripts/build.ts); absent when running from the sources. */
const WORKER_FILE = path.join(__dirname, 'validate-worker.js');

/**
 * Shared Int32 slots. CLAIMS packs the chunks not yet taken: front (next from the front) in the low 16 bits, back
 * (one past the last from the back) in the high 16; this thread takes from the front, the worker from the back,
 * each by compare-and-swap, so no chunk is taken twice. ITEMS: 0 until this thread has parsed the file, then
 * the list's length + 1 (-1: no chunks for the worker, it stops).
 */
const CLAIMS = 0;
const ITEMS = 1;
const SLOTS = 2;
const MAX_CHUNKS = 0xffff;

export interface WorkerJob { bytes: SharedArrayBuffer; shared: SharedArrayBuffer; settings: ValidateSettings }
/** What the worker posts: a chunk's finding groups; `done` when it takes no more. */
export type WorkerMessage = { chunk: number; groups: RawFinding[][] } | 'done';

export class InvalidJson extends Error {}

/** Chunk c holds items [c · size, min((c + 1) · size, items)); size grows past CHUNK_ITEMS only for huge lists. */
export function chunkSize(items: number): number {
  return Math.max(CHUNK_ITEMS, Math.ceil(items / MAX_CHUNKS));
}

/** Takes the next chunk from the front or the back; undefined when none is left. */
export function claimChunk(shared: Int32Array, fromBack: boolean): number | undefined {
  for (;;) {
    const claims = Atomics.load(shared, CLAIMS);
    const front = claims & 0xffff;
    const back = claims >>> 16;
    if (front >= back) return undefined;
    const next = fromBack ? front | ((back - 1) << 16) : (front + 1) | (back << 16);
    if (Atomics.compareExchange(shared, CLAIMS, claims, next) === claims) return fromBack ? back - 1 : front;
  }
}

/** The worker's side: finds the items in the bytes, waits for the list's length, validates chunks from the back. */
export function workerTakesChunks(job: WorkerJob, post: (message: WorkerMessage) => void): void {
  const shared = new Int32Array(job.shared);
  const bytes = Buffer.from(job.bytes);
  const values = topLevelValues(bytes, (start, end) => bytes.toString('utf8', start, end));
  Atomics.wait(shared, ITEMS, 0);
  const count = Atomics.load(shared, ITEMS) - 1;
  // The same list this thread chose (packageKind's order: releases, records, projects), or nothing to do.
  const kind = (['release', 'record', 'project'] as const).find((k) => values?.some((v) => v.key === LIST_KEY[k] && v.items));
  const items = kind && values?.find((v) => v.key === LIST_KEY[kind])?.items;
  if (kind === undefined || kind === 'record' || !items || items.length / 2 !== count) return post('done');
  const size = chunkSize(count);
  for (let c = claimChunk(shared, true); c !== undefined; c = claimChunk(shared, true)) {
    const first = c * size;
    const last = Math.min(first + size, count) - 1;
    let parsed: unknown[];
    try {
      parsed = JSON.parse(`[${bytes.toString('utf8', items[2 * first], items[2 * last + 1])}]`) as unknown[];
    } catch {
      continue; // not delivered: this thread validates it
    }
    post({ chunk: c, groups: listChunkGroups(kind, parsed, first, job.settings) });
  }
  post('done');
}

/**
 * A second thread pays only with a big file and a core nobody else is using: its start-up (its own isolate, bundle
 * and compiled code) is CPU taken from this thread when the machine is busy; the load average says how busy.
 * INFRA_ABIERTA_HILOS=1 never starts it, =2 starts it whatever the load (bench:validate measures both).
 */
function wantsWorker(size: number): boolean {
  const threads = process.env.INFRA_ABIERTA_HILOS;
  const cores = os.availableParallelism();
  if (threads === '1' || size < WORKER_MIN_BYTES || cores < 2 || !fs.existsSync(WORKER_FILE)) return false;
  return threads === '2' || os.loadavg()[0] <= cores - 1;
}

function readShared(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    let read = 0;
    while (read < size) {
      const n = fs.readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The package's validation; undefined when the file holds no package we know. Throws InvalidJson when the file
 * cannot be read as JSON.
 */
export async function validatePackageFile(file: string, settings: ValidateSettings): Promise<PackageValidation | undefined> {
  let bytes: Buffer | undefined;
  let text: string;
  try {
    if (wantsWorker(fs.statSync(file).size)) bytes = readShared(file);
    // Without a worker the file is read as text at once (Node's fast UTF-8 path, no byte copy kept).
    text = bytes ? bytes.toString('utf8') : fs.readFileSync(file, 'utf8');
  } catch {
    throw new InvalidJson(); // a folder named .json, an unreadable file: as before, no JSON we can read
  }
  const shared = new Int32Array(new SharedArrayBuffer(SLOTS * 4));
  const worker = bytes ? new Worker(WORKER_FILE, { workerData: { bytes: bytes.buffer as SharedArrayBuffer, shared: shared.buffer as SharedArrayBuffer, settings } satisfies WorkerJob }) : undefined;
  const stopWorker = (): void => {
    if (!worker) return;
    Atomics.store(shared, ITEMS, -1);
    Atomics.notify(shared, ITEMS);
    void worker.terminate();
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    stopWorker();
    throw new InvalidJson();
  }
  const kind = packageKind(json);
  if (!worker || kind === undefined || kind === 'record') {
    stopWorker();
    return validatePackage(json, settings);
  }
  const pkg = json as Record<string, unknown>;
  const items = pkg[LIST_KEY[kind]] as unknown[];
  const own = envelopeFindings(kind, pkg);
  const size = chunkSize(items.length);
  const count = Math.ceil(items.length / size);
  const results: (RawFinding[][] | undefined)[] = new Array(count);
  const workerDone = new Promise<void>((resolve) => {
    worker.on('message', (m: WorkerMessage) => { if (m === 'done') resolve(); else results[m.chunk] = m.groups; });
    // A worker that fails leaves its chunks to this thread (below): the findings never depend on it.
    worker.on('error', () => resolve());
    worker.on('exit', () => resolve());
  });
  Atomics.store(shared, CLAIMS, count << 16);
  Atomics.store(shared, ITEMS, items.length + 1);
  Atomics.notify(shared, ITEMS);
  const run = (c: number): RawFinding[][] => listChunkGroups(kind, items.slice(c * size, (c + 1) * size), c * size, settings);
  try {
    for (let c = claimChunk(shared, false); c !== undefined; c = claimChunk(shared, false)) results[c] = run(c);
    await workerDone;
  } finally {
    void worker.terminate();
  }
  for (let c = 0; c < count; c++) results[c] ??= run(c);
  return { kind, count: items.length, findings: listPackageFindings(own, results as RawFinding[][][]) };
}
