/**
 * Runs inside a worker thread (bundled by app-thread.ts): the real workflow app (createApp + routes on SQLite,
 * the harness's publishers and users) listening on 127.0.0.1, so that the main thread may block on a
 * synchronous request — as Apps Script's UrlFetchApp does — while this thread answers it.
 */
import { parentPort, workerData, type MessagePort } from 'worker_threads';
import type { Server } from 'http';
import { cloudHarness, localHarness, USERS, type Harness, type UserName } from '../workflow/workflow-harness';
import type { WorkbookModel } from '../../core/workbook/model';
import type { Submission } from '../../functions/src/store/store';
import { startSmtp, subjectOf } from './smtp-capture';

interface SyncCall { kind: 'sync'; request: { method: string; url: string; headers: Record<string, string>; body?: string | Uint8Array }; port: MessagePort; shared: SharedArrayBuffer }
interface RpcCall { kind: 'rpc'; id: number; name: 'stubPut' | 'bearer' | 'mails' | 'close' | 'createSubmissions'; args: unknown[] }

async function main(): Promise<void> {
  const options = workerData as { mode: 'local' | 'cloud'; captureMail?: boolean; dashboardDir?: string; publicationQueueDown?: boolean; sendBudgetMs?: number };
  // The SMTP server lives here too: the main thread may be blocked in a request whose notice it would have to receive.
  const smtp = options.captureMail ? await startSmtp() : undefined;
  if (smtp) Object.assign(options, { smtpPort: smtp.port });
  const h: Harness & { stub?: { put(id: string, wb: WorkbookModel): void } } = options.mode === 'cloud'
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
  const bearers = Object.fromEntries((Object.keys(USERS) as UserName[]).map((u) => [u, h.bearer(u)]));
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
    try {
      let result: unknown = null;
      if (message.name === 'stubPut') h.stub!.put(message.args[0] as string, message.args[1] as WorkbookModel);
      if (message.name === 'bearer') result = h.bearer(message.args[0] as UserName);
      if (message.name === 'createSubmissions') for (const s of message.args[0] as Submission[]) await h.store.createSubmission(s);
      if (message.name === 'mails') result = (smtp?.mails ?? []).map((m) => ({ to: m.to, subject: subjectOf(m.raw) }));
      if (message.name === 'close') { await new Promise((r) => server.close(r)); await h.close(); await smtp?.close(); }
      parentPort!.postMessage({ kind: 'rpc', id: message.id, result });
      // Ending the thread itself runs its exit handlers (the app's scratch bulk folder); terminate() would not.
      if (message.name === 'close') process.exit(0);
    } catch (e) {
      parentPort!.postMessage({ kind: 'rpc', id: message.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
  parentPort!.postMessage({ kind: 'ready', url, bearers });
}

main().catch((e) => parentPort!.postMessage({ kind: 'failed', error: e instanceof Error ? e.stack ?? e.message : String(e) }));
