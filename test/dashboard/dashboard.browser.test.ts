/**
 * The built dashboard in headless Chromium against the real app seeded with the example workbooks (issues 8, 15).
 * ONE browser, ONE server and ONE tab, in which each test loads the dashboard afresh and moves between pages by their
 * hash (the data load is shared, as for a reader), so each page load checks several things at once:
 * - every page at 1280 px and at 390 px: it renders, the page never scrolls sideways, no figure breaks across
 *   lines, no "1 proyectos"-style plural, and axe-core reports nothing;
 * - the seeded figures on every page (Inicio's counters and map, the new Contratación, Instituciones, Acerca,
 *   Glosario pages, the indicators), the header filters kept in the URL from page to page, CSV and JSON downloads;
 * - hostile data stays text, the keyboard reaches everything, list pages read only the slim /api/index, the first
 *   load stays under 150 KB gzipped, nothing is requested outside the test server, an unknown address is answered
 *   in Spanish. Screenshots go to test-artifacts/dashboard-*.png when asked (keptScreenshot: INFRA_SCREENSHOTS=1).
 */
import { unpackStats } from '../../core/stats/stats-answer';
import * as fs from 'fs';
import * as zlib from 'zlib';
import * as path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { keptScreenshot, axeViolations, describeIfChromium, downloadedText, launchChromium, WCAG_AA } from '../browser';
import { HOSTILE_TITLE, moveByHash, startDashboardServer, type DashboardServer } from './dashboard-server';
import { inMexico, project } from '../../dashboard/src/map/projection';
import { formatCompact, formatDate, formatMoney } from '../../core/format/es-mx';
import { stageTitle } from '../../dashboard/src/labels';
import type { IndexAnswer } from '../../core/stats/publication-index';
import OCDS_CODE_TITLES from '../../schemas/labels/codes-ocds.json';
import type { CellValue, WorkbookModel } from '../../core/workbook/model';
import { templateSpec } from '../../core/template/template-spec';
import { columnOfField } from '../../core/template/column-of-field';
import { xlsxBook } from '../support/xlsx-download';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Browser globals inside page.evaluate callbacks (this file compiles without the DOM lib; module-scoped, no leak).
declare const document: any;
declare const window: any;
declare const location: any;
declare const getComputedStyle: any;

const PROJECT_ID = 'oc4ids-mid001-MID-2024-001';
const INSTITUTION = 'MX-RFC-MME840101P28';

/**
 * A process published with its budget only as a breakdown, no total (as many EDCA-MX publishers do, e.g. the INAI's
 * ocds-g4facg-OA-C033-18): its one item split in two, the second with a clave whose components name its partida.
 */
const BREAKDOWN_OCID = 'ocds-nl0001-SI-LP-OP-017-2022';
function budgetAsBreakdown(key: string, workbook: WorkbookModel): void {
  if (key !== 'nuevo-leon') return;
  const sheet = (name: string) => workbook.sheets.find((x) => x.name === name) as WorkbookModel['sheets'][number];
  const set = (name: string, row: CellValue[], field: string, value: CellValue) => { row[sheet(name).rows[1].indexOf(field)] = value; };
  const process = sheet('Contrataciones').rows.find((r) => r[0] === BREAKDOWN_OCID) as CellValue[];
  set('Contrataciones', process, 'planning/budget/amount/amount', undefined);
  set('Contrataciones', process, 'planning/budget/amount/currency', undefined);
  set('Contrataciones', process, 'planning/budget/description', undefined);
  const first = sheet('Partidas presupuestales').rows.find((r) => r[0] === BREAKDOWN_OCID) as CellValue[];
  set('Partidas presupuestales', first, 'planning/budget/budgetBreakdown/0/amount/amount', 60000000);
  const second = [...first];
  set('Partidas presupuestales', second, 'planning/budget/budgetBreakdown/0/id', 'BB-2');
  set('Partidas presupuestales', second, 'planning/budget/budgetBreakdown/0/description', 'Aportación federal');
  set('Partidas presupuestales', second, 'planning/budget/budgetBreakdown/0/amount/amount', 30500000.25);
  sheet('Partidas presupuestales').rows.push(second);
  const line: CellValue[] = [BREAKDOWN_OCID];
  set('Líneas presupuestarias', line, 'planning/budget/budgetBreakdown/0/id', 'BB-2');
  set('Líneas presupuestarias', line, 'planning/budget/budgetBreakdown/0/budgetLines/0/id', 'L-2');
  sheet('Líneas presupuestarias').rows.push(line);
  const components = sheet('Componentes presupuestales');
  for (const [level, name, code, description] of [[1, 'branch', '21', 'Infraestructura'], [2, 'spendingObject', '61502', 'Puentes']] as const) {
    const row: CellValue[] = [BREAKDOWN_OCID];
    components.rows.push(row);
    set('Componentes presupuestales', row, 'planning/budget/budgetBreakdown/0/id', 'BB-2');
    set('Componentes presupuestales', row, 'planning/budget/budgetBreakdown/0/budgetLines/0/id', 'L-2');
    set('Componentes presupuestales', row, 'planning/budget/budgetBreakdown/0/budgetLines/0/components/0/name', name);
    set('Componentes presupuestales', row, 'planning/budget/budgetBreakdown/0/budgetLines/0/components/0/level', level);
    set('Componentes presupuestales', row, 'planning/budget/budgetBreakdown/0/budgetLines/0/components/0/code', code);
    set('Componentes presupuestales', row, 'planning/budget/budgetBreakdown/0/budgetLines/0/components/0/description', description);
  }
}

/**
 * Accounting stages the example workbooks lack, typed in the template's own sheets (stages by their Spanish title, as
 * the drop-down offers them): BREAKDOWN_OCID's second item gets a classification by levels with stages («Clasificación
 * presupuestal», «Momentos de la clasificación»), listed out of order; its contract a budget classified with stages
 * («Presupuesto del contrato», «Clasificación del contrato», «Momentos contables del contrato»).
 */
const STAGES_CONTRACT = 'SI-LP-OP-017-2022-C1';
function budgetStages(key: string, workbook: WorkbookModel): void {
  if (key !== 'nuevo-leon') return;
  const add = (name: string, first: CellValue, cells: Record<string, CellValue>): void => {
    const sheet = workbook.sheets.find((x) => x.name === name) as WorkbookModel['sheets'][number];
    const row: CellValue[] = [first];
    // A column by the end of its path, which must name one column.
    for (const [field, value] of Object.entries(cells)) {
      const cols = sheet.rows[1].flatMap((p, i) => (String(p) === field || String(p).endsWith(`/${field}`) ? [i] : []));
      if (cols.length !== 1) throw new Error(`${cols.length} columns …/${field} in ${name}`);
      row[cols[0]] = value;
    }
    sheet.rows.push(row);
  };
  const bb = { 'planning/budget/budgetBreakdown/0/id': 'BB-2' };
  // Its types as an official picks them: a Spanish title from the drop-down, or the code the SHCP publishes.
  for (const [level, label, id, description, type] of [[4, 'Partida Específica', '61502', 'Puentes', 'Económica'], [2, 'Unidad Responsable', '21', 'Secretaría de Movilidad y Planeación Urbana', 'Administrative']] as const) {
    add('Clasificación presupuestal', BREAKDOWN_OCID, { ...bb, 'budgetClassification/0/id': id, 'budgetClassification/0/levelId': level, 'budgetClassification/0/levelLabel': label, 'budgetClassification/0/description': description, 'budgetClassification/0/classification': type });
  }
  for (const [id, stage, amount] of [['61502', 'Comprometido', 30000000], ['61502', 'Aprobado', 30500000.25], ['21', 'Aprobado', 30500000.25]] as const) {
    add('Momentos de la clasificación', BREAKDOWN_OCID, { ...bb, 'budgetClassification/0/id': id, 'measures/0/id': stage, 'measures/0/value/amount': amount, 'measures/0/value/currency': 'MXN' });
  }
  const kb = { 'contracts/0/id': STAGES_CONTRACT, 'implementation/budgetBreakdown/0/id': 'K014' };
  add('Presupuesto del contrato', BREAKDOWN_OCID, { ...kb, 'budgetBreakdown/0/description': 'Conservación de puentes', 'budgetBreakdown/0/amount/amount': 84215307.52, 'budgetBreakdown/0/amount/currency': 'MXN' });
  add('Clasificación del contrato', BREAKDOWN_OCID, { ...kb, 'budgetClassification/0/id': '61502', 'budgetClassification/0/levelId': 4, 'budgetClassification/0/levelLabel': 'Partida Específica', 'budgetClassification/0/description': 'Puentes' });
  for (const [stage, amount] of [['Comprometido', 84215307.52], ['Pagado', 84215307.52]] as const) {
    add('Momentos contables del contrato', BREAKDOWN_OCID, { ...kb, 'budgetClassification/0/id': '61502', 'measures/0/id': stage, 'measures/0/value/amount': amount, 'measures/0/value/currency': 'MXN' });
  }
}

interface StatsBody { publishers: { publisherId: string; data: { projects: number; processes: number; budgetMxn: number; contractedMxn: number } }[] }

