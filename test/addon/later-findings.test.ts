/**
 * The later pages of a validation kept in CacheService within its limits (a value of 100 KB, 1,000 entries): a line
 * quoting a huge cell is cut so its page fits, at most MAX_KEPT_PAGES pages are kept, and a cache that refuses them
 * leaves the report as it was before «Ver más» (no laterPages, no run).
 */
import { keepLaterPages, laterPage, MAX_KEPT_PAGES } from '../../addon/src/validation/later-findings';
import type { FindingItem, SheetGroup } from '../../addon/src/rpc-types';
import { FakeCache } from './fake-cache';

const line = (row: number, message = `«x${row}» no es un número.`): FindingItem => ({ severity: 'warning', message, a1: `Proyectos!C${row}`, row, column: 3 });
const report = (columns: number): SheetGroup[] => [{ sheet: 'Proyectos', errors: 0, warnings: 0, fields: Array.from({ length: columns }, (_, i) => ({ field: `Campo ${i}`, errors: 0, warnings: 0, items: [], more: 1 })) }];

test('a page whose lines quote a huge cell is cut to fit a cache entry, and read back', () => {
  const cache = new FakeCache();
  const groups = report(1);
  const huge = Array.from({ length: 25 }, (_, i) => line(i + 28, `«${'ñ'.repeat(40_000)}» no es una fecha.`));
  const run = keepLaterPages(cache, groups, [{ sheet: 0, field: 0, pages: [huge] }], () => undefined)!;
  expect(groups[0].fields[0].laterPages).toEqual([25]);
  const back = laterPage(cache, run, 0, 0, 1)!;
  expect(back.map((l) => l.a1)).toEqual(huge.map((l) => l.a1));
  expect(back[0].message).toMatch(/^«ñ+…$/);
});

test('at most MAX_KEPT_PAGES pages are kept; the columns past them keep only their «y N más»', () => {
  const cache = new FakeCache();
  const groups = report(3);
  const pages = (n: number): FindingItem[][] => Array.from({ length: n }, (_, p) => Array.from({ length: 25 }, (_, i) => line(p * 25 + i + 28)));
  const run = keepLaterPages(cache, groups, [{ sheet: 0, field: 0, pages: pages(MAX_KEPT_PAGES - 2) }, { sheet: 0, field: 1, pages: pages(5) }, { sheet: 0, field: 2, pages: pages(1) }], () => undefined)!;
  expect(groups[0].fields.map((f) => f.laterPages?.length)).toEqual([MAX_KEPT_PAGES - 2, 2, undefined]);
  expect(cache.size).toBe(MAX_KEPT_PAGES);
  expect(laterPage(cache, run, 0, 1, 2)?.[0].row).toBe(53);
  expect(laterPage(cache, run, 0, 1, 3)).toBeNull();
});

test('a cache that refuses them: no «Ver más», and the validation goes on', () => {
  const logged: unknown[] = [];
  const refusing = { getAll: () => ({}), putAll: () => { throw new Error('Service invoked too many times'); } };
  const groups = report(1);
  expect(keepLaterPages(refusing, groups, [{ sheet: 0, field: 0, pages: [[line(28)]] }], (e) => logged.push(e))).toBeUndefined();
  expect(groups[0].fields[0].laterPages).toBeUndefined();
  expect(logged).toHaveLength(1);
});
