/**
 * What a reader trips over on the way through the public pages, in headless Chromium against the real app seeded
 * with the example workbooks, at 390 px and at 1280 px:
 * - the search box's hint is read whole (on a phone it read «Proyecto, clave, ins»);
 * - Contrataciones counts its list as the other lists do: «19 procesos de contratación.», and «de 19» only with a
 *   filter that leaves some out (it read «19 procesos de contratación de 19.» with nothing filtered).
 */
import type { Browser, Page } from 'playwright-core';
import { describeIfChromium, launchChromium } from '../browser';
import { startDashboardServer, type DashboardServer } from './dashboard-server';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const getComputedStyle: any;

describeIfChromium('the public journey', () => {
  let srv: DashboardServer;
  let browser: Browser;

  beforeAll(async () => {
    srv = await startDashboardServer();
    browser = await launchChromium();
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  async function open(width: number, hash: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    await page.goto(`${srv.base}/${hash}`);
    await page.waitForSelector('body[data-ready] main h1');
    return page;
  }

  /** The hint's width in the box's font against the box's room for text, in pixels. */
  const hintFit = (page: Page): Promise<{ hint: string; text: number; room: number }> => page.evaluate(() => {
    const input = document.getElementById('buscar');
    const style = getComputedStyle(input);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = style.font;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { hint: input.placeholder, text: ctx.measureText(input.placeholder).width, room };
  });

  it.each([390, 1280])('at %i px the search hint fits its box', async (width) => {
    const page = await open(width, '#/proyectos');
    const fit = await hintFit(page);
    expect(fit.hint).toMatch(/^Proyecto, clave/);
    expect(fit.text).toBeLessThanOrEqual(fit.room);
    // A window narrowed to a phone's width gets the hint that fits there.
    if (width > 390) {
      await page.setViewportSize({ width: 390, height: 900 });
      const narrowed = await hintFit(page);
      expect(narrowed.text).toBeLessThanOrEqual(narrowed.room);
    }
    await page.context().close();
  });

  it('Contrataciones says «de N» only when a filter leaves processes out', async () => {
    const page = await open(390, '#/contrataciones');
    const counted = (): Promise<string> => page.locator('#resultados > p').first().innerText();
    expect(await counted()).toBe('19 procesos de contratación.');
    await page.selectOption('#filtro-metodo', 'direct');
    await page.waitForFunction(() => /con los filtros/.test(document.querySelector('#resultados > p').textContent));
    expect(await counted()).toBe('4 procesos de contratación de 19 con los filtros elegidos.');
    await page.context().close();
  });
});
