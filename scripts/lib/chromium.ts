/**
 * Headless Chromium for the browser tests and the dashboard bench: Debian's package (installed by .ci/run),
 * driven by playwright-core, with the background services off so it talks to nothing but our 127.0.0.1 server.
 * No jest globals here: the bench imports it outside jest (test/browser.ts re-exports it for the tests).
 */
import * as fs from 'fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
