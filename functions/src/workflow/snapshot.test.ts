/** The snapshot keeps what the engine reads, so approval publishes what intake checked. */
import { runInNewContext } from 'vm';
import { decodeSnapshot, encodeSnapshot } from './snapshot';

test('a snapshot keeps Dates (from any realm), cell links, formulas without a result, hidden rows and merged ranges past those kept', () => {
  const foreignDate = runInNewContext('new Date(Date.UTC(2024, 2, 31))') as Date;
  const sheet = { name: 'Documentos de licitación', rows: [['a', foreignDate, 3, null]], links: { A1: 'https://a.example/x.pdf' }, formulasWithoutResult: { count: 1, cells: ['D1'] }, hiddenRows: { count: 2, rows: [4, 9] }, merges: ['B1:C1'], mergeCount: 1_500 };
  const back = decodeSnapshot(encodeSnapshot({ sheets: [sheet] }).text).sheets[0];
  expect(back.rows[0][1]).toBeInstanceOf(Date);
  expect((back.rows[0][1] as Date).toISOString()).toBe('2024-03-31T00:00:00.000Z');
  expect(back.links).toEqual(sheet.links);
  expect(back.formulasWithoutResult).toEqual(sheet.formulasWithoutResult);
  // Hidden rows with data: approval warns that they are published, as intake did.
  expect(back.hiddenRows).toEqual(sheet.hiddenRows);
  // The reader keeps the first 1,000 ranges and counts the rest: approval warns of as many as intake did.
  expect([back.merges, back.mergeCount]).toEqual([['B1:C1'], 1_500]);
  // A sheet without them encodes as before (same text, so the same content hash as snapshots already kept).
  expect(encodeSnapshot({ sheets: [{ name: 'H', rows: [['x']] }] }).text).toBe('{"sheets":[{"name":"H","rows":[["x"]]}]}');
});

test('a workbook of the 1904 date system stays one: approval reads a date typed as a plain number as intake did', () => {
  const workbook = { sheets: [{ name: 'Contratos', rows: [[44_055]] }], date1904: true };
  expect(decodeSnapshot(encodeSnapshot(workbook).text).date1904).toBe(true);
  // Of the 1900 system, the text (so the content hash) is the one snapshots already kept have.
  expect(encodeSnapshot({ sheets: workbook.sheets }).text).toBe('{"sheets":[{"name":"Contratos","rows":[[44055]]}]}');
  expect('date1904' in decodeSnapshot(encodeSnapshot({ sheets: workbook.sheets }).text)).toBe(false);
});
