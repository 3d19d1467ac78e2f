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
  // They are named where they are: «Restaure esas filas desde una plantilla en blanco» sent the official to copy rows
  // they had, one row down.
  expect(convert(processes, { ...contracts, rows: [data, ...contracts.rows] }).findings.filter((f) => f.cell?.sheet === 'Contratos').map((f) => [f.code, f.params])).toEqual([['sheet.headings-moved', { titlesRow: 2, pathsRow: 3, both: 1 }]]);
});

/**
 * Sorting a whole sheet without saying it has headings moves the titles and the paths among the data (here, a sort by
 * amount, texts after numbers). It was «No se encontraron los encabezados… Restaure esas filas desde una plantilla en
 * blanco», and each row below «Contratos» was told the workbook has no such sheet: both rows and the sheet were there.
 */
test('headings sorted down among the data: the rows they went to are named, and the sheets below say it is unread', () => {
  const two = templateSheet('Contratos', [
    { ocid: 'ocds-abc123-0001', 'contracts/id': 'C1', 'contracts/value/amount': 2000 },
    { ocid: 'ocds-abc123-0001', 'contracts/id': 'C2', 'contracts/value/amount': 1000 },
  ]);
  const [titles, paths, c1, c2] = two.rows;
  const sorted = { ...two, rows: [c2, c1, paths, titles] };
  const guarantees = templateSheet('Garantías', [
    { ocid: 'ocds-abc123-0001', 'contracts/id': 'C1', 'contracts/guarantees/id': 'G1' },
    { ocid: 'ocds-abc123-0001', 'contracts/id': 'C2', 'contracts/guarantees/id': 'G1' },
  ]);
  const out = convert(processes, sorted, guarantees);
  expect(out.findings.map((f) => [f.code, f.cell?.sheet, f.cell?.row, renderMessage(f)])).toEqual([
    ['sheet.headings-moved', 'Contratos', 3, 'Los encabezados de esta hoja no están arriba: los títulos quedaron en la fila 4 y los nombres técnicos en la fila 3, quizá porque se ordenó la hoja sin indicar que tiene encabezados. Sin ellos en las filas 1 y 2 no se sabe qué dato es cada columna, y la hoja no se leyó. Deshaga el orden (Ctrl+Z) o regrese esas filas arriba: los títulos a la fila 1 y los nombres técnicos a la fila 2. Para ordenar, seleccione solo las filas de datos (desde la fila 3).'],
    ['row.parent-sheet-unread', 'Garantías', 3, 'La columna «Identificador del contrato» dice «C1», que se busca en la hoja «Contratos», pero esa hoja no se pudo leer por el error de sus encabezados. Corrija primero ese error; entonces se leerá también esta fila. Tampoco se leyó 1 fila más de esta hoja, por la misma razón.'],
  ]);
  // Only the paths row moved (Excel's «Mis datos tienen encabezados» over rows 1 to 4): the sheet reads, row.paths-row.
  const pathsOnly = convert(processes, { ...two, rows: [titles, c2, c1, paths] });
  expect(pathsOnly.findings.map((f) => f.code)).toEqual(['row.paths-row']);
  expect(pathsOnly.releases[0].contracts).toHaveLength(2);
});

/**
 * A sort that left the paths in row 2 but moved the titles down (a text column sorted over the whole sheet): row 1's
 * data row was taken for the titles and lost without a word, and the titles row was read as data. The sheet is
 * refused, naming where the titles went. A titles row moved below the data of a sheet whose paths are on top is
 * skipped with a warning, as the paths row is (row.paths-row).
 */
test('titles sorted below the data: refused when a data row took their place, skipped when the paths row heads the sheet', () => {
  const two = templateSheet('Contratos', [
    { ocid: 'ocds-abc123-0001', 'contracts/id': 'C1', 'contracts/title': 'Obra uno' },
    { ocid: 'ocds-abc123-0001', 'contracts/id': 'C2', 'contracts/title': 'Obra dos' },
  ]);
  const [titles, paths, c1, c2] = two.rows;
  const dataOnTop = convert(processes, { ...two, rows: [c1, paths, c2, titles] });
  expect(dataOnTop.findings.map((f) => [f.code, f.cell?.sheet, f.cell?.row, f.params])).toEqual([['sheet.headings-moved', 'Contratos', 2, { titlesRow: 4, pathsRow: 2, both: 1 }]]);

  const pathsOnTop = convert(processes, { ...two, rows: [paths, c1, c2, titles] });
  expect(pathsOnTop.findings.map((f) => [f.code, f.cell?.sheet, f.cell?.row, renderMessage(f)])).toEqual([
    ['row.titles-row', 'Contratos', 4, 'Esta fila tiene los títulos de las columnas, que van en la fila 1: se movió, quizá al ordenar la hoja. No se leyó como datos. Regrésela a la fila 1 o bórrela; para ordenar, seleccione solo las filas de datos (de la 3 en adelante).'],
  ]);
  expect(pathsOnTop.releases[0]).toMatchObject({ contracts: [{ id: 'C1', title: 'Obra uno' }, { id: 'C2', title: 'Obra dos' }] });
});
