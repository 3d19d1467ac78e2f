/**
 * A project page of the built dashboard read with what Nuevo León really publishes (../shared/standards/examples/
 * real-mx), typed in the sheets of an example project as an official would (headless Chromium, the real app seeded
 * with the example workbooks; one server for both):
 * - a clave presupuestaria whose momentos contables are a series (project oc4ids-gx3fo2-000001: one «aprobado», 2
 *   «modificado», 8 «comprometido» with negative corrections, 17 «devengado», 17 «ejercido», each dated by the capture
 *   tool in `update`): every published amount is listed in es-MX money with its date as dd/mm/aaaa. Only the first of
 *   each stage was shown ($3,273,615.25 devengado of $20.5 millones), with its date as the raw
 *   `2017-05-25T10:34:37-05:00`;
 * - every document the project publishes (oc4ids-gx3fo2-000005 publishes 38: a dictamen de aprobación, a plan
 *   financiero, progress reports, 26 photographs…), not only those of the checklist's types: its page showed two, the
 *   checklist's feasibility study and completion certificate; the rest were only in the JSON. Printed, each title is
 *   followed by its address (paper has no links);
 * - Descargas printed with the INAI's publication policy (record-package_269.json) keeps its table on the page.
 * - the project's budget description, asset lifetime and classifications (its ODS), which reached only the JSON;
 * - the reasons published for how the project ended (its «Conclusión» explanations) and its own milestones, which
 *   the page left out (only each process's milestones were in its timeline);
 * - a process's contract modifications in its timeline (one known only from the project's sheets showed them nowhere),
 *   with the contract's old and new end date (only the modification's type was said);
 * - a related project the official declared says how it relates («Relación: Ampliación»): every one read «Relacionado
 *   por el implementador», the page looking for a code the OC4IDS list does not have.
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
declare const getComputedStyle: any;

const PROJECT = 'oc4ids-nl0001-NL-2024-002';
const ITEM = 'NL-2024-002-FF1';
const KEY = '2024-21-07-K018-62905-11';
const MEASURES_SHEET = 'Momentos contables del proyecto';
const REAL_MEASURES = path.join(STANDARDS_DIR, 'examples', 'real-mx', 'ProjectRelease-oc4ids-gx3fo2-000001-v000001.json');

interface Measure { id: string; value: { amount: number; currency: string }; update: string }

/** The real project's measures, as published (its one budget line, in the format before EDCAPI 0.9.5). */
function realMeasures(): Measure[] {
  const project = JSON.parse(fs.readFileSync(REAL_MEASURES, 'utf8')) as { budget: { budgetBreakdown: { budgetLines: { measures: Measure[] }[] }[] } };
  return project.budget.budgetBreakdown[0].budgetLines[0].measures;
}

