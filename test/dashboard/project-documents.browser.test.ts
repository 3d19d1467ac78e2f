/**
 * Every document a project publishes is on its page, not only those of the checklist's types: Nuevo León's project
 * oc4ids-gx3fo2-000005 (../shared/standards/examples/real-mx) publishes 38 (a dictamen de aprobación, a plan
 * financiero, progress reports, 26 photographs…) and its page showed two, the checklist's feasibility study and
 * completion certificate; the rest were only in the JSON. Read in the built dashboard (headless Chromium, the real
 * app seeded with the example workbooks, that project's documents typed in the sheet «Documentos del proyecto» of an
 * example project).
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

const PROJECT = 'oc4ids-nl0001-NL-2024-002';
const SHEET = 'Documentos del proyecto';
const REAL = path.join(STANDARDS_DIR, 'examples', 'real-mx', 'ProjectRelease-oc4ids-gx3fo2-000005-v000002.json');

interface Doc { id: string; documentType?: string; title?: string; description?: string; url?: string; datePublished?: string; format?: string; language?: string }

/** The real project's documents that have a link (three have none, which the program refuses), as published. */
function realDocuments(): Doc[] {
  return (JSON.parse(fs.readFileSync(REAL, 'utf8')) as { documents: Doc[] }).documents.filter((d) => d.url);
}

/** The example project's documents replaced by the real ones, a row each, as an official types them. */
function typeDocuments(key: string, workbook: WorkbookModel): void {
  if (key !== 'nuevo-leon') return;
  const sheet = workbook.sheets.find((s) => s.name === SHEET) as WorkbookModel['sheets'][number];
  const paths = sheet.rows[1].map(String);
  const at = (p: string): number => paths.indexOf(`documents/0/${p}`);
  sheet.rows = [...sheet.rows.slice(0, 2), ...sheet.rows.slice(2).filter((r) => r[0] !== PROJECT)];
  for (const d of realDocuments()) {
    const row: CellValue[] = paths.map(() => null);
    row[0] = PROJECT;
    row[at('id')] = d.id;
    row[at('documentType')] = d.documentType ?? null;
    row[at('title')] = d.title ?? null;
    row[at('description')] = d.description ?? null;
    // A link with spaces and accents is written as a browser sends it, as `import` writes it.
    row[at('url')] = encodeURI(d.url ?? '');
    row[at('datePublished')] = d.datePublished && !d.datePublished.startsWith('0001-') ? d.datePublished : null;
    row[at('format')] = d.format ?? null;
    row[at('language')] = d.language ?? null;
    sheet.rows.push(row);
  }
}

/** 2020-03-31T01:28:04-06:00 → 31/03/2020 (the date the publisher wrote), independently of the dashboard's code. */
const ddmmyyyy = (iso: string | undefined): string => (iso && !iso.startsWith('0001-') ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : 'Sin dato');

(hasStandards ? describeIfChromium : describe.skip)("a project's documents", () => {
  let srv: DashboardServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    srv = await startDashboardServer({ edit: typeDocuments });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  it('lists every published document, with its link and its date as dd/mm/aaaa', async () => {
    await page.goto(`${srv.base}/#/proyecto/${PROJECT}`);
    await page.waitForSelector('body[data-ready] main h1');
    const docs = realDocuments();
    expect(docs.length).toBe(35);
    const rows: { title: string; href: string; date: string }[] = await page.locator('#tabla-documentos tbody tr').evaluateAll((trs) => trs.map((tr: any) => {
      const cells = [...tr.children];
      return { title: cells[0].textContent.trim(), href: cells[0].querySelector('a')?.getAttribute('href') ?? '', date: cells[2].textContent.trim() };
    }));
    expect(rows).toEqual(docs.map((d) => ({ title: d.title, href: encodeURI(d.url ?? ''), date: ddmmyyyy(d.datePublished) })));
  });
});
