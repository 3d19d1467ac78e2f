/**
 * A process from the annual works programme («Programa anual de obra pública»), published before its tender exists:
 * an OCDS `planning` release (OCDS 1.1.5 does not require `tender`). Before, the workbook could not be published
 * (every tender column was required); published, the process page listed eight «Sin dato» under Licitación and the
 * figures tallied it as a process of unknown method and unknown competition, and data quality counted every tender,
 * award and contract field it could not have yet as missing.
 */
import { unpackStats } from '../../core/stats/stats-answer';
import type { Browser, Page } from 'playwright-core';
import type { WorkbookModel } from '../../core/workbook/model';
import { describeIfChromium, launchChromium } from '../browser';
import { moveByHash, openMainText, startDashboardServer, type DashboardServer } from './dashboard-server';

declare const document: any;

const OCID = 'ocds-mid001-PAO-2026-002';
const PROJECT = 'oc4ids-mid001-MID-2024-001';

/** A new row of `sheet`, each value in the column of its path (row 2 of the template). */
function addRow(workbook: WorkbookModel, sheet: string, values: Record<string, string | number>): void {
  const s = workbook.sheets.find((x) => x.name === sheet) as WorkbookModel['sheets'][number];
  const row: (string | number)[] = s.rows[1].map(() => '');
  for (const [field, value] of Object.entries(values)) row[s.rows[1].indexOf(field)] = value;
  // After the last row with data: the sheet may keep blank rows below it.
  const last = s.rows.reduce((at, r, i) => (r.some((v) => v !== '' && v !== null && v !== undefined) ? i : at), 1);
  s.rows.splice(last + 1, 0, row);
}

describeIfChromium('a process still at planning', () => {
  let srv: DashboardServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    srv = await startDashboardServer({ edit: (key, workbook) => {
      if (key !== 'merida') return;
      // A work of the project's programme: linked both ways, as the validation asks (contracting-process-link).
      addRow(workbook, 'Procesos del proyecto', { id: PROJECT, 'contractingProcesses/0/id': OCID, 'contractingProcesses/0/summary/ocid': OCID, 'contractingProcesses/0/summary/nature': 'Construcción (ejecución de obra)' });
      addRow(workbook, 'Contrataciones', { ocid: OCID, 'planning/project/id': PROJECT, 'buyer/id': 'MX-RFC-MME840101P28', 'buyer/name': 'Municipio de Mérida', 'planning/rationale': 'Obra del Programa anual de obra pública 2026.', 'planning/budget/amount/amount': 18500000, 'planning/budget/amount/currency': 'MXN' });
      addRow(workbook, 'Actores', { ocid: OCID, 'parties/0/name': 'Municipio de Mérida', 'parties/0/roles': 'Comprador (dependencia o entidad)', 'parties/0/identifier/id': 'MME840101P28', 'parties/0/identifier/legalPersonality': 'Persona moral', 'parties/0/identifier/legalName': 'Municipio de Mérida' });
    } });
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  const open = (hash: string): Promise<string> => openMainText(page, srv, hash);
  /** `hash` reached within the loaded app, as its links do (a fresh load costs several times more). */
  const visit = (hash: string): Promise<boolean> => moveByHash(page, hash);

  it('is published as a planning release, tallied apart in the figures, and not judged on its tender', async () => {
    const record = await (await fetch(`${srv.base}/api/ocds/records/${OCID}`)).json() as { records: { releases: { tag: string[] }[]; compiledRelease: Record<string, unknown> }[] };
    expect(record.records[0].releases.map((r) => r.tag)).toEqual([['planning']]);
    expect(record.records[0].compiledRelease.tender).toBeUndefined();
    type Data = { processes: number; byProcurementMethod: Record<string, { count: number }>; competition: Record<string, number>; quality: { fields: { field: string; total: number }[]; costIds: { id: string; disclosed: number; total: number }[] } };
    const data = unpackStats(await (await fetch(`${srv.base}/api/stats?publisher=merida`)).json() as { publishers: { data: Data }[] })[0].data;
    expect([data.byProcurementMethod['en-planeacion']?.count, data.byProcurementMethod['sin-dato'], data.competition.planning]).toEqual([1, undefined, 1]);
    // Its tender's title is not due: counted over the other processes only.
    expect(data.quality.fields.find((f) => f.field === 'tender/title')?.total).toBe(data.processes - 1);
    // CoST IDS: its project is not short of a method or a cost estimate for a process that has no tender yet.
    const cost = (id: string) => data.quality.costIds.find((c) => c.id === id);
    expect([cost('method'), cost('costEstimate')].map((c) => c && c.disclosed === c.total)).toEqual([true, true]);
  });

  it('reads as in planning on its page and in Contrataciones, not as data left out', async () => {
    const text = await open(`#/contratacion/${OCID}`);
    expect(await page.textContent('#aun-sin-licitacion')).toMatch(/^Este proceso está en planeación: aún no tiene licitación\./);
    expect(text).not.toContain('Sin licitantes publicados');
    expect(text).toContain('Aún sin procedimiento (en planeación)');
    await visit(`#/proyecto/${PROJECT}`);
    const processCells = await page.evaluate((ocid: string) => [...document.querySelectorAll('#tabla-procesos tbody tr')]
      .filter((r: any) => r.textContent.includes(ocid)).map((r: any) => [...r.querySelectorAll('td')].slice(0, 2).map((c: any) => c.textContent)), OCID);
    expect(processCells).toEqual([['Aún sin procedimiento (en planeación)', 'Planeación']]);
    await visit('#/contrataciones?q=PAO-2026');
    const cells = await page.evaluate((ocid: string) => [...document.querySelectorAll('#tabla-contrataciones tbody tr')]
      .filter((r: any) => r.textContent.includes(ocid)).map((r: any) => [...r.querySelectorAll('td')].slice(1, 4).map((c: any) => c.textContent)), OCID);
    // Etapa, Método, Licitantes: before, «Sin dato» twice.
    expect(cells).toEqual([['Planeación', 'Aún sin procedimiento (en planeación)', 'Aún no']]);
    expect(await page.$$eval('#filtro-competencia option', (o: any[]) => o.map((x) => x.textContent))).toContain('Aún sin licitación (en planeación)');
  });
});