/** The example clave's momentos contables replaced by the real series, row by row as an official would type them. */
function typeSeries(key: string, workbook: WorkbookModel): void {
  if (key !== 'nuevo-leon') return;
  const sheet = workbook.sheets.find((s) => s.name === MEASURES_SHEET) as WorkbookModel['sheets'][number];
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

const DOCUMENTS_SHEET = 'Documentos del proyecto';
const REAL_DOCUMENTS = path.join(STANDARDS_DIR, 'examples', 'real-mx', 'ProjectRelease-oc4ids-gx3fo2-000005-v000002.json');

interface Doc { id: string; documentType?: string; title?: string; description?: string; url?: string; datePublished?: string; format?: string; language?: string }

/** The real project's documents that have a link (three have none, which the program refuses), as published. */
function realDocuments(): Doc[] {
  return (JSON.parse(fs.readFileSync(REAL_DOCUMENTS, 'utf8')) as { documents: Doc[] }).documents.filter((d) => d.url);
}

/** The example project's documents replaced by the real ones, a row each, as an official types them. */
function typeDocuments(key: string, workbook: WorkbookModel): void {
  if (key !== 'nuevo-leon') return;
  const sheet = workbook.sheets.find((s) => s.name === DOCUMENTS_SHEET) as WorkbookModel['sheets'][number];
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

const REAL_PROCESS = 'ocds-7wj9x5-SINL-CPE-018-2017';

/** The real project's process (oc4ids-gx3fo2-000001), listed as Nuevo León lists it: its ocid, no title. */
function typeProcess(key: string, workbook: WorkbookModel): void {
  if (key !== 'nuevo-leon') return;
  const sheet = workbook.sheets.find((s) => s.name === 'Procesos del proyecto') as WorkbookModel['sheets'][number];
  const paths = sheet.rows[1].map(String);
  const at = (p: string): number => paths.indexOf(p);
  const row: CellValue[] = [...sheet.rows[2]].map(() => null);
  row[at('id')] = PROJECT;
  row[at('contractingProcesses/0/id')] = REAL_PROCESS;
  row[at('contractingProcesses/0/summary/ocid')] = REAL_PROCESS;
  row[at('contractingProcesses/0/summary/nature')] = sheet.rows[2][at('contractingProcesses/0/summary/nature')];
  sheet.rows.push(row);
}

/** A related project declared as an official picks it in the drop-down: the project it expands («Ampliación»). */
function typeRelated(key: string, workbook: WorkbookModel): void {
  if (key !== 'nuevo-leon') return;
  const sheet = workbook.sheets.find((s) => s.name === 'Proyectos relacionados') as WorkbookModel['sheets'][number];
  const paths = sheet.rows[1].map(String);
  const row: CellValue[] = paths.map(() => null);
  row[paths.indexOf('id')] = PROJECT;
  row[paths.indexOf('relatedProjects/0/id')] = 1;
  row[paths.indexOf('relatedProjects/0/relationship')] = 'Ampliación';
  row[paths.indexOf('relatedProjects/0/scheme')] = 'Identificador de proyecto OC4IDS (EDCAPI)';
  row[paths.indexOf('relatedProjects/0/identifier')] = 'oc4ids-nl0001-NL-2019-031';
  row[paths.indexOf('relatedProjects/0/title')] = 'Primera etapa del parque lineal';
  sheet.rows.push(row);
}

/** Why the project ended as it did («Conclusión» columns) and two of its own milestones, one met and one scheduled. */
function typeCompletion(key: string, workbook: WorkbookModel): void {
  if (key !== 'nuevo-leon') return;
  const projects = workbook.sheets.find((s) => s.name === 'Proyectos') as WorkbookModel['sheets'][number];
  const fields = projects.rows[1].map(String);
  const row = projects.rows.find((r) => r[0] === PROJECT) as CellValue[];
  row[fields.indexOf('completion/endDateDetails')] = 'Retraso de seis semanas por la temporada de lluvias.';
  row[fields.indexOf('completion/finalValueDetails')] = 'Se autorizaron volúmenes adicionales de concreto.';
  const sheet = workbook.sheets.find((s) => s.name === 'Hitos del proyecto') as WorkbookModel['sheets'][number];
  const paths = sheet.rows[1].map(String);
  sheet.rows = [...sheet.rows.slice(0, 2), ...sheet.rows.slice(2).filter((r) => r[0] !== PROJECT)];
  for (const [id, title, status, due, met] of [['HP-02', 'Puesta en operación', 'Programado', '01/09/2031', null], ['HP-01', 'Aprobación del proyecto ejecutivo', 'Cumplido', '31/01/2024', '26/01/2024']]) {
    const m: CellValue[] = paths.map(() => null);
    m[paths.indexOf('id')] = PROJECT;
    m[paths.indexOf('milestones/0/id')] = id;
    m[paths.indexOf('milestones/0/title')] = title;
    m[paths.indexOf('milestones/0/status')] = status;
    m[paths.indexOf('milestones/0/dueDate')] = due;
    m[paths.indexOf('milestones/0/dateMet')] = met;
    sheet.rows.push(m);
  }
}

/**
 * The dates of four of its stages (OC4IDS 0.9.5 stage periods), one still open, typed in «Proyectos»; conclusion's
 * start, planned for a day already past, is of a stage the project (in execution) has not reached.
 */
function typeStages(key: string, workbook: WorkbookModel): void {
  if (key !== 'nuevo-leon') return;
  const projects = workbook.sheets.find((s) => s.name === 'Proyectos') as WorkbookModel['sheets'][number];
  const fields = projects.rows[1].map(String);
  const row = projects.rows.find((r) => r[0] === PROJECT) as CellValue[];
  // Only these: the demo's own stage dates (scripts/examples/build-project.ts) emptied first.
  fields.forEach((field, i) => { if (/^[a-z]+Period\/(startDate|endDate)$/.test(field)) row[i] = null; });
  for (const [field, value] of [['preparationPeriod/startDate', '01/07/2023'], ['preparationPeriod/endDate', '31/01/2024'], ['implementationPeriod/startDate', '01/02/2024'], ['completionPeriod/startDate', '01/06/2025'], ['maintenancePeriod/endDate', '31/12/2055']]) {
    expect(fields).toContain(field);
    row[fields.indexOf(field)] = value;
  }
}

/** Two modifications (convenios modificatorios) of that process, of its period and of its value, typed in «Modificaciones». */
function typeModification(key: string, workbook: WorkbookModel): void {
  if (key !== 'nuevo-leon') return;
  const sheet = workbook.sheets.find((s) => s.name === 'Modificaciones') as WorkbookModel['sheets'][number];
  const paths = sheet.rows[1].map(String);
  // One row of the sheet: the project, the process, and the modification's own columns (under its path).
  const typeRow = (modification: Record<string, CellValue>): void => {
    const row: CellValue[] = paths.map(() => null);
    row[paths.indexOf('id')] = PROJECT;
    row[paths.indexOf('contractingProcesses/0/id')] = REAL_PROCESS;
    for (const [field, value] of Object.entries(modification)) row[paths.indexOf(`contractingProcesses/0/summary/modifications/0/${field}`)] = value;
    sheet.rows.push(row);
  };
  typeRow({
    id: 'CM-01', date: '15/08/2017', type: 'Cambio de plazo', description: 'Ampliación del plazo en 45 días naturales',
    'oldContractPeriod/endDate': '31/08/2017', 'newContractPeriod/endDate': '15/10/2017',
  });
  typeRow({
    id: 'CM-02', date: '20/09/2017', type: 'Cambio de monto', description: 'Volúmenes adicionales de concreto',
    'oldContractValue/amount': 12500000, 'oldContractValue/currency': 'MXN', 'newContractValue/amount': 13125000.5, 'newContractValue/currency': 'MXN',
  });
}

const REAL_INAI = path.join(STANDARDS_DIR, 'examples', 'real-mx', 'record-package_269.json');

/** The INAI's publication policy, as its package states it (a bare address of 43 characters), in Nuevo León's settings. */
function typePolicy(key: string, workbook: WorkbookModel): void {
  if (key !== 'nuevo-leon') return;
  const policy = (JSON.parse(fs.readFileSync(REAL_INAI, 'utf8')) as { publicationPolicy: string }).publicationPolicy;
  const row = workbook.sheets.find((s) => s.name === 'Configuración')?.rows.find((r) => r[2] === 'publicationPolicyUrl');
  if (row) row[1] = policy;
}

/** 2020-03-31T01:28:04-06:00 → 31/03/2020 (the date the publisher wrote), independently of the dashboard's code. */
const ddmmyyyy = (iso: string | undefined): string => (iso && !iso.startsWith('0001-') ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : 'Sin dato');

(hasStandards ? describeIfChromium : describe.skip)('a project page with what Nuevo León publishes', () => {
  let srv: DashboardServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    srv = await startDashboardServer({ edit: (key, workbook) => { typeSeries(key, workbook); typeDocuments(key, workbook); typePolicy(key, workbook); typeProcess(key, workbook); typeRelated(key, workbook); typeCompletion(key, workbook); typeStages(key, workbook); typeModification(key, workbook); } });
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
    // Printed, each title is followed by its address: on paper the title alone said nothing of where the document is.
    await page.emulateMedia({ media: 'print' });
    const printed: string[] = await page.locator('#tabla-documentos tbody th a').evaluateAll((as) => as.map((a: any) => getComputedStyle(a, '::after').content));
    await page.emulateMedia({ media: 'screen' });
    expect(printed).toEqual(docs.map((d) => `" (${encodeURI(d.url ?? '')})"`));
  });

  it('names a process published without a title by its ocid, once', async () => {
    await page.goto(`${srv.base}/#/proyecto/${PROJECT}`);
    await page.waitForSelector('body[data-ready] main h1');
    expect(await page.locator('#tabla-procesos tbody th', { hasText: REAL_PROCESS }).innerText()).toBe(REAL_PROCESS);
  });

  it('says how a declared related project relates to this one, by the title the official picked', async () => {
    await page.goto(`${srv.base}/#/proyecto/${PROJECT}`);
    await page.waitForSelector('body[data-ready] main h1');
    // Every declared relation read «Relacionado por el implementador»: the page looked for a code the list lacks.
    expect(await page.locator('#lista-relacionados li', { hasText: 'Primera etapa del parque lineal' }).innerText()).toBe('Primera etapa del parque lineal — Relación: Ampliación');
  });

  it('tells where its money comes from, how long it is to serve, its classifications, why it ended as it did, and its own milestones', async () => {
    const p = ((await (await fetch(`${srv.base}/api/oc4ids/projects/${PROJECT}`)).json()) as { projects: any[] }).projects[0];
    await page.goto(`${srv.base}/#/proyecto/${PROJECT}`);
    await page.waitForSelector('body[data-ready] main h1');
    const facts = await page.locator('main > div > dl.facts').innerText();
    const [c] = p.additionalClassifications;
    expect(c.scheme).toBe('sdg');
    expect(facts).toContain(`Descripción del presupuesto\n${p.budget.description}`);
    // In years, as a reader says it, the days published beside them: «14,600 días» alone had to be divided by 365.
    expect(p.assetLifetime).toEqual({ durationInDays: 14600 });
    expect(facts).toContain('Vida útil\n40 años (14,600 días)');
    expect(facts).toContain(`Clasificaciones\nObjetivos de Desarrollo Sostenible (ODS): ${c.id}, ${c.description}`);
    expect(facts).toContain('Explicación de la fecha de término\nRetraso de seis semanas por la temporada de lluvias.');
    expect(facts).toContain('Explicación del costo final\nSe autorizaron volúmenes adicionales de concreto.');
    // Only what was written: the example project publishes no final scope.
    expect(facts).not.toContain('Alcance final');
    // The stages typed are told once, on the project's course in time below, not again as ranges among the facts
    // (helper M15: the page said them twice, the facts without saying which dates were still a plan).
    expect(p.preparationPeriod).toEqual({ startDate: expect.stringMatching(/^2023-07-01/), endDate: expect.stringMatching(/^2024-01-31/) });
    expect(facts.split('\n').filter((l) => l.startsWith('Etapa de '))).toEqual([]);
    expect(facts).toContain('Etapa\nEjecución');
    // The project's course in time: where its stages start and end among its milestones, by date, in the order a
    // project lives them, as much of each period as was typed; what its status (Ejecución) did not reach, or is yet
    // to come, said as planned.
    expect(await page.locator('#hitos-proyecto h3').innerText()).toBe('Etapas e hitos del proyecto');
    expect(await page.locator('#hitos-proyecto li').allInnerTexts()).toEqual([
      '01/07/2023 Inicio de la etapa de preparación', '26/01/2024 Aprobación del proyecto ejecutivo (Cumplido)', '31/01/2024 Fin de la etapa de preparación',
      '01/02/2024 Inicio de la etapa de ejecución', '01/06/2025 Inicio de la etapa de conclusión (Previsto)', '01/09/2031 Puesta en operación (Programado)',
      '31/12/2055 Fin de la etapa de operación y mantenimiento (Previsto)',
    ]);
  });

  it("puts a process's contract modifications in its timeline, by date, with their type, description and what they changed", async () => {
    await page.goto(`${srv.base}/#/proyecto/${PROJECT}`);
    await page.waitForSelector('body[data-ready] main h1');
    const timeline = page.locator('.timeline', { has: page.locator('h3', { hasText: REAL_PROCESS }) });
    expect(await timeline.locator('li').allInnerTexts()).toContain('15/08/2017 Modificación del contrato (Cambio de plazo): Ampliación del plazo en 45 días naturales (término del 31/08/2017 al 15/10/2017)');
    expect(await timeline.locator('li').allInnerTexts()).toContain('20/09/2017 Modificación del contrato (Cambio de monto): Volúmenes adicionales de concreto (monto de $12,500,000.00 a $13,125,000.50)');
  });

  it('printed, Descargas keeps every column of its implementers on the page with the INAI\'s publication policy', async () => {
    // A4 portrait at 96 dpi less Chromium's margins. The policy's address, its link's text, did not wrap: the table
    // ran 41 px past the page's edge, its last column cut.
    await page.goto(`${srv.base}/#/descargas`);
    await page.waitForSelector('body[data-ready] main h1');
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 718, height: 1000 });
    const cut: string[] = await page.evaluate(() => Array.from(document.querySelectorAll('main .table-wrap')).filter((w: any) => w.scrollWidth > w.clientWidth + 1).map((w: any) => w.id || w.querySelector('caption')?.textContent));
    const policies: string[] = await page.locator('main a[href*="bit.ly"]').allTextContents();
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(policies.length).toBeGreaterThan(0);
    expect(cut).toEqual([]);
  });
});
