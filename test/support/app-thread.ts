/**
 * The real app in a worker thread, with a *synchronous* HTTP port for the add-on's code: Apps Script's
 * UrlFetchApp blocks, so the add-on's client is synchronous, and a server on the same thread could never answer.
 * The main thread blocks on Atomics.wait while the worker performs the request against the app it serves.
 * The entry is bundled with esbuild into .scratch/ (npm packages stay external and load from node_modules), kept there
 * under the hash of what it bundled for the next test file.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import { build, version as esbuildVersion } from 'esbuild';
import type { HttpPort, HttpRequest, HttpResponse } from '../../addon/src/backend/http-port';
import { nodeGzip, wireBytes } from './gzip-body';
import type { UserName } from '../workflow/workflow-harness';
import type { WorkbookModel } from '../../core/workbook/model';
import type { Submission } from '../../functions/src/store/store';
import type { AppOptions } from './app-thread-entry';

const ROOT = path.resolve(__dirname, '../..');

export interface AppThread {
  url: string;
  /** `Authorization` values per harness user (API tokens self-hosted, Google ID tokens in the cloud wiring). */
  bearers: Record<UserName, string>;
  /** The service account the cloud wiring reads sheets as (workflow-harness.ts SERVICE_ACCOUNT). */
  serviceAccount: string;
  /**
   * The harness's one-project workbook (workflow-harness.ts projectWorkbook) of its publisher PUBLISHERS[publisher],
   * made in the thread: a test that needs only this and the app need not load the harness (~1 CPU-s: express, the
   * app's routes…) in its own realm as well.
   */
  projectWorkbook(publisher: number, opts?: { title?: string; complete?: boolean }): Promise<WorkbookModel>;
  /** A blocking HTTP port, as UrlFetchApp. */
  http: HttpPort;
  /** The same, shaped as UrlFetchApp.fetch(url, params) for the Apps Script stand-ins (test/addon/fake-apps-script.ts). */
  urlFetch(url: string, params: Record<string, unknown>): { status: number; body: string };
  /** Messages the app's outbox delivered to the thread's local SMTP server (`captureMail`). */
  mails(): Promise<{ to: string[]; subject: string }[]>;
  /** Cloud wiring: puts a workbook in the Sheets stub. */
  stubPut(spreadsheetId: string, workbook: WorkbookModel): Promise<void>;
  /** Stores these sends directly (many of them cheaply, as the HTTP API would make them one by one). */
  createSubmissions(submissions: Submission[]): Promise<void>;
  /**
   * Another real app of these options (a store, a port, its SMTP server of its own) served by this thread beside this
   * one: a new thread costs ~1 CPU-s loading the app's modules again, a second app in this one little more than its
   * store's seed. Closed by its own close() or with the thread's app.
   */
  sibling(options: AppOptions): Promise<AppThread>;
  /** The thread's own app closes the thread and every app in it; a sibling closes alone. */
  close(): Promise<void>;
}

const SCRATCH = path.join(ROOT, '.scratch');
const ENTRY = path.join(__dirname, 'app-thread-entry.ts');
const BUILD_OPTIONS = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external' } as const;
/** What the last bundle read (esbuild's inputs, from ROOT) and the hash of them: the next file checks them, not esbuild. */
const MANIFEST = path.join(SCRATCH, 'app-thread.json');

/** The hash of the sources a bundle reads (their paths and bytes), esbuild's version and the options it was built with. */
function inputsKey(inputs: string[]): string | undefined {
  const hash = createHash('sha256').update(`${esbuildVersion}\0${JSON.stringify(BUILD_OPTIONS)}\0`);
  try {
    for (const rel of inputs) hash.update(`${rel}\0`).update(fs.readFileSync(path.join(ROOT, rel))).update('\0');
  } catch {
    return undefined; // An input is gone: a change, bundled again.
  }
  return hash.digest('hex').slice(0, 24);
}

/**
 * The entry bundled once for all the test files that start an app thread (each bundled its own, ~0.6 CPU-s with
 * esbuild's start): kept in .scratch/ (where npm packages resolve, as before) under the hash of every source it read,
 * so that any change to one of them bundles again. Written beside it and renamed into place: two jest workers bundling
 * at once each keep a whole file. Never removed by a thread's close (another file's thread may be starting from it).
 */
let bundled: Promise<string> | undefined;
function bundle(): Promise<string> {
  bundled ??= (async () => {
    try {
      const kept = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { key: string; inputs: string[] };
      const file = path.join(SCRATCH, `app-thread-${kept.key}.js`);
      if (inputsKey(kept.inputs) === kept.key && fs.existsSync(file)) return file;
    } catch {
      // No bundle kept yet (or a manifest half written by a worker that failed): bundle.
    }
    fs.mkdirSync(SCRATCH, { recursive: true });
    const staging = path.join(SCRATCH, `app-thread-building-${process.pid}.js`);
    const { metafile } = await build({ entryPoints: [ENTRY], ...BUILD_OPTIONS, outfile: staging, metafile: true, logLevel: 'warning' });
    // esbuild names its inputs from the working directory; kept from ROOT.
    const inputs = Object.keys(metafile.inputs).map((p) => path.relative(ROOT, path.resolve(p))).sort();
    const key = inputsKey(inputs)!;
    const file = path.join(SCRATCH, `app-thread-${key}.js`);
    fs.renameSync(staging, file);
    fs.writeFileSync(`${MANIFEST}.${process.pid}`, JSON.stringify({ key, inputs }));
    fs.renameSync(`${MANIFEST}.${process.pid}`, MANIFEST);
    // Bundles of earlier sources, left an hour ago or more (none a thread is starting from).
    for (const name of fs.readdirSync(SCRATCH)) {
      const old = path.join(SCRATCH, name);
      if (/^app-thread-[0-9a-f]{24}\.js$/.test(name) && old !== file && Date.now() - fs.statSync(old).mtimeMs > 3600e3) fs.rmSync(old, { force: true });
    }
    return file;
  })();
  return bundled;
}

