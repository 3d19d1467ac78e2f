/**
 * Golden fixtures: test/fixtures/engine/<behaviour>/input.json → expected.json, one folder per rule of the engine.
 * input.json: { now?, sheets: [{ name, layout?: template|plain|titles|raw, columns?: [paths], rows, merges?,
 * appendBlankRows? , titleCase?: upper|plain, hiddenRows?: {count, rows} }] }. Special cells: {"$date": "2024-03-31"} (a sheet Date at UTC
 * midnight, or an instant if a time is given), {"$error": "#REF!"} (exceljs error cell), {"$title": "codelist:code"}
 * (the code's Spanish title from the spec, never hard-coded). Titles of template/titles layouts come from the spec.
 * Regenerate after a reviewed change: UPDATE_GOLDEN=1 npx jest core/unflatten/golden-fixtures.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PROFILES } from '../profile/profiles';
import type { ColumnSpec } from '../template/spec';
import { templateSpec } from '../template/template-spec';
import type { CellValue, WorkbookModel } from '../workbook/model';
import { resolvePath } from './column-resolver';
import { unflatten } from './index';
import { UNFLATTEN_MESSAGES } from './unflatten-messages';

const DIR = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'engine');
const spec = templateSpec();

interface FixtureSheet {
  name: string;
  layout?: 'template' | 'plain' | 'titles' | 'raw';
  columns?: string[];
  rows?: unknown[][];
  merges?: string[];
  appendBlankRows?: number;
  titleCase?: 'upper' | 'plain';
  /** As an .xlsx reader gives them (SheetModel.hiddenRows): 1-based rows of the built sheet, headings included. */
  hiddenRows?: { count: number; rows: number[] };
}

function columnFor(p: string): ColumnSpec | undefined {
  for (const standard of ['ocds', 'oc4ids'] as const) {
    const r = resolvePath(PROFILES[standard], p);
    if (!r) continue;
    for (const sheet of spec.sheets) {
      if (sheet.standard !== standard) continue;
      const col = sheet.columns.find((c) => c.field === r.field);
      if (col) return col;
    }
  }
  return undefined;
}

function titleOf(p: string, titleCase?: string): string {
  const col = columnFor(p);
  if (!col) return p;
  const t = col.required ? `${col.title} *` : col.title;
  if (titleCase === 'upper') return `  ${t.toUpperCase()}  `;
  if (titleCase === 'plain') return t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ \*$/, '');
  return t;
}

function codeTitle(ref: string): string {
  const [list, code] = ref.split(':');
  for (const sheet of spec.sheets) for (const c of sheet.columns) {
    const o = c.codelist === list ? c.options?.find((x) => x.code === code) : undefined;
    if (o) return o.title;
  }
  throw new Error(`no title for ${ref}`);
}

function decode(v: unknown): CellValue {
  if (v && typeof v === 'object') {
    const o = v as Record<string, string>;
    if ('$date' in o) return o.$date.length === 10 ? new Date(`${o.$date}T00:00:00Z`) : new Date(o.$date);
    if ('$error' in o) return { error: o.$error } as unknown as CellValue;
    if ('$title' in o) return codeTitle(o.$title);
  }
  return v as CellValue;
}

function buildWorkbook(sheets: FixtureSheet[]): WorkbookModel {
  return {
    sheets: sheets.map((s) => {
      const data = (s.rows ?? []).map((r) => r.map(decode));
      const cols = s.columns ?? [];
      let rows: CellValue[][];
      switch (s.layout ?? 'raw') {
        case 'template': rows = [cols.map((c) => titleOf(c, s.titleCase)), [...cols], ...data]; break;
        case 'titles': rows = [cols.map((c) => titleOf(c, s.titleCase)), ...data]; break;
        case 'plain': rows = [[...cols], ...data]; break;
        default: rows = data;
      }
      for (let i = 0; i < (s.appendBlankRows ?? 0); i++) rows.push(new Array(cols.length).fill(''));
      return { name: s.name, rows, merges: s.merges, ...(s.hiddenRows ? { hiddenRows: s.hiddenRows } : {}) };
    }),
  };
}

function summarize(input: { now?: string; sheets: FixtureSheet[] }) {
  const out = unflatten(buildWorkbook(input.sheets), { now: input.now ?? '2024-06-01T12:00:00-06:00' });
  const findings = out.findings.map((f) => ({ code: f.code, severity: f.severity, cell: { sheet: f.cell?.sheet, row: f.cell?.row, column: f.cell?.column } }));
  return { out, actual: { releases: out.releases, projects: out.projects, findings, settings: out.settings } };
}

const folders = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((d) => fs.existsSync(path.join(DIR, d, 'input.json'))).sort() : [];

test('there are golden fixtures', () => {
  expect(folders.length).toBeGreaterThanOrEqual(20);
});

describe.each(folders)('%s', (folder) => {
  test('matches expected.json', () => {
    const input = JSON.parse(fs.readFileSync(path.join(DIR, folder, 'input.json'), 'utf8'));
    const { out, actual } = summarize(input);
    const expectedPath = path.join(DIR, folder, 'expected.json');
    const prior = fs.existsSync(expectedPath) ? JSON.parse(fs.readFileSync(expectedPath, 'utf8')) : {};
    if (process.env.UPDATE_GOLDEN) {
      const written = { ...actual, ...(prior.sourceMap ? { sourceMap: prior.sourceMap } : {}) };
      fs.writeFileSync(expectedPath, `${JSON.stringify(JSON.parse(JSON.stringify(written)), null, 2)}\n`);
    }
    const expected = JSON.parse(fs.readFileSync(expectedPath, 'utf8'));
    expect(JSON.parse(JSON.stringify(actual.releases))).toEqual(expected.releases);
    expect(JSON.parse(JSON.stringify(actual.projects))).toEqual(expected.projects);
    expect(JSON.parse(JSON.stringify(actual.findings))).toEqual(expected.findings);
    if (expected.settings) expect(actual.settings).toEqual(expected.settings);
    // Optional source-map expectations: pointer → {sheet,row,column} (header not compared: titles are being rewritten).
    for (const [pointer, cell] of Object.entries(expected.sourceMap ?? {})) {
      const c = out.sourceMap.get(pointer);
      expect({ pointer, sheet: c?.sheet, row: c?.row, column: c?.column }).toEqual({ pointer, ...(cell as object) });
    }
  });
});

test('a plain flatten-tool workbook with the same data gives identical JSON to the template workbook', () => {
  const read = (f: string) => summarize(JSON.parse(fs.readFileSync(path.join(DIR, f, 'input.json'), 'utf8'))).actual.releases;
  expect(read('plain-flatten-tool')).toEqual(read('template-layout'));
});

test('every finding code of the fixtures has its Spanish message', () => {
  const codes = new Set<string>();
  for (const f of folders) for (const x of JSON.parse(fs.readFileSync(path.join(DIR, f, 'expected.json'), 'utf8')).findings) codes.add(x.code);
  for (const code of codes) expect(Object.keys(UNFLATTEN_MESSAGES)).toContain(code);
});
