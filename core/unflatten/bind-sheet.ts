/**
 * Reads a sheet's header rows and binds every column to a field. Three layouts (DESIGN §4):
 * - template: row 1 Spanish titles, row 2 paths, data from row 3;
 * - plain flatten-tool: row 1 paths, data from row 2 (sheets `releases`, `awa_suppliers`, …);
 * - titles only: row 1 Spanish titles matched through the spec, data from row 2.
 * Columns are found by path, never by position. The sheet's array is the deepest array its columns live in.
 */
import type { Standard } from '../profile/types';
import type { SheetSpec } from '../template/spec';
import type { CellRef, Finding } from '../findings/finding';
import { finding } from '../findings/finding';
import type { SheetModel } from '../workbook/model';
import { cleanCell, CellProblem } from './clean-cell';
import { ColumnResolver, ROOT_KEY, type ResolvedPath } from './column-resolver';
import { normalizeLabel } from './normalize-label';
import type { ValueSpec } from './parse-value';

export interface BoundColumn extends ResolvedPath {
  /** 0-based column index in the rows. */
  index: number;
  header: string;
  value: ValueSpec;
}

export interface BoundSheet {
  name: string;
  standard: Standard;
  /** Arrays of the sheet, outermost first (`awards`, `awards/suppliers`); empty for a root sheet. */
  arrays: string[];
  /** 0-based index of the first data row. */
  dataStart: number;
  columns: BoundColumn[];
  rootKey: BoundColumn;
  /** The `id` column of each array level (ancestors required, the sheet's own level optional). */
  levelKeys: (BoundColumn | undefined)[];
}

export type BindResult = { kind: 'bound'; sheet: BoundSheet } | { kind: 'none' } | { kind: 'failed' };

function headerText(v: unknown): string {
  const c = cleanCell(v);
  if (c === undefined || c instanceof CellProblem) return '';
  return c instanceof Date ? c.toISOString() : String(c);
}

function countPaths(resolver: ColumnResolver, row: string[]): number {
  let n = 0;
  for (const h of row) if (h && (resolver.standards.ocds.resolve(h) || resolver.standards.oc4ids.resolve(h))) n++;
  return n;
}

function titleIndex(sheet: SheetSpec): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of sheet.columns) m.set(normalizeLabel(c.title), c.path);
  return m;
}

function countTitles(sheet: SheetSpec, row: string[]): number {
  const idx = titleIndex(sheet);
  return row.filter((h) => h && idx.has(normalizeLabel(h))).length;
}

