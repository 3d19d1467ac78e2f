/**
 * The built dashboard served by the real app (createApp + workflow routes on SQLite, self-hosted API tokens), with a
 * headless Chromium: what the browser tests of the pages behind sign-in start once per file.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { Browser, BrowserContext, CDPSession, Locator, Page, Request } from 'playwright-core';
import { launchChromium, servingAxe } from '../browser';
import { sharedDashboardBuild } from './shared-build';
import { localHarness, type LocalHarness, type UserName } from '../workflow/workflow-harness';
import type { PublicationQueue } from '../../functions/src/publication/publication-queue';

export interface ReviewServer {
  h: LocalHarness;
  base: string;
  browser: Browser;
  /** A scratch folder of the file's own, removed by close(). */
  dir: string;
  /** Where the built dashboard it serves is. */
  dashboardDir: string;
  /**
   * A proxy that refuses every request it gets, and what it was asked: a context given `proxy` sends it whatever is
   * not for this server (loopback included), without Playwright routing each request (see refusingProxy).
   */
  outside: { proxy: { server: string; bypass: string }; refused: string[] };
  /** Whether the API's answers are never kept by a browser (startReviewServer's `apiUncached`). */
  apiUncached: boolean;
  close(): Promise<void>;
}

/**
 * Every request a browser context sends through it refused (a plain request's connection closed, a tunnel's refused)
 * and its address kept. Instead of `context.route('**' + '/*')`: a context with a route has every request paused and
 * continued by Playwright and its HTTP cache turned off (the dashboard's script compiled anew on each load, without
 * V8's code cache): each load cost about twice the CPU.
 */
async function refusingProxy(): Promise<{ server: http.Server; port: number; refused: string[] }> {
  const refused: string[] = [];
  const server = http.createServer((req) => { refused.push(req.url ?? ''); req.socket.destroy(); });
  server.on('connect', (req: http.IncomingMessage, socket: import('stream').Duplex) => { refused.push(`https://${req.url ?? ''}`); socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, refused };
}

/**
 * The answer's `Cache-Control` made `no-store`, whatever the app sets (express's res.set or a writeHead with its
 * headers): what a browser reads of the API is never kept, as in a context whose requests Playwright routes (its HTTP
 * cache off), while the dashboard's own files are kept as the app says.
 */
function answeredUncached(res: http.ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) => setHeader(name, name.toLowerCase() === 'cache-control' ? 'no-store' : value);
  res.setHeader('Cache-Control', 'no-store');
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    const headers = args[args.length - 1];
    if (Array.isArray(headers)) {
      let found = false;
      for (let i = 0; i + 1 < headers.length; i += 2) if (String(headers[i]).toLowerCase() === 'cache-control') { headers[i + 1] = 'no-store'; found = true; }
      if (!found) headers.push('Cache-Control', 'no-store');
    } else if (headers && typeof headers === 'object') {
      for (const key of Object.keys(headers)) if (key.toLowerCase() === 'cache-control') (headers as Record<string, string>)[key] = 'no-store';
    }
    return writeHead(...args);
  }) as typeof res.writeHead;
}

/**
 * `opts.publicationQueue`: approvals publish in the background through it (otherwise within the request).
 * `opts.sharing`: a second server of the same file, with a store of its own, that uses the first one's Chromium and
 * built dashboard (its close() leaves them to that one's): launching them again took 2-3 s.
 * `opts.apiUncached`: the API's answers say `Cache-Control: no-store` (answeredUncached), for contexts whose HTTP
 * cache is on (not routed) and kept from test to test: a public answer (kept 60 s) never outlives what changed it;
 * a server `sharing` another is so if that one is, unless said otherwise.
 */
