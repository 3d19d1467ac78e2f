/**
 * Fuzz: random hostile replacements in a valid template workbook (formulas, markup, control characters, RTL
 * marks, huge strings, wrong types, broken rows and names) → unflatten never throws and every finding names a sheet.
 */
import fc from 'fast-check';
import { flatten } from '../flatten';
import type { WorkbookModel } from '../workbook/model';
import { unflatten } from './index';

const base = flatten({
  releases: [{
    ocid: 'ocds-abc123-1',
    tender: { id: 'T1', title: 'Obra', status: 'active', value: { amount: 10, currency: 'MXN' }, tenderPeriod: { startDate: '2024-01-01T00:00:00-06:00' }, items: [{ id: 'I1', description: 'x', quantity: 2 }] },
    parties: [{ id: 'P1', name: 'Municipio', roles: ['buyer'] }],
    awards: [{ id: 'A1', status: 'active', suppliers: [{ id: 'S1', name: 'Proveedor' }] }],
    contracts: [{ id: 'C1', awardID: 'A1', implementation: { transactions: [{ id: 'TR1', value: { amount: 5, currency: 'MXN' } }] } }],
  }],
  projects: [{ id: 'oc4ids-1', title: 'P', locations: [{ id: 'L1', geometry: { type: 'Point', coordinates: [-99.1, 19.4] } }] }],
});

const hostile: unknown[] = [
  '#REF!', '#N/A', '#DIV/0!', '#VALUE!', '#NAME?', { error: '#REF!' }, '=SUM(A1:A3)', '<script>alert(1)</script>',
  '\u0000\u0007\u001b', '\u202e\u200f', '\u00a0', ' ', '', null, undefined, 'x'.repeat(200000), NaN, Infinity, -0, 1e308,
  new Date(NaN), new Date(8.64e15), {}, [], { richText: null }, { richText: [null, { text: 5 }] }, { result: { error: '#N/A' } },
  { text: { text: { text: { text: 'deep' } } } }, true, false, '1,2,3', '31/31/2024', '💥🇲🇽', Symbol('s'), () => 1, 12345678901234567890n,
  'ocds-abc123-1', 'A1', 'P1', 'Sí', 'awards/0/id', 'ocid', '__proto__', 'constructor', '[id]',
];

function mutate(wb: WorkbookModel, ops: [number, number, number, number][]): WorkbookModel {
  const sheets = wb.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => [...r]) })) as unknown as { name: unknown; rows: unknown[]; merges?: unknown }[];
  for (const [si, ri, ci, vi] of ops) {
    const sheet = sheets[si % sheets.length];
    const value = hostile[vi % hostile.length];
    switch (vi % 17) {
      case 0: sheet.name = typeof value === 'string' ? value : sheets[(si + 1) % sheets.length].name; break;
      case 1: sheet.rows[ri % (sheet.rows.length + 2)] = value as unknown[]; break;
      case 2: sheet.merges = [String(value).slice(0, 10), 'ZZZ9999:A1', 'garbage']; break;
      default: {
        const row = sheet.rows[ri % Math.max(1, sheet.rows.length)];
        if (Array.isArray(row)) row[ci % (row.length + 3)] = value;
      }
    }
  }
  return { sheets } as unknown as WorkbookModel;
}

test('hostile workbooks never throw and every finding names a sheet', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 25 }), (ops) => {
      const out = unflatten(mutate(base, ops), { now: '2024-06-01T00:00:00Z' });
      for (const f of out.findings) {
        expect(typeof f.cell?.sheet).toBe('string');
        expect(f.code).not.toBe('sheet.internal-error');
      }
      expect(Array.isArray(out.releases)).toBe(true);
    }),
    { numRuns: 300 },
  );
});

test('not even a workbook', () => {
  for (const junk of [null, undefined, {}, { sheets: null }, { sheets: [null, 5, 'x', { rows: 7 }] }]) {
    const out = unflatten(junk as unknown as WorkbookModel);
    expect(out.releases).toEqual([]);
    for (const f of out.findings) expect(typeof f.cell?.sheet).toBe('string');
  }
});

test('a heading row with holes (a model built by a program; our reader fills them) reads as blank cells', () => {
  // Found by the property above (seed 2086552517): a hole first in a sheet's first row threw in `sheetConfig`.
  const header: unknown[] = [];
  header[1] = 'id';
  header[2] = 'title';
  const out = unflatten({ sheets: [{ name: 'projects', rows: [header, [undefined, 'oc4ids-abc123-1', 'Parque']] }] } as unknown as WorkbookModel, { now: '2024-06-01T00:00:00Z' });
  expect(out.findings.filter((f) => f.code === 'sheet.internal-error')).toEqual([]);
  expect(out.projects).toEqual([expect.objectContaining({ id: 'oc4ids-abc123-1', title: 'Parque' })]);
});