export function bindSheet(model: SheetModel, resolver: ColumnResolver, findings: Finding[]): BindResult {
  const row0 = (model.rows[0] ?? []).map(headerText);
  const row1 = (model.rows[1] ?? []).map(headerText);
  const spec = resolver.specSheet(model.name);
  const sheetCell: CellRef = { sheet: model.name };

  const paths1 = countPaths(resolver, row1);
  const paths0 = countPaths(resolver, row0);
  let layout: 'template' | 'plain' | 'titles' | undefined;
  let titleSheet = spec;
  if (paths1 > 0 && paths1 >= paths0) layout = 'template';
  else if (paths0 > 0) layout = 'plain';
  else {
    if (!titleSheet || countTitles(titleSheet, row0) === 0) {
      let best = 0;
      titleSheet = undefined;
      // Outside its own name a sheet counts as a template only when its root key title is there too.
      for (const s of resolver.spec.sheets) {
        const n = countTitles(s, row0);
        const hasKey = s.columns[0]?.key && row0.some((h) => h && normalizeLabel(h) === normalizeLabel(s.columns[0].title));
        if (hasKey && n > best) { best = n; titleSheet = s; }
      }
    }
    if (titleSheet) layout = 'titles';
  }
  if (!layout) return { kind: 'none' };

  const headerRowIndex = layout === 'template' ? 1 : 0;
  const paths = layout === 'template' ? row1 : row0;
  const titles = layout === 'plain' ? [] : row0;
  const titleToPath = titleSheet ? titleIndex(titleSheet) : new Map<string, string>();

  // Standard: the spec sheet's, else the one whose profile knows more of the headers (`ocid` means OCDS).
  let standard: Standard;
  if (layout === 'titles' && titleSheet) standard = titleSheet.standard;
  else if (spec) standard = spec.standard;
  else if (paths.includes('ocid')) standard = 'ocds';
  else {
    const known = (s: Standard) => paths.filter((p) => p && resolver.standards[s].resolve(p)).length;
    standard = known('oc4ids') >= known('ocds') ? 'oc4ids' : 'ocds';
  }
  const std = resolver.standards[standard];

  const width = Math.max(paths.length, titles.length);
  const candidates: BoundColumn[] = [];
  const seen = new Map<string, number>();
  for (let c = 0; c < width; c++) {
    const title = titles[c] ?? '';
    let path = layout === 'titles' ? '' : paths[c] ?? '';
    if (!path && title) path = titleToPath.get(normalizeLabel(title)) ?? '';
    const shown = title || paths[c] || '';
    if (!shown) continue;
    const cell: CellRef = { sheet: model.name, row: headerRowIndex + 1, column: c + 1, header: shown };
    const resolved = path ? std.resolve(path) : undefined;
    if (!resolved) {
      findings.push(finding('sheet.unknown-column', 'warning', { header: shown }, { cell }));
      continue;
    }
    const prior = seen.get(resolved.field);
    if (prior !== undefined) {
      findings.push(finding('sheet.duplicate-column', 'warning', { header: shown, firstColumn: prior + 1 }, { cell }));
      continue;
    }
    seen.set(resolved.field, c);
    candidates.push({ ...resolved, index: c, header: shown, value: std.valueSpec(resolved.field) });
  }

  // The sheet's array: the spec sheet's, else the deepest chain (most columns on a tie); others must be its prefixes.
  let arrays: string[];
  const specForArray = spec ?? (layout === 'titles' ? titleSheet : undefined);
  if (specForArray && specForArray.standard === standard) {
    arrays = [];
    let walked = '';
    for (const level of specForArray.levels) { walked = walked ? `${walked}/${level}` : level; arrays.push(walked); }
  } else {
    const counts = new Map<string, { chain: string[]; n: number }>();
    for (const col of candidates) {
      const key = col.arrays.join('|');
      const entry = counts.get(key) ?? { chain: col.arrays, n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
    arrays = [];
    let bestN = -1;
    for (const { chain, n } of counts.values()) {
      if (chain.length > arrays.length || (chain.length === arrays.length && n > bestN)) { arrays = chain; bestN = n; }
    }
  }
  const columns: BoundColumn[] = [];
  for (const col of candidates) {
    const isPrefix = col.arrays.length <= arrays.length && col.arrays.every((a, i) => a === arrays[i]);
    if (isPrefix) columns.push(col);
    else findings.push(finding('sheet.column-other-array', 'warning', { header: col.header }, { cell: { sheet: model.name, row: headerRowIndex + 1, column: col.index + 1, header: col.header } }));
  }

  const rootKey = columns.find((c) => c.arrays.length === 0 && c.field === ROOT_KEY[standard]);
  if (!rootKey) {
    findings.push(finding('sheet.missing-key-column', 'error', { column: ROOT_KEY[standard] }, { cell: sheetCell }));
    return { kind: 'failed' };
  }
  const levelKeys = arrays.map((_, i) => columns.find((c) => c.arrays.length === i + 1 && c.rel.length === 1 && c.rel[0] === 'id'));
  for (let i = 0; i < arrays.length - 1; i++) {
    if (!levelKeys[i]) {
      findings.push(finding('sheet.missing-key-column', 'error', { column: `${arrays[i]}/id` }, { cell: sheetCell }));
      return { kind: 'failed' };
    }
  }
  return { kind: 'bound', sheet: { name: model.name, standard, arrays, dataStart: headerRowIndex + 1, columns, rootKey, levelKeys } };
}
