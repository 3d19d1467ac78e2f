/**
 * A row with data but no key (`row.missing-key`) names where its data is. Officials copy a formula down a column
 * (`=M5*1.16` for the amount with VAT): every blank row below shows 0, and each was «Esta fila tiene datos pero le
 * falta la clave» on an empty key cell, with the 0 in no cell the message named. Golden fixture: missing-key.
 */
import { templateSpec } from '../template/template-spec';
import { columnLetter, type WorkbookModel } from '../workbook/model';
import { renderMessage } from '../messages/render';
import { unflatten } from './index';
import { templateSheet } from '../../test/template-sheets';

const spec = templateSpec();
const convert = (...sheets: WorkbookModel['sheets']) => unflatten({ sheets }, { now: '2024-06-01T12:00:00-06:00' });
const column = (sheet: string, field: string) => {
  const columns = spec.sheets.find((s) => s.name === sheet)!.columns;
  const i = columns.findIndex((c) => c.field === field);
  return { letter: columnLetter(i + 1), title: columns[i].title };
};

test('a process row without its OCID names the column and value it has (a formula copied down shows 0)', () => {
  const out = convert(templateSheet('Contrataciones', [
    { ocid: 'ocds-abc123-0001', 'tender/id': 'T1', 'tender/value/amount': 1500000 },
    { 'tender/value/amount': 0 },
  ]));
  const errors = out.findings.filter((f) => f.code === 'row.missing-key');
  expect(errors.map((f) => [f.cell?.sheet, f.cell?.row, f.cell?.column])).toEqual([['Contrataciones', 4, 1]]);
  const ocid = column('Contrataciones', 'ocid');
  const amount = column('Contrataciones', 'tender/value/amount');
  expect(renderMessage(errors[0])).toBe(`Esta fila tiene datos (en la columna ${amount.letter}, «${amount.title}»: «0») pero le falta la clave «${ocid.title}». Escríbala para enlazar la fila. Si la fila no debe tener datos (por ejemplo, una fórmula que se copió hacia abajo), borre lo que tiene.`);
});

test('a child row without the id of its parent item names the value beside it, a date as the sheet shows it', () => {
  const out = convert(
    templateSheet('Contrataciones', [{ ocid: 'ocds-abc123-0001', 'tender/id': 'T1' }]),
    templateSheet('Transacciones', [{ ocid: 'ocds-abc123-0001', 'contracts/implementation/transactions/date': new Date(Date.UTC(2024, 2, 31)) }]),
  );
  const [error] = out.findings.filter((f) => f.code === 'row.missing-key');
  expect(error.cell?.column).toBe(2);
  const date = column('Transacciones', 'contracts/implementation/transactions/date');
  expect(error.params).toMatchObject({ dataColumn: date.letter, dataHeader: date.title, dataValue: '31/03/2024' });
  // Not the OCID it has, the row's first value: a key says which process the row is of, not that it has data.
  expect(renderMessage(error)).toMatch(new RegExp(`^Esta fila tiene datos \\(en la columna ${date.letter}, «${date.title}»: «31/03/2024»\\) pero le falta la clave`));
});

test('a finding stored before it named the data still reads (the words that need it are left out)', () => {
  expect(renderMessage({ code: 'row.missing-key', severity: 'error', params: { column: 'Identificador de contratación (OCID)' } })).toBe('Esta fila tiene datos pero le falta la clave «Identificador de contratación (OCID)». Escríbala para enlazar la fila.');
});
