/**
 * The budget tables of the public pages, in the built dashboard (headless Chromium, the real app seeded with the
 * example workbooks): the demo processes' budget classification by levels is shown, each level's type under its
 * Spanish title («Tipo de clasificación»: the code list's, not the English code), and a budget item with several
 * claves presupuestarias and three momentos contables reads whole without scrolling sideways, at 1280 px and 390 px
 * (it used to run past the screen: each stage's cell lists every clave with its amount and period).
 */
import type { Browser, Page } from 'playwright-core';
import { keptScreenshot, axeViolations, describeIfChromium, launchChromium, WCAG_AA } from '../browser';
import { moveByHash, startDashboardServer, type DashboardServer } from './dashboard-server';
import OCDS_CODE_TITLES from '../../schemas/labels/codes-ocds.json';
import type { CellValue, WorkbookModel } from '../../core/workbook/model';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;

const OCID = 'ocds-nl0001-SI-LP-OP-004-2023';
const SECOND_KEY = '2023-21-07-K012-61401-25';

/** A second clave presupuestaria with three stages on the process's budget item, typed in the template's sheets. */
function secondKey(key: string, workbook: WorkbookModel): void {
  if (key !== 'nuevo-leon') return;
  const sheet = (name: string) => workbook.sheets.find((x) => x.name === name) as WorkbookModel['sheets'][number];
  const itemId = sheet('Partidas presupuestales').rows.find((r) => r[0] === OCID)?.[1];
  const add = (name: string, cells: Record<string, CellValue>): void => {
    const paths = sheet(name).rows[1].map(String);
    sheet(name).rows.push(paths.map((p, i) => (i === 0 ? OCID : p === 'planning/budget/budgetBreakdown/0/id' ? itemId : cells[p])) as CellValue[]);
  };
  add('Líneas presupuestarias', { 'planning/budget/budgetBreakdown/0/budgetLines/0/id': SECOND_KEY });
  for (const [stage, amount] of [['Aprobado', 150000000], ['Comprometido', 149500000.5], ['Pagado', 60250000.75]] as const) {
    add('Momentos contables', {
      'planning/budget/budgetBreakdown/0/budgetLines/0/id': SECOND_KEY, 'planning/budget/budgetBreakdown/0/budgetLines/0/measures/0/id': stage,
      'planning/budget/budgetBreakdown/0/budgetLines/0/measures/0/value/amount': amount, 'planning/budget/budgetBreakdown/0/budgetLines/0/measures/0/value/currency': 'MXN',
      'planning/budget/budgetBreakdown/0/budgetLines/0/measures/0/update': 'Cuarto trimestre de 2023',
    });
  }
}

const TABLES = ['tabla-partidas', 'tabla-clasificacion', 'tabla-clasificacion-contrato'];

describeIfChromium('budget tables of the public pages', () => {
  let srv: DashboardServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    srv = await startDashboardServer({ edit: secondKey });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  /** The width the tab's document was loaded at. */
  let loadedAt = 0;
  async function visit(hash: string): Promise<void> {
    if (page.url() === `${srv.base}/${hash}`) return; // already drawn there: a hash set again is no navigation
    if (page.url().startsWith(srv.base)) {
      await moveByHash(page, hash);
      return;
    }
    loadedAt = page.viewportSize()?.width ?? 0;
    await page.goto(`${srv.base}/${hash}`);
    await page.waitForSelector('body[data-ready] main h1');
  }
  const headers = (id: string): Promise<string[]> => page.locator(`#${id} thead th[scope="col"]`).allTextContents();
  const column = async (id: string, title: string): Promise<string[]> => {
    const i = (await headers(id)).indexOf(title);
    return i < 0 ? [] : page.locator(`#${id} tbody tr > :nth-child(${i + 1})`).evaluateAll((cells) => cells.map((c: any) => c.dataset.value ?? c.textContent));
  };

  it("the demo process's budget classification and its contract's, each level's type by its Spanish title", async () => {
    await visit(`#/contratacion/${OCID}`);
    const types = (OCDS_CODE_TITLES as Record<string, Record<string, string>>)['mx/budgetClassificationType'];
    for (const id of ['tabla-clasificacion', 'tabla-clasificacion-contrato']) {
      expect(await headers(id)).toContain('Tipo de clasificación');
      expect(await column(id, 'Tipo de clasificación')).toEqual([types.financialSource, types.Administrative, types.Economic]);
    }
    expect([types.financialSource, types.Administrative, types.Economic]).toEqual(['Fuente de financiamiento', 'Administrativa', 'Económica']);
    expect(await column('tabla-clasificacion', 'Clave')).toEqual(['11', '21-07', '61501']);
  });

  for (const width of [1280, 390]) {
    it(`at ${width} px the budget tables read whole, without scrolling sideways, each figure by its stage`, async () => {
      await page.setViewportSize({ width, height: 900 });
      // Drawn anew at this width, unless the tab was loaded at it (the first test's, at 1280 px: a second load would
      // draw the same).
      if (loadedAt !== width) await page.goto('about:blank');
      await visit(`#/contratacion/${OCID}`);
      // Laid out again once the window's width is known (a ResizeObserver): wait for the tables to settle.
      await page.waitForTimeout(300);
      const overflow = await page.evaluate((ids: string[]) => ids.map((id) => {
        const wrap = document.getElementById(id);
        return wrap ? `${id}: ${wrap.scrollWidth} > ${wrap.clientWidth}` : `${id}: missing`;
      }).filter((s: string) => !/^\S+: (\d+) > (\d+)$/.test(s) || Number(s.split(' ')[1]) > Number(s.split(' ')[3]) + 1), TABLES);
      expect(overflow).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      // Each amount still says which stage it is, and which clave, in what the reader sees.
      const text = await page.locator('#tabla-partidas').innerText();
      expect(text).toMatch(/Pagado[\s\S]*2023-21-07-K012-61401-25: \$60,250,000\.75 \(Cuarto trimestre de 2023\)/);
      expect(text).toContain('Aprobado');
      // A table drawn by rows shows each value under its column's title.
      const unlabelled = await page.evaluate((ids: string[]) => ids.flatMap((id) => {
        const wrap = document.getElementById(id);
        if (!wrap.classList.contains('stacked')) return [];
        const titles = [...wrap.querySelectorAll('thead th')].map((th: any) => th.textContent);
        return [...wrap.querySelectorAll('tbody tr')].flatMap((tr: any) => [...tr.children].map((c: any, i: number) => [c, titles[i]]))
          .filter(([c, t]: any) => window.getComputedStyle(c, '::before').content !== JSON.stringify(`${t}: `)).map(([, t]: any) => `${id}: ${t}`);
      }), TABLES);
      expect(unlabelled).toEqual([]);
      if (width === 390) expect(await page.evaluate(() => document.getElementById('tabla-partidas').classList.contains('stacked'))).toBe(true);
      for (const id of ['tabla-partidas', 'tabla-clasificacion-contrato']) await keptScreenshot(page.locator(`#${id}`), `budget-tables-${id}-${width}.png`);
      const violations = await axeViolations(page, { tags: [...WCAG_AA, 'best-practice'] });
      expect(violations).toEqual([]);
    });
  }
});
