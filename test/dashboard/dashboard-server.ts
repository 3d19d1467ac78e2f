/**
 * Test helper: the real app (createApp + SQLite ':memory:') seeded by publishing the example workbooks, with the
 * built dashboard (the app mounts the tracking route), listening on 127.0.0.1. `hostile` is written into one project title to
 * prove the pages escape data.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { Page } from 'playwright-core';
import { createApp } from '../../functions/src/app';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import type { Store } from '../../functions/src/store/store';
import { publishExamples, setCell } from '../example-workbooks';
import type { WorkbookModel } from '../../core/workbook/model';
import type { DashboardBuild } from '../../scripts/build-dashboard';
import { sharedDashboardBuild } from './shared-build';

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
  const build = await sharedDashboardBuild();
  const dir = build.outDir;
  const app = createApp({ store, config: { publicBaseUrl: base, maxBodyBytes: 1024 * 1024 }, log: () => undefined, dashboardDir: dir, ...appOptions });
  server.on('request', app);
  return {
    base, store, build,
    close: async () => { await new Promise((r) => server.close(r)); await store.close(); },
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

/**
 * Moves the app loaded in `page` to `hash` by its own router, as a followed link or a typed address does, and waits
 * until `drawn` is on the new page: a few times less of Chromium's CPU than a fresh load (openMainText; about 0.05 s
 * against 0.2–0.35 s). The focus leaves what it was on, as it does for a link or a typed address (a search box still
 * focused would keep its text over the new address: main.ts renderFilterBar). False, with nothing drawn again, when
 * `hash` is the address shown already (setting it again is no navigation).
 */
export async function moveByHash(page: Page, hash: string, drawn = 'main h1'): Promise<boolean> {
  const moved = await page.evaluate((h: string) => {
    type El = { blur?(): void; getAttribute(name: string): string | null; setAttribute(name: string, value: string): void; removeAttribute(name: string): void };
    const g = globalThis as unknown as { location: { hash: string }; document: { activeElement: El | null; body: El } };
    const before = g.location.hash;
    const ready = g.document.body.getAttribute('data-ready');
    g.document.activeElement?.blur?.();
    g.document.body.removeAttribute('data-ready');
    g.location.hash = h;
    if (g.location.hash !== before) return true;
    if (ready !== null) g.document.body.setAttribute('data-ready', ready);
    return false;
  }, hash);
  if (moved) await page.waitForSelector(`body[data-ready] ${drawn}`);
  return moved;
}

/**
 * A browser file's one tab on the server `srv()` gives (started in beforeAll), made by `newTab` when there is none:
 * `open(width, hash)` shows `hash` at `width`. Each
 * test's first page is loaded afresh (no test starts from what another left: a disclosure open, a word typed, the
 * print media); its next ones are reached as a reader reaches them, by the app's own navigation (moveByHash). A
 * context and a tab for each page cost their start on top of the load. `goOn`: a test that only reads what its pages
 * show (from the address: the app draws them anew) and opens or presses nothing of what another test may have left
 * changed (the header's «Filtros», the menu, the print media) reaches its first page by moveByHash too, from wherever
 * the test before left the tab (a fifth of a fresh load's CPU); loaded afresh when there is no tab yet (the test run
 * alone) or it shows that address already.
 */
export function fileTab(srv: () => DashboardServer, newTab: (width: number) => Promise<Page>): (width: number, hash: string, goOn?: 'goOn') => Promise<Page> {
  let tab: Page | undefined;
  let loadedFor: string | undefined;
  return async (width, hash, goOn) => {
    if (!tab || tab.isClosed()) { tab = await newTab(width); loadedFor = undefined; }
    await tab.setViewportSize({ width, height: 900 });
    const test = expect.getState().currentTestName;
    // The same address as shown draws nothing again (moveByHash): loaded afresh, as below.
    if ((test === loadedFor || (goOn && loadedFor !== undefined)) && await moveByHash(tab, hash)) { loadedFor = test; return tab; }
    loadedFor = test;
    // Through a blank page: an address that differs from the tab's only by its hash would not load the document again.
    await tab.goto('about:blank');
    await tab.goto(`${srv().base}/${hash}`);
    await tab.waitForSelector('body[data-ready] main h1');
    return tab;
  };
}