export async function startReviewServer(prefix: string, opts: { publicationQueue?: PublicationQueue; sharing?: ReviewServer; reportBudgetMs?: number; previewBudgetMs?: number; sendBudgetMs?: number; apiUncached?: boolean } = {}): Promise<ReviewServer> {
  const { sharing, apiUncached = sharing?.apiUncached ?? false, ...harness } = opts;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dashboardDir = sharing?.dashboardDir ?? (await sharedDashboardBuild()).outDir;
  const h = await localHarness({ dashboardDir, ...harness });
  let axe: ReturnType<typeof servingAxe> | undefined;
  // axe-core's script answered beside the dashboard, for axeViolations to load it by its address.
  const server = http.createServer((req, res) => {
    if (axe?.answer(req, res)) return;
    if (apiUncached && req.url?.startsWith('/api/')) answeredUncached(res);
    h.app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  axe = servingAxe(base);
  const outside = await refusingProxy();
  const browser = sharing?.browser ?? await launchChromium();
  return {
    h, base, browser, dir, dashboardDir,
    outside: { proxy: { server: `http://127.0.0.1:${outside.port}`, bypass: `127.0.0.1:${port}` }, refused: outside.refused },
    apiUncached,
    async close() {
      axe?.stop();
      if (!sharing) await browser.close();
      await new Promise((r) => outside.server.close(r));
      await new Promise((r) => server.close(r));
      await h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A new tab (es-MX, nothing outside the server) on `hash`, signed in as `user` from the sign-in form it shows.
 * `clock`: its timers on Playwright's clock (time flows as usual; a test may run it ahead). On a server whose API
 * answers are never kept (`apiUncached`), what is not for it goes to its refusing proxy (srv.outside) instead of
 * Playwright routing each request (which turns the context's HTTP cache off, as the API's no-store does here).
 */
export async function signedIn(srv: ReviewServer, user: UserName, hash: string, opts: { clock?: boolean } = {}): Promise<Page> {
  const context = await srv.browser.newContext({ locale: 'es-MX', viewport: { width: 1200, height: 900 }, ...(srv.apiUncached ? { proxy: srv.outside.proxy } : {}) });
  if (opts.clock) await context.clock.install();
  if (!srv.apiUncached) await context.route('**/*', (r) => (r.request().url().startsWith(srv.base) ? r.continue() : r.abort()));
  const page = await context.newPage();
  await page.goto(`${srv.base}/${hash}`);
  await page.getByLabel('Clave de acceso').fill(srv.h.bearer(user).replace(/^Bearer /, ''));
  await page.getByRole('button', { name: 'Entrar' }).click();
  return page;
}

/**
 * Waits (up to 15 s) for `shown` on a page whose timers are on Playwright's clock (signedIn's `clock`), running the
 * clock ahead by `everyMs` whenever no request is under way: the page's asks again every few seconds (Retry-After)
 * come as soon as the one before was answered, by the page's own timer, instead of after seconds of waiting each.
 * Never while a request is under way: a read's silence is timed on the same clock (dashboard/src/watched-read.ts).
 */
export async function askedAgainUntil(page: Page, shown: Locator, everyMs: number): Promise<void> {
  const pending = new Set<Request>();
  const start = (r: Request): void => { pending.add(r); };
  const end = (r: Request): void => { pending.delete(r); };
  page.on('request', start);
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  try {
    for (const deadline = Date.now() + 15_000; !(await shown.count());) {
      if (Date.now() > deadline) throw new Error(`no apareció en 15 s: ${shown.toString()}`);
      if (!pending.size) await page.clock.fastForward(everyMs);
      await shown.waitFor({ timeout: 200 }).catch(() => undefined);
    }
  } finally {
    page.off('request', start);
    page.off('requestfinished', end);
    page.off('requestfailed', end);
  }
}

/** Where a tab is emptied between tests: a blank document of the server's origin, answered by the test (the server is never asked). */
const BLANK = '/blank-tab-for-tests';
/** What starts `window.name` in a tab whose next document starts with its storage emptied (sharedTabs). */
const EMPTIED = 'vaciar-almacenamiento:';

export interface SharedTabs {
  /**
   * Tab `tab` (0 unless a test needs two pages at once, e.g. two users) with the dashboard loaded afresh at `hash`,
   * holding `sessionStorage` when it loads and nothing else of an earlier test.
   */
  open(hash: string, opts?: { tab?: number; sessionStorage?: Record<string, string> }): Promise<Page>;
}

/**
 * The file's tabs on `srv` (sharedTabs), es-MX at 1200 × 900, whose requests not for the server go to its refusing
 * proxy (srv.outside) instead of Playwright routing each one (which turns the HTTP cache off: the dashboard's script
 * compiled anew on each load). For a server started with `apiUncached`. `clock`: as sharedTabs' (installed here).
 */
export function proxiedTabs(srv: ReviewServer, opts: { clock?: boolean } = {}): SharedTabs {
  return sharedTabs(srv.base, async () => {
    const context = await srv.browser.newContext({ locale: 'es-MX', viewport: { width: 1200, height: 900 }, proxy: srv.outside.proxy });
    if (opts.clock) await context.clock.install();
    return context;
  }, { ...opts, keepHttpCache: true });
}

/** Closes `srv` (when started), then fails unless nothing was asked of anyone but the test server (srv.outside). */
export async function closedAskingNothingOutside(srv: ReviewServer | undefined): Promise<void> {
  const refused = srv?.outside.refused;
  await srv?.close();
  expect(refused).toEqual([]);
}

/**
 * The tabs a file's tests draw their pages in, each made once in a context of its own from `newContext` (which keeps
 * the requests to the server, by a route or a refusing proxy): a context and a tab for each page cost a renderer's
 * start and a full load (about 0.65 s of CPU each) before any work. A context each, not two tabs of one: the tab not in
 * front has its animation frames held back, and each of Playwright's clicks waited 1-2 s on them. Before each load the
 * tab is emptied of what an earlier test left: its sign-in (sessionStorage, as localStorage), the HTTP cache (public
 * answers are kept 60 s: a publisher the next test registers would be missing from Seguimiento), its routes and its
 * size; with `clock`, the context's clock (installed by `newContext`) is set back to the real time. With
 * `keepHttpCache` (a server whose API answers are never kept, startReviewServer's `apiUncached`, and a context that
 * routes nothing): the cache is kept, so that the dashboard's files and axe-core's script are compiled from V8's code
 * cache instead of anew on each load.
 */
export function sharedTabs(base: string, newContext: () => Promise<BrowserContext>, opts: { clock?: boolean; keepHttpCache?: boolean } = {}): SharedTabs {
  const tabs: { page: Page; cdp: CDPSession }[] = [];
  return {
    async open(hash, { tab = 0, sessionStorage = {} } = {}) {
      if (!tabs[tab] || tabs[tab].page.isClosed()) {
        const context = await newContext();
        const page = await context.newPage();
        // Empties the storage that open() marks to be emptied (window.name, kept across the tab's loads of one
        // origin), before the dashboard's scripts run: the document before it, unloaded by then, can write no more.
        await page.addInitScript((mark) => {
          type Storage = { clear(): void; setItem(key: string, value: string): void };
          const g = globalThis as unknown as { name: string; sessionStorage: Storage; localStorage: Storage };
          if (!g.name.startsWith(mark)) return;
          const kept = JSON.parse(g.name.slice(mark.length)) as Record<string, string>;
          g.name = '';
          g.sessionStorage.clear();
          g.localStorage.clear();
          for (const [k, v] of Object.entries(kept)) g.sessionStorage.setItem(k, v);
        }, EMPTIED);
        tabs[tab] = { page, cdp: await context.newCDPSession(page) };
      }
      const { page, cdp } = tabs[tab];
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await page.setViewportSize({ width: 1200, height: 900 });
      // On a document of the server's (what the test before left, or the blank one on a new tab: window.name does not
      // cross origins): marked to be emptied by the next one, and its address made the blank one's, so that going to
      // `hash` loads the page afresh (a change of the hash alone would not): one load, not two (the blank document's
      // cost about 0.05 s of CPU).
      // Routed by the page for that load only: a route left on would have Playwright route each request of the tab.
      if (!page.url().startsWith(`${base}/`)) {
        const blank = (url: URL): boolean => url.href === `${base}${BLANK}`;
        await page.route(blank, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>-</title>' }));
        await page.goto(`${base}${BLANK}`);
        await page.unroute(blank);
      }
      await page.evaluate(({ mark, kept, blank }) => {
        const g = globalThis as unknown as { name: string; history: { replaceState(data: null, unused: string, url: string): void } };
        g.name = mark + JSON.stringify(kept);
        g.history.replaceState(null, '', blank);
      }, { mark: EMPTIED, kept: sessionStorage, blank: BLANK });
      if (!opts.keepHttpCache) await cdp.send('Network.clearBrowserCache');
      if (opts.clock) await page.context().clock.setSystemTime(Date.now());
      await page.goto(`${base}/${hash}`);
      return page;
    },
  };
}
