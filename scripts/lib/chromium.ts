/**
 * Headless Chromium for the browser tests and the dashboard bench: Debian's packages (installed by .ci/run),
 * driven by playwright-core, with the background services off so it talks to nothing but our 127.0.0.1 server.
 * No jest globals here: the bench imports it outside jest (test/browser.ts re-exports it for the tests).
 */
import * as fs from 'fs';
import * as http from 'http';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

/** The whole browser (package `chromium`), run in its headless mode. */
export const CHROMIUM = '/usr/bin/chromium';
/**
 * The same engine without the browser around it (package `chromium-headless-shell`, what Playwright itself runs
 * headless): the same Blink and V8, without a window to composite that nobody sees. Chromium was about three quarters
 * of the CPU of a browser test file (review.browser: 47 s of 60); with the shell a tab that loads the dashboard costs
 * about 45 % less CPU, and review-focus and sidebar.browser 25–30 % less in all. The suite uses it when installed.
 */
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/** What the tests drive: INFRA_CHROMIUM when set, else the shell when installed, else the whole browser. */
const TESTED = process.env.INFRA_CHROMIUM || (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : CHROMIUM);
export const hasChromium = fs.existsSync(TESTED);

/**
 * The tests load the dashboard afresh many times in one tab (through about:blank, openMainText). Chromium keeps each
 * page left in its back-forward cache and starts a new document (and browsing instance) for each load: without those
 * features a load costs about a third less CPU (0.33 → 0.21 s a page, measured with the shell). No test is about the
 * back-forward cache; the bench keeps a reader's browser as it is.
 */
const TEST_ONLY_ARGS = ['--disable-features=BackForwardCache,ProactivelySwapBrowsingInstance,RenderDocument'];

const launchOptions = (whole: boolean) => ({
  executablePath: whole ? CHROMIUM : TESTED,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...(whole ? [] : TEST_ONLY_ARGS)],
});

/**
 * Where a jest run's one Chromium is to be had (test/shared-chromium.ts, started by jest's globalSetup): an address
 * on 127.0.0.1 answering the browser server's WebSocket endpoint, the browser launched at the first request.
 */
export const SHARED_CHROMIUM_ENV = 'INFRA_SHARED_CHROMIUM';

/**
 * `whole`: the whole browser even when the shell is there (bench:dashboard, whose figures are a reader's Chromium's
 * and compare with earlier runs). Inside a jest run the tests' browser is the run's one Chromium, connected to:
 * a launch costs about 1 CPU-s and a second of wall time, in each of about twenty browser files. Each file still
 * has its own contexts; closing a connected browser closes the contexts it made and leaves the browser running.
 */
export async function launchChromium(options: { whole?: boolean } = {}): Promise<Browser> {
  const shared = process.env[SHARED_CHROMIUM_ENV];
  if (shared && !options.whole) return chromium.connect(await wsEndpointAt(shared));
  return chromium.launch(launchOptions(options.whole === true));
}

/** The tests' browser as a server other processes connect to (test/shared-chromium.ts). */
export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer(launchOptions(false));
}

function wsEndpointAt(address: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // A connection of its own: a kept-alive one the address closed meanwhile would be reset (ECONNRESET).
    http.get(address, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`el Chromium compartido no arrancó: ${body}`))));
    }).on('error', reject);
  });
}
