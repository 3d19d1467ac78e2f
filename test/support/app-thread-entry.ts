/**
 * Runs inside a worker thread (bundled by app-thread.ts): the real workflow app (createApp + routes on SQLite,
 * the harness's publishers and users) listening on 127.0.0.1, so that the main thread may block on a
 * synchronous request — as Apps Script's UrlFetchApp does — while this thread answers it. More apps of other options
 * (`serve`) may run beside the first in the same thread, each with its store and port: a thread's start is mostly
 * loading the app's modules (~1 CPU-s), which a second app in it does not pay again.
 */
import { parentPort, workerData, type MessagePort } from 'worker_threads';
import type { Server } from 'http';
import { cloudHarness, localHarness, projectWorkbook, PUBLISHERS, SERVICE_ACCOUNT, USERS, type Harness, type UserName } from '../workflow/workflow-harness';
import type { WorkbookModel } from '../../core/workbook/model';
import type { Submission } from '../../functions/src/store/store';
import { startSmtp, subjectOf } from './smtp-capture';

export interface AppOptions { mode: 'local' | 'cloud'; captureMail?: boolean; dashboardDir?: string; publicationQueueDown?: boolean; sendBudgetMs?: number }
interface SyncCall { kind: 'sync'; request: { method: string; url: string; headers: Record<string, string>; body?: string | Uint8Array }; port: MessagePort; shared: SharedArrayBuffer }
interface RpcCall { kind: 'rpc'; id: number; app?: number; name: 'stubPut' | 'bearer' | 'mails' | 'close' | 'createSubmissions' | 'serve' | 'projectWorkbook'; args: unknown[] }

interface Served { url: string; bearers: Record<UserName, string>; h: Harness & { stub?: { put(id: string, wb: WorkbookModel): void } }; smtp?: Awaited<ReturnType<typeof startSmtp>>; close(): Promise<void> }

async function serve(options: AppOptions): Promise<Served> {
  // The SMTP server lives here too: the main thread may be blocked in a request whose notice it would have to receive.
  const smtp = options.captureMail ? await startSmtp() : undefined;
  const h: Served['h'] = options.mode === 'cloud'
    ? await cloudHarness({ ...(smtp ? { smtpPort: smtp.port } : {}), ...(options.dashboardDir ? { dashboardDir: options.dashboardDir } : {}) })
    : await localHarness({
      ...(smtp ? { smtpPort: smtp.port } : {}), ...(options.dashboardDir ? { dashboardDir: options.dashboardDir } : {}),
      // The task service down: every approval fails at once, saying why (a publication that failed, without faking it).
      // No time to wait for a send's check: each answers «se está revisando» (send-check.ts), as a large one does.
      ...(options.sendBudgetMs !== undefined ? { sendBudgetMs: options.sendBudgetMs } : {}),
      ...(options.publicationQueueDown ? { publicationQueue: { enqueue: async () => { throw new Error('servicio de tareas no disponible'); } } } : {}),
    });
  const server: Server = await new Promise((resolve) => { const s = h.app.listen(0, '127.0.0.1', () => resolve(s)); });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const bearers = Object.fromEntries((Object.keys(USERS) as UserName[]).map((u) => [u, h.bearer(u)])) as Record<UserName, string>;
  return { url, bearers, h, ...(smtp ? { smtp } : {}), close: async () => { await new Promise((r) => server.close(r)); await h.close(); await smtp?.close(); } };
}

async function main(): Promise<void> {
  // App 0 is the thread's own (workerData's options); `serve` adds the others.
  const apps = new Map<number, Served>([[0, await serve(workerData as AppOptions)]]);
  let nextApp = 1;
  parentPort!.on('message', async (message: SyncCall | RpcCall) => {
    if (message.kind === 'sync') {
      const flag = new Int32Array(message.shared);
      let answer: { status: number; text: string } | { error: string };
      try {
        const r = message.request;
        const res = await fetch(r.url, { method: r.method.toUpperCase(), headers: r.headers, ...(r.body !== undefined ? { body: r.body } : {}) });
        answer = { status: res.status, text: await res.text() };
      } catch (e) {
        answer = { error: e instanceof Error ? e.message : String(e) };
      }
      message.port.postMessage(answer);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      return;
    }
    const appId = message.app ?? 0;
    try {
      let result: unknown = null;
      const served = apps.get(appId);
      if (!served) throw new Error(`no app ${appId} in this thread`);
      const { h, smtp } = served;
      if (message.name === 'serve') {
        const id = nextApp++;
        const added = await serve(message.args[0] as AppOptions);
        apps.set(id, added);
        result = { app: id, url: added.url, bearers: added.bearers, serviceAccount: SERVICE_ACCOUNT };
      }
      if (message.name === 'stubPut') h.stub!.put(message.args[0] as string, message.args[1] as WorkbookModel);
      if (message.name === 'projectWorkbook') result = projectWorkbook(PUBLISHERS[message.args[0] as number], message.args[1] as Parameters<typeof projectWorkbook>[1]);
      if (message.name === 'bearer') result = h.bearer(message.args[0] as UserName);
      if (message.name === 'createSubmissions') for (const s of message.args[0] as Submission[]) await h.store.createSubmission(s);
      if (message.name === 'mails') result = (smtp?.mails ?? []).map((m) => ({ to: m.to, subject: subjectOf(m.raw) }));
      // Closing the thread's own app closes every app in it; another closes alone.
      if (message.name === 'close') {
        const closing = appId === 0 ? [...apps.keys()] : [appId];
        await Promise.all(closing.map((id) => apps.get(id)!.close()));
        for (const id of closing) apps.delete(id);
      }
      parentPort!.postMessage({ kind: 'rpc', id: message.id, result });
      // Ending the thread itself runs its exit handlers (the app's scratch bulk folder); terminate() would not.
      if (message.name === 'close' && appId === 0) process.exit(0);
    } catch (e) {
      parentPort!.postMessage({ kind: 'rpc', id: message.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
  const first = apps.get(0)!;
  parentPort!.postMessage({ kind: 'ready', url: first.url, bearers: first.bearers, serviceAccount: SERVICE_ACCOUNT });
}

main().catch((e) => parentPort!.postMessage({ kind: 'failed', error: e instanceof Error ? e.stack ?? e.message : String(e) }));
