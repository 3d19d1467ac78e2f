/** The snapshot keeps what the engine reads, so approval publishes what intake checked. */
import { runInNewContext } from 'vm';
import { decodeSnapshot, encodeSnapshot } from './snapshot';

test('a snapshot keeps Dates (from any realm), cell links and formulas without a result', () => {
  const foreignDate = runInNewContext('new Date(Date.UTC(2024, 2, 31))') as Date;
  const sheet = { name: 'Documentos de licitación', rows: [['a', foreignDate, 3, null]], links: { A1: 'https://a.example/x.pdf' }, formulasWithoutResult: { count: 1, cells: ['D1'] } };
  const back = decodeSnapshot(encodeSnapshot({ sheets: [sheet] }).text).sheets[0];
  expect(back.rows[0][1]).toBeInstanceOf(Date);
  expect((back.rows[0][1] as Date).toISOString()).toBe('2024-03-31T00:00:00.000Z');
  expect(back.links).toEqual(sheet.links);
  expect(back.formulasWithoutResult).toEqual(sheet.formulasWithoutResult);
  // A sheet without them encodes as before (same text, so the same content hash as snapshots already kept).
  expect(encodeSnapshot({ sheets: [{ name: 'H', rows: [['x']] }] }).text).toBe('{"sheets":[{"name":"H","rows":[["x"]]}]}');
});
