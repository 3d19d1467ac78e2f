import { readWorkbook } from '../../addon/src/validation/read-workbook';
import { parseDate } from '../../core/unflatten/parse-value';
import { FakeSpreadsheet } from './fake-spreadsheet';
import { workbookValues } from '../../core/workflow/workbook-values';
import { templateSpec } from '../../core/template/template-spec';
import { unflatten } from '../../core/unflatten';

test('a date cell with a time is read as the day and time the sheet shows, in its own zone; a date alone as its day', () => {
  // As Apps Script's getValues() gives them in a spreadsheet of Quintana Roo (UTC−5): instants of that zone's clock.
  const ss = new FakeSpreadsheet('hoja-horas', 'Obra pública 2024', 'America/Cancun');
  const sheet = ss.insertSheet('Proyectos');
  const cells = [new Date('2024-03-31T05:00:00Z'), new Date('2024-03-31T15:30:00Z'), new Date('2024-04-01T04:59:59Z'), 'texto'];
  sheet.paste({ row: 1, column: 1, rows: 1, columns: cells.length }, [cells]);
  const [row] = readWorkbook(ss.sheets(), ss.timeZone()).sheets[0].rows;
  expect(row.map((v) => (v instanceof Date ? v.toISOString() : v))).toEqual(['2024-03-31T00:00:00.000Z', '2024-03-31T10:30:00.000Z', '2024-03-31T23:59:59.000Z', 'texto']);
  // The engine, in the Configuración sheet's zone, publishes the times typed; the date alone as it always did.
  expect(row.slice(0, 3).map((v) => parseDate(v as Date, 'America/Mexico_City'))).toEqual(['2024-03-31T00:00:00-06:00', '2024-03-31T10:30:00-06:00', '2024-03-31T23:59:59-06:00']);
});

test('a date-time at 06:00 or 18:00 in Mexico City keeps its day and time; typed at 00:00 it is the day alone, as Sheets stores it', () => {
  // getValues() in a spreadsheet of Mexico City (UTC−6): 06:00 there is 12:00 UTC; 18:00 on the 30th is UTC midnight.
  const ss = new FakeSpreadsheet('hoja-seis', 'Obra pública 2024', 'America/Mexico_City');
  const sheet = ss.insertSheet('Proyectos');
  const cells = [new Date('2024-03-31T12:00:00Z'), new Date('2024-03-31T00:00:00Z'), new Date('2024-03-31T06:00:00Z'), new Date('2024-03-31T09:00:00Z')];
  sheet.paste({ row: 1, column: 1, rows: 1, columns: cells.length }, [cells]);
  const [row] = readWorkbook(ss.sheets(), ss.timeZone()).sheets[0].rows;
  // 06:00 was read as Mexico City's midnight (a date alone), and 18:00 as the next day alone.
  expect(row.map((v) => parseDate(v as Date, 'America/Mexico_City'))).toEqual(['2024-03-31T06:00:00-06:00', '2024-03-30T18:00:00-06:00', '2024-03-31T00:00:00-06:00', '2024-03-31T03:00:00-06:00']);
  // What a self-hosted server is sent: the date-times as such, «31/03/2024 00:00» as the day (Sheets holds the same
  // number for both, and both publish as that day's midnight).
  expect(workbookValues(readWorkbook(ss.sheets(), ss.timeZone())).sheets[0].rows[0]).toEqual(['2024-03-31T06:00:00-06:00', '2024-03-30T18:00:00-06:00', '2024-03-31', '2024-03-31T03:00:00-06:00']);
});

test('an amount computed by a formula (=M3/1.16) is published in cents: its formula is read, with one getFormulas() of that sheet only', () => {
  const ss = new FakeSpreadsheet();
  const sheet = ss.insertSheet('Contrataciones');
  const columns = templateSpec().sheets.find((s) => s.name === 'Contrataciones')!.columns;
  const amount = columns.findIndex((c) => c.field === 'tender/value/amount') + 1;
  const cells: Record<string, unknown> = { ocid: 'ocds-abc123-0001', 'tender/id': 'T1', 'tender/value/amount': 128400219.37 / 1.16, 'tender/minValue/amount': 27317.8168 };
  sheet.paste({ row: 1, column: 1, rows: 3, columns: columns.length }, [columns.map((c) => c.title), columns.map((c) => c.path), columns.map((c) => (cells[c.field] ?? '') as string)]);
  // getValues() gives the result, getFormulas() the formula; the minimum was typed.
  sheet.cell(3, amount).formula = '=M3/1.16';
  sheet.calls.clear();
  const workbook = readWorkbook(ss.sheets(), ss.timeZone());
  expect(sheet.calls.get('formulas')).toBe(1);
  // Sent to a self-hosted server with the values, so it publishes what the sidebar showed.
  expect(workbookValues(workbook).sheets[0].formulas).toEqual({ [`${String.fromCharCode(64 + amount)}3`]: '=M3/1.16' });
  const tender = (unflatten(workbook, { now: '2024-06-01T12:00:00-06:00' }).releases[0] as { tender: { value: { amount: number }; minValue: { amount: number } } }).tender;
  expect([tender.value.amount, tender.minValue.amount]).toEqual([110689844.28, 27317.8168]);
});

/**
 * An official filters rows out of «Contrataciones» (to «remove» them) and clicks «Validar»: the .xlsx reader says those
 * rows are still read and published, the add-on said nothing. Filter buttons left on with no criterion cost no call per row.
 */
test('rows a filter leaves out are warned of, as an .xlsx warns; a filter with no criterion asks no row', () => {
  const ss = new FakeSpreadsheet();
  const sheet = ss.insertSheet('Contrataciones');
  const columns = templateSpec().sheets.find((s) => s.name === 'Contrataciones')!.columns;
  const row = (ocid: string, id: string) => columns.map((c) => (c.field === 'ocid' ? ocid : c.field === 'tender/id' ? id : ''));
  sheet.paste({ row: 1, column: 1, rows: 5, columns: columns.length }, [columns.map((c) => c.title), columns.map((c) => c.path), row('ocds-abc123-0001', 'T1'), row('ocds-abc123-0002', 'T2'), row('ocds-abc123-0003', 'T3')]);
  sheet.filter = { fromColumn: 1, columns: columns.length, criteriaColumns: [], hiddenRows: [] };
  expect(readWorkbook(ss.sheets(), ss.timeZone()).sheets[0].hiddenRows).toBeUndefined();
  expect(sheet.calls.get('isRowHiddenByFilter')).toBeUndefined();

  sheet.filter = { fromColumn: 1, columns: columns.length, criteriaColumns: [2], hiddenRows: [4, 9] };
  const workbook = readWorkbook(ss.sheets(), ss.timeZone());
  // Row 9 is hidden too, but empty: nothing of it is published.
  expect(workbook.sheets[0].hiddenRows).toEqual({ count: 1, rows: [4] });
  const out = unflatten(workbook, { now: '2024-06-01T12:00:00-06:00' });
  expect(out.findings.filter((f) => f.code === 'sheet.hidden-rows').map((f) => [f.cell?.row, f.params])).toEqual([[4, { count: 1, rows: '4' }]]);
  expect(out.releases).toHaveLength(3);
});
