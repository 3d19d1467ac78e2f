/**
 * The built dashboard in headless Chromium against the real app seeded with the example workbooks (issue 8):
 * every page renders the API's figures, filters change them, a project shows its processes, hostile data stays
 * text, axe-core finds no violations, the keyboard reaches everything, the map is calibrated, list pages read the
 * slim /api/index (never the full packages), and the first load stays under 150 KB gzipped. Requests outside the test server are refused (no CDN). Screenshots go to
 * test-artifacts/dashboard-*.png.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeIfChromium, launchChromium } from '../browser';
import { HOSTILE_TITLE, startDashboardServer, type DashboardServer } from './dashboard-server';
import { project } from '../../dashboard/src/map/projection';
import { formatMoney } from '../../core/format/es-mx';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Browser globals inside page.evaluate callbacks (this file compiles without the DOM lib; module-scoped, no leak).
declare const document: any;
declare const window: any;
declare const getComputedStyle: any;

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const PAGES: [string, string][] = [
  ['inicio', '#/'], ['proyectos', '#/proyectos'], ['contrataciones', '#/contrataciones'], ['contratistas', '#/contratistas'],
  ['indicadores', '#/indicadores'], ['calidad', '#/calidad'], ['seguimiento', '#/seguimiento'], ['descargas', '#/descargas'],
];

interface StatsBody { publishers: { publisherId: string; data: { projects: number; processes: number; budgetMxn: number; contractedMxn: number } }[] }

describeIfChromium('public dashboard in headless Chromium', () => {
  let srv: DashboardServer;
  let browser: Browser;
  let context: BrowserContext;
  let stats: StatsBody;
  const refused: string[] = [];

  beforeAll(async () => {
    srv = await startDashboardServer();
    stats = (await (await fetch(`${srv.base}/api/stats`)).json()) as StatsBody;
    browser = await launchChromium();
    // bypassCSP lets the test inject axe-core; the page itself runs under its own CSP.
    context = await browser.newContext({ viewport: { width: 1200, height: 900 }, bypassCSP: true, acceptDownloads: true });
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(srv.base)) return route.continue();
      refused.push(route.request().url());
      return route.abort();
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  async function open(hash: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${srv.base}/${hash}`);
    await page.waitForSelector('body[data-ready] main h1');
    return page;
  }
  const total = (k: 'projects' | 'processes' | 'budgetMxn' | 'contractedMxn', only?: string): number =>
    Math.round(stats.publishers.filter((p) => !only || p.publisherId === only).reduce((n, p) => n + p.data[k], 0) * 100) / 100;

  it('Inicio shows the API totals, and the implementer filter changes them', async () => {
    const page = await open('#/');
    const kpi = async (label: string): Promise<string> => (await page.locator('#kpis .kpi', { hasText: label }).locator('dd').first().textContent())?.trim() ?? '';
    expect(await kpi('Proyectos')).toBe(String(total('projects')));
    expect(await kpi('Procesos de contratación')).toBe(String(total('processes')));
    expect(await kpi('Presupuesto total')).toContain(formatMoney(total('budgetMxn')));
    expect(await kpi('Monto contratado')).toContain(formatMoney(total('contractedMxn')));
    await page.selectOption('#filtro-publisher', 'merida');
    await page.waitForFunction((n) => document.querySelector('#kpis .kpi dd')?.textContent === n, String(total('projects', 'merida')));
    expect(await kpi('Monto contratado')).toContain(formatMoney(total('contractedMxn', 'merida')));
    expect(page.url()).toContain('publisher=merida');
    await page.close();
  });

  it('Proyectos lists every project, searches, sorts and downloads a formula-safe CSV', async () => {
    const page = await open('#/proyectos');
    const rows = page.locator('#tabla-proyectos tbody tr');
    expect(await rows.count()).toBe(total('projects'));
    await page.fill('#buscar', 'escuela');
    await page.waitForFunction(() => document.querySelectorAll('#tabla-proyectos tbody tr').length < 5);
    const titles = await page.locator('#tabla-proyectos tbody th').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()).toContain('escuela');
    await page.fill('#buscar', '');
    await page.click('#orden-presupuesto');
    await page.click('#orden-presupuesto');
    const budgets = (await page.locator('#tabla-proyectos tbody tr td:nth-child(6)').allTextContents()).map((s) => Number(s.replace(/[^0-9.]/g, '')));
    expect(budgets).toEqual([...budgets].sort((a, b) => b - a));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Descargar CSV')]);
    const csv = fs.readFileSync(await download.path() as string, 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(total('projects') + 1);
    expect(csv).toContain('"\'=HYPERLINK(');
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    await page.close();
  });

  it('keeps hostile text inert: no script runs, the title shows literally', async () => {
    const page = await open('#/proyectos?q=HYPERLINK');
    const link = page.locator('#tabla-proyectos tbody th a').first();
    expect(await link.textContent()).toBe(HOSTILE_TITLE);
    await link.click();
    await page.waitForSelector('#tabla-procesos');
    expect(await page.locator('h1').textContent()).toBe(HOSTILE_TITLE);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    expect(await page.locator('main img, main script').count()).toBe(0);
    await page.close();
  });

  it('a project page shows its processes, timeline, documents checklist and a pin on the map', async () => {
    const body = (await (await fetch(`${srv.base}/api/oc4ids/projects?publisher=nuevo-leon`)).json()) as { projects: { id: string; contractingProcesses?: unknown[] }[] };
    const p = body.projects.find((x) => (x.contractingProcesses ?? []).length > 1) ?? body.projects[0];
    const page = await open(`#/proyecto/${encodeURIComponent(p.id)}`);
    expect(await page.locator('#tabla-procesos tbody tr').count()).toBe(p.contractingProcesses?.length);
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(0);
    expect(await page.locator('.checklist li').count()).toBeGreaterThan(5);
    expect(await page.locator('.map .pin').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-proyecto.png'), fullPage: true });
    await page.close();
  });

  it('every state capital (or an inland city where the capital sits on the coast) falls inside its state on the map', async () => {
    const body = (await (await fetch(`${srv.base}/api/oc4ids/projects?limit=1`)).json()) as { projects: { id: string }[] };
    const page = await open(`#/proyecto/${encodeURIComponent(body.projects[0].id)}`);
    // La Paz and Chetumal sit on bays the simplified outline cuts: Ciudad Constitución and Felipe Carrillo Puerto instead.
    const cities: Record<string, [number, number]> = {
      yuc: [-89.62, 20.97], nle: [-100.31, 25.67], chp: [-93.12, 16.75], cmx: [-99.13, 19.43], jal: [-103.35, 20.67], chh: [-106.09, 28.63], son: [-110.96, 29.07],
      bcs: [-111.66, 25.03], bcn: [-115.45, 32.62], oax: [-96.73, 17.06], cam: [-90.53, 19.85], roo: [-88.05, 19.58], tab: [-92.93, 17.99], ver: [-96.91, 19.54],
      zac: [-102.58, 22.77], dur: [-104.67, 24.02], sin: [-107.39, 24.81], coa: [-101.0, 25.42], tam: [-99.14, 23.74], slp: [-100.98, 22.15], agu: [-102.29, 21.88],
      nay: [-104.89, 21.5], col: [-103.72, 19.24], mic: [-101.19, 19.7], mex: [-99.66, 19.29], mor: [-99.23, 18.92], pue: [-98.2, 19.04], tla: [-98.24, 19.32],
      hid: [-98.73, 20.12], que: [-100.39, 20.59], gua: [-101.26, 21.02], gro: [-99.5, 17.55],
    };
    const points = Object.fromEntries(Object.entries(cities).map(([k, [lng, lat]]) => [k, project(lng, lat)]));
    const outside = await page.evaluate((pts) => Object.entries(pts).filter(([id, { x, y }]) => {
      const el = document.getElementById(`estado-${id}`) as any;
      const pt = el.ownerSVGElement.createSVGPoint(); pt.x = x; pt.y = y;
      return !el.isPointInFill(pt);
    }).map(([id]) => id), points);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('Contrataciones, Contratista, Indicadores, Calidad and Seguimiento render the seeded figures', async () => {
    let page = await open('#/contrataciones');
    expect(await page.locator('#tabla-contrataciones tbody tr').count()).toBe(total('processes'));
    await page.selectOption('#filtro-metodo', 'open');
    await page.waitForFunction((n) => document.querySelectorAll('#tabla-contrataciones tbody tr').length < n, total('processes'));
    await page.close();

    page = await open('#/contratistas');
    const first = page.locator('#tabla-contratistas tbody th a').first();
    const name = await first.textContent();
    await first.click();
    await page.waitForSelector('#tabla-contratista');
    expect(await page.locator('h1').textContent()).toBe(name);
    expect(await page.locator('#tabla-contratista tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-contratista.png'), fullPage: true });
    await page.close();

    page = await open('#/indicadores');
    expect(await page.locator('figure.chart-figure').count()).toBe(await page.locator('figure.chart-figure table').count());
    await page.close();

    page = await open('#/calidad');
    expect(await page.locator('#tabla-completitud tbody tr').count()).toBe(stats.publishers.length);
    expect(await page.locator('#tabla-campos tbody tr').count()).toBeGreaterThan(20);
    await page.close();

    page = await open('#/seguimiento');
    expect(await page.locator('#tabla-seguimiento tbody tr').count()).toBe(stats.publishers.length);
    await page.selectOption('#filtro-estado', 'Yucatán');
    await page.waitForFunction(() => document.querySelectorAll('#tabla-seguimiento tbody tr').length === 1);
    await page.close();
  });

  it('has no axe-core violations on any page, and keeps a screenshot of each', async () => {
    const report: string[] = [];
    for (const [name, hash] of [...PAGES, ['proyecto', '#/proyecto/oc4ids-mid001-MID-2024-001'] as [string, string]]) {
      const page = await open(hash);
      await page.addScriptTag({ content: AXE });
      const violations: string[] = await page.evaluate(async () => {
        const axe = window.axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
        return r.violations.map((v: any) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join(' | ')}`);
      });
      report.push(...violations.map((v) => `${name}: ${v}`));
      if (name !== 'proyecto') await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
      await page.close();
    }
    expect(report).toEqual([]);
  });

  it('works from the keyboard: skip link, menu, visible focus, focus on the new page heading', async () => {
    const page = await open('#/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Saltar al contenido');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    expect(outline).not.toBe('none');
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.textContent)) !== 'Proyectos' && guard++ < 10) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Proyectos');
    // Sorting by keyboard: tab to the first sort button and press Enter.
    guard = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'orden-titulo' && guard++ < 40) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.locator('#tabla-proyectos thead th[aria-sort="descending"]').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('orden-titulo');
    await page.close();
  });

  it('list pages read the slim /api/index; only a project page fetches a full document, its own project', async () => {
    const full = /\/api\/(oc4ids\/projects|ocds\/records|ocds\/releases|bulk)/;
    const fetched = async (hash: string, ready: string): Promise<string[]> => {
      const page = await context.newPage();
      const urls: string[] = [];
      page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/')) urls.push(u.pathname + u.search); });
      await page.goto(`${srv.base}/${hash}`);
      await page.waitForSelector(ready);
      await page.close();
      return urls;
    };
    for (const [, hash] of PAGES) {
      const urls = await fetched(hash, 'body[data-ready] main h1');
      expect(urls.filter((u) => full.test(u))).toEqual([]);
      expect(urls).toContain('/api/index');
    }
    const id = 'oc4ids-mid001-MID-2024-001';
    expect((await fetched(`#/proyecto/${encodeURIComponent(id)}`, '#tabla-procesos')).filter((u) => full.test(u))).toEqual([`/api/oc4ids/projects/${encodeURIComponent(id)}`]);
  });

  it('runs under the server\'s CSP header (no bypass): no violation on any page, and no other site can frame it', async () => {
    const strict = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await strict.newPage();
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
    const first = await page.goto(`${srv.base}/#/`);
    expect(first?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.waitForSelector('body[data-ready] main h1');
    for (const [, hash] of PAGES.slice(1)) {
      await page.evaluate((h) => { window.location.hash = h; }, hash);
      await page.waitForFunction((h) => window.location.hash === h && document.querySelector('body[data-ready] main h1'), hash);
    }
    await page.evaluate((h) => { window.location.hash = h; }, `#/proyecto/${encodeURIComponent('oc4ids-mid001-MID-2024-001')}`);
    await page.waitForSelector('#tabla-procesos');
    expect(violations).toEqual([]);
    // A page of another site framing the dashboard gets an error page, not the dashboard.
    const framer = await strict.newPage();
    await framer.setContent(`<iframe src="${srv.base}/#/"></iframe>`);
    const frame = framer.frames()[1];
    expect(frame).toBeDefined();
    expect(frame.url()).not.toContain(srv.base);
    expect(await frame.$('main')).toBeNull();
    await strict.close();
  });

  it('first load stays under 150 KB gzipped and needs nothing from outside', async () => {
    const gz = Object.values(srv.build.files).reduce((n, f) => n + f.gzip, 0);
    const page = await context.newPage();
    let apiBytes = 0;
    page.on('response', async (r) => { if (r.url().includes('/api/')) apiBytes += (await r.body().catch(() => Buffer.alloc(0))).length; });
    await page.goto(`${srv.base}/#/`);
    await page.waitForSelector('body[data-ready] main h1');
    console.log(`dashboard first load: ${Object.entries(srv.build.files).map(([n, f]) => `${n} ${(f.gzip / 1024).toFixed(1)} KB gz`).join(', ')}; total ${(gz / 1024).toFixed(1)} KB gz (+ ${(apiBytes / 1024).toFixed(0)} KB of API JSON, uncompressed)`);
    expect(gz).toBeLessThan(150 * 1024);
    expect(refused).toEqual([]);
    await page.close();
  });
});
