/**
 * A title block above a sheet's headings (bind-sheet.ts): the headings are found below it, the block is not read, and
 * its merge is no warning. It was «No se encontraron los encabezados» and an error for every row of the sheets below.
 */
import type { WorkbookModel } from '../workbook/model';
import { renderMessage } from '../messages/render';
import { unflatten } from './index';
import { templateSheet } from '../../test/template-sheets';

const convert = (...sheets: WorkbookModel['sheets']) => unflatten({ sheets }, { now: '2024-06-01T12:00:00-06:00' });
const processes = templateSheet('Contrataciones', [{ ocid: 'ocds-abc123-0001', 'tender/id': 'T1' }]);
const contracts = templateSheet('Contratos', [{ ocid: 'ocds-abc123-0001', 'contracts/id': 'C1', 'contracts/value/amount': 1000 }]);

test('a title and a blank row above the headings: the sheet reads as without them, and says so once', () => {
  const titled = { ...contracts, rows: [['CONTRATOS DE OBRA PÚBLICA 2024'], [], ...contracts.rows], merges: ['A1:H1'] };
  const out = convert(processes, titled);
  expect(out.findings.filter((f) => f.cell?.sheet === 'Contratos').map((f) => [f.code, f.cell?.row, renderMessage(f)])).toEqual([
    ['sheet.rows-above-headings', 1, 'Los encabezados de esta hoja empiezan en la fila 3: las filas de arriba (un título, por ejemplo) no se leen como datos. No necesita moverlos.'],
  ]);
  expect(out.releases[0]).toMatchObject({ contracts: [{ id: 'C1', value: { amount: 1000 } }] });
  // The source map points at the rows where the values are.
  expect(out.sourceMap.get('/releases/0/contracts/0/id')).toMatchObject({ sheet: 'Contratos', row: 5 });
});

test('rows of data above are no title block: the headings are not looked for below them', () => {
  const data = ['ocds-abc123-0009', 'C9', 'A9', 'Título', 'Descripción'];
  expect(convert(processes, { ...contracts, rows: [data, ...contracts.rows] }).findings.filter((f) => f.cell?.sheet === 'Contratos').map((f) => f.code)).toEqual(['sheet.header-missing']);
});
