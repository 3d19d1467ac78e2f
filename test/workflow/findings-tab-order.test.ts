/**
 * A refused upload's findings, as the server sends them to «Mis envíos» (and keeps them for the review page), in the
 * workbook's tab order, by row and column, as the CLI lists them: in the order the checks ran, «Actores» (a row for
 * an ocid «Contrataciones» does not have) came before «Contrataciones» (a required field missing), its first sheet.
 */
import request from 'supertest';
import { XLSX_MIME } from '../../core/workflow/contract';
import { templateSpec } from '../../core/template/template-spec';
import type { WorkbookModel } from '../../core/workbook/model';
import { localHarness, xlsxOf, type LocalHarness } from './workflow-harness';

let h: LocalHarness;
beforeAll(async () => { h = await localHarness(); });
afterAll(() => h.close());

function sheetOf(name: string, values: Record<string, string>): WorkbookModel['sheets'][number] {
  const sheet = templateSpec().sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(name);
  return { name, rows: [sheet.columns.map((c) => c.title), sheet.columns.map((c) => c.path), sheet.columns.map((c) => values[c.path] ?? '')] };
}

test('a refused upload lists its findings sheet by sheet in the workbook\'s tab order', async () => {
  const book: WorkbookModel = { sheets: [
    sheetOf('Contrataciones', { ocid: 'ocds-abc123-0001', 'tender/id': 'T-1', 'tender/title': 'Obra' }),
    sheetOf('Actores', { ocid: 'ocds-abc123-0002', 'parties/0/name': 'Constructora', 'parties/0/roles': 'supplier' }),
  ] };
  const sent = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(await xlsxOf(book));
  expect(sent.status).toBe(422);
  const findings = sent.body.error.findings as { severity: string; cell?: { sheet: string; row?: number; column?: number } }[];
  const sheets = (severity: string): string[] => [...new Set(findings.filter((f) => f.severity === severity && f.cell).map((f) => f.cell!.sheet))];
  expect(sheets('error')).toEqual(['Contrataciones', 'Actores']);
  // And by row, then column, within each sheet.
  const errors = findings.filter((f) => f.severity === 'error' && f.cell);
  const key = (f: (typeof errors)[number]): number => ['Contrataciones', 'Actores'].indexOf(f.cell!.sheet) * 1e9 + (f.cell!.row ?? 0) * 1e4 + (f.cell!.column ?? 0);
  expect(errors.map(key)).toEqual(errors.map(key).sort((a, b) => a - b));
});
