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

/** Documents per message: small enough that the first answer comes soon, big enough that messages stay few. */
const BATCH = 25;
/** Batches sent ahead of the one being validated here: the worker never waits, the queue stays small. */
const AHEAD = 8;
/** A worker silent this long is given up on (and the validation goes on here). */
const WAIT_MS = 10_000;

interface Answer { validator: string; first?: number; count?: number; invalid?: [number, unknown[] | null][]; failed?: string }

const VALID: SchemaVerdict = Object.freeze({ valid: true, errors: null });

interface Submitted { items: unknown[]; index: Map<unknown, number>; verdicts: (SchemaVerdict | undefined)[]; posted: number }

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
    // [answers sent, thread ended, this thread waiting]
    const signal = new SharedArrayBuffer(12);
    this.counter = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(script, { workerData: { dir, signal, verdicts: port2, preload }, transferList: [port2] });
    // Never keeps the command alive: if it is still loading when the command ends, the process ends anyway.
    this.worker.unref();
    this.worker.on('error', () => { this.broken = true; });
  }

  /** Hands over `items` (the documents validated here next, in this order) for `validator`. */
  submit(validator: string, items: unknown[]): void {
    if (this.broken || !items.length || this.submitted.has(validator)) return;
    const index = new Map<unknown, number>();
    for (let i = 0; i < items.length; i++) if (!index.has(items[i])) index.set(items[i], i);
    const entry: Submitted = { items, index, verdicts: new Array<SchemaVerdict | undefined>(items.length), posted: 0 };
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
      this.worker.postMessage({ validator, first, items });
      entry.posted += items.length;
      this.pending++;
    }
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
    if (answer.count === undefined) {
      this.broken = true;
      return;
    }
    for (let i = answer.first; i < answer.first + answer.count; i++) entry.verdicts[i] = VALID;
    for (const [i, errors] of answer.invalid ?? []) entry.verdicts[i] = { valid: false, errors };
  }
}
