/**
 * Schema validation on the second core (issue 17): a worker thread (schema-worker-thread.ts, dist/schema-worker.js)
 * started with the command loads the compiled release validator while this thread reads the workbook; once the
 * workbook is converted, the documents are sent to it in batches (structured clone: the same values the validator
 * would see here, undefined properties and all), and while this thread runs the validation the stand-ins ask
 * `take` for each document's verdict instead of validating it (schema-verdicts.ts). The findings are built here,
 * as before, in the same order: only who ran the validator changed. A worker that is missing, fails or stops
 * answering leaves the validation to this thread.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'worker_threads';
import type { SchemaVerdict, VerdictSource } from './schema-verdicts';
import { renderItems } from './write-package';

/** Documents per message: small enough that the first answer comes soon, big enough that messages stay few. */
const BATCH = 25;
/** Batches sent ahead of the one being validated here: the worker never waits, the queue stays small. */
const AHEAD = 8;
/** A worker silent this long is given up on (and the validation goes on here). */
const WAIT_MS = 10_000;

interface Answer {
  validator: string;
  first?: number;
  count?: number;
  invalid?: [number, unknown[] | null][];
  rendered?: Uint8Array;
  failed?: string;
}

const VALID: SchemaVerdict = Object.freeze({ valid: true, errors: null });

interface Submitted {
  items: unknown[];
  index: Map<unknown, number>;
  verdicts: (SchemaVerdict | undefined)[];
  posted: number;
  /** Whether the worker also renders the items for the output file; the runs per batch (bytes from the worker). */
  render: boolean;
  rendered: (Uint8Array | string | undefined)[];
}

export class SchemaWorker implements VerdictSource {
  private readonly counter: Int32Array;
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private readonly submitted = new Map<string, Submitted>();
  /** Answers taken, the value the worker's counter has when nothing is waiting. */
  private taken = 0;
  private pending = 0;
  private broken = false;

  /** Starts the worker next to the bundle (dist/); undefined when there is none (tests, ts-node). */
  static start(preload: string[], dir = __dirname): SchemaWorker | undefined {
    const script = path.join(dir, 'schema-worker.js');
    if (!fs.existsSync(script)) return undefined;
    try {
      return new SchemaWorker(script, dir, preload);
    } catch {
      return undefined;
    }
  }

  private constructor(script: string, dir: string, preload: string[]) {
    // [answers sent, thread ended, this thread waiting, first batch the worker need not render]
    const signal = new SharedArrayBuffer(16);
    this.counter = new Int32Array(signal);
    this.counter[3] = 0x7fffffff;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(script, { workerData: { dir, signal, verdicts: port2, preload }, transferList: [port2] });
    // Never keeps the command alive: if it is still loading when the command ends, the process ends anyway.
    this.worker.unref();
    this.worker.on('error', () => { this.broken = true; });
  }

  /**
   * Hands over `items` (the documents validated here next, in this order) for `validator`; with `render`, the
   * worker also renders them for the output file (`rendered`). They must not change afterwards.
   */
  submit(validator: string, items: unknown[], render = false): void {
    if (this.broken || !items.length || this.submitted.has(validator)) return;
    const index = new Map<unknown, number>();
    for (let i = 0; i < items.length; i++) if (!index.has(items[i])) index.set(items[i], i);
    const entry: Submitted = {
      items, index, verdicts: new Array<SchemaVerdict | undefined>(items.length), posted: 0,
      render, rendered: new Array<Uint8Array | string | undefined>(Math.ceil(items.length / BATCH)),
    };
    this.submitted.set(validator, entry);
    this.postUpTo(validator, entry, AHEAD * BATCH);
  }

  take(validator: string, data: unknown): SchemaVerdict | undefined {
    const entry = this.submitted.get(validator);
    const i = entry?.index.get(data);
    if (!entry || i === undefined) return undefined;
    this.postUpTo(validator, entry, i + AHEAD * BATCH);
    while (entry.verdicts[i] === undefined) if (!this.receive()) return undefined;
    return entry.verdicts[i];
  }

  /**
   * The items submitted with `render`, as writePackageFile's `rendered` (one run per batch, in order). The worker
   * renders from the first batch on, once it has no batch left to validate; this thread renders the batches it
   * has not sent yet from the last one back (and tells it to stop there), so that neither waits for the other.
   */
  rendered(validator: string): (Uint8Array | string)[] | undefined {
    const entry = this.submitted.get(validator);
    if (!entry?.render) return undefined;
    this.postUpTo(validator, entry, entry.items.length);
    const runs = entry.rendered;
    const here = (b: number): string => renderItems(entry.items.slice(b * BATCH, (b + 1) * BATCH));
    this.drain();
    let stop = runs.length;
    while (stop > 0 && runs[stop - 1] === undefined) {
      stop--;
      Atomics.store(this.counter, 3, stop);
      runs[stop] = here(stop);
      this.drain();
    }
    // Below `stop` the worker renders every batch, in order: what has not come yet is on its way.
    for (let b = 0; b < stop; b++) while (runs[b] === undefined) if (!this.receive()) runs[b] = here(b);
    // Handed over once: the command writes them and lets them go.
    entry.rendered = [];
    return runs as (Uint8Array | string)[];
  }

  /** Ends the worker (the command does not wait for it). */
  close(): void {
    this.broken = true;
    void this.worker.terminate();
  }

  private postUpTo(validator: string, entry: Submitted, end: number): void {
    if (this.broken) return;
    while (entry.posted < entry.items.length && entry.posted < end) {
      const first = entry.posted;
      const items = entry.items.slice(first, first + BATCH);
      this.worker.postMessage({ validator, first, items, render: entry.render, index: first / BATCH });
      entry.posted += items.length;
      this.pending += entry.render ? 2 : 1;
    }
  }

  /** Takes the answers already sent, without waiting. */
  private drain(): void {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) this.record(m.message as Answer);
  }

  /** Takes one answer, waiting for it; false when none will come. */
  private receive(): boolean {
    while (!this.broken && this.pending > 0) {
      const received = receiveMessageOnPort(this.port);
      if (received) {
        this.record(received.message as Answer);
        return !this.broken;
      }
      // The worker bumps the counter after each answer: wait until it is past the answers taken. An ended worker
      // sends nothing more (what it sent before is taken first).
      // The worker wakes this thread only when it says it waits (slot 2): said before the wait compares the count,
      // so either the worker sees it or the count has already moved.
      Atomics.store(this.counter, 2, 1);
      if (Atomics.load(this.counter, 1) === 1 || Atomics.wait(this.counter, 0, this.taken, WAIT_MS) === 'timed-out') this.broken = true;
      Atomics.store(this.counter, 2, 0);
    }
    return false;
  }

  private record(answer: Answer): void {
    this.taken++;
    this.pending--;
    const entry = this.submitted.get(answer.validator);
    if (answer.failed !== undefined || !entry || answer.first === undefined) {
      this.broken = true;
      return;
    }
    if (answer.rendered) {
      entry.rendered[answer.first / BATCH] ??= answer.rendered;
      return;
    }
    if (answer.count === undefined) {
      this.broken = true;
      return;
    }
    for (let i = answer.first; i < answer.first + answer.count; i++) entry.verdicts[i] = VALID;
    for (const [i, errors] of answer.invalid ?? []) entry.verdicts[i] = { valid: false, errors };
  }
}
