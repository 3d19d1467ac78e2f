/**
 * The public dashboard as people with assistive technology meet it (accessibility audit, headless Chromium against
 * the real app seeded with the example workbooks): a page whose data is slow to come says «Cargando…», on screen and
 * to screen readers, until it is drawn; the bar charts stay drawn in the system's high-contrast colours (Windows
 * contrast themes: forced colours); sorting a list by one of its columns says the new order.
 * One server, one browser and one tab for the file.
 */
import type { Browser, Page } from 'playwright-core';
import { describeIfChromium, launchChromium } from '../browser';
import { startDashboardServer, type DashboardServer } from './dashboard-server';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Browser globals inside page.evaluate callbacks (this file compiles without the DOM lib).
declare const document: any;
declare const location: any;

describeIfChromium('the public dashboard with assistive technology, in headless Chromium', () => {
  let srv: DashboardServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [srv, browser] = await Promise.all([startDashboardServer(), launchChromium()]);
    const context = await browser.newContext({ locale: 'es-MX', viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => (route.request().url().startsWith(srv.base) ? route.continue() : route.abort()));
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  /** The tab on `hash`, loaded afresh and drawn. */
  async function open(hash: string): Promise<void> {
    await page.goto(`${srv.base}/${hash}`);
    await page.waitForSelector('body[data-ready] main h1');
  }
  const said = (): Promise<string> => page.evaluate(() => document.getElementById('anuncio')?.textContent ?? '');

  it('a page whose data is slow to come says «Cargando…» on screen and through the live region until it is drawn, then its heading takes the focus', async () => {
    await open('#/proyectos');
    // A project's whole record over a weak signal: held back until the page has been looked at.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/api/oc4ids/projects/**', async (route) => { await held; await route.continue(); });
    try {
      const link = page.locator('#tabla-proyectos tbody th a').nth(1);
      const title = (await link.textContent()) ?? '';
      await link.click();
      await page.waitForFunction(() => document.getElementById('anuncio')?.textContent === 'Cargando…');
      const note = page.locator('#cargando');
      expect(await note.isVisible()).toBe(true);
      expect(await note.textContent()).toBe('Cargando…');
      // Read once, through the live region: the note on screen is hidden from screen readers.
      expect(await note.getAttribute('aria-hidden')).toBe('true');
      expect(await page.locator('main h1').textContent()).toBe('Proyectos');
      release();
      await page.locator('main h1', { hasText: title }).waitFor();
      await page.waitForSelector('body[data-ready]');
      expect(await note.isVisible()).toBe(false);
      expect(await said()).not.toBe('Cargando…');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      expect(await page.title()).toBe(`${title} — Infraestructura Abierta`);
    } finally {
      release();
      await page.unroute('**/api/oc4ids/projects/**');
    }
    // A page drawn at once says nothing of the kind, and a count it says as it is drawn is kept.
    await page.evaluate(() => { location.hash = '#/proyectos'; });
    await page.waitForFunction(() => /^\d+ proyectos?\.$/.test(document.getElementById('anuncio')?.textContent ?? ''));
    await page.waitForTimeout(700);
    expect(await said()).toMatch(/^\d+ proyectos?\.$/);
    expect(await page.locator('#cargando').isVisible()).toBe(false);
  });
});
