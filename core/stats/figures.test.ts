/**
 * The figures' tallies are keyed by the data's codes. A procurement method «__proto__» (a release imported with
 * `history` keeps its codes) was tallied on Object.prototype: every object of the process then had `count` and
 * `amountMxn` (NaN), and its processes were missing from the tally. Sectors and statuses the same way
 * (inherited-codes.browser.test.ts publishes them through a workbook).
 */
import { figuresOf } from './figures';

const process = (method: string, contracted: number) => ({ method, contracted, paid: undefined, otherCurrency: undefined, tenderers: 2, date: '2024-05-01T00:00:00-06:00' });
const project = (status: string, sector: string[]) => ({ budget: 10, finalValue: undefined, otherCurrency: undefined, status, sector, start: undefined, updated: '2024-05-01T00:00:00Z' });

test('codes named like inherited members are tallied as codes, and no object gains their fields', () => {
  const f = figuresOf([process('__proto__', 100), process('constructor', 50), process('__proto__', 1), process('open', 7)],
    [project('constructor', ['__proto__', 'hasOwnProperty']), project('implementation', ['constructor', '__proto__'])]);
  expect(Object.entries(f.byProcurementMethod)).toEqual([['__proto__', { count: 2, amountMxn: 101 }], ['constructor', { count: 1, amountMxn: 50 }], ['open', { count: 1, amountMxn: 7 }]]);
  // As the API sends them (a client's JSON.parse reads «__proto__» as a key like any other).
  expect(JSON.stringify(f.bySector)).toBe('{"__proto__":2,"hasOwnProperty":1,"constructor":1}');
  expect(Object.entries(f.bySector)).toEqual([['__proto__', 2], ['hasOwnProperty', 1], ['constructor', 1]]);
  expect(Object.entries(f.byProjectStatus)).toEqual([['constructor', 1], ['implementation', 1]]);
  expect([({} as Record<string, unknown>).count, ({} as Record<string, unknown>).amountMxn, (Object as unknown as Record<string, unknown>).count]).toEqual([undefined, undefined, undefined]);
});

test('a process still at planning is tallied apart, not as «Sin dato» of method and tenderers; one that had bidders is not', () => {
  const planned = { method: 'sin-dato', contracted: undefined, paid: undefined, otherCurrency: undefined, tenderers: undefined, date: undefined, stage: 'planning' as const };
  const f = figuresOf([planned, { ...planned, stage: 'tender' as const }, { ...planned, tenderers: 3 }, { ...process('open', 5), stage: 'contract' as const }], []);
  expect(f.byProcurementMethod).toEqual({ 'en-planeacion': { count: 1, amountMxn: 0 }, 'sin-dato': { count: 2, amountMxn: 0 }, open: { count: 1, amountMxn: 5 } });
  expect(f.competition).toEqual({ '1': 0, '2-5': 2, '6+': 0, unknown: 1, planning: 1 });
  expect(f.contractedMxn).toBe(5);
});
