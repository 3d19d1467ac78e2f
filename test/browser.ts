/**
 * Browser tests' entry to headless Chromium (scripts/lib/chromium.ts) and a `describe` that skips without it; where
 * they leave screenshots, and the accessibility check (axe-core) they run on their pages.
 */
import * as fs from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';
import * as path from 'path';
import type { Download, Locator, Page } from 'playwright-core';
import { hasChromium } from '../scripts/lib/chromium';

export { CHROMIUM, hasChromium, launchChromium } from '../scripts/lib/chromium';
export const describeIfChromium = hasChromium ? describe : describe.skip;

/**
 * A downloaded file's text. Read through the browser's connection: the run's one Chromium is connected to, and a
 * download's path on disk is then the browser's own, not given to the test (Playwright's `download.path()`).
 */
export async function downloadedText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Screenshots of the pages the browser tests open, for a person to look at (not compared): keptScreenshot. */
export const ARTIFACTS = path.resolve(__dirname, '../test-artifacts');

/**
 * A screenshot of `target` (a page, `fullPage` for all of it, or one element) kept as ARTIFACTS/`name` for a person to
 * look at, when a person asks for them: `INFRA_SCREENSHOTS=1 npx jest FILE`. Nothing compares them, and each cost
 * Chromium 0.1–0.6 CPU-s (its PNG; a whole page's, the most): about 5 CPU-s of every run of the suite, whose browser
 * files are what keeps it at its time budget.
 */
export async function keptScreenshot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (process.env.INFRA_SCREENSHOTS !== '1') return;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await (options.fullPage ? (target as Page).screenshot({ path: file, fullPage: true }) : target.screenshot({ path: file }));
}

/** The WCAG 2.0 and 2.1 A and AA rules. */
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** WCAG contrast ratio of two CSS colours `rgb(…)` / `rgba(…)` (the alpha aside). */
export function contrast(a: string, b: string): number {
  const lum = (c: string): number => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

let axeSource: string | undefined;
/** Where a test server that serves axe-core's script (servingAxe) answers it. */
const AXE_PATH = '/axe-core-for-tests.js';
/** The origins of the test servers that answer axe-core's script now. */
const axeServers = new Set<string>();

/**
 * For a test server at `base` (`http://127.0.0.1:port`): `answer` answers a request for axe-core's script (true then),
 * and until `stop()` axeViolations loads the script on that server's pages by its address instead of inline. Fetched
 * over HTTP, the script is kept by the context's HTTP cache (when nothing routes its requests) and V8 compiles it from
 * its code cache instead of anew, and its 650 kB do not cross the DevTools connection: about 0.25 CPU-s less a page.
 */
export function servingAxe(base: string): { answer(req: IncomingMessage, res: ServerResponse): boolean; stop(): void } {
  axeServers.add(base);
  return {
    answer(req, res) {
      if (req.url !== AXE_PATH) return false;
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600' });
      res.end(axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
      return true;
    },
    stop() { axeServers.delete(base); },
  };
}

/**
 * axe-core's violations on the page, one line each (`rule (impact): first targets`); the script is added to the
 * page once: by its address on a server that serves it (servingAxe), otherwise inline (the context needs `bypassCSP`
 * either way). `tags`: only the rules with these tags (otherwise axe's default set); `exclude`: selectors left out.
 */
export async function axeViolations(page: Page, options: { tags?: string[]; exclude?: string[] } = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) {
    const origin = /^https?:/.test(page.url()) ? new URL(page.url()).origin : '';
    if (axeServers.has(origin)) await page.addScriptTag({ url: `${origin}${AXE_PATH}` });
    else await page.addScriptTag({ content: (axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')) });
  }
  return page.evaluate(async ({ tags, exclude }) => {
    type Result = { violations: { id: string; impact?: string; nodes: { target: string[] }[] }[] };
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } }).axe;
    const r = await axe.run({ include: [['html']], exclude: exclude.map((s) => [s]) }, { ...(tags ? { runOnly: { type: 'tag', values: tags } } : {}), resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact ?? ''}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }, { tags: options.tags, exclude: options.exclude ?? [] });
}
