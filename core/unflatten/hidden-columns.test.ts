/**
 * A template column the official hid that still holds data is published unseen: said once per sheet, naming the
 * columns; a hidden empty column (the tidy template) is nothing to say.
 */
import { templateSpec } from '../template/template-spec';
import { columnLetter } from '../workbook/model';
import { renderMessage } from '../messages/render';
import { unflatten } from './index';
import { templateSheet } from '../../test/template-sheets';

const columns = templateSpec().sheets.find((s) => s.name === 'Contrataciones')!.columns;
const at = (field: string) => columns.findIndex((c) => c.field === field) + 1;

test('hidden columns with data below the headings are warned of once per sheet, by title and letter; hidden empty ones are not', () => {
  const sheet = templateSheet('Contrataciones', [
    { ocid: 'ocds-abc123-0001', 'tender/id': 'T1', 'tender/title': 'Pavimentación', 'tender/minValue/amount': 1000 },
    { ocid: 'ocds-abc123-0002', 'tender/id': 'T2', 'tender/description': 'Notas viejas' },
  ]);
  const [title, description, minimum, status] = [at('tender/title'), at('tender/description'), at('tender/minValue/amount'), at('tender/status')];
  const hiddenColumns = [{ from: description, to: description }, { from: minimum, to: minimum }, { from: status, to: status }, { from: title + 200, to: 16384 }];
  const out = unflatten({ sheets: [{ ...sheet, hiddenColumns }] }, { now: '2024-06-01T12:00:00-06:00' });
  const hidden = out.findings.filter((f) => f.code === 'sheet.hidden-columns');
  expect(hidden.map((f) => [f.severity, f.cell])).toEqual([['warning', { sheet: 'Contrataciones', row: 2, column: description }]]);
  expect(renderMessage(hidden[0])).toBe(`2 columnas ocultas tienen datos («Descripción de la licitación» (${columnLetter(description)}) y «Monto mínimo de la licitación» (${columnLetter(minimum)})) y se leyeron: sus datos se publicarán como los de las demás. Ocultar una columna no la quita del libro. Si esos datos no deben publicarse, bórrelos (deje la columna, vacía); si sí, no necesita hacer nada.`);
  // Still read: the warning says so.
  expect((out.releases[1] as { tender: { description?: string } }).tender.description).toBe('Notas viejas');
  const tidy = unflatten({ sheets: [{ ...sheet, hiddenColumns: [{ from: status, to: status }] }] }, { now: '2024-06-01T12:00:00-06:00' });
  expect(tidy.findings.filter((f) => f.code === 'sheet.hidden-columns')).toEqual([]);
});
