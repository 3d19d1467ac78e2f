/**
 * Headless Chromium for the browser tests and the dashboard bench: Debian's packages (installed by .ci/run),
 * driven by playwright-core, with the background services off so it talks to nothing but our 127.0.0.1 server.
 * No jest globals here: the bench imports it outside jest (test/browser.ts re-exports it for the tests).
 */
import * as fs from 'fs';
import { chromium, type Browser } from 'playwright-core';

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

/**
 * `whole`: the whole browser even when the shell is there (bench:dashboard, whose figures are a reader's Chromium's
 * and compare with earlier runs).
 */
export function launchChromium(options: { whole?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: options.whole ? CHROMIUM : TESTED,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...(options.whole ? [] : TEST_ONLY_ARGS)],
  });
}
