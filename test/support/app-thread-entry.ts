/**
 * Runs inside a worker thread (bundled by app-thread.ts): the real workflow app (createApp + routes on SQLite,
 * the harness's publishers and users) listening on 127.0.0.1, so that the main thread may block on a
 * synchronous request — as Apps Script's UrlFetchApp does — while this thread answers it.
 */
import { parentPort, workerData, type MessagePort } from 'worker_threads';
import type { Server } from 'http';
import { cloudHarness, localHarness, USERS, type Harness, type UserName } from '../workflow/workflow-harness';
import type { WorkbookModel } from '../../core/workbook/model';

interface SyncCall { kind: 'sync'; request: { method: string; url: string; headers: Record<string, string>; body?: string }; port: MessagePort; shared: SharedArrayBuffer }
interface RpcCall { kind: 'rpc'; id: number; name: 'stubPut' | 'bearer' | 'close'; args: unknown[] }

async function main(): Promise<void> {
  const options = workerData as { mode: 'local' | 'cloud'; smtpPort?: number; dashboardDir?: string };
  const h: Harness & { stub?: { put(id: string, wb: WorkbookModel): void } } = options.mode === 'cloud'
    ? await cloudHarness({ ...(options.smtpPort ? { smtpPort: options.smtpPort } : {}), ...(options.dashboardDir ? { dashboardDir: options.dashboardDir } : {}) })
    : await localHarness({ ...(options.smtpPort ? { smtpPort: options.smtpPort } : {}), ...(options.dashboardDir ? { dashboardDir: options.dashboardDir } : {}) });
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
      if (message.name === 'close') { await new Promise((r) => server.close(r)); await h.close(); }
      parentPort!.postMessage({ kind: 'rpc', id: message.id, result });
    } catch (e) {
      parentPort!.postMessage({ kind: 'rpc', id: message.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
  parentPort!.postMessage({ kind: 'ready', url, bearers });
}

main().catch((e) => parentPort!.postMessage({ kind: 'failed', error: e instanceof Error ? e.stack ?? e.message : String(e) }));
