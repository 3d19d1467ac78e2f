import { readWorkbook } from '../../addon/src/validation/read-workbook';
import { parseDate } from '../../core/unflatten/parse-value';
import { FakeSpreadsheet } from './fake-spreadsheet';

test('a date cell with a time is read as the day and time the sheet shows, in its own zone; a date alone as its day', () => {
  // As Apps Script's getValues() gives them in a spreadsheet of Quintana Roo (UTC−5): instants of that zone's clock.
  const ss = new FakeSpreadsheet('hoja-horas', 'Obra pública 2024', 'America/Cancun');
  const sheet = ss.insertSheet('Proyectos');
  const cells = [new Date('2024-03-31T05:00:00Z'), new Date('2024-03-31T15:30:00Z'), new Date('2024-04-01T04:59:59Z'), 'texto'];
  sheet.setValues({ row: 1, column: 1, rows: 1, columns: cells.length }, [cells]);
  const [row] = readWorkbook(ss.sheets(), ss.timeZone()).sheets[0].rows;
  expect(row.map((v) => (v instanceof Date ? v.toISOString() : v))).toEqual(['2024-03-31T00:00:00.000Z', '2024-03-31T10:30:00.000Z', '2024-03-31T23:59:59.000Z', 'texto']);
  // The engine, in the Configuración sheet's zone, publishes the times typed; the date alone as it always did.
  expect(row.slice(0, 3).map((v) => parseDate(v as Date, 'America/Mexico_City'))).toEqual(['2024-03-31T00:00:00-06:00', '2024-03-31T10:30:00-06:00', '2024-03-31T23:59:59-06:00']);
});
