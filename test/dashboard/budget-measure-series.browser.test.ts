/**
 * A clave presupuestaria whose momentos contables are a series, as Nuevo León publishes them
 * (../shared/standards/examples/real-mx, project oc4ids-gx3fo2-000001: one «aprobado», 2 «modificado», 8 «comprometido»
 * with negative corrections, 17 «devengado», 17 «ejercido», each dated by the capture tool in `update`), read on the
 * project page of the built dashboard (headless Chromium, the real app seeded with the example workbooks, that
 * series typed in their sheet «Momentos contables del proyecto»). Every published amount is listed in es-MX money
 * with its date as dd/mm/aaaa: only the first of each stage was shown ($3,273,615.25 devengado of $20.5 millones), with
 * its date as the raw `2017-05-25T10:34:37-05:00`.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { describeIfChromium, launchChromium } from '../browser';
import { hasStandards, STANDARDS_DIR } from '../standards';
import { startDashboardServer, type DashboardServer } from './dashboard-server';
import type { CellValue, WorkbookModel } from '../../core/workbook/model';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const location: any;

const PROJECT = 'oc4ids-nl0001-NL-2024-002';
const ITEM = 'NL-2024-002-FF1';
const KEY = '2024-21-07-K018-62905-11';
const SHEET = 'Momentos contables del proyecto';
const REAL = path.join(STANDARDS_DIR, 'examples', 'real-mx', 'ProjectRelease-oc4ids-gx3fo2-000001-v000001.json');

interface Measure { id: string; value: { amount: number; currency: string }; update: string }

/** The real project's measures, as published (its one budget line, in the format before EDCAPI 0.9.5). */
function realMeasures(): Measure[] {
  const project = JSON.parse(fs.readFileSync(REAL, 'utf8')) as { budget: { budgetBreakdown: { budgetLines: { measures: Measure[] }[] }[] } };
  return project.budget.budgetBreakdown[0].budgetLines[0].measures;
}

/** The example clave's momentos contables replaced by the real series, row by row as an official would type them. */
function typeSeries(key: string, workbook: WorkbookModel): void {
  if (key !== 'nuevo-leon') return;
  const sheet = workbook.sheets.find((s) => s.name === SHEET) as WorkbookModel['sheets'][number];
  const paths = sheet.rows[1].map(String);
  const at = (p: string): number => paths.findIndex((x) => x.endsWith(p));
  sheet.rows = [...sheet.rows.slice(0, 2), ...sheet.rows.slice(2).filter((r) => r[at('budgetLines/0/id')] !== KEY)];
  for (const m of realMeasures()) {
    const row: CellValue[] = paths.map(() => null);
    row[0] = PROJECT;
    row[at('budgetBreakdowns/0/id')] = 'FF';
    row[at('budgetBreakdown/0/id')] = ITEM;
    row[at('budgetLines/0/id')] = KEY;
    row[at('measures/0/id')] = m.id;
    row[at('measures/0/value/amount')] = m.value.amount;
    row[at('measures/0/value/currency')] = m.value.currency;
    row[at('measures/0/update')] = m.update;
    sheet.rows.push(row);
  }
}

/** The oracle, written independently of the dashboard's formatters: -$697,892.54 (15/11/2017). */
function expected(m: Measure): string {
  const figure = Math.abs(m.value.amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const [y, mo, d] = m.update.slice(0, 10).split('-');
  return `${m.value.amount < 0 ? '-' : ''}$${figure} (${d}/${mo}/${y})`;
}

const STAGES: [string, string][] = [['approved', 'Aprobado'], ['modified', 'Modificado'], ['committed', 'Comprometido'], ['accrued', 'Devengado'], ['executed', 'Ejercido']];

(hasStandards ? describeIfChromium : describe.skip)('a clave\'s momentos contables published as a series (Nuevo León)', () => {
  let srv: DashboardServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    srv = await startDashboardServer({ edit: typeSeries });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  it('each stage lists every amount published for it, in es-MX money with its date as dd/mm/aaaa', async () => {
    await page.goto(`${srv.base}/#/proyecto/${PROJECT}`);
    await page.waitForSelector('body[data-ready] main h1');
    const headers: string[] = await page.locator('#tabla-desglose thead th[scope="col"]').allTextContents();
    const row = page.locator('#tabla-desglose tbody tr', { has: page.locator('th', { hasText: ITEM }) });
    const measures = realMeasures();
    expect(measures.filter((m) => m.id === 'accrued')).toHaveLength(17);
    for (const [code, title] of STAGES) {
      const i = headers.indexOf(title);
      expect({ title, column: i >= 0 }).toEqual({ title, column: true });
      const cell = row.locator(`> :nth-child(${i + 1})`);
      const items: string[] = await cell.locator('li').evaluateAll((lis) => lis.map((li: any) => li.textContent.trim()));
      const shown = items.length ? items : [((await cell.textContent()) ?? '').trim()];
      expect({ title, shown }).toEqual({ title, shown: measures.filter((m) => m.id === code).map(expected) });
    }
    expect(await page.locator('#tabla-desglose').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});
