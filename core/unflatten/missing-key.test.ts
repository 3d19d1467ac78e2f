/**
 * A row with data but no key (`row.missing-key`) names where its data is. Officials copy a formula down a column
 * (`=M5*1.16` for the amount with VAT): every blank row below shows 0, and each was «Esta fila tiene datos pero le
 * falta la clave» on an empty key cell, with the 0 in no cell the message named; rows of zeros alone now read as
 * empty (zero-row.ts), and a row with any other value names it. Golden fixture: missing-key.
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

test('a process row without its OCID names the column and value it has', () => {
  const out = convert(templateSheet('Contrataciones', [
    { ocid: 'ocds-abc123-0001', 'tender/id': 'T1', 'tender/value/amount': 1500000 },
    { 'tender/value/amount': 1740000 },
  ]));
  const errors = out.findings.filter((f) => f.code === 'row.missing-key');
  expect(errors.map((f) => [f.cell?.sheet, f.cell?.row, f.cell?.column])).toEqual([['Contrataciones', 4, 1]]);
  const ocid = column('Contrataciones', 'ocid');
  const amount = column('Contrataciones', 'tender/value/amount');
  expect(renderMessage(errors[0])).toBe(`Esta fila tiene datos (en la columna ${amount.letter}, «${amount.title}»: «1,740,000») pero le falta la clave «${ocid.title}». Escríbala para enlazar la fila. Si la fila no debe tener datos (por ejemplo, una fórmula que se copió hacia abajo), borre lo que tiene.`);
});

// The formula copied down to row 500 shows 0 on every blank row: those were hundreds of errors blocking the send, for
// rows the official sees as empty (zero-row.ts).
test('rows without a key that only show zeros (a formula copied down) read as empty, said once for the sheet', () => {
  const out = convert(templateSheet('Contrataciones', [
    { ocid: 'ocds-abc123-0001', 'tender/id': 'T1', 'tender/value/amount': 1500000, 'tender/minValue/amount': 0 },
    ...Array.from({ length: 6 }, (_v, i) => (i === 2 ? {} : { 'tender/value/amount': 0, 'tender/minValue/amount': 0 })),
  ]));
  expect(out.findings.filter((f) => f.severity === 'error' && f.code.startsWith('row.'))).toEqual([]);
  const said = out.findings.filter((f) => f.code === 'sheet.zero-rows');
  expect(said.map((f) => [f.severity, f.cell, renderMessage(f)])).toEqual([['info', { sheet: 'Contrataciones', row: 4 }, '5 filas sin clave (4, 5 y 7 a 9) solo tienen ceros, como los deja una fórmula copiada hacia abajo: se leyeron como vacías y no se publican. Si alguna es un dato por publicar, escriba su clave.']]);
  expect(out.releases).toHaveLength(1);
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

// A key of 20 digits typed as a number (a budget key, a long folio): the sheet kept 15 of them, and the id was published
// as the double's digits («12345678901234567000»), a document nobody numbered so.
test('an item id of more than 15 digits stored as a number is refused on its cell, not published with other digits', () => {
  const out = convert(
    templateSheet('Contrataciones', [{ ocid: 'ocds-abc123-0001', 'tender/id': 'T1' }]),
    templateSheet('Documentos de licitación', [
      { ocid: 'ocds-abc123-0001', 'tender/documents/id': 12345678901234567890, 'tender/documents/title': 'Convocatoria' },
      { ocid: 'ocds-abc123-0001', 'tender/documents/id': 123456789012345, 'tender/documents/title': 'Bases' },
    ]),
  );
  const lost = out.findings.filter((f) => f.code === 'cell.digits-lost');
  expect(lost.map((f) => [f.severity, f.cell?.sheet, f.cell?.row, f.cell?.column, f.params.value])).toEqual([['error', 'Documentos de licitación', 3, 2, '12345678901234600000']]);
  expect((out.releases[0].tender as { documents: { id: string }[] }).documents.map((d) => d.id)).toEqual(['123456789012345']);
});

// A row pasted one column to the right: its OCID sits in column B, and «le falta la clave» sent the official to a key
// they had typed. The message says the row moved.
test('a row pasted one column to the right says so', () => {
  const contracts = templateSheet('Contratos', [
    { ocid: 'ocds-abc123-0001', 'contracts/id': 'C1', 'contracts/awardID': 'A1' },
    { ocid: 'ocds-abc123-0001', 'contracts/id': 'C2', 'contracts/awardID': 'A1' },
  ]);
  const shifted = { ...contracts, rows: [...contracts.rows.slice(0, 3), ['', ...contracts.rows[3]]] };
  const out = convert(templateSheet('Contrataciones', [{ ocid: 'ocds-abc123-0001', 'tender/id': 'T1' }]), shifted);
  const errors = out.findings.filter((f) => f.code === 'row.missing-key');
  expect(errors.map((f) => [f.cell?.row, f.params.shifted])).toEqual([[4, 1]]);
  expect(renderMessage(errors[0])).toContain('Escríbala para enlazar la fila. Parece que la fila se pegó una columna a la derecha: su clave quedó en la columna siguiente. Muévala una columna a la izquierda.');
  // A row that only lacks its key (nothing in the column after it that looks like one) is told as before.
  const blankKey = { ...contracts, rows: [...contracts.rows.slice(0, 3), ['', ...contracts.rows[3].slice(1)]] };
  expect(convert(templateSheet('Contrataciones', [{ ocid: 'ocds-abc123-0001', 'tender/id': 'T1' }]), blankKey).findings.filter((f) => f.code === 'row.missing-key').map((f) => f.params.shifted)).toEqual([undefined]);
});
