/**
 * Keyboard focus and what screen readers hear on the public dashboard (accessibility audit of the built dashboard,
 * headless Chromium against the real app seeded with the example workbooks and one synthetic implementer large
 * enough to page its lists): in-page anchors (the skip link, a process's stage links) are not routes; a pager
 * button that becomes disabled hands the focus on; counts reach one persistent live region; focus rings keep 3:1
 * where they are drawn; repeated buttons and links say what they act on; only tables that scroll take the focus.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, contrast, describeIfChromium, launchChromium, WCAG_AA } from '../browser';
import { moveByHash, startDashboardServer, type DashboardServer } from './dashboard-server';
import { publish } from '../../functions/src/publication/publish';
import { BENCH_PUBLISHER, syntheticDocumentsFor, workbookOf } from '../../scripts/bench/synthetic-publisher';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Browser globals inside page.evaluate callbacks (this file compiles without the DOM lib).
declare const document: any;
declare const location: any;
declare const getComputedStyle: any;

/**
 * Implementer added to the examples so that Proyectos (20 a page) and Contrataciones (100 a page) have several pages:
 * its 100 processes and 50 projects make 119 processes (two pages) and 64 projects (four), as many pages as its 130
 * did, for three quarters of the publishing.
 */
const EXTRA = { ...BENCH_PUBLISHER, id: 'campeche', name: 'Municipio de Campeche', state: 'Campeche', ocidPrefix: 'ocds-cam001', projectIdPrefix: 'oc4ids-cam001' };

