/**
 * A root-sheet row repeating an earlier row's key («Contrataciones», «Proyectos»): a copied row edited for another
 * process or project whose key was left as it was. Its differing values were dropped with only a warning, and the
 * official could publish without noticing; now an error on its key, naming both rows and what differs.
 * Golden fixtures: test/fixtures/engine/repeated-key-differing-values, repeated-parent-merge, repeated-ocid-flatten-tool.
 */
import { templateSpec } from '../template/template-spec';
import type { WorkbookModel } from '../workbook/model';
import { renderMessage } from '../messages/render';
import { unflatten } from './index';
import { templateSheet } from '../../test/template-sheets';

const spec = templateSpec();


const convert = (...sheets: WorkbookModel['sheets']) => unflatten({ sheets }, { now: '2024-06-01T12:00:00-06:00' });
const title = (sheetName: string, field: string): string => spec.sheets.find((s) => s.name === sheetName)?.columns.find((c) => c.field === field)?.title ?? field;

test('a process copied to another row with its OCID unchanged: an error on the copy\'s key naming both rows, the sheet and the columns that differ', () => {
  const out = convert(templateSheet('Contrataciones', [
    { ocid: 'ocds-abc123-0001', 'tender/id': 'T1', 'tender/title': 'Pavimentación de la calle 60', 'tender/value/amount': 1500000 },
    { ocid: 'ocds-abc123-0002', 'tender/id': 'T2', 'tender/title': 'Alumbrado público' },
    { ocid: 'ocds-abc123-0001', 'tender/id': 'T1', 'tender/title': 'Rehabilitación del mercado', 'tender/value/amount': 820000 },
  ]));
  const errors = out.findings.filter((f) => f.severity === 'error');
  expect(errors.map((f) => [f.code, f.cell?.row, f.cell?.column])).toEqual([['row.repeated-key', 5, 1]]);
  const ocid = title('Contrataciones', 'ocid');
  const columns = spec.sheets.find((s) => s.name === 'Contrataciones')?.columns ?? [];
  const letter = (field: string) => String.fromCharCode(65 + columns.findIndex((c) => c.field === field));
  expect(renderMessage(errors[0])).toBe(`Las filas 3 y 5 de la hoja «Contrataciones» tienen el mismo «${ocid}» («ocds-abc123-0001»), pero datos distintos en las columnas «${title('Contrataciones', 'tender/title')}» (${letter('tender/title')}) y «${title('Contrataciones', 'tender/value/amount')}» (${letter('tender/value/amount')}). Con la misma clave las dos filas se unen en una sola, y lo que la fila 5 tiene distinto se perdería: por eso no se puede publicar así. Si cada fila es de un proceso o proyecto distinto, cambie la clave de una de las dos; si son del mismo, junte sus datos en una sola fila y borre la otra.`);
  // Each differing cell still says which value was kept, at its own cell.
  expect(out.findings.filter((f) => f.code === 'cell.conflicting-value').map((f) => [f.severity, f.cell?.row])).toEqual([['warning', 5], ['warning', 5]]);
});

test('a project typed twice under one id with another name: the same error, on «Proyectos»', () => {
  const out = convert(templateSheet('Proyectos', [
    { id: 'oc4ids-abc123-0001', title: 'Parque del Centro' },
    { id: 'oc4ids-abc123-0001', title: 'Biblioteca municipal' },
  ]));
  const [error] = out.findings.filter((f) => f.severity === 'error');
  expect(error).toMatchObject({ code: 'row.repeated-key', cell: { sheet: 'Proyectos', row: 4, column: 1 } });
  expect(renderMessage(error)).toMatch(new RegExp(`^Las filas 3 y 4 de la hoja «Proyectos» tienen el mismo «${title('Proyectos', 'id')}» \\(«oc4ids-abc123-0001»\\), pero datos distintos en la columna «${title('Proyectos', 'title')}» \\(B\\)\\.`));
});

test('a row that repeats the first exactly, or only fills what it left blank, joins it with no finding', () => {
  const out = convert(templateSheet('Contrataciones', [
    { ocid: 'ocds-abc123-0001', 'tender/id': 'T1', 'tender/title': 'Obra' },
    { ocid: 'ocds-abc123-0001', 'tender/id': 'T1', 'tender/description': 'Carpeta asfáltica' },
    { ocid: 'ocds-abc123-0001', 'tender/id': 'T1', 'tender/title': 'Obra', 'tender/description': 'Carpeta asfáltica' },
  ]));
  expect(out.findings.filter((f) => f.code === 'row.repeated-key' || f.code === 'cell.conflicting-value')).toEqual([]);
  expect(out.releases).toHaveLength(1);
  expect(out.releases[0].tender).toEqual({ id: 'T1', title: 'Obra', description: 'Carpeta asfáltica' });
});

test('many columns that differ: five are named and the rest counted, so the message stays short', () => {
  const first = { id: 'oc4ids-abc123-0001', title: 'A', description: 'A', purpose: 'A', 'budget/amount/amount': 1, 'period/startDate': '01/01/2024', 'period/endDate': '31/12/2024', 'assetLifetime/maxExtentDate': '' };
  const second = { id: 'oc4ids-abc123-0001', title: 'B', description: 'B', purpose: 'B', 'budget/amount/amount': 2, 'period/startDate': '02/01/2024', 'period/endDate': '30/12/2024' };
  const [error] = convert(templateSheet('Proyectos', [first, second])).findings.filter((f) => f.code === 'row.repeated-key');
  expect(error.params.count).toBe(6);
  expect(renderMessage(error)).toMatch(/pero datos distintos en las columnas («[^»]+» \([A-Z]+\), ){4}«[^»]+» \([A-Z]+\) y 1 más\. /);
});

test('a backup copy of «Contrataciones» with an older value: the error names both sheets and rows, and says what to do with a copy, whichever comes first', () => {
  const rows = (title: string) => [{ ocid: 'ocds-abc123-0001', 'tender/id': 'T1', 'tender/title': title }];
  const copy = { ...templateSheet('Contrataciones', rows('Pavimentación')), name: 'Copia de Contrataciones' };
  const out = convert(templateSheet('Contrataciones', rows('Pavimentación de la calle 60')), copy);
  const [error] = out.findings.filter((f) => f.severity === 'error');
  expect(error).toMatchObject({ code: 'row.repeated-key-other-sheet', cell: { sheet: 'Copia de Contrataciones', row: 3, column: 1 } });
  expect(renderMessage(error)).toMatch(new RegExp(`^La fila 3 de la hoja «Copia de Contrataciones» tiene el mismo «${title('Contrataciones', 'ocid').replace(/[()]/g, '\\$&')}» \\(«ocds-abc123-0001»\\) que la fila 3 de la hoja «Contrataciones», pero datos distintos en la columna «${title('Contrataciones', 'tender/title')}» \\([A-Z]+\\)\\. .* Si una de las dos hojas es una copia de la otra \\(de respaldo o de otra versión\\), borre la copia o guárdela en otro libro; `));
  // Excel puts its copy («Contrataciones (2)») before the sheet: read first, the error is on the real sheet's row.
  const before = convert({ ...copy, name: 'Contrataciones (2)' }, templateSheet('Contrataciones', rows('Pavimentación de la calle 60')));
  const [other] = before.findings.filter((f) => f.severity === 'error');
  expect(other).toMatchObject({ code: 'row.repeated-key-other-sheet', cell: { sheet: 'Contrataciones', row: 3 }, params: { firstSheet: 'Contrataciones (2)' } });
});
