/**
 * The dashboard at national scale (dashboard/src/data/scope.ts), in headless Chromium against the real app seeded
 * with the three example publishers, each in its own state. The page's row budget (`IA_MAX_ROWS`, set before the
 * bundle runs) is lowered to the rows of Mérida's state, so these three states stand for the country and the two
 * others for states too large to load whole: no page may load the whole index; a data page without a state lists
 * the states with the counts of `/api/publishers`; a chosen state or a link to a project loads that state's index
 * only (`?state=`), and its figures are that state's; in a larger state the page lists its implementers, and an
 * implementer filter loads that implementer only (`?publisher=`); pages that read only the publishers open
 * without any index; *Descargas* links no file of all publishers together when the API refuses them. And when a
 * publication pushes the data past the budget while a tab loads, the tab reads the counts again and chooses anew. axe-core checks the chooser; its
 * screenshots go to test-artifacts/dashboard-elegir-estado-{1280,390}.png when asked (INFRA_SCREENSHOTS=1).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { keptScreenshot, axeViolations, describeIfChromium, launchChromium, WCAG_AA } from '../browser';
import { moveByHash, startDashboardServer, type DashboardServer } from './dashboard-server';
import type { IndexAnswer } from '../../core/stats/publication-index';
import { formatNumber } from '../../core/format/es-mx';
import { createApp } from '../../functions/src/app';
import { publish } from '../../functions/src/publication/publish';
import { BENCH_PUBLISHER, syntheticDocumentsFor, workbookOf } from '../../scripts/bench/synthetic-publisher';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
declare const location: any;

const PROJECT_ID = 'oc4ids-mid001-MID-2024-001';

describeIfChromium('public dashboard at national scale', () => {
  // One seeded server and one Chromium for the file: the first tests only read the data, and the last publishes
  // (through an app of its own over the same store) after them.
  let srv: DashboardServer;
  let browser: Browser;

  beforeAll(async () => {
    // The files of all publishers together are refused too, as they are above what one request can build.
    srv = await startDashboardServer({ limits: { bulkAllMaxDocuments: 1 } });
    browser = await launchChromium();
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  describe('one state at a time', () => {
    let context: BrowserContext;
    let index: IndexAnswer;
    const refused: string[] = [];
    const count = (n: number): string => formatNumber(n, 0);

    beforeAll(async () => {
      index = (await (await fetch(`${srv.base}/api/index`)).json()) as IndexAnswer;
      const merida = index.publishers.find((p) => p.publisherId === 'merida')!;
      const max = rowsOf(ofState(merida.state));
      // The other two states are larger than Mérida's: each stands for a state too large to load whole.
      expect(index.publishers.filter((p) => p.state !== merida.state).every((p) => rowsOf(ofState(p.state)) > max)).toBe(true);
      context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
      await context.addInitScript((n: number) => { window.IA_MAX_ROWS = n; }, max);
      await context.route('**/*', (route) => {
        if (route.request().url().startsWith(srv.base)) return route.continue();
        refused.push(route.request().url());
        return route.abort();
      });
    });
    afterAll(async () => { await context?.close(); });

    /**
     * The describe's one tab, loaded afresh at `hash` (through a blank page, at 1280 px), recording from then on the
     * API requests it makes (path and query, decoded): a tab of its own for each test cost a renderer's start.
     */
    let tab: Page | undefined;
    let recording: ((r: Request) => void) | undefined;
    async function open(hash: string): Promise<{ page: Page; api: string[] }> {
      if (!tab || tab.isClosed()) tab = await context.newPage();
      const page = tab;
      if (recording) page.off('request', recording);
      await page.goto('about:blank');
      await page.setViewportSize({ width: 1280, height: 900 });
      const api: string[] = [];
      recording = (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/')) api.push(decodeURIComponent(u.pathname + u.search)); };
      page.on('request', recording);
      await page.goto(`${srv.base}/${hash}`);
      await page.waitForSelector('body[data-ready] main h1');
      return { page, api };
    }
    const visit = (page: Page, hash: string): Promise<boolean> => moveByHash(page, hash);
    const text = async (page: Page, selector: string): Promise<string> => ((await page.locator(selector).first().textContent()) ?? '').trim();
    const kpi = async (page: Page, label: string): Promise<string> => ((await page.locator('#kpis .kpi', { has: page.locator(`dt:text-is("${label}")`) }).locator('dd .fig').first().textContent()) ?? '').trim();
    const ofState = (state: string): IndexAnswer['publishers'] => index.publishers.filter((p) => p.state === state);
    const rowsOf = (publishers: IndexAnswer['publishers']): number => publishers.reduce((n, p) => n + p.projects.length + p.processes.length, 0);

    it('Inicio lists the states with their counts and loads no index; choosing one shows that state\'s figures from its own index', async () => {
      const states = [...new Set(index.publishers.map((p) => p.state))].sort((a, b) => a.localeCompare(b, 'es-MX'));
      expect(states.length).toBe(3);
      const { page, api } = await open('#/');
      expect(await text(page, 'main h1')).toBe('Obra pública abierta');
      const rows = await page.locator('#elegir-estado tbody tr').evaluateAll((trs: any[]) => trs.map((tr) => [...tr.children].map((c: any) => c.textContent.trim())));
      expect(rows).toEqual(states.map((s) => [s, count(ofState(s).length), count(ofState(s).reduce((n, p) => n + p.projects.length, 0)), count(ofState(s).reduce((n, p) => n + p.processes.length, 0))]));
      expect(await kpi(page, 'Proyectos de infraestructura')).toBe(count(index.publishers.reduce((n, p) => n + p.projects.length, 0)));
      expect(await kpi(page, 'Estados')).toBe('3');
      expect(await kpi(page, 'Implementadores que publican')).toBe(count(index.publishers.length));
      await keptScreenshot(page, 'dashboard-elegir-estado-1280.png');
      const violations = await axeViolations(page, { tags: [...WCAG_AA, 'best-practice'] });
      expect(violations).toEqual([]);
      // On a phone: the list of states never makes the page scroll sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await keptScreenshot(page, 'dashboard-elegir-estado-390.png', { fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      expect(api.filter((u) => u.startsWith('/api/index') || u.startsWith('/api/stats'))).toEqual([]);

      // The reader picks the state of the Mérida example.
      const state = index.publishers.find((p) => p.publisherId === 'merida')!.state;
      await page.evaluate(() => document.body.removeAttribute('data-ready'));
      await page.locator('#elegir-estado a', { hasText: state }).click();
      await page.waitForSelector('body[data-ready] #kpis');
      expect(await page.evaluate(() => location.hash)).toBe(`#/?state=${encodeURIComponent(state).replace(/%20/g, '+')}`);
      expect(await kpi(page, 'Proyectos de infraestructura')).toBe(count(ofState(state).reduce((n, p) => n + p.projects.length, 0)));
      expect(await kpi(page, 'Contrataciones')).toBe(count(ofState(state).reduce((n, p) => n + p.processes.length, 0)));
      expect(await page.locator('#filtro-state').inputValue()).toBe(state);
      // The implementer filter offers that state's implementers only.
      expect(await page.locator('#filtro-publisher option').evaluateAll((os: any[]) => os.map((o) => o.value).filter(Boolean))).toEqual(ofState(state).map((p) => p.publisherId));

      // The menu carries the state to the list pages, which read its index, never the whole one.
      await page.evaluate(() => document.body.removeAttribute('data-ready'));
      await page.locator('#menu a', { hasText: /^Proyectos$/ }).click();
      await page.waitForSelector('body[data-ready] #tabla-proyectos');
      expect(await page.locator('#tabla-proyectos tbody tr').count()).toBe(ofState(state).reduce((n, p) => n + p.projects.length, 0));
      const indexCalls = api.filter((u) => u.startsWith('/api/index'));
      expect(indexCalls.length).toBeGreaterThan(0);
      expect(indexCalls.every((u) => u.endsWith(`?state=${state}`))).toBe(true);

      // «Todos» in the header's state filter: back to the list of states.
      await page.evaluate(() => document.body.removeAttribute('data-ready'));
      // The filter panel is open while a filter is on.
      expect(await page.locator('.filter-panel').evaluate((d: any) => d.open)).toBe(true);
      await page.locator('#filtro-state').selectOption('');
      await page.waitForSelector('body[data-ready] #elegir-estado');
      expect(await text(page, 'main h1')).toBe('Proyectos');
      expect(await page.locator('#elegir-estado a').first().getAttribute('href')).toMatch(/^#\/proyectos\?state=/);
    });

    it('a link to a project opens in its state; a larger state lists its implementers and loads one; Calidad reads the scope\'s stats; Acerca needs no index', async () => {
      const merida = index.publishers.find((p) => p.publisherId === 'merida')!;
      const { page, api } = await open(`#/proyecto/${encodeURIComponent(PROJECT_ID)}`);
      expect(await text(page, 'main h1')).toBe(merida.projects.find((p) => p.id === PROJECT_ID)!.title);
      expect(api.filter((u) => u.startsWith('/api/index'))).toEqual([`/api/index/compact/core?state=${merida.state}`, `/api/index/compact/details?state=${merida.state}`]);

      // A state above the budget: its implementers to choose from, nothing loaded.
      const other = index.publishers.find((p) => p.state !== merida.state)!;
      const calls = api.length;
      await visit(page, `#/contrataciones?state=${encodeURIComponent(other.state)}`);
      expect(await text(page, 'main h1')).toBe('Contrataciones');
      const offered = await page.locator('#elegir-implementador tbody tr').evaluateAll((trs: any[]) => trs.map((tr) => [...tr.children].map((c: any) => c.textContent.trim())));
      expect(offered).toEqual(ofState(other.state).map((p) => [p.name, count(p.projects.length), count(p.processes.length)]));
      expect(api.slice(calls).filter((u) => u.startsWith('/api/index'))).toEqual([]);
      await page.evaluate(() => document.body.removeAttribute('data-ready'));
      await page.locator('#elegir-implementador a', { hasText: other.name }).click();
      await page.waitForSelector('body[data-ready] #tabla-contrataciones');
      expect(api.slice(calls).filter((u) => u.startsWith('/api/index'))).toEqual([`/api/index/compact/core?publisher=${other.publisherId}`, `/api/index/compact/details?publisher=${other.publisherId}`]);
      expect(await page.locator('#tabla-contrataciones tbody tr').count()).toBe(other.processes.length);
      expect(await page.locator('#filtro-publisher').inputValue()).toBe(other.publisherId);

      await visit(page, `#/calidad?state=${encodeURIComponent(merida.state)}`);
      expect(api.filter((u) => u.startsWith('/api/stats'))).toEqual([`/api/stats?state=${merida.state}`]);
      expect(await page.locator('main').textContent()).toContain(merida.name);
      expect(await page.locator('main').textContent()).not.toContain(other.name);

      // A contractor's page holds one state's data: it says its figures are that state's, not the whole country's.
      await visit(page, `#/contratista/MX-RFC-CVM130828EF5?state=${encodeURIComponent(merida.state)}`);
      expect(await text(page, '#alcance-contratista')).toBe(`Solo sus contratos en ${merida.state}: con tantos datos publicados, el tablero carga un estado a la vez. Para ver los de otro estado, elíjalo en «Estado».`);

      // Descargas: no link to files the API refuses; each implementer's files are offered.
      await visit(page, '#/descargas');
      expect(await text(page, '#sin-masivos-nacionales')).toMatch(/^Los archivos de todos los implementadores juntos no se ofrecen: suman \d+ documentos publicados/);
      expect(await page.locator('a[href^="/api/bulk/"]:not([href*="publisher="])').count()).toBe(0);
      expect(await page.locator('#tabla-descargas a[href*="publisher="]').count()).toBeGreaterThan(0);
      const refusedBulk = await fetch(`${srv.base}/api/bulk/releases.json`);
      expect(refusedBulk.status).toBe(404);
      expect(((await refusedBulk.json()) as { error: { code: string } }).error.code).toBe('bulk-all-too-large');

      // A search typed before choosing: said, and carried by each choice.
      await visit(page, '#/proyectos?q=escuela');
      expect(await text(page, '#busqueda-pendiente')).toBe('Su búsqueda «escuela» se hará en lo que elija.');
      expect(await page.locator('#elegir-estado a').first().getAttribute('href')).toMatch(/^#\/proyectos\?q=escuela&state=/);

      const before = api.length;
      await visit(page, '#/acerca');
      expect(await text(page, 'main h1')).toBe('Acerca de los datos');
      await visit(page, '#/calidad');
      expect(await page.locator('#elegir-estado').count()).toBe(1);
      expect(api.slice(before).filter((u) => u.startsWith('/api/index') || u.startsWith('/api/stats'))).toEqual([]);
      expect(refused).toEqual([]);
    });
  });

  describe('when a publication crosses the budget while a tab loads', () => {
    it('the API refuses the whole index the tab asked for from older counts; the tab reads the counts again and offers the states', async () => {
      const index = (await (await fetch(`${srv.base}/api/index`)).json()) as IndexAnswer;
      const rows = index.publishers.reduce((n, p) => n + p.projects.length + p.processes.length, 0);
      // Tab and API share one budget, exactly today's rows: the tab asks for everything (its counts fit).
      const limited = createApp({ store: srv.store, config: { publicBaseUrl: srv.base, maxBodyBytes: 1024 * 1024 }, log: () => undefined, dashboardDir: srv.build.outDir, limits: { indexMaxRows: rows } });
      const server = http.createServer(limited);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript((n: number) => { window.IA_MAX_ROWS = n; }, rows);
      // Another implementer (Campeche) publishes while the tab's first index request is on its way (held, then sent
      // as is to the real app): the data now exceed the budget the tab chose from.
      let held = false;
      await context.route('**/api/index/compact/core*', async (route) => {
        if (!held) {
          held = true;
          const publisher = { ...BENCH_PUBLISHER, id: 'campeche', name: 'Municipio de Campeche', state: 'Campeche', ocidPrefix: 'ocds-cam001', projectIdPrefix: 'oc4ids-cam001' };
          const workbook = workbookOf(syntheticDocumentsFor(publisher, 4));
          await srv.store.putPublisher(publisher);
          const result = await publish(srv.store, { publisher, workbook, actor: 'test', now: '2025-07-01T00:00:00Z', baseUrl: base });
          expect(result.status).toBe('published');
        }
        await route.continue();
      });
      const page = await context.newPage();
      const api: string[] = [];
      page.on('response', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/')) api.push(`${r.status()} ${decodeURIComponent(u.pathname + u.search)}`); });
      await page.goto(`${base}/#/proyectos`);
      await page.waitForSelector('body[data-ready] main h1');
      expect(api).toContain('400 /api/index/compact/core');
      expect(await page.locator('#elegir-estado tbody th').allTextContents()).toContain('Campeche');
      expect(await page.locator('main h1').textContent()).toBe('Proyectos');
      await context.close();
      await new Promise((r) => server.close(r));
    });
  });
});
