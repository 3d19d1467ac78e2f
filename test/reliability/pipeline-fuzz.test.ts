/**
 * Fuzz over the whole core pipeline (unflatten → validate → completeness → flatten, and the Spanish rendering of
 * every finding) with the example template workbooks mutated by hostile values — formulas, markup, 1 MB cells,
 * control characters, right-to-left marks, deeply nested objects, wrong types — and with random workbooks built
 * on the template's own paths. Never an exception; every finding names a cell or a sheet.
 */
import fc from 'fast-check';
import type { Finding } from '../../core/findings/finding';
import type { WorkbookModel } from '../../core/workbook/model';
import { unflatten } from '../../core/unflatten';
import { completeness, validate } from '../../core/validate';
import { flatten } from '../../core/flatten';
import { renderFinding } from '../../core/messages/render';
import { templateSpec } from '../../core/template/template-spec';
import { exampleWorkbook } from '../example-workbooks';

const NOW = '2025-07-01T12:00:00-06:00';

function deep(levels: number): unknown {
  let v: unknown = 'fondo';
  for (let i = 0; i < levels; i++) v = { text: v, richText: [v], result: v };
  return v;
}

const HOSTILE: unknown[] = [
  '=HYPERLINK("http://malo.example","x")', '+1+1', '-1', '@SUMA(A1)', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
  'x'.repeat(1024 * 1024), '\u0000\u0001\u0008\u000b\u001f\u007f', '\u202eotnemucod\u202c', '\u200f\u200e\u061c', '\ufeff', '\ud800', '💥🇲🇽',
  '  ', '', null, undefined, NaN, -Infinity, 1e308, -0, 0.1 + 0.2, true, new Date(NaN), new Date(-8.64e15), deep(2000), [[['x']]],
  { formula: 'A1+1', result: { error: '#DIV/0!' } }, { error: '#REF!' }, '__proto__', 'constructor', 'toString', '[object Object]',
  'ocds-mid001-MID-OP-2024-001', 'oc4ids-mid001-0001', 'Sí', 'No', 'MXN', '2024-13-45', '31/02/2024', '1,234,567.89', ';;;', 'a;b;c',
];

/** Applies (sheet, row, column, value) edits to a deep copy; rows and columns may be past the end. */
function mutate(workbook: WorkbookModel, edits: [number, number, number, number][]): WorkbookModel {
  const copy = { sheets: workbook.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => [...r]) })) } as { sheets: { name: string; rows: unknown[][] }[] };
  for (const [si, ri, ci, vi] of edits) {
    const sheet = copy.sheets[si % copy.sheets.length];
    const row = ri % (sheet.rows.length + 2);
    sheet.rows[row] ??= [];
    sheet.rows[row][ci % ((sheet.rows[row].length || 1) + 2)] = HOSTILE[vi % HOSTILE.length];
  }
  return copy as unknown as WorkbookModel;
}

/** One full pass; returns the findings, after checking each can be located and rendered. */
function pipeline(workbook: WorkbookModel): Finding[] {
  const converted = unflatten(workbook, { now: NOW });
  const settings = { ...converted.settings, now: NOW };
  const findings = [...converted.findings, ...validate({ releases: converted.releases, projects: converted.projects }, converted.sourceMap, settings)];
  const report = completeness({ releases: converted.releases, projects: converted.projects });
  expect(Number.isFinite(report.publisher.share)).toBe(true);
  const back = flatten({ releases: converted.releases, projects: converted.projects });
  expect(Array.isArray(back.sheets)).toBe(true);
  for (const f of findings) {
    expect(typeof f.cell?.sheet).toBe('string');
    expect(typeof renderFinding(f)).toBe('string');
  }
  return findings;
}

describe('the core pipeline under hostile input', () => {
  let examples: WorkbookModel[];
  beforeAll(async () => { examples = [await exampleWorkbook('merida'), await exampleWorkbook('nuevo-leon')]; });

  test('mutated example workbooks', () => {
    fc.assert(
      fc.property(fc.nat(1), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 12 }), (which, edits) => {
        pipeline(mutate(examples[which], edits));
      }),
      { numRuns: 60 },
    );
  });

  test('random workbooks on the template paths', () => {
    const spec = templateSpec();
    const cell = fc.oneof(fc.constantFrom(...HOSTILE.filter((v) => typeof v !== 'string' || v.length < 1000)), fc.string(), fc.fullUnicodeString({ maxLength: 30 }), fc.double(), fc.integer(), fc.boolean(), fc.date());
    const sheet = fc.record({
      index: fc.nat(spec.sheets.length - 1),
      rows: fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 6 }),
      shuffle: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(sheet, { minLength: 1, maxLength: 4 }), (sheets) => {
        const workbook = {
          sheets: sheets.map(({ index, rows, shuffle }) => {
            const s = spec.sheets[index];
            const columns = shuffle ? [...s.columns].reverse() : s.columns;
            return { name: s.name, rows: [columns.map((c) => c.title), columns.map((c) => c.path), ...rows] };
          }),
        } as unknown as WorkbookModel;
        pipeline(workbook);
      }),
      { numRuns: 80 },
    );
  });
});