export function blockingFetch(worker: Worker, request: HttpRequest): HttpResponse {
  const shared = new SharedArrayBuffer(4);
  const flag = new Int32Array(shared);
  const { port1, port2 } = new MessageChannel();
  // A gzipped body travels as its bytes (GzippedBody.data), sent with the Content-Encoding the client set.
  const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : wireBytes(request.body);
  const headers = { ...request.headers, ...(body !== undefined ? { 'Content-Type': request.contentType ?? 'application/json' } : {}) };
  worker.postMessage({ kind: 'sync', request: { method: request.method, url: request.url, headers, ...(body !== undefined ? { body } : {}) }, port: port2, shared }, [port2]);
  if (Atomics.wait(flag, 0, 0, 25_000) === 'timed-out') throw new Error(`blocking fetch timed out: ${request.url}`);
  const message = receiveMessageOnPort(port1)?.message as { status: number; text: string } | { error: string } | undefined;
  port1.close();
  if (!message) throw new Error('blocking fetch: no answer');
  // UrlFetchApp throws on network errors (muteHttpExceptions only covers HTTP statuses).
  if ('error' in message) throw new Error(`Exception: ${message.error}`);
  return message;
}

export async function startAppThread(options: AppOptions): Promise<AppThread> {
  const file = await bundle();
  const worker = new Worker(file, { workerData: options, env: { ...process.env } });
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const ready = await new Promise<{ url: string; bearers: Record<UserName, string>; serviceAccount: string }>((resolve, reject) => {
    worker.on('message', (m: { kind: string; id?: number; result?: unknown; error?: string; url?: string; bearers?: Record<UserName, string>; serviceAccount?: string }) => {
      if (m.kind === 'ready') resolve({ url: m.url!, bearers: m.bearers!, serviceAccount: m.serviceAccount! });
      else if (m.kind === 'failed') reject(new Error(m.error));
      else if (m.kind === 'rpc') {
        const p = pending.get(m.id!);
        pending.delete(m.id!);
        if (m.error) p?.reject(new Error(m.error)); else p?.resolve(m.result);
      }
    });
    worker.once('error', reject);
  });
  const rpc = (app: number, name: string, ...args: unknown[]) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ kind: 'rpc', id, app, name, args });
  });
  const urlFetch: AppThread['urlFetch'] = (url, params) => {
    // Tests talk to 127.0.0.1 only: another address (a build's default server, https://backend.example.test) fails
    // as UrlFetchApp fails on a name it cannot resolve, without a lookup leaving the machine.
    if (new URL(url).hostname !== '127.0.0.1') throw new Error(`DNS error: ${url}`);
    // A Blob payload (a gzipped body: test/addon/fake-apps-script.ts FakeBlob) travels as its bytes.
    const payload = params.payload as unknown;
    const blob = payload !== null && typeof payload === 'object' && typeof (payload as { getBytes?: unknown }).getBytes === 'function'
      ? Buffer.from(Int8Array.from((payload as { getBytes(): number[] }).getBytes()).buffer) : undefined;
    const body = typeof payload === 'string' ? payload : blob ? { bytes: blob.length, inflatedBytes: 0, data: blob } : undefined;
    const r = blockingFetch(worker, {
      method: String(params.method ?? 'get').toLowerCase() as 'get' | 'post', url, headers: (params.headers ?? {}) as Record<string, string>,
      ...(body !== undefined ? { body, contentType: String(params.contentType ?? 'application/json') } : {}),
    });
    return { status: r.status, body: r.text };
  };
  // Every app of the thread is reached through it (the worker fetches the request's own URL); its RPCs name the app.
  const handle = (app: number, served: { url: string; bearers: Record<UserName, string>; serviceAccount: string }, close: () => Promise<void>): AppThread => ({
    ...served,
    http: { fetch: (request) => blockingFetch(worker, request), gzip: nodeGzip },
    urlFetch,
    stubPut: async (id, wb) => { await rpc(app, 'stubPut', id, wb); },
    createSubmissions: async (submissions) => { await rpc(app, 'createSubmissions', submissions); },
    mails: async () => (await rpc(app, 'mails')) as { to: string[]; subject: string }[],
    projectWorkbook: async (publisher, opts) => (await rpc(app, 'projectWorkbook', publisher, opts ?? {})) as WorkbookModel,
    sibling: async (siblingOptions) => {
      const added = (await rpc(0, 'serve', siblingOptions)) as { app: number; url: string; bearers: Record<UserName, string>; serviceAccount: string };
      // Once the thread is closed, so are its apps.
      return handle(added.app, added, async () => { if (!closed) await rpc(added.app, 'close'); });
    },
    close,
  });
  let closed = false;
  return handle(0, ready, async () => { closed = true; await rpc(0, 'close'); await worker.terminate(); });
}
