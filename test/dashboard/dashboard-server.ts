/**
 * Test helper: the real app (createApp + SQLite ':memory:') seeded by publishing the example workbooks, with the
 * built dashboard (the app mounts the tracking route), listening on 127.0.0.1. `hostile` is written into one project title to
 * prove the pages escape data.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import type { Page } from 'playwright-core';
import { createApp } from '../../functions/src/app';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import type { Store } from '../../functions/src/store/store';
import { publishExamples, setCell } from '../example-workbooks';
import type { WorkbookModel } from '../../core/workbook/model';
import { buildDashboard, type DashboardBuild } from '../../scripts/build-dashboard';

export const HOSTILE_TITLE = '=HYPERLINK("http://127.0.0.1:9/x","clic") <img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';

export interface DashboardServer { base: string; store: Store; build: DashboardBuild; close: () => Promise<void> }

/**
 * `limits`: lower budgets for the API's answers spanning several publishers (createApp's). `edit`: changes an example
 * workbook before it is published (after the hostile title), for data a test needs that the examples lack.
 */
export async function startDashboardServer(options: { limits?: { bulkAllMaxDocuments?: number }; edit?: (key: string, workbook: WorkbookModel) => void } = {}): Promise<DashboardServer> {
  const { edit, ...appOptions } = options;
  const store = openSqliteStore(':memory:');
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await publishExamples(store, base, (key, workbook) => { if (key === 'merida') setCell(workbook, 'Proyectos', 0, 'title', HOSTILE_TITLE); edit?.(key, workbook); });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-'));
  const build = await buildDashboard(dir);
  const app = createApp({ store, config: { publicBaseUrl: base, maxBodyBytes: 1024 * 1024 }, log: () => undefined, dashboardDir: dir, ...appOptions });
  server.on('request', app);
  return {
    base, store, build,
    close: async () => { await new Promise((r) => server.close(r)); await store.close(); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}

/**
 * Opens a page of the dashboard at `hash` and returns its main text once drawn. Through a blank page: an address that
 * differs from the tab's only by its hash would not load the document again.
 */
export async function openMainText(page: Page, srv: DashboardServer, hash: string): Promise<string> {
  await page.goto('about:blank');
  await page.goto(`${srv.base}/${hash}`);
  await page.waitForSelector('body[data-ready] main h1');
  return (await page.locator('main').textContent()) ?? '';
}
