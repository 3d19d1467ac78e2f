/**
 * A process published from the annual works programme («Programa anual de obra pública»), before its tender exists:
 * OCDS 1.1.5 allows a release with only planning (tag `planning`; `tender` is not required by the release schema).
 * The program's tender columns were required on every process, so such a row got eight «Falta este dato» errors
 * and could not be published. They are due once the process is past planning (core/checks/past-planning.ts).
 */
import { checkWorkbook } from '../pipeline/check-workbook';
import { renderFinding } from '../messages/render';
import { templateSheet } from '../../test/template-sheets';
import type { CellValue, WorkbookModel } from '../workbook/model';
import { templateSpec } from '../template/template-spec';
import { noteText, ONCE_TENDERED_NOTE } from '../template/layout';
import { minimumLines } from '../template/instructions';

const NOW = { now: '2026-02-01T10:00:00-06:00' };
const OCID = 'ocds-abc123-PAO-2026-001';

function workbook(tender: Record<string, CellValue>): WorkbookModel {
  return { sheets: [
    templateSheet('Contrataciones', [{
      ocid: OCID, 'buyer/id': 'MX-RFC-MME840101P28', 'buyer/name': 'Municipio', 'planning/rationale': 'Obra del programa anual 2026.',
      'planning/budget/amount/amount': 42000000, 'planning/budget/amount/currency': 'MXN', ...tender,
    }]),
    templateSheet('Actores', [{ ocid: OCID, 'parties/name': 'Municipio', 'parties/roles': 'Comprador (dependencia o entidad)', 'parties/identifier/id': 'MME840101P28' }]),
  ] };
}
const onProcessRow = (wb: WorkbookModel) => checkWorkbook(wb, NOW).findings.filter((f) => f.cell?.sheet === 'Contrataciones' && f.severity === 'error');

test('only planning: no error, and its release is tagged planning', () => {
  const wb = workbook({});
  expect(onProcessRow(wb).map(renderFinding)).toEqual([]);
  expect(checkWorkbook(wb, NOW).releases.map((r) => [r.tag, 'tender' in r])).toEqual([[['planning'], false]]);
});

test('a tender still planned («En planeación»): the program asks nothing more of it yet, and the release is still a planning one', () => {
  const wb = workbook({ 'tender/id': 'DOP-LP-OP-001-2026', 'tender/title': 'Rehabilitación del mercado', 'tender/status': 'En planeación' });
  expect(onProcessRow(wb).map(renderFinding)).toEqual([]);
  expect(checkWorkbook(wb, NOW).releases[0]?.tag).toEqual(['planning']);
});

test('a tender field typed without a planned status: the tender is due, each missing column named on the row', () => {
  const errors = onProcessRow(workbook({ 'tender/title': 'Rehabilitación del mercado' }));
  expect(errors.every((f) => f.cell?.row === 3)).toBe(true);
  expect(errors.filter((f) => f.code === 'program.requiredTender').map((f) => f.cell?.header)).toEqual(expect.arrayContaining(['Estado de la licitación', 'Tipo de procedimiento', 'Monto estimado de la licitación']));
  expect(renderFinding(errors.find((f) => f.cell?.header === 'Estado de la licitación') as (typeof errors)[number]))
    .toBe('Error — Hoja «Contrataciones», fila 3, columna G (Estado de la licitación): Falta este dato de la licitación, que el programa pide publicar en cuanto el proceso tiene licitación. Escríbalo en la columna indicada. Si el proceso aún está en planeación, deje vacías las columnas de la licitación o elija «En planeación» o «Programado» en su estado.');
});

test('the template says so: the tender columns\' notes and «Mínimo para publicar» ask for them once the process has a tender', () => {
  const sheet = templateSpec().sheets.find((s) => s.name === 'Contrataciones');
  const status = sheet?.columns.find((c) => c.field === 'tender/status');
  // Before: «Obligatorio.», and the minimum listed every tender column for every process.
  expect(noteText(status as NonNullable<typeof status>)).toContain(ONCE_TENDERED_NOTE);
  expect(noteText(status as NonNullable<typeof status>)).not.toContain('Obligatorio.');
  expect(sheet?.columns.filter((c) => c.onceTendered).map((c) => c.field)).toEqual(sheet?.columns.filter((c) => c.required && c.field.startsWith('tender/')).map((c) => c.field));
  expect(minimumLines(templateSpec()).find((l) => l.startsWith('• Contrataciones:'))).toMatch(/^• Contrataciones: una fila por proceso de contratación con Identificador de contratación \(OCID\); en cuanto el proceso tiene licitación, también Identificador de la licitación, /);
});

test('a row with its ocid and nothing planned is not published as an empty planning release', () => {
  const wb: WorkbookModel = { sheets: [templateSheet('Contrataciones', [{ ocid: OCID, 'buyer/name': 'Municipio' }])] };
  expect(onProcessRow(wb).map(renderFinding)).toEqual(['Error — Hoja «Contrataciones», fila 3, columna A (Identificador de contratación (OCID)): Este proceso no tiene licitación ni datos de planeación: publicado así no diría nada. Escriba en su fila al menos la justificación o el presupuesto de la obra (o agregue sus documentos en la hoja «Documentos de planeación»), o los datos de su licitación; si la fila sobra, bórrela.']);
});
