/**
 * The jest run's one Chromium (jest's globalSetup and globalTeardown, in jest's own process): an address on
 * 127.0.0.1 that launches the tests' browser as a server at its first request and answers its WebSocket endpoint;
 * every test file's `launchChromium()` connects to it (scripts/lib/chromium.ts). A run without browser files
 * launches nothing. Each launch cost about 1 CPU-s and a second of a worker's time, in each browser file.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { BrowserServer } from 'playwright-core';
import { hasChromium, launchChromiumServer, SHARED_CHROMIUM_ENV } from '../scripts/lib/chromium';

interface Shared { address: http.Server; browser?: Promise<BrowserServer> }

/** Kept on the global object: jest loads the setup and the teardown as two modules. */
const KEY = Symbol.for('infra-abierta.shared-chromium');
const slot = globalThis as unknown as Record<symbol, Shared | undefined>;

export async function startSharedChromium(): Promise<void> {
  // A run started inside another (the benches' smoke test runs commands) keeps its parent's browser.
  if (!hasChromium || process.env[SHARED_CHROMIUM_ENV]) return;
  const shared: Shared = { address: http.createServer((_req, res) => {
    shared.browser ??= launchChromiumServer();
    shared.browser.then(
      (browser) => res.end(browser.wsEndpoint()),
      (e: unknown) => { res.statusCode = 500; res.end(String(e)); },
    );
  }) };
  await new Promise<void>((resolve) => shared.address.listen(0, '127.0.0.1', resolve));
  slot[KEY] = shared;
  process.env[SHARED_CHROMIUM_ENV] = `http://127.0.0.1:${(shared.address.address() as AddressInfo).port}/`;
}

export async function stopSharedChromium(): Promise<void> {
  const shared = slot[KEY];
  if (!shared) return;
  slot[KEY] = undefined;
  delete process.env[SHARED_CHROMIUM_ENV];
  await new Promise((resolve) => shared.address.close(resolve));
  const browser = await shared.browser?.catch(() => undefined);
  await browser?.close();
}