describeIfChromium('dashboard focus and announcements in headless Chromium', () => {
  let srv: DashboardServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    srv = await startDashboardServer();
    await srv.store.putPublisher(EXTRA);
    const result = await publish(srv.store, { publisher: EXTRA, workbook: workbookOf(syntheticDocumentsFor(EXTRA, 100)), actor: 'test', now: '2025-07-01T00:00:00Z', baseUrl: srv.base });
    expect(result.status).toBe('published');
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await context.route('**/*', (route) => (route.request().url().startsWith(srv.base) ? route.continue() : route.abort()));
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  async function open(hash: string): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${srv.base}/${hash}`);
    await page.waitForSelector('body[data-ready] main h1');
    return page;
  }
  /**
   * The file's one tab, moved to `hash` as a reader moves in the app (a fresh load of the document costs Chromium
   * several times as much). Only the skip link's test is about a page as it loads; the others start from wherever
   * the previous one left the tab, or load it if it is gone.
   */
  let tab: Page | undefined;
  async function go(hash: string): Promise<Page> {
    if (!tab || tab.isClosed()) return (tab = await open(hash));
    if (tab.viewportSize()?.width !== 1280) await tab.setViewportSize({ width: 1280, height: 900 });
    // Already there (a hash set again is no navigation): by another page, for the route to be drawn anew.
    for (const h of (await tab.evaluate(() => location.hash)) === hash ? ['#/acerca', hash] : [hash]) {
      await tab.evaluate((to: string) => { document.body.removeAttribute('data-ready'); location.hash = to; }, h);
      await tab.waitForSelector('body[data-ready] main h1');
    }
    return tab;
  }
  const active = (page: Page): Promise<{ tag: string; id: string; text: string }> =>
    page.evaluate(() => { const a = document.activeElement; return { tag: a?.tagName ?? '', id: a?.id ?? '', text: (a?.textContent ?? '').trim() }; });

  it('the skip link and a process\'s stage links move the focus within the page, keep the route and its filters, and draw nothing again', async () => {
    // A fresh load: the first Tab of a page as it loads reaches the skip link.
    const page = tab = await open('#/proyectos?state=Yucat%C3%A1n&orden=presupuesto');
    const route = await page.evaluate(() => location.hash);
    // A mark on the drawn page: a redraw would replace it.
    await page.evaluate(() => { document.querySelector('main h1').dataset.mark = 'drawn'; });
    await page.keyboard.press('Tab');
    expect((await active(page)).text).toBe('Saltar al contenido');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'contenido');
    expect(await page.evaluate(() => location.hash)).toBe(route);
    expect(await page.locator('main h1').textContent()).toBe('Proyectos');
    expect(await page.locator('main h1[data-mark="drawn"]').count()).toBe(1);
    // The next Tab goes on from the content, not from the top of the page.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    // An anchor reached by its address (a typed or shared «#contenido»): the same, the route put back as it was.
    await page.evaluate(() => { location.hash = '#contenido'; });
    await page.waitForFunction((r: string) => location.hash === r, route);
    expect(await active(page)).toMatchObject({ id: 'contenido' });
    expect(await page.locator('main h1[data-mark="drawn"]').count()).toBe(1);
    expect(await page.locator('main h1').textContent()).not.toBe('Página no encontrada');

    // A process's stage links: clicked, and reached by their address.
    const ocid = await page.evaluate(() => fetch('/api/index').then((r: any) => r.json()).then((i: any) => i.publishers.find((p: any) => p.publisherId === 'merida').processes[0].ocid));
    await moveByHash(page, `#/contratacion/${encodeURIComponent(ocid)}`, '#etapa-licitacion');
    const processRoute = await page.evaluate(() => location.hash);
    await page.evaluate(() => { document.querySelector('main h1').dataset.mark = 'drawn'; });
    await page.getByRole('navigation', { name: 'Etapas del proceso' }).getByRole('link', { name: 'Licitación' }).click();
    expect(await active(page)).toMatchObject({ tag: 'H2', text: 'Licitación' });
    expect(await page.evaluate(() => location.hash)).toBe(processRoute);
    await page.evaluate(() => { location.hash = '#etapa-adjudicacion'; });
    await page.waitForFunction((r: string) => location.hash === r, processRoute);
    expect(await active(page)).toMatchObject({ tag: 'H2', text: 'Adjudicación' });
    expect(await page.locator('main h1[data-mark="drawn"]').count()).toBe(1);
  });

  it('a pager button that becomes disabled on the last or first page hands the focus to the other one (Proyectos, Contrataciones)', async () => {
    const page = await go('#/proyectos');
    const pages = Number(/Página 1 de (\d+)/.exec(await page.locator('.pager').textContent() ?? '')?.[1]);
    expect(pages).toBeGreaterThan(2);
    await page.locator('#pagina-siguiente').focus();
    for (let i = 1; i < pages; i++) await page.keyboard.press('Enter');
    await page.locator('.pager', { hasText: `Página ${pages} de ${pages}` }).waitFor();
    expect(await page.locator('#pagina-siguiente').isDisabled()).toBe(true);
    expect(await active(page)).toMatchObject({ id: 'pagina-anterior' });
    for (let i = 1; i < pages; i++) await page.keyboard.press('Enter');
    await page.locator('.pager', { hasText: `Página 1 de ${pages}` }).waitFor();
    expect(await active(page)).toMatchObject({ id: 'pagina-siguiente' });

    await page.evaluate(() => { document.body.removeAttribute('data-ready'); location.hash = '#/contrataciones'; });
    await page.waitForSelector('body[data-ready] #tabla-contrataciones');
    await page.locator('#pagina-siguiente').focus();
    await page.keyboard.press('Enter');
    await page.locator('.pager', { hasText: 'Página 2 de 2' }).waitFor();
    expect(await active(page)).toMatchObject({ id: 'pagina-anterior' });
    await page.keyboard.press('Enter');
    await page.locator('.pager', { hasText: 'Página 1 de 2' }).waitFor();
    expect(await active(page)).toMatchObject({ id: 'pagina-siguiente' });
    expect(await axeViolations(page, { tags: [...WCAG_AA, 'best-practice'] })).toEqual([]);
  });

  // A keyboard user opens the twelfth project of the list, then goes Back: the focus was on the list's heading, and
  // they tabbed past the filters and eleven rows to get back to where they were.
  it('Back from a document to its list puts the focus on the link that was followed (Proyectos, Contrataciones)', async () => {
    const page = await go('#/proyectos?orden=presupuesto');
    for (const [list, table] of [['#/proyectos?orden=presupuesto', '#tabla-proyectos'], ['#/contrataciones', '#tabla-contrataciones']] as const) {
      if (list !== '#/proyectos?orden=presupuesto') {
        await moveByHash(page, list, table);
      }
      const link = page.locator(`${table} tbody tr a[href^="#/"]`).nth(11);
      const followed = { text: ((await link.textContent()) ?? '').trim(), href: await link.getAttribute('href') };
      await link.focus();
      await page.evaluate(() => document.body.removeAttribute('data-ready'));
      await page.keyboard.press('Enter');
      await page.waitForFunction((h: string) => document.body.dataset.ready === 'true' && location.hash !== h && !!document.querySelector('main h1'), list);
      expect(await active(page)).toMatchObject({ tag: 'H1' });
      await page.evaluate(() => document.body.removeAttribute('data-ready'));
      await page.goBack();
      await page.waitForSelector(`body[data-ready] ${table}`);
      expect(await page.evaluate(() => location.hash)).toBe(list);
      const now = await page.evaluate(() => ({ text: (document.activeElement?.textContent ?? '').trim(), href: document.activeElement?.getAttribute('href') ?? null }));
      expect(now).toEqual(followed);
    }
    // Reached again by a link rather than by Back, the list is a new page: its heading.
    await page.evaluate(() => document.body.removeAttribute('data-ready'));
    await page.locator('#menu a[href^="#/proyectos"]').first().click();
    await page.waitForFunction(() => document.body.dataset.ready === 'true' && location.hash.startsWith('#/proyectos'));
    expect(await active(page)).toMatchObject({ tag: 'H1', text: 'Proyectos' });
  });

  it('counts and outcomes reach one live region outside <main>, which a redraw does not replace (Proyectos, Contrataciones, Inicio)', async () => {
    const page = await go('#/proyectos');
    const anuncio = page.locator('#anuncio');
    expect(await anuncio.getAttribute('role')).toBe('status');
    expect(await page.locator('main #anuncio').count()).toBe(0);
    await page.fill('#buscar', 'escuela');
    await page.waitForFunction(() => /con los filtros elegidos/.test(document.getElementById('anuncio')?.textContent ?? ''));
    expect((await anuncio.textContent())?.trim()).toBe((await page.locator('#conteo').textContent())?.trim());
    // Everything on one page: no «Página 1 de 1», said or shown, and no pager with two disabled buttons.
    expect(await anuncio.textContent()).toMatch(/^\d+ proyectos? de \d+ con los filtros elegidos\.$/);
    expect(await page.locator('.pager').count()).toBe(0);
    expect(await page.locator('#pagina-anterior, #pagina-siguiente').count()).toBe(0);

    await page.evaluate(() => { document.body.removeAttribute('data-ready'); location.hash = '#/contrataciones'; });
    await page.waitForSelector('body[data-ready] #tabla-contrataciones');
    await page.fill('#buscar', '');
    await page.waitForFunction(() => !location.hash.includes('q='));
    await page.waitForSelector('body[data-ready] #filtro-metodo');
    const method = await page.locator('#filtro-metodo option').nth(1).getAttribute('value');
    await page.selectOption('#filtro-metodo', method ?? '');
    await page.waitForFunction(() => /^\d+ procesos? de contratación de \d+ con los filtros elegidos\./.test(document.getElementById('anuncio')?.textContent ?? '') && document.getElementById('anuncio').textContent === document.querySelector('#resultados p').textContent);
    // Contrataciones too: a pager only when the table has another page.
    const onePage = !/página/.test(await anuncio.textContent() ?? '');
    expect(await page.locator('.pager').count()).toBe(onePage ? 0 : 1);

    await page.evaluate(() => { document.body.removeAttribute('data-ready'); location.hash = '#/?q=xqzvvbn'; });
    await page.waitForSelector('body[data-ready] #sin-resultados');
    await page.waitForFunction(() => (document.getElementById('anuncio')?.textContent ?? '').startsWith('Nada de lo publicado coincide'));
    expect(await axeViolations(page, { tags: [...WCAG_AA, 'best-practice'] })).toEqual([]);
  });

  /** The focus outline of `selector` once focused from the keyboard, and the background it is drawn on. */
  async function ring(page: Page, selector: string, on: string): Promise<{ visible: boolean; outline: string; background: string }> {
    await page.keyboard.press('Shift');
    await page.focus(selector);
    return page.evaluate(([sel, bg]: string[]) => {
      const el = document.querySelector(sel);
      const style = getComputedStyle(el);
      return { visible: el.matches(':focus-visible') && style.outlineStyle !== 'none', outline: style.outlineColor, background: getComputedStyle(document.querySelector(bg)).backgroundColor };
    }, [selector, on]);
  }

  it('focus rings keep 3:1 against what they are drawn on: the header\'s «Filtros» panel, the Inicio map and its markers', async () => {
    const page = await go('#/');
    for (const selector of ['.filter-panel summary', '#filtro-year']) {
      if (selector !== '.filter-panel summary') await page.evaluate(() => { document.querySelector('.filter-panel').open = true; });
      const r = await ring(page, selector, '.filter-panel');
      expect([selector, r.visible]).toEqual([selector, true]);
      expect([selector, contrast(r.outline, r.background) >= 3]).toEqual([selector, true]);
    }
    // Each group of markers says where its projects are, as the map's table names places (its municipality when all
    // are in one): Tuxtla's five and Nuevo León's five both read «Grupo de 5 proyectos: acercar».
    expect(await page.locator('#mapa .marker.cluster').evaluateAll((ms: any[]) => ms.map((m) => m.getAttribute('aria-label')))).toEqual([
      'Grupo de 54 proyectos en Campeche y Yucatán: acercar', 'Grupo de 5 proyectos en Tuxtla Gutiérrez, Chiapas: acercar', 'Grupo de 5 proyectos en Nuevo León: acercar',
    ]);
    const map = await ring(page, '#mapa-dibujo', 'main');
    expect(map.visible).toBe(true);
    expect(contrast(map.outline, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3);
    // A focused marker: its outer ring stands out from the map (white, and the states' grey), an inner one from the marker.
    await page.locator('#mapa .marker').first().focus();
    const rings = await page.evaluate(() => [...document.activeElement.querySelectorAll('circle:not(.hit)')]
      .map((c: any) => ({ r: Number(c.getAttribute('r')), stroke: getComputedStyle(c).stroke, fill: getComputedStyle(c).fill, shown: getComputedStyle(c).display !== 'none' && getComputedStyle(c).stroke !== 'none' }))
      .filter((c: any) => c.shown).sort((a: any, b: any) => b.r - a.r));
    const [outer, inner] = [rings[0], rings[rings.length - 1]];
    for (const ground of ['rgb(255, 255, 255)', 'rgb(228, 232, 236)']) expect(contrast(outer.stroke, ground)).toBeGreaterThanOrEqual(3);
    expect(contrast(inner.stroke, inner.fill)).toBeGreaterThanOrEqual(3);
    expect(contrast(outer.stroke, inner.stroke)).toBeGreaterThanOrEqual(3);
  });

  /** Every table box on the page: whether it scrolls sideways, and whether it is a focusable, named region. */
  const tableBoxes = (page: Page): Promise<{ id: string; scrolls: boolean; stop: boolean }[]> => page.evaluate(() => [...document.querySelectorAll('main .table-wrap')]
    .filter((w: any) => w.getClientRects().length)
    .map((w: any) => ({ id: w.id || w.querySelector('caption')?.textContent, scrolls: w.scrollWidth > w.clientWidth + 1, stop: w.getAttribute('tabindex') === '0' && w.getAttribute('role') === 'region' && !!w.getAttribute('aria-label') })));

  it('status symbols are not read out; repeated buttons and links say what they act on; the map lets the page pinch-zoom; only tables that scroll are tab stops', async () => {
    const page = await go('#/seguimiento');
    // «✗ Atrasado…», «✓ Al día y completo»: the words say it; the symbol is hidden from screen readers.
    const marks = await page.evaluate(() => [...document.querySelectorAll('#tabla-seguimiento tbody tr td:first-of-type > span')].map((s: any) => {
      const first = s.firstElementChild;
      return first?.getAttribute('aria-hidden') === 'true' && /^[✗◷⚠✓]$/.test(first.textContent) && /^ \S/.test(s.childNodes[1]?.textContent ?? '');
    }));
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every(Boolean)).toBe(true);
    // Each row's «N de 7» (its stages) names its implementer, as its «Pendientes» link does.
    const stages = await page.locator('#tabla-seguimiento tbody tr').evaluateAll((rows: any[]) => rows.map((r) => [r.querySelector('th > span').firstChild.textContent, r.querySelector('summary').getAttribute('aria-label'), r.querySelector('summary').textContent]));
    expect(stages.length).toBeGreaterThan(1);
    for (const [name, label, shown] of stages) expect(label).toBe(`Etapas del programa de ${name}: ${shown}`);

    await page.evaluate(() => { document.body.removeAttribute('data-ready'); location.hash = '#/indicadores'; });
    await page.waitForSelector('body[data-ready] #ind-etapa');
    const csv = await page.locator('figure.chart-figure').evaluateAll((figs: any[]) => figs.filter((f) => f.querySelector('.download-csv'))
      .map((f) => [f.querySelector('h2, h3').textContent, f.querySelector('.download-csv').getAttribute('aria-label'), f.querySelector('.download-csv').textContent]));
    expect(csv.length).toBeGreaterThan(3);
    for (const [title, label, text] of csv) expect([label, text]).toEqual([`Descargar CSV: ${title}`, 'Descargar CSV']);
    // The charts' two-column tables fit at 1280 px: not tab stops nor landmarks; any that scrolls is both.
    const boxes = await tableBoxes(page);
    expect(boxes.some((b) => !b.scrolls)).toBe(true);
    for (const b of boxes) expect([b.id, b.stop]).toEqual([b.id, b.scrolls]);
    expect(await axeViolations(page, { tags: [...WCAG_AA, 'best-practice'] })).toEqual([]);

    // Proyectos at 1280 px: its wide table scrolls and is a tab stop, named. On a phone it is drawn by rows
    // (stackWhenWide): nothing scrolls, so no tab stop.
    await page.evaluate(() => { document.body.removeAttribute('data-ready'); location.hash = '#/proyectos'; });
    await page.waitForSelector('body[data-ready] #tabla-proyectos');
    await page.waitForFunction(() => document.querySelector('main .table-wrap')?.getAttribute('tabindex') === '0');
    for (const b of await tableBoxes(page)) expect([b.id, b.stop]).toEqual([b.id, b.scrolls]);
    expect((await tableBoxes(page)).some((b) => b.scrolls)).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => document.querySelector('#tabla-proyectos.stacked') && !document.querySelector('#tabla-proyectos')?.hasAttribute('tabindex'));
    for (const b of await tableBoxes(page)) expect([b.id, b.stop]).toEqual([b.id, b.scrolls]);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.evaluate(() => { document.body.removeAttribute('data-ready'); location.hash = '#/?publisher=merida'; });
    await page.waitForSelector('body[data-ready] #mapa .marker');
    expect(await page.locator('#mapa-dibujo').evaluate((m) => getComputedStyle(m).touchAction)).toBe('pan-y pinch-zoom');
    let guard = 0;
    while (await page.locator('#mapa-popup[hidden]').count() && guard++ < 8) {
      const single = page.locator('#mapa .marker:not(.cluster)');
      if (await single.count()) { await single.first().focus(); await page.keyboard.press('Enter'); } else { await page.locator('#mapa .marker.cluster').first().focus(); await page.keyboard.press('Enter'); }
    }
    await page.waitForFunction(() => !/^oc4ids-/.test(document.querySelector('#mapa-popup .popup-title a')?.textContent ?? 'oc4ids-'));
    const items = await page.locator('#mapa-popup .popup-item').evaluateAll((xs: any[]) => xs.map((x) => [x.querySelector('.popup-title a').textContent, x.querySelector('.popup-link').getAttribute('aria-label'), x.querySelector('.popup-link').textContent]));
    expect(items.length).toBeGreaterThan(0);
    for (const [title, label, text] of items) expect([label, text]).toEqual([`Ver proyecto: ${title}`, 'Ver proyecto']);
    // Tab out of the popup, past its last link or back before its first button, closes it: a keyboard user was left
    // with it over the map, on the markers it hid.
    const popupHasFocus = () => page.evaluate(() => document.querySelector('#mapa-popup').contains(document.activeElement));
    await page.locator('#mapa-popup .popup-link').last().focus();
    await page.keyboard.press('Tab');
    await page.locator('#mapa-popup').waitFor({ state: 'hidden' });
    expect(await popupHasFocus()).toBe(false);
    const single = page.locator('#mapa .marker:not(.cluster)');
    await (await single.count() ? single : page.locator('#mapa .marker.cluster')).first().focus();
    await page.keyboard.press('Enter');
    await page.locator('#mapa-popup').waitFor({ state: 'visible' });
    await page.locator('#mapa-popup .popup-close').focus();
    await page.keyboard.press('Shift+Tab');
    await page.locator('#mapa-popup').waitFor({ state: 'hidden' });
    expect(await popupHasFocus()).toBe(false);
  });
});