describeIfChromium('public dashboard in headless Chromium', () => {
  let srv: DashboardServer;
  let browser: Browser;
  let context: BrowserContext;
  let stats: StatsBody;
  let index: IndexAnswer;
  const refused: string[] = [];

  beforeAll(async () => {
    srv = await startDashboardServer({ edit: (key, workbook) => { budgetAsBreakdown(key, workbook); budgetStages(key, workbook); } });
    // Each implementer's quality as stored: the answer sends the fields' titles once (core/stats/stats-answer.ts).
    stats = { publishers: unpackStats((await (await fetch(`${srv.base}/api/stats`)).json()) as StatsBody) };
    index = (await (await fetch(`${srv.base}/api/index`)).json()) as IndexAnswer;
    browser = await launchChromium();
    // bypassCSP lets the test inject axe-core; the page itself runs under its own CSP.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, acceptDownloads: true });
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(srv.base)) return route.continue();
      refused.push(route.request().url());
      return route.abort();
    });
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  const total = (k: 'projects' | 'processes' | 'budgetMxn' | 'contractedMxn', only?: string): number =>
    Math.round(stats.publishers.filter((p) => !only || p.publisherId === only).reduce((n, p) => n + p.data[k], 0) * 100) / 100;
  const allProjects = (): IndexAnswer['publishers'][number]['projects'] => index.publishers.flatMap((p) => p.projects);
  const allProcesses = (): IndexAnswer['publishers'][number]['processes'] => index.publishers.flatMap((p) => p.processes);
  /** Distinct parties (by id, else name) that entries refer to through `pick`, across publishers. */
  const distinctParties = (pick: (p: IndexAnswer['publishers'][number]) => (number | undefined)[]): number => new Set(index.publishers.flatMap((p) =>
    pick(p).filter((i): i is number => i !== undefined).map((i) => p.parties?.[i]).map((x) => (x ? x.id || `nombre:${x.name}` : '')))).size;
  const institutionCount = (): number => distinctParties((p) => [...p.projects.map((x) => x.authority), ...p.processes.map((x) => x.buyer)]);

  /**
   * The tab the tests draw their pages in: each test loads the dashboard afresh in it (`open`), at the desktop size.
   * A tab of each test's own cost its start on top of the load (about 0.15 s of CPU each, on a machine whose two
   * cores the suite shares).
   */
  let tab: Page | undefined;
  async function open(hash: string): Promise<Page> {
    if (!tab || tab.isClosed()) tab = await context.newPage();
    await tab.setViewportSize({ width: 1280, height: 900 });
    // Through a blank page: an address that differs from the tab's only by its hash would not load the document again.
    await tab.goto('about:blank');
    await tab.goto(`${srv.base}/${hash}`);
    await tab.waitForSelector('body[data-ready] main h1');
    return tab;
  }
  /** In-app navigation (the hash router), waiting for the new page to be drawn. */
  const visit = (page: Page, hash: string): Promise<boolean> => moveByHash(page, hash);
  /**
   * The tab moved to `hash` by the app's own navigation, at the desktop size, for a test about what that page shows
   * and does (nothing about a first load; the test before left no control of the header open): a fifth of a fresh
   * load's CPU.
   * Loaded afresh when there is no tab yet (the test run alone) or it already shows that address (no hashchange).
   */
  async function show(hash: string): Promise<Page> {
    if (!tab || tab.isClosed()) return open(hash);
    await tab.setViewportSize({ width: 1280, height: 900 });
    return (await moveByHash(tab, hash)) ? tab : open(hash);
  }
  const text = async (page: Page, selector: string): Promise<string> => ((await page.locator(selector).first().textContent()) ?? '').trim();
  /** A card's figure; of an amount written in words (from a million pesos), the exact amount under the words. */
  const kpi = async (page: Page, label: string): Promise<string> => ((await page.locator('#kpis .kpi', { has: page.locator(`dt:text-is("${label}")`) }).locator('dd > .fig, dd .exact .fig').last().textContent()) ?? '').trim();
  const kpiWords = async (page: Page, label: string): Promise<string> => ((await page.locator('#kpis .kpi', { has: page.locator(`dt:text-is("${label}")`) }).locator('dd').innerText()) ?? '').split('\n')[0].trim();
  /** Each card of a group by its label: whether its value is kept on one line (`nowrap`, a figure) or wraps (`normal`, words). */
  const cardWrapping = (page: Page, id: string): Promise<Record<string, string>> => page.evaluate((sel: string) => Object.fromEntries([...document.querySelectorAll(`${sel} .kpi`)]
    .map((k: any) => [k.querySelector('dt').textContent, getComputedStyle(k.querySelector('dd').firstElementChild ?? k.querySelector('dd')).whiteSpace])), `#${id}`);
  /**
   * A table's column as the reader sees it, checked against its header: `aria-sort` on the title pressed, the values
   * in that order (amounts as numbers, words as es-MX sorts them), «Sin dato» after every value either way (and
   * «Aún no», the tenderers of a process still at planning: no value either).
   */
  async function expectColumnOrder(page: Page, table: string, key: string, dir: 'ascending' | 'descending', numeric: boolean): Promise<void> {
    expect(await page.locator(`${table} th[aria-sort]`).evaluateAll((ths) => ths.map((th) => [th.querySelector('button')?.id, th.getAttribute('aria-sort')]))).toEqual([[`orden-${key}`, dir]]);
    const index = await page.locator(`${table} thead th`).evaluateAll((ths, id) => ths.findIndex((th) => th.querySelector('button')?.id === id), `orden-${key}`);
    const cells = (await page.locator(`${table} tbody tr > :nth-child(${index + 1})`).allTextContents()).map((t) => t.trim());
    const none = (c: string): boolean => c === 'Sin dato' || c === 'Aún no';
    const missing = cells.findIndex(none);
    const values = missing < 0 ? cells : cells.slice(0, missing);
    if (missing >= 0) expect(cells.slice(missing).filter((c) => !none(c))).toEqual([]);
    const collator = new Intl.Collator('es-MX', { numeric: true });
    const cmp = numeric ? (a: string, b: string) => Number(a.replace(/[^0-9.-]/g, '')) - Number(b.replace(/[^0-9.-]/g, '')) : (a: string, b: string) => collator.compare(a, b);
    expect(values.length).toBeGreaterThan(1);
    expect(values).toEqual([...values].sort((a, b) => (dir === 'ascending' ? cmp(a, b) : cmp(b, a))));
  }
  const markerSum = (page: Page): Promise<number> => page.evaluate(() => [...document.querySelectorAll('#mapa .marker')].reduce((n: number, m: any) => n + Number(m.dataset.count), 0));

  /**
   * What every page must satisfy at any width: no sideways scroll, figures on one line, Spanish plurals, axe clean
   * (`axe: false` leaves axe out).
   */
  async function layoutAndA11y(page: Page, name: string, width: number, axe = true): Promise<string[]> {
    const problems: string[] = await page.evaluate((w: number) => {
      const out: string[] = [];
      const sw = document.documentElement.scrollWidth;
      if (sw > w) out.push(`scrollWidth ${sw} > ${w}`);
      for (const el of document.querySelectorAll('.fig')) {
        if (el.getClientRects().length > 1) out.push(`figure broken across lines: «${el.textContent}»`);
      }
      const body = document.body.innerText as string;
      const bad = body.match(/(^|[^\d.,])1 (proyectos|procesos|contratistas|instituciones|advertencias|errores|días|puntos|marcadores|licitantes|contratos)\b/);
      if (bad) out.push(`plural: «${bad[0].trim()}»`);
      if (/Cannot GET|undefined|NaN|\[object Object\]/.test(body)) out.push('raw JavaScript value or English error shown');
      return out;
    }, width);
    // Calidad's per-field table has ~570 rows drawn by one loop: axe checks its first 40 (the same markup) so the
    // check stays within the time limit on a loaded machine; every other page is checked whole. The rest are set aside
    // while axe runs, then put back: left out by an `exclude` selector, axe still walked their 5,000 nodes (its run on
    // Calidad took 8.6 s of the renderer's CPU on a loaded machine, 2.4 s without them).
    const aside = axe ? await page.evaluate(() => {
      const rest = [...document.querySelectorAll('#tabla-campos tbody tr:nth-child(n+41)')];
      for (const tr of rest) tr.remove();
      window.__setAside = rest;
      return rest.length;
    }) : 0;
    const violations = axe ? await axeViolations(page, { tags: [...WCAG_AA, 'best-practice'] }) : [];
    if (aside) await page.evaluate(() => { document.querySelector('#tabla-campos tbody').append(...window.__setAside); });
    return [...problems, ...violations].map((p) => `${name} @${width}: ${p}`);
  }

  /** Every page, with the detail pages of seeded items; in groups so that each test stays well under 30 s on a loaded machine. */
  function hashOf(name: string): string {
    const proc = allProcesses().find((p) => p.contracts.length > 0 && p.suppliers.length > 0) ?? allProcesses()[0];
    const supplier = proc.suppliers[0];
    const detail: Record<string, string> = {
      inicio: '#/?', proyecto: `#/proyecto/${encodeURIComponent(PROJECT_ID)}`, contratacion: `#/contratacion/${encodeURIComponent(proc.ocid)}`,
      contratista: `#/contratista/${encodeURIComponent(supplier.id || `nombre:${supplier.name}`)}`, institucion: `#/institucion/${encodeURIComponent(INSTITUTION)}`,
      pendientes: '#/pendientes/merida',
    };
    return detail[name] ?? `#/${name}`;
  }
  const GROUPS = [
    ['inicio', 'proyectos', 'proyecto', 'no-existe'],
    ['contrataciones', 'contratacion', 'contratistas', 'contratista'],
    ['instituciones', 'institucion', 'indicadores', 'glosario'],
    ['calidad', 'acerca'],
    ['seguimiento', 'pendientes', 'descargas'],
  ];

  // axe reads the markup, which is the same at both widths but for the phone's header (its «Menú» and filters
  // disclosures, the same on every page): at 390 px it checks the first group's pages, which show them. Checking all
  // of them again took 7 s of a quiet machine (12 s on CI), with nothing different to find.
  // Both widths in one tab, as a reader who turns the phone: the 390 px pass opened a tab of its own, loaded the
  // dashboard at 1280 px and narrowed it just the same (a tab and a load of the data: about a second each).
  for (const [n, group] of GROUPS.entries()) {
    it(`at 1280 px and at 390 px, ${group.join(', ')}: render, never scroll sideways, keep figures whole, say plurals right, axe finds nothing${n === 0 ? '' : ' (at 1280 px)'}`, async () => {
      // These only look (no control pressed): each group goes on by hash in the tab the one before left, the first
      // loads it (a fresh load of the dashboard, about 0.3 s of CPU, and axe added to the page again, for nothing new).
      const page = n > 0 && tab && !tab.isClosed() ? tab : await open('#/glosario');
      const report: string[] = [];
      for (const width of [1280, 390]) {
        const axe = width > 500 || n === 0;
        await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
        for (const name of group) {
          await visit(page, hashOf(name));
          report.push(...await layoutAndA11y(page, name, width, axe));
          if (['inicio', 'instituciones', 'contratacion', 'proyecto', 'indicadores'].includes(name)) await keptScreenshot(page, `dashboard-${name}-${width}.png`);
        }
      }
      expect(report).toEqual([]);
    });
  }

  it('Inicio: counters equal the API, the map shows one point (or cluster) per located project with popups, header filters follow into other pages', async () => {
    const page = await open('#/');
    expect(await kpi(page, 'Proyectos de infraestructura')).toBe(String(total('projects')));
    expect(await kpi(page, 'Contrataciones')).toBe(String(total('processes')));
    expect(await kpi(page, 'Presupuesto total')).toBe(formatMoney(total('budgetMxn')));
    expect(await kpi(page, 'Monto contratado')).toBe(formatMoney(total('contractedMxn')));
    expect(await kpiWords(page, 'Presupuesto total')).toBe(formatCompact(total('budgetMxn'), '$'));
    const suppliers = new Set(allProcesses().flatMap((p) => p.suppliers.map((s) => s.id || s.name)));
    expect(await kpi(page, 'Contratistas')).toBe(String(suppliers.size));
    expect(await kpi(page, 'Licitantes')).toBe(String(distinctParties((p) => p.processes.flatMap((x) => x.bidders ?? []))));
    expect(await kpi(page, 'Instituciones públicas')).toBe(String(institutionCount()));
    expect(institutionCount()).toBe(3);

    // Map: every located project once, clustered where dense.
    const located = allProjects().filter((p) => p.location).length;
    expect(located).toBeGreaterThan(10);
    expect(await markerSum(page)).toBe(located);
    const clusters = page.locator('#mapa .marker.cluster');
    expect(await clusters.count()).toBeGreaterThan(0);
    expect(await page.locator('#mapa .marker').count()).toBeLessThan(located);
    // A cluster zooms in (more, smaller groups); a single point opens its popup with a link to the project.
    const before = await page.locator('#mapa .marker').count();
    await clusters.first().click();
    await page.waitForFunction((n: number) => document.querySelectorAll('#mapa .marker').length !== n || !document.querySelector('#mapa-popup').hidden, before);
    let guard = 0;
    while (await page.locator('#mapa-popup[hidden]').count() && guard++ < 6) {
      const single = page.locator('#mapa .marker:not(.cluster)');
      if (await single.count()) { await single.first().focus(); await page.keyboard.press('Enter'); } else await page.locator('#mapa .marker.cluster').first().click();
    }
    expect(await page.locator('#mapa-popup .popup-title a').count()).toBeGreaterThan(0);
    expect(await text(page, '#mapa-popup')).toMatch(/Implementador.*Etapa.*Presupuesto/s);
    // Drawn from the index's core half, the popup names the project by its title once the details are in.
    await page.waitForFunction(() => !/^oc4ids-/.test(document.querySelector('#mapa-popup .popup-title a')?.textContent ?? 'oc4ids-'));
    expect(allProjects().map((p) => p.title)).toContain(await text(page, '#mapa-popup .popup-title a'));
    // Escape closes the popup and gives the focus back to the marker that opened it.
    await page.focus('#mapa-popup .popup-title a');
    await page.keyboard.press('Escape');
    expect(await page.locator('#mapa-popup[hidden]').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('button');
    await page.click('#mapa-todo');
    expect(await markerSum(page)).toBe(located);
    // A group opened from the keyboard zooms in and the keyboard stays on the map, not at the top of the page.
    await page.locator('#mapa .marker.cluster').first().focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('mapa-dibujo');
    await page.click('#mapa-todo');
    // Every marker is a target of at least 24 × 24 px on screen.
    const smallest = await page.locator('#mapa .marker').evaluateAll((gs) => Math.min(...gs.map((g) => { const b = g.getBoundingClientRect(); return Math.min(b.width, b.height); })));
    expect(smallest).toBeGreaterThanOrEqual(23.5);

    // Municipality areas drawn from the projects' own coordinates: one per municipality with two distinct located points.
    const spots = new Map<string, Set<string>>();
    for (const p of index.publishers) {
      for (const x of p.projects) {
        if (!x.location || !x.municipality || !inMexico(x.location[0], x.location[1])) continue;
        const key = `${p.state}|${x.municipality}`;
        spots.set(key, (spots.get(key) ?? new Set()).add(x.location.join(',')));
      }
    }
    const areas = [...spots.values()].filter((s) => s.size >= 2).length;
    expect(areas).toBeGreaterThan(0);
    expect(await page.locator('#mapa .area').count()).toBe(areas);

    // Pan and zoom: keyboard on the focused map, a drag, the wheel; clusters follow every frame and the whole
    // country again shows every located project once.
    const viewBox = async (): Promise<number[]> => ((await page.getAttribute('#mapa-dibujo', 'viewBox')) ?? '').split(' ').map(Number);
    const full = await viewBox();
    await page.focus('#mapa-dibujo');
    await page.keyboard.press('+');
    const zoomed = await viewBox();
    expect(zoomed[2]).toBeCloseTo(full[2] / 2, 0);
    await page.keyboard.press('ArrowRight');
    const panned = await viewBox();
    expect(panned[0]).toBeGreaterThan(zoomed[0]);
    expect(panned[2]).toBe(zoomed[2]);
    const rect = (await page.locator('#mapa-dibujo').boundingBox())!;
    await page.mouse.move(rect.x + rect.width * 0.3, rect.y + rect.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(rect.x + rect.width * 0.3 + 80, rect.y + rect.height * 0.3, { steps: 4 });
    await page.mouse.up();
    expect((await viewBox())[0]).toBeLessThan(panned[0]);
    expect(await page.locator('#mapa-popup[hidden]').count()).toBe(1);
    await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
    await page.mouse.wheel(0, -120);
    await page.waitForFunction((w: number) => Number(document.querySelector('#mapa-dibujo').getAttribute('viewBox').split(' ')[2]) < w, panned[2]);
    const inView = await page.evaluate(() => Number(/([\d,]+) a la vista/.exec(document.querySelector('#mapa .map-status').textContent)?.[1].replace(/,/g, '')));
    expect(await markerSum(page)).toBe(inView);
    await page.focus('#mapa-dibujo');
    await page.keyboard.press('0');
    expect(await viewBox()).toEqual(full);
    expect(await markerSum(page)).toBe(located);

    // Header filter: Mérida only — counters and map follow, and the filter travels with the menu to Proyectos.
    await page.click('.filter-panel summary');
    // Coded lists are in the order of their Spanish titles.
    for (const id of ['#filtro-status', '#filtro-sector', '#filtro-type']) {
      const shown = (await page.locator(`${id} option`).allTextContents()).slice(1);
      expect([id, shown]).toEqual([id, [...shown].sort(new Intl.Collator('es-MX').compare)]);
    }
    await page.selectOption('#filtro-publisher', 'merida');
    await page.waitForFunction((n: string) => document.querySelector('#kpis .kpi dd .fig')?.textContent === n, String(total('projects', 'merida')));
    expect(page.url()).toContain('publisher=merida');
    expect(await kpi(page, 'Monto contratado')).toBe(formatMoney(total('contractedMxn', 'merida')));
    expect(await markerSum(page)).toBe(index.publishers.find((p) => p.publisherId === 'merida')?.projects.filter((p) => p.location).length);
    await page.click('#menu a:text-is("Proyectos")');
    await page.waitForSelector('body[data-ready] #tabla-proyectos');
    expect(page.url()).toMatch(/#\/proyectos\?.*publisher=merida/);
    expect(await page.locator('#tabla-proyectos tbody tr').count()).toBe(total('projects', 'merida'));
    await page.click('#menu a:text-is("Contrataciones")');
    await page.waitForSelector('body[data-ready] #tabla-contrataciones');
    expect(await page.locator('#tabla-contrataciones tbody tr').count()).toBe(total('processes', 'merida'));
    expect(await page.inputValue('#filtro-publisher')).toBe('merida');
    await page.click('#quitar-filtros');
    await page.waitForFunction((n: number) => document.querySelectorAll('#tabla-contrataciones tbody tr').length === n, total('processes'));
    expect(page.url()).not.toContain('publisher=');

    // A search that matches nothing says so; its money counters read «Sin dato», not $0.00.
    await visit(page, '#/?q=xqzvvbn');
    expect(await text(page, '#sin-resultados')).toMatch(/^Nada de lo publicado coincide/);
    expect(await kpi(page, 'Proyectos de infraestructura')).toBe('0');
    for (const label of ['Presupuesto total', 'Monto contratado', 'Monto pagado']) expect(await kpi(page, label)).toBe('Sin dato');
    // A list page with something below its address is not that list.
    await visit(page, '#/proyectos/no-existe');
    expect(await text(page, 'h1')).toBe('Página no encontrada');
    // A project's address without its clave (a link cut short) is the list of projects, not «clave «»».
    await visit(page, '#/proyecto/');
    expect(await text(page, 'h1')).toBe('Proyectos');
    expect(await page.evaluate(() => location.hash)).toBe('#/proyectos');
    // A page's address whose `#` was lost on the way (pasted from a message): the server sends it to the page.
    await page.goto(`${srv.base}/proyecto/${encodeURIComponent(PROJECT_ID)}?publisher=merida`);
    await page.waitForSelector('body[data-ready] main h1');
    expect(await page.evaluate(() => location.hash)).toBe(`#/proyecto/${encodeURIComponent(PROJECT_ID)}?publisher=merida`);
    expect(await page.locator('#tabla-procesos').count()).toBe(1);
  });

  it('Proyectos and the header search: every project, search, sort, a formula-safe CSV; hostile text stays inert', async () => {
    const page = await show('#/proyectos');
    const rows = page.locator('#tabla-proyectos tbody tr');
    expect(await rows.count()).toBe(total('projects'));
    await page.fill('#buscar', 'escuela');
    await page.waitForFunction(() => document.querySelectorAll('#tabla-proyectos tbody tr').length < 5);
    const titles = await page.locator('#tabla-proyectos tbody th').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()).toContain('escuela');
    expect(page.url()).toContain('q=escuela');
    // Back, with the cursor still in the box: the box says what the list shows (the address's search), not the last typed.
    await page.fill('#buscar', 'puente');
    await page.waitForFunction(() => location.hash.includes('q=puente'));
    await page.focus('#buscar');
    await page.goBack();
    await page.waitForFunction(() => location.hash.includes('q=escuela') && document.body.dataset.ready === 'true');
    await page.waitForFunction(() => (document.getElementById('buscar') as unknown as { value: string }).value === 'escuela');
    await page.fill('#buscar', '');
    await page.waitForFunction((n: number) => document.querySelectorAll('#tabla-proyectos tbody tr').length === n, total('projects'));
    await page.click('#orden-presupuesto');
    await page.click('#orden-presupuesto');
    const budgets = (await page.locator('#tabla-proyectos tbody tr td:nth-child(3)').allTextContents()).map((s) => Number(s.replace(/[^0-9.]/g, '')));
    expect(budgets).toEqual([...budgets].sort((a, b) => b - a));
    // «Plazo»: each concluded project's days between its planned end and its end, as published (those not concluded
    // depend on the day: test/dashboard/schedule-slip.test.ts); ordered by it, the works without one last.
    await page.click('#orden-plazo');
    const plazo = await page.locator('#tabla-proyectos tbody tr').evaluateAll((trs) => trs.map((tr: any) => [decodeURIComponent(tr.querySelector('th a').getAttribute('href').split('/').pop()), tr.querySelector('td:nth-child(6)').textContent]));
    const published = ((await (await fetch(`${srv.base}/api/oc4ids/projects?limit=1000`)).json()) as { projects: any[] }).projects;
    const concluded = published.filter((x) => x.completion?.endDate && x.period?.endDate);
    expect(concluded.length).toBeGreaterThan(0);
    for (const x of concluded) {
      const late = (Date.parse(x.completion.endDate.slice(0, 10)) - Date.parse(x.period.endDate.slice(0, 10))) / 86_400_000;
      expect(plazo.find(([id]) => id === x.id)?.[1]).toBe(late === 0 ? 'A tiempo' : late > 0 ? `${late} días de retraso` : `${-late} días antes`);
    }
    const firstMissing = plazo.findIndex(([, t]) => t === 'Sin dato');
    if (firstMissing >= 0) expect(plazo.slice(firstMissing).every(([, t]) => t === 'Sin dato')).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Descargar CSV')]);
    const csv = await downloadedText(download);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(total('projects') + 1);
    expect(csv).toContain('"\'=HYPERLINK(');
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);

    await page.fill('#buscar', 'HYPERLINK');
    await page.waitForFunction(() => document.querySelectorAll('#tabla-proyectos tbody tr').length === 1);
    const link = page.locator('#tabla-proyectos tbody th a').first();
    expect(await link.textContent()).toBe(HOSTILE_TITLE);
    await link.click();
    await page.waitForSelector('#tabla-procesos');
    expect(await page.locator('h1').textContent()).toBe(HOSTILE_TITLE);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    expect(await page.locator('main img, main script').count()).toBe(0);
  });

  it('Proyecto: processes linked to their pages, timeline, checklist, zoomed map, budget breakdown, dates, related projects; the map is calibrated', async () => {
    const body = (await (await fetch(`${srv.base}/api/oc4ids/projects/${PROJECT_ID}`)).json()) as { projects: any[] };
    const p = body.projects[0];
    const page = await show(`#/proyecto/${encodeURIComponent(PROJECT_ID)}`);
    expect(await page.locator('#tabla-procesos tbody tr').count()).toBe(p.contractingProcesses.length);
    expect(await page.locator('#tabla-procesos tbody a[href^="#/contratacion/"]').count()).toBe(p.contractingProcesses.length);
    // Each process as the rest of the dashboard tells it: its stage and its contracts' value (not the summary's award value).
    const rows = await page.locator('#tabla-procesos tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
    for (const cp of p.contractingProcesses) {
      const entry = allProcesses().find((x) => x.ocid === cp.id);
      const row = rows.find((r) => r[0].includes(cp.id));
      expect(row?.[2]).toBe(stageTitle(entry?.stage));
      expect(row?.[3]).toBe(entry?.contracted === undefined ? 'Sin dato' : formatMoney(entry.contracted));
    }
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(0);
    expect(await page.locator('.checklist li').count()).toBeGreaterThan(5);
    expect(await page.locator('.map .pin').count()).toBeGreaterThan(0);
    expect(await page.locator('.map svg[data-zoom]').count()).toBe(1);
    const breakdown = p.budget.budgetBreakdowns.flatMap((g: any) => g.budgetBreakdown);
    expect(await page.locator('#tabla-desglose tbody tr').count()).toBe(breakdown.length);
    expect(await text(page, '#tabla-desglose tbody')).toContain(formatMoney(breakdown[0].amount.amount));
    expect(await text(page, '.facts')).toContain(`Aprobación del presupuesto${p.budget.approvalDate.slice(8, 10)}/${p.budget.approvalDate.slice(5, 7)}/${p.budget.approvalDate.slice(0, 4)}`);
    expect(await page.locator('#lista-relacionados li').count()).toBeGreaterThan(0);
    // A citation a reporter can copy: the work by title and clave, and this page's own address, without filters.
    const cite = await text(page, '#cita');
    expect(cite).toContain(`. ${p.title} (${PROJECT_ID}). Datos en EDCAPI (OC4IDS 0.9). Infraestructura Abierta. Consultado el `);
    expect(cite.endsWith(` en ${srv.base}/#/proyecto/${encodeURIComponent(PROJECT_ID)}`)).toBe(true);

    // Every state capital (or an inland city where the capital sits on a bay the outline cuts) falls inside its state.
    const cities: Record<string, [number, number]> = {
      yuc: [-89.62, 20.97], nle: [-100.31, 25.67], chp: [-93.12, 16.75], cmx: [-99.13, 19.43], jal: [-103.35, 20.67], chh: [-106.09, 28.63], son: [-110.96, 29.07],
      bcs: [-111.66, 25.03], bcn: [-115.45, 32.62], oax: [-96.73, 17.06], cam: [-90.53, 19.85], roo: [-88.05, 19.58], tab: [-92.93, 17.99], ver: [-96.91, 19.54],
      zac: [-102.58, 22.77], dur: [-104.67, 24.02], sin: [-107.39, 24.81], coa: [-101.0, 25.42], tam: [-99.14, 23.74], slp: [-100.98, 22.15], agu: [-102.29, 21.88],
      nay: [-104.89, 21.5], col: [-103.72, 19.24], mic: [-101.19, 19.7], mex: [-99.66, 19.29], mor: [-99.23, 18.92], pue: [-98.2, 19.04], tla: [-98.24, 19.32],
      hid: [-98.73, 20.12], que: [-100.39, 20.59], gua: [-101.26, 21.02], gro: [-99.5, 17.55],
    };
    const points = Object.fromEntries(Object.entries(cities).map(([k, [lng, lat]]) => [k, project(lng, lat)]));
    const outside = await page.evaluate((pts: Record<string, { x: number; y: number }>) => Object.entries(pts).filter(([id, { x, y }]) => {
      const el = document.getElementById(`estado-${id}`);
      const pt = el.ownerSVGElement.createSVGPoint(); pt.x = x; pt.y = y;
      return !el.isPointInFill(pt);
    }).map(([id]) => id), points);
    expect(outside).toEqual([]);
  });

  it('Contrataciones → Contratación: stages, amounts, suppliers, timeline, JSON and CSV of the process', async () => {
    const page = await show('#/contrataciones');
    expect(await page.locator('#tabla-contrataciones tbody tr').count()).toBe(total('processes'));
    // Ordered by its columns as Proyectos is: amounts as numbers, «Sin dato» last; kept in the address; the focus
    // stays on the title pressed.
    await page.click('#orden-contratado');
    await page.click('#orden-contratado');
    await expectColumnOrder(page, '#tabla-contrataciones', 'contratado', 'descending', true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('orden-contratado');
    expect(page.url()).toMatch(/orden=contratado&dir=desc/);
    await page.click('#orden-institucion');
    await expectColumnOrder(page, '#tabla-contrataciones', 'institucion', 'ascending', false);
    await visit(page, '#/contrataciones?orden=licitantes&dir=desc');
    await expectColumnOrder(page, '#tabla-contrataciones', 'licitantes', 'descending', true);
    await visit(page, '#/contrataciones');
    await page.selectOption('#filtro-metodo', 'open');
    await page.waitForFunction((n: number) => document.querySelectorAll('#tabla-contrataciones tbody tr').length < n, total('processes'));
    const first = page.locator('#tabla-contrataciones tbody th a').first();
    const title = await first.textContent();
    await first.click();
    await page.waitForSelector('body[data-ready] #tabla-contratos');
    expect(await page.locator('h1').textContent()).toBe(title);
    const ocid = decodeURIComponent(page.url().split('#/contratacion/')[1].split('?')[0]);
    const record = ((await (await fetch(`${srv.base}/api/ocds/records/${encodeURIComponent(ocid)}`)).json()) as { records: any[] }).records[0].compiledRelease;
    expect(await page.locator('#tabla-contratos tbody tr').count()).toBe(record.contracts.length);
    // Each contract and award with its clave, the one its payments, Ejecución and the timeline name it by (the tables
    // showed only its title).
    expect(await page.locator('#tabla-contratos tbody td:nth-child(2)').allTextContents()).toEqual(record.contracts.map((k: any) => k.id));
    expect(await page.locator('#tabla-adjudicaciones tbody td:nth-child(2)').allTextContents()).toEqual(record.awards.map((a: any) => a.id));
    expect(await page.locator('#tabla-pagos tbody td:nth-child(2)').allTextContents()).toEqual(expect.arrayContaining(record.contracts.filter((k: any) => k.implementation?.transactions?.length).map((k: any) => k.id)));
    expect(await page.locator('#tabla-licitantes tbody tr').count()).toBe(record.tender.tenderers.length);
    // «RFC / clave» is each bidder's identifier in `parties`, as published.
    const rfcOf = (id: string) => record.parties.find((x: any) => x.id === id)?.identifier?.id;
    expect(await page.locator('#tabla-licitantes tbody td:nth-child(2)').allTextContents()).toEqual(record.tender.tenderers.map((t: any) => rfcOf(t.id)));
    for (const id of ['etapa-planeacion', 'etapa-licitacion', 'etapa-adjudicacion', 'etapa-contratacion', 'etapa-ejecucion', 'cronologia', 'historial', 'datos']) expect(await page.locator(`#${id}`).count()).toBe(1);
    const contracted = record.contracts.reduce((n: number, k: any) => n + k.value.amount, 0);
    expect(await text(page, '#kpis-proceso')).toContain(formatMoney(contracted));
    // The stage in words wraps within its card (on one line a long one ran out of it); the counts stay whole.
    expect(await cardWrapping(page, 'kpis-proceso')).toMatchObject({ Etapa: 'normal', Contratos: 'nowrap', Licitantes: 'nowrap' });
    expect(await page.locator('ol.timeline li').count()).toBeGreaterThan(2);
    expect(await page.locator('#tabla-adjudicaciones a[href^="#/contratista/"]').count()).toBeGreaterThan(0);
    expect((await text(page, '#cita')).endsWith(` en ${srv.base}/#/contratacion/${encodeURIComponent(ocid)}`)).toBe(true);
    // Who each contract went to, on its row (its award's suppliers, linked): only Adjudicación said it, and a contract
    // published without its award named nobody (core/stats/contract-suppliers.test.ts).
    const awardOf = (k: any) => record.awards.find((a: any) => a.id === k.awardID);
    expect(await page.locator('#tabla-contratos tbody td:nth-child(8)').allTextContents()).toEqual(record.contracts.map((k: any) => awardOf(k).suppliers.map((x: any) => x.name).join('; ')));
    expect(await page.locator('#tabla-contratos tbody td:nth-child(8) a[href^="#/contratista/"]').count()).toBe(record.contracts.reduce((n: number, k: any) => n + awardOf(k).suppliers.length, 0));
    // Document types in Spanish (their titles in the program's code lists), never the OCDS code.
    const types = await page.locator('#tabla-documentos tbody td:nth-child(2)').allTextContents();
    const codes = [...[record.planning, record.tender, ...record.awards, ...record.contracts].flatMap((s: any) => s?.documents ?? []), ...record.contracts.flatMap((k: any) => k.implementation?.documents ?? [])].map((d: any) => d.documentType);
    expect(types.length).toBeGreaterThan(0);
    for (const code of codes) {
      expect(types).not.toContain(code);
      expect(types).toContain((OCDS_CODE_TITLES as Record<string, Record<string, string>>).documentType[code]);
    }
    const json = await page.getAttribute('#json-proceso', 'href');
    expect(((await (await fetch(`${srv.base}${json}`)).json()) as { records: { ocid: string }[] }).records[0].ocid).toBe(ocid);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#datos button')]);
    const lines = (await downloadedText(download)).split('\r\n').filter(Boolean);
    const payments = record.contracts.reduce((n: number, k: any) => n + (k.implementation?.transactions?.length ?? 0), 0);
    expect(lines).toHaveLength(1 + record.contracts.length + payments);
    // The contracts' status in words, as on the page (never the code: `active`).
    const statuses = lines.filter((l) => l.startsWith('contrato,')).map((l) => l.split(',').at(-1)?.replace(/^"|"$/g, ''));
    for (const k of record.contracts) expect(statuses).toContain((OCDS_CODE_TITLES as Record<string, Record<string, string>>).contractStatus[k.status]);
    // A contract milestone only scheduled says so on the timeline (milestone-event.ts): Mérida's «Terminación de los
    // trabajos», due 12/09/2025 and not met, read as the work finished that day.
    await visit(page, `#/contratacion/${encodeURIComponent('ocds-mid001-DOP-LP-OP-003-2024')}`);
    const timeline = await page.locator('#cronologia ol.timeline li').allTextContents();
    expect(timeline).toContain('12/09/2025 Hito: Terminación de los trabajos (Programado)');
    expect(timeline).toContain('18/08/2024 Hito: Inicio de los trabajos (Cumplido)');
    // Its contract still «En ejecución» past its term (12/09/2025) says so, as the project's «Plazo» does (schedule-slip.ts).
    expect(await page.locator('#etapa-ejecucion .facts dd').first().textContent()).toMatch(/^En ejecución\. Su vigencia terminó el 12\/09\/2025, hace [\d,]+ días, y no se ha publicado su conclusión\.$/);
  });

  /** A table's body, cell by cell (a cell listing claves: one text per clave). */
  const cells = (page: Page, id: string): Promise<(string | string[])[][]> => page.locator(`#${id} tbody tr`).evaluateAll((trs) => trs.map((tr) =>
    [...tr.querySelectorAll('th, td')].map((c) => (c.querySelector('li') ? [...c.querySelectorAll('li')].map((li) => li.textContent ?? '') : c.textContent ?? ''))));
  const headers = (page: Page, id: string): Promise<string[]> => page.locator(`#${id} thead th[scope="col"]`).allTextContents();
  const momentTitles = (OCDS_CODE_TITLES as Record<string, Record<string, string>>)['mx/budgetMoment'];

  // One page for both: each test opened this process's page and ran the same layout and axe check at 390 px on it.
  it('Contratación: a budget published only as a breakdown is its sum, said so, and its items are listed with their claves and partida; the budget classification by levels (momentos de la clasificación) and the contract\'s budget with its accounting stages (momentos contables del contrato)', async () => {
    const page = await show(`#/contratacion/${encodeURIComponent(BREAKDOWN_OCID)}`);
    const budget = ((await (await fetch(`${srv.base}/api/ocds/records/${encodeURIComponent(BREAKDOWN_OCID)}`)).json()) as { records: any[] }).records[0].compiledRelease.planning.budget;
    expect(budget.amount).toBeUndefined();
    expect(budget.budgetBreakdown).toHaveLength(2);
    const fact = (label: string) => page.locator('#etapa-planeacion .facts div', { has: page.locator(`dt:text-is("${label}")`) }).locator('dd');
    expect(await fact('Presupuesto').textContent()).toBe(`${formatMoney(90500000.25)} (suma del desglose)`);
    // Each item describes itself in the table: no «Descripción del presupuesto: Sin dato» for the whole.
    expect(await fact('Descripción del presupuesto').count()).toBe(0);
    const rows = await page.locator('#tabla-partidas tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
    // The accounting stages (momentos contables) of the budget line, each in its column under its Spanish name, in
    // the list's order; an item whose line gives none says so.
    const measures: { id: string; value: { amount: number }; update?: string }[] = budget.budgetBreakdown[0].budgetLines[0].measures;
    // Each amount with the period it was measured at, when given («$90,500,000.00 (Segundo trimestre de 2022)»).
    const stageText = (m: { value: { amount: number }; update?: string }): string => `${formatMoney(m.value.amount)}${m.update ? ` (${m.update})` : ''}`;
    expect(measures.some((m) => m.update)).toBe(true);
    const moments = (OCDS_CODE_TITLES as Record<string, Record<string, string>>)['mx/budgetMoment'];
    const stages = Object.keys(moments).filter((code) => measures.some((m) => m.id === code));
    expect(stages).toEqual(expect.arrayContaining(['approved', 'committed']));
    expect(await page.locator('#tabla-partidas thead th[scope="col"]').allTextContents()).toEqual(['Concepto', 'Fuente', 'Periodo', 'Claves presupuestarias', 'Monto', ...stages.map((c) => moments[c])]);
    expect(moments.approved).toBe('Aprobado');
    expect(rows).toEqual([
      [budget.budgetBreakdown[0].description, 'Secretaría de Finanzas y Tesorería General del Estado de Nuevo León', '01/01/2022 a 31/12/2022', budget.budgetBreakdown[0].budgetLines[0].id, formatMoney(60000000),
        ...stages.map((c) => stageText(measures.find((m) => m.id === c)!))],
      ['Aportación federal', 'Secretaría de Finanzas y Tesorería General del Estado de Nuevo León', '01/01/2022 a 31/12/2022', 'L-2 (partida 61502: Puentes)', formatMoney(30500000.25), ...stages.map(() => 'Sin dato')],
    ]);
    expect(await page.locator('#tabla-partidas caption').textContent()).toContain('Desglose del presupuesto');

    // Levels in their order (typed 4 before 2), each type by its Spanish title; a stage a level does not give says
    // «Sin dato». (The demo item before it is classified too, with its own stages: budget-tables.browser.test.ts.)
    expect(await headers(page, 'tabla-clasificacion')).toEqual(['Concepto', 'Nivel', 'Tipo de clasificación', 'Clave', 'Descripción', momentTitles.approved, momentTitles.committed, momentTitles.paid]);
    expect((await cells(page, 'tabla-clasificacion')).filter((r) => r[0] === 'Aportación federal')).toEqual([
      ['Aportación federal', '2. Unidad Responsable', 'Administrativa', '21', 'Secretaría de Movilidad y Planeación Urbana', formatMoney(30500000.25), 'Sin dato', 'Sin dato'],
      ['Aportación federal', '4. Partida Específica', 'Económica', '61502', 'Puentes', formatMoney(30500000.25), formatMoney(30000000), 'Sin dato'],
    ]);
    expect(await page.locator('#etapa-planeacion #tabla-clasificacion caption').textContent()).toContain('Clasificación presupuestal');
    expect(await headers(page, 'tabla-clasificacion-contrato')).toEqual(['Contrato', 'Concepto', 'Nivel', 'Tipo de clasificación', 'Clave', 'Descripción', momentTitles.committed, momentTitles.paid]);
    const contract = ((await (await fetch(`${srv.base}/api/ocds/records/${encodeURIComponent(BREAKDOWN_OCID)}`)).json()) as { records: any[] }).records[0].compiledRelease.contracts
      .find((k: any) => k.id === STAGES_CONTRACT);
    const contractRows = await cells(page, 'tabla-clasificacion-contrato');
    expect(contractRows.filter((r) => r[1] === 'Conservación de puentes')).toEqual([
      [contract.title, 'Conservación de puentes', '4. Partida Específica', 'Sin dato', '61502', 'Puentes', formatMoney(84215307.52), formatMoney(84215307.52)],
    ]);
    expect(await page.locator('#etapa-ejecucion #tabla-clasificacion-contrato th[scope="row"]').count()).toBe(contractRows.length);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await layoutAndA11y(page, 'contratacion-desglose-clasificacion', 390)).toEqual([]);
  });

  it('Proyecto: the budget breakdown shows its claves presupuestarias and their accounting stages (momentos contables del proyecto), each clave by its amount', async () => {
    // Demo projects: one item with two claves (each listed with its amount), and two items where one clave lacks a stage.
    const page = await show('#/proyectos');
    for (const [id, stages] of [['oc4ids-nl0001-NL-2022-003', ['approved', 'committed', 'paid']], ['oc4ids-nl0001-NL-2024-002', ['approved', 'committed', 'paid']]] as const) {
      await visit(page, `#/proyecto/${encodeURIComponent(id)}`);
      const body = (await (await fetch(`${srv.base}/api/oc4ids/projects/${id}`)).json()) as { projects: any[] };
      const items: any[] = body.projects[0].budget.budgetBreakdowns[0].budgetBreakdown;
      expect(await headers(page, 'tabla-desglose')).toEqual(['Clave', 'Concepto', 'Grupo', 'Fuente', 'Aprobación', 'Monto', 'Claves presupuestarias', ...stages.map((c) => momentTitles[c])]);
      const amountAt = (line: any, stage: string): number | undefined => line.measures.find((m: any) => m.id === stage)?.value.amount;
      // An amount, with the period it was measured at when given.
      const textAt = (line: any, stage: string): string => { const m = line.measures.find((x: any) => x.id === stage); return `${formatMoney(m.value.amount)}${m.update ? ` (${m.update})` : ''}`; };
      expect(await cells(page, 'tabla-desglose')).toEqual(items.map((b) => [
        b.id, b.description, 'Fuentes de financiamiento', b.sourceParty.name, formatDate(b.approvalDate), formatMoney(b.amount.amount),
        b.budgetLines.map((l: any) => l.id),
        ...stages.map((c) => {
          const given = b.budgetLines.filter((l: any) => amountAt(l, c) !== undefined);
          if (!given.length) return 'Sin dato';
          return b.budgetLines.length > 1 ? given.map((l: any) => `${l.id}: ${textAt(l, c)}`) : textAt(given[0], c);
        }),
      ]));
      expect(await page.locator('#tabla-desglose caption').textContent()).toContain('momentos contables');
    }
    // What the expectations above rest on: a list of claves, and a stage one item lacks.
    expect(await page.locator('#tabla-desglose tbody tr').evaluateAll((trs) => trs.map((tr) => tr.lastElementChild.textContent))).toEqual([expect.any(String), 'Sin dato']);
    expect([momentTitles.approved, momentTitles.committed, momentTitles.paid]).toEqual(['Aprobado', 'Comprometido', 'Pagado']);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await layoutAndA11y(page, 'proyecto-momentos', 390)).toEqual([]);
    await visit(page, `#/proyecto/${encodeURIComponent('oc4ids-nl0001-NL-2022-003')}`);
    expect(await page.locator('#tabla-desglose tbody tr:first-child td:last-child li').count()).toBe(2);
    // A concluded project says how its end compares with its plan, counted in days (test/dashboard/schedule-slip.test.ts):
    // the page showed both dates and left the subtraction to the reader.
    const concluded = ((await (await fetch(`${srv.base}/api/oc4ids/projects/oc4ids-nl0001-NL-2022-003`)).json()) as { projects: any[] }).projects[0];
    const slipDays = (Date.parse(concluded.completion.endDate.slice(0, 10)) - Date.parse(concluded.period.endDate.slice(0, 10))) / 86_400_000;
    expect(await text(page, '.facts')).toContain(`Plazo${slipDays === 0 ? 'Terminó en la fecha prevista' : `Terminó ${Math.abs(slipDays)} días ${slipDays > 0 ? 'después' : 'antes'} de lo previsto`}`);
  });

  it('Contratistas (CSV) → Contratista; Instituciones (treemap) → Institución; Indicadores, Calidad, Seguimiento, Descargas, Acerca, Glosario show the seeded figures', async () => {
    // Loaded afresh: it opens the header's filters by their summary, which the tests before may have left open.
    const page = await open('#/contratistas');
    const suppliers = new Set(allProcesses().flatMap((p) => p.suppliers.map((s) => s.id || s.name)));
    expect(await page.locator('#tabla-contratistas tbody tr').count()).toBe(suppliers.size);
    // Opens by amount contracted, the largest first (said by aria-sort); any column orders it, as on Proyectos.
    await expectColumnOrder(page, '#tabla-contratistas', 'contratado', 'descending', true);
    await page.click('#orden-contratista');
    await expectColumnOrder(page, '#tabla-contratistas', 'contratista', 'ascending', false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('orden-contratista');
    await page.click('#orden-pagado');
    await page.click('#orden-pagado');
    await expectColumnOrder(page, '#tabla-contratistas', 'pagado', 'descending', true);
    expect(page.url()).toMatch(/orden=pagado&dir=desc/);
    await visit(page, '#/contratistas');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Descargar CSV')]);
    expect((await downloadedText(download)).split('\r\n').filter(Boolean)).toHaveLength(suppliers.size + 1);
    const first = page.locator('#tabla-contratistas tbody th a').first();
    const name = await first.textContent();
    await first.click();
    await page.waitForSelector('body[data-ready] #tabla-contratista');
    expect(await page.locator('h1').textContent()).toBe(name);
    expect(await text(page, '#kpis-contratista')).not.toContain('LocalidadSin dato');
    expect(await cardWrapping(page, 'kpis-contratista')).toMatchObject({ Localidad: 'normal', Contratos: 'nowrap', Procesos: 'nowrap' });
    expect(await page.locator('#tabla-contratista tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#tabla-contratista-instituciones tbody a').count()).toBeGreaterThan(0);
    expect(await page.locator('#tabla-contratista-proyectos tbody a').count()).toBeGreaterThan(0);
    // A firm awarded a process whose contract is not published yet: its page lists that process, and what is not
    // published reads «Sin dato» — not $0.00 (the Glosario: no data is not zero).
    const awardOnly = allProcesses().flatMap((p) => p.suppliers.map((s, i) => ({ p, s, i }))).find(({ p, i }) => !p.contracts.some((k) => k.suppliers.includes(i)));
    expect(awardOnly).toBeDefined();
    await visit(page, `#/contratista/${encodeURIComponent(awardOnly!.s.id || `nombre:${awardOnly!.s.name}`)}`);
    expect(await page.locator('#tabla-contratista tbody tr').count()).toBe(1);
    expect(await text(page, '#kpis-contratista')).toContain('Monto de sus contratosSin dato');
    expect(await text(page, '#kpis-contratista')).toContain('Monto pagadoSin dato');

    await visit(page, '#/instituciones');
    expect(await page.locator('#tabla-instituciones tbody tr').count()).toBe(institutionCount());
    expect(await page.locator('#treemap-instituciones .tile').count()).toBeGreaterThan(0);
    expect(await page.locator('#treemap-instituciones table tbody tr').count()).toBe(institutionCount());
    await visit(page, `#/institucion/${INSTITUTION}`);
    const merida = index.publishers.find((p) => p.publisherId === 'merida');
    expect(await page.locator('#tabla-institucion-proyectos tbody tr').count()).toBe(merida?.projects.length);
    expect(await page.locator('#tabla-institucion-procesos tbody tr').count()).toBe(merida?.processes.length);

    await visit(page, '#/indicadores');
    expect(await page.locator('figure.chart-figure').count()).toBe(await page.locator('figure.chart-figure table').count());
    expect(await page.locator('figure.chart-figure').count()).toBe(await page.locator('figure.chart-figure button.download-csv').count());
    for (const id of ['ind-presupuesto-etapa', 'ind-construidos', 'ind-procesos-etapa']) expect(await page.locator(`#${id} table tbody tr`).count()).toBeGreaterThan(0);
    const stageCounts = (await page.locator('#ind-procesos-etapa table tbody td').allTextContents()).map(Number);
    expect(stageCounts.reduce((a, b) => a + b, 0)).toBe(total('processes'));
    const built = (await page.locator('#ind-construidos table tbody tr td:nth-child(3)').allTextContents()).map(Number);
    expect(built.reduce((a, b) => a + b, 0)).toBe(allProjects().filter((p) => p.start).length);

    await visit(page, '#/calidad');
    expect(await page.locator('#tabla-completitud tbody tr').count()).toBe(stats.publishers.length);
    expect(await page.locator('#tabla-campos tbody tr').count()).toBeGreaterThan(20);
    // The least filled fields first (what coordinators ask implementers for): their average share, from /api/stats.
    type QualityField = { standard: string; field: string; title: string; filled: number; total: number };
    const qualityFields = (stats.publishers as unknown as { data: { quality: { fields: QualityField[] } } }[]).map((p) => p.data.quality.fields);
    const averageOf = (f: QualityField): number => {
      const shares = qualityFields.map((list) => list.find((x) => x.standard === f.standard && x.field === f.field)).filter((x): x is QualityField => !!x && x.total > 0).map((x) => x.filled / x.total);
      return shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : 1;
    };
    const leastFilled = [...qualityFields[0]].sort((a, b) => averageOf(a) - averageOf(b)).slice(0, 15).map((f) => f.title);
    expect(await page.locator('#tabla-campos-menos-llenos tbody th').allTextContents()).toEqual(leastFilled);
    expect(await page.locator('#tabla-campos').isVisible()).toBe(false);
    await page.getByText(/^Todos los campos del programa \(\d+\)$/).click();
    expect(await page.locator('#tabla-campos').isVisible()).toBe(true);
    await visit(page, '#/seguimiento');
    expect(await page.locator('#tabla-seguimiento tbody tr').count()).toBe(stats.publishers.length);
    // The demo data was published without the review workflow: the approvals column says so rather than a bare 0.
    expect(await page.locator('#tabla-seguimiento tbody tr td:nth-child(6)').allTextContents()).toEqual(stats.publishers.map(() => '0 (publicado sin revisión)'));
    // The verdict sits next to the implementer, visible without scrolling the table at 1280 px.
    expect(await page.evaluate(() => { const wrap = document.querySelector('#tabla-seguimiento'); return wrap.scrollWidth <= wrap.clientWidth; })).toBe(true);
    // The header's Estado filter chooses its rows, as on every other page.
    await page.click('.filter-panel summary');
    await page.selectOption('#filtro-state', 'Yucatán');
    await page.waitForFunction(() => document.querySelectorAll('#tabla-seguimiento tbody tr').length === 1);
    expect(await text(page, '#tabla-seguimiento tbody tr')).toContain('Yucatán');
    await page.click('#quitar-filtros');
    await page.waitForFunction((n: number) => document.querySelectorAll('#tabla-seguimiento tbody tr').length === n, stats.publishers.length);
    // A filter of projects (Sector) shapes nothing on this board of implementers: the page says so, and the header does
    // not count it as active here — it does again on Proyectos, which it filters.
    const sector = await page.locator('#filtro-sector option').nth(1).getAttribute('value');
    await page.selectOption('#filtro-sector', sector as string);
    await page.waitForFunction(() => !!document.querySelector('#filtros-sin-efecto'));
    expect(await text(page, '#filtros-sin-efecto')).toBe('El filtro Sector no se aplica en esta página, que muestra lo que publica cada implementador completo. Solo se aplican los filtros Estado e Implementador.');
    expect(await page.locator('#tabla-seguimiento tbody tr').count()).toBe(stats.publishers.length);
    expect(await text(page, '.filter-panel summary')).toBe('Filtros');
    await page.click('#menu a:text-is("Proyectos")');
    await page.waitForSelector('body[data-ready] #tabla-proyectos');
    expect(await text(page, '.filter-panel summary')).toBe('Filtros (1 activo)');
    expect(await page.locator('#filtros-sin-efecto').count()).toBe(0);
    await page.click('#menu a:text-is("Calidad de datos")');
    await page.waitForSelector('body[data-ready] #tabla-completitud');
    expect(await text(page, '#filtros-sin-efecto')).toMatch(/^El filtro Sector no se aplica en esta página/);
    expect(await text(page, '.filter-panel summary')).toBe('Filtros');
    // Escape closes the panel (a keyboard user's way out of it) and gives the focus back to the summary that opened it.
    if (!(await page.locator('.filter-panel').evaluate((d: any) => d.open))) await page.click('.filter-panel summary');
    await page.focus('#filtro-sector');
    await page.keyboard.press('Escape');
    expect(await page.locator('.filter-panel').evaluate((d: any) => d.open)).toBe(false);
    expect(await page.evaluate(() => document.activeElement.tagName)).toBe('SUMMARY');
    await page.click('.filter-panel summary');
    await page.click('#quitar-filtros');
    await page.waitForFunction(() => !document.querySelector('#filtros-sin-efecto'));

    await visit(page, '#/descargas');
    const hrefs = await page.locator('#tabla-descargas tbody a').evaluateAll((as: any[]) => as.map((a) => a.getAttribute('href')));
    const jsonLinks = hrefs.filter((href: string) => href.includes('.json?publisher=') && !href.includes('/huellas.json'));
    expect(jsonLinks.length).toBe(3 * stats.publishers.length);
    // Each «JSON» link says which file it is to a screen reader.
    expect(await page.getByRole('link', { name: 'JSON de los proyectos de Municipio de Mérida' }).getAttribute('href')).toBe('/api/bulk/projects.json?publisher=merida');
    for (const href of jsonLinks) expect(href).toMatch(/^\/api\/bulk\//);
    const projectsOfMerida = ((await (await fetch(`${srv.base}${jsonLinks.find((h: string) => h.includes('projects.json') && h.includes('merida'))}`)).json()) as { projects: unknown[] }).projects;
    expect(projectsOfMerida).toHaveLength(total('projects', 'merida'));
    // The compressed copies are linked too, and are gzip files of the same package.
    const gz = await page.locator('#tabla-masivos a[href$=".gz"]').evaluateAll((as: any[]) => as.map((a) => a.getAttribute('href')));
    expect(gz).toEqual(['releases', 'records', 'projects'].flatMap((k) => [`/api/bulk/${k}.json.gz`, `/api/bulk/${k}.jsonl.gz`]));
    const packed = Buffer.from(await (await fetch(`${srv.base}/api/bulk/projects.json.gz`)).arrayBuffer());
    expect((JSON.parse(zlib.gunzipSync(packed).toString('utf8')) as { projects: unknown[] }).projects).toHaveLength(total('projects'));
    // «Cómo usar la API» names the releases of one process, an address the API answers.
    const releasesOf = /\/api\/ocds\/releases\?ocid=\{ocid\}/.exec(await text(page, '#api-uso'))?.[0];
    expect(releasesOf).toBe('/api/ocds/releases?ocid={ocid}');
    const someOcid = allProcesses()[0].ocid;
    const releasesAnswer = (await (await fetch(`${srv.base}${releasesOf!.replace('{ocid}', encodeURIComponent(someOcid))}`)).json()) as { releases: { ocid: string }[] };
    expect(releasesAnswer.releases.length).toBeGreaterThan(0);
    expect(releasesAnswer.releases.every((r) => r.ocid === someOcid)).toBe(true);

    await visit(page, '#/acerca');
    expect(await page.locator('#tabla-publicadores tbody tr').count()).toBe(stats.publishers.length);
    expect(await text(page, 'main')).toContain('Cómo citar');
    await visit(page, '#/glosario');
    const terms = await page.locator('#glosario dt').allTextContents();
    for (const t of ['Contratista', 'Licitante', 'Institución pública', 'ocid', 'Sin dato', 'Clave presupuestaria', 'Avance físico']) expect(terms).toContain(t);
  });

  it('Seguimiento → «Pendientes por completar» of an implementer, by keyboard: each missing point with the template\'s sheet and columns, filtered, ordered, as CSV (the rows shown) and as Excel (all); never in /api/index', async () => {
    // An address naming no implementer says so, not «No se pudieron cargar los datos» with a retry that cannot help.
    const missing = await show('#/pendientes/nadie');
    expect([await text(missing, 'h1'), await missing.locator('#reintentar').count()]).toEqual(['Implementador no encontrado', 0]);
    const page = await show('#/seguimiento');
    await page.getByRole('link', { name: 'Pendientes por completar de Municipio de Mérida' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-ready] #tabla-pendientes');
    expect(await text(page, 'h1')).toBe('Pendientes por completar: Municipio de Mérida');
    expect(await page.evaluate(() => document.activeElement.tagName)).toBe('H1');
    expect(await page.locator('#menu a[aria-current="page"]').textContent()).toBe('Seguimiento');
    const api = (await (await fetch(`${srv.base}/api/pending/merida`)).json()) as { rows: { kind: string; id: string; sheet: string; columns: string }[] };
    expect(api.rows.length).toBeGreaterThan(3);
    expect(await page.locator('#tabla-pendientes tbody tr').count()).toBe(api.rows.length);
    // Where to capture each point, in the template's words (core/template: the spec's sheets and column titles).
    const spec = templateSpec();
    const projectDocs = columnOfField(spec, 'oc4ids', 'documents/documentType')!;
    const planningDocs = columnOfField(spec, 'ocds', 'planning/documents/documentType')!;
    const headers = await page.locator('#tabla-pendientes thead th').allTextContents();
    const cellsOf = async (title: string): Promise<string[]> => (await page.locator(`#tabla-pendientes tbody tr > :nth-child(${headers.findIndex((t) => t.startsWith(title)) + 1})`).allTextContents()).map((t) => t.trim());
    expect(await cellsOf('Hoja')).toEqual(expect.arrayContaining([projectDocs.sheet, planningDocs.sheet]));
    expect((await cellsOf('Columnas')).some((c) => c.includes(projectDocs.column))).toBe(true);
    // The hostile project title is text here too.
    expect(await text(page, '#tabla-pendientes')).toContain(HOSTILE_TITLE);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    // Filtered by the template's sheet: the count says so and the address keeps it.
    await page.selectOption('#filtro-hoja', planningDocs.sheet);
    const planning = api.rows.filter((r) => r.sheet === planningDocs.sheet);
    await page.waitForFunction((n: number) => document.querySelectorAll('#tabla-pendientes tbody tr').length === n, planning.length);
    expect(await text(page, '#cuenta-pendientes')).toMatch(new RegExp(`^${planning.length} pendientes? de ${api.rows.length}, con los filtros elegidos: 0 proyectos y ${new Set(planning.map((r) => r.id)).size} proceso`));
    expect(new Set(await cellsOf('Hoja'))).toEqual(new Set([planningDocs.sheet]));
    expect(await page.evaluate(() => location.hash)).toContain(`hoja=${encodeURIComponent(planningDocs.sheet).replace(/%20/g, '+')}`);
    await page.click('#orden-documento');
    await expectColumnOrder(page, '#tabla-pendientes', 'documento', 'ascending', false);
    // The CSV is the rows shown, in Spanish, in their order.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Descargar CSV')]);
    const csv = (await downloadedText(download)).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(csv[0]).toBe('tipo,identificador,titulo,proceso_del_proyecto,etapa,dato_que_falta,hoja,columnas,como_completarlo,por_que_se_pide');
    expect(csv).toHaveLength(planning.length + 1);
    expect(csv.slice(1).every((line) => line.startsWith('Proceso de contratación,'))).toBe(true);
    // The workbook: every pending point, with the header's filters.
    const href = await page.getByRole('link', { name: 'Descargar Excel (todos los pendientes)' }).getAttribute('href');
    const res = await fetch(`${srv.base}${href}`);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=pendientes-merida-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = (await xlsxBook(Buffer.from(await res.arrayBuffer()))).getWorksheet('Pendientes')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['Tipo', 'Identificador', 'Título']);
    expect(sheet.rowCount).toBe(api.rows.length + 1);
    expect(sheet.autoFilter).toBeTruthy();
    // The hostile title is a text cell, never a formula.
    const titles = (sheet.getColumn(3).values as unknown[]).slice(2);
    expect(titles).toContain(HOSTILE_TITLE);
    expect(titles.every((v) => typeof v === 'string')).toBe(true);
    // Kept with the index, never served with it.
    expect(JSON.stringify(await (await fetch(`${srv.base}/api/index?publisher=merida`)).json())).not.toContain('"pending"');
  });

  it('a server that only publishes offers no «Iniciar sesión»: the menu has the public sections only, and the sign-in address says why', async () => {
    const page = await show('#/acerca');
    expect(await page.locator('#menu a').allTextContents()).not.toContain('Iniciar sesión');
    await visit(page, '#/entrar');
    expect(await page.locator('main').textContent()).toContain('Este servidor solo publica los datos');
    expect(await page.locator('#clave').count()).toBe(0);
    await visit(page, '#/revision');
    expect(await page.locator('main').textContent()).toContain('Este servidor solo publica los datos');
    expect(await page.locator('#menu a').allTextContents()).not.toContain('Iniciar sesión');
  });

  it('works from the keyboard: skip link, menu, visible focus, focus on the new page heading, sorting', async () => {
    const page = await open('#/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Saltar al contenido');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle)).not.toBe('none');
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.textContent)) !== 'Proyectos' && guard++ < 10) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Proyectos');
    guard = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'orden-titulo' && guard++ < 40) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.locator('#tabla-proyectos thead th[aria-sort="descending"]').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('orden-titulo');
  });

  it('on a phone (390 × 844) the header stays short: «Menú» discloses the sections by click and keyboard, the filters wait behind theirs; at 1280 px all is shown as before', async () => {
    const page = await open('#/');
    await page.setViewportSize({ width: 390, height: 844 });
    const headerHeight = (): Promise<number> => page.evaluate(() => document.querySelector('header.site').getBoundingClientRect().height);
    // Was ~360 px (name, five rows of links, the search with its label, Filtros): now two rows.
    expect(await headerHeight()).toBeLessThanOrEqual(150);
    const button = page.getByRole('button', { name: 'Menú' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await button.getAttribute('aria-controls')).toBe('menu');
    expect(await page.locator('#menu a').first().isVisible()).toBe(false);
    // The search keeps its name for screen readers with its label out of view.
    expect(await page.getByRole('searchbox', { name: 'Buscar en el tablero' }).isVisible()).toBe(true);
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#menu a').count()).toBeGreaterThan(10);
    for (const a of await page.locator('#menu a').all()) expect(await a.isVisible()).toBe(true);
    await keptScreenshot(page, 'dashboard-menu-390.png');
    expect(await axeViolations(page, { tags: [...WCAG_AA, 'best-practice'] })).toEqual([]);
    // Keyboard: Escape closes it and gives the focus back to the button; Enter opens it, Tab goes into the sections.
    await page.locator('#menu a').first().focus();
    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('boton-menu');
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Inicio');
    // Choosing a page closes the menu; the focus goes to the new page's heading.
    await page.evaluate(() => document.body.removeAttribute('data-ready'));
    await page.locator('#menu a', { hasText: /^Seguimiento$/ }).click();
    await page.waitForSelector('body[data-ready] #tabla-seguimiento');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await headerHeight()).toBeLessThanOrEqual(150);

    // A filter on: on the phone its panel stays closed (the header stays short) and its summary says how many.
    await visit(page, '#/proyectos?state=Yucat%C3%A1n');
    expect(await page.locator('.filter-panel').evaluate((d: any) => d.open)).toBe(false);
    expect(await text(page, '.filter-panel summary')).toBe('Filtros (1 activo)');
    expect(await headerHeight()).toBeLessThanOrEqual(150);
    await page.click('.filter-panel summary');
    expect(await page.inputValue('#filtro-state')).toBe('Yucatán');
    expect(await page.locator('#filtro-publisher').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // At 1280 px: no button, every section and the search's label in view, the panel open while a filter is on.
    await page.setViewportSize({ width: 1280, height: 800 });
    await visit(page, '#/indicadores?state=Yucat%C3%A1n');
    expect(await button.isVisible()).toBe(false);
    for (const a of await page.locator('#menu a').all()) expect(await a.isVisible()).toBe(true);
    expect(await page.locator('label[for="buscar"]').isVisible()).toBe(true);
    expect(await page.locator('.filter-panel').evaluate((d: any) => d.open)).toBe(true);
    expect(await text(page, '.filter-panel summary')).toBe('Filtros (1 activo)');
  });

  it('on a phone, Inicio\'s places table fits without scrolling sideways and says what «En el mapa» counts; Seguimiento and the Glosario explain «E.1 REDA»', async () => {
    // It only reads (the table, the map's markers, two notes): by hash from where the test before left the tab.
    const page = await show('#/');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForSelector('#tabla-lugares tbody tr');
    // Its min-content width was 402 px in a 358 px column («Con coordenadas»): the table scrolled sideways.
    const [scrollWidth, clientWidth] = await page.evaluate(() => { const wrap = document.querySelector('#tabla-lugares'); return [wrap.scrollWidth, wrap.clientWidth]; });
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(await page.locator('#tabla-lugares thead th').allTextContents()).toEqual(['Estado', 'Municipio', 'Proyectos', 'En el mapa']);
    expect(await text(page, '#tabla-lugares caption')).toContain('«En el mapa»: los proyectos con coordenadas publicadas dentro de México');
    // «En el mapa» counts what the map draws.
    const onMap = (await page.locator('#tabla-lugares tbody td:nth-child(4)').allTextContents()).reduce((n, t) => n + Number(t), 0);
    expect(onMap).toBe(await markerSum(page));
    expect(onMap).toBe(allProjects().filter((p) => p.location && inMexico(p.location[0], p.location[1])).length);

    await visit(page, '#/seguimiento');
    const note = await text(page, '#nota-etapas');
    expect(note).toContain('E.1 REDA');
    expect(note).toContain('«REDA» es el nombre que el programa da a su primera etapa');
    expect(note).toContain('Organismo Garante');
    // Each row's stages point a screen reader to that note.
    expect(await page.locator('#tabla-seguimiento summary[aria-describedby="nota-etapas"]').count()).toBe(stats.publishers.length);
    await visit(page, '#/glosario');
    const entry = page.locator('#glosario div', { has: page.locator('dt:text-is("Etapas del programa")') }).locator('dd');
    expect(await entry.textContent()).toMatch(/E\.1 REDA, E\.2 Programa de trabajo, .* y E\.7 Presentación pública\. .*«REDA» es el nombre que el programa da a su primera etapa\./);
  });

  it('first load < 150 KB gz, nothing from outside; unknown addresses answer in Spanish', async () => {
    const gz = Object.entries(srv.build.files).filter(([n, f]) => n !== '404.html' && !f.lazy).reduce((n, [, f]) => n + f.gzip, 0);
    const lazy = Object.values(srv.build.files).filter((f) => f.lazy).reduce((n, f) => n + f.gzip, 0);
    console.log(`dashboard first load: ${Object.entries(srv.build.files).map(([n, f]) => `${n} ${(f.gzip / 1024).toFixed(1)} KB gz${f.lazy ? ' (lazy)' : ''}`).join(', ')}; first load ${(gz / 1024).toFixed(1)} KB gz, map data ${(lazy / 1024).toFixed(1)} KB gz on top`);
    expect(gz).toBeLessThan(150 * 1024);
    // The map data (state outlines) are loaded by the maps only, on top of the budget, and still bounded.
    expect(lazy).toBeGreaterThan(0);
    expect(gz + lazy).toBeLessThan(150 * 1024);
    expect(refused).toEqual([]);

    const res = await fetch(`${srv.base}/proyectos/no-existe`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('lang="es-MX"');
    expect(html).toContain('Página no encontrada');
    expect(html).not.toMatch(/Cannot GET/);
    expect((await fetch(`${srv.base}/api/no-existe`)).status).toBe(404);
    expect(fs.readFileSync(path.join(srv.build.outDir, '404.html'), 'utf8')).toContain('Página no encontrada');
  });

  // The walk through every page that the CSP check makes also says what each page asks of the API (a test of its
  // own walked the same pages in a tab of its own).
  it('runs under the server\'s CSP header (no bypass): no violation or failed request on any page, the unknown-address page styled too, and no other site can frame it; list pages read the slim /api/index, detail pages fetch only their own document', async () => {
    const strict = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await strict.newPage();
    const violations: string[] = [];
    const errors: string[] = [];
    const failed: string[] = [];
    // The bulk files themselves (not /api/bulk, the list Descargas reads to know which are offered).
    const full = /\/api\/(oc4ids\/projects|ocds\/records|ocds\/releases|bulk\/)/;
    const urls: string[] = [];
    page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/')) urls.push(u.pathname + u.search); });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
      else if (m.type() === 'error') errors.push(m.text());
    });
    // The browser's own requests count too (its icon: /favicon.ico was a 404 on every visit).
    page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`); });
    const first = await page.goto(`${srv.base}/#/`);
    expect(first?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.waitForSelector('body[data-ready] main h1');
    for (const hash of ['#/proyectos', '#/contrataciones', '#/contratistas', '#/instituciones', '#/indicadores', '#/calidad', '#/seguimiento', '#/descargas', '#/acerca']) await visit(page, hash);
    expect(urls.filter((u) => full.test(u))).toEqual([]);
    // One load of the index in columns, in two halves (Inicio's core, then the details), shared by every list page.
    expect(urls.filter((u) => u.startsWith('/api/index')).sort()).toEqual(['/api/index/compact/core', '/api/index/compact/details']);
    await visit(page, '#/glosario');
    await visit(page, `#/proyecto/${encodeURIComponent(PROJECT_ID)}`);
    expect(urls.filter((u) => full.test(u))).toEqual([`/api/oc4ids/projects/${encodeURIComponent(PROJECT_ID)}`]);
    // An unknown address: the Spanish page, drawn by the dashboard's stylesheet (its inline <style> was blocked by
    // this CSP, which left it unstyled) — main's width and the site's font are the stylesheet's.
    const missing = await page.goto(`${srv.base}/proyectos/no-existe`);
    expect(missing?.status()).toBe(404);
    await page.waitForLoadState('load');
    expect(await page.evaluate(() => [getComputedStyle(document.querySelector('main')).maxWidth, getComputedStyle(document.body).fontFamily])).toEqual(['1280px', expect.stringContaining('system-ui')]);
    expect(violations).toEqual([]);
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
    expect(failed).toEqual(['404 /proyectos/no-existe']);
    // A page of another site framing the dashboard gets an error page, not the dashboard.
    const framer = await strict.newPage();
    await framer.setContent(`<iframe src="${srv.base}/#/"></iframe>`);
    const frame = framer.frames()[1];
    expect(frame).toBeDefined();
    expect(frame.url()).not.toContain(srv.base);
    expect(await frame.$('main')).toBeNull();
    await strict.close();
  });
});
