/**
 * Reads a sheet's header rows and binds every column to a field. Three layouts (DESIGN §4):
 * - template: row 1 Spanish titles, row 2 paths, data from row 3;
 * - plain flatten-tool: row 1 paths (or the schema's English titles joined by `:`), data from row 2 (sheets
 *   `releases`, `awa_suppliers`, …), after flatten-tool's `#` configuration row (`skiprows`, `headerrows`) if any;
 * - titles only: row 1 Spanish titles matched through the spec, data from row 2.
 * Columns are found by path, never by position. The sheet's array is the deepest array its columns live in.
 */
import type { Standard } from '../profile/types';
import type { SheetSpec } from '../template/spec';
import { bareTitle } from '../template/layout';
import type { CellRef, Finding } from '../findings/finding';
import { finding } from '../findings/finding';
import type { SheetModel } from '../workbook/model';
import { cleanCell, CellProblem, isBlankCell } from './clean-cell';
import { ColumnResolver, ROOT_KEY, type ResolvedPath } from './column-resolver';
import { normalizeLabel } from './normalize-label';
import { closestTitles } from './closest-titles';
import { formatList } from '../format/es-mx';
import type { ValueSpec } from './parse-value';

export interface BoundColumn extends ResolvedPath {
  /** 0-based column index in the rows. */
  index: number;
  /**
   * `arrays.length`, read per cell: `arrays` of a root column is an empty array of another element kind than the
   * others', and reading its length from both made V8 recompile the row loop (issue 17).
   */
  level: number;
  header: string;
  value: ValueSpec;
}

/**
 * Columns of a row's other array items on a flatten-tool sheet (`tender/items/1/…`, or another array than the
 * sheet's own): one group per item, parents before children and in index order, as flatten-tool orders them.
 */
export interface ExtraGroup {
  /** Unindexed array field (`tender/items`) and its segments below the parent object (`['tender', 'items']`). */
  array: string;
  rel: string[];
  /** The parent: another group (its position in `extras`), or the sheet's own item at `mainLevel` (0: the document). */
  parentGroup?: number;
  mainLevel: number;
  id?: BoundColumn;
  columns: BoundColumn[];
  /** Column indexes of this group and of the groups below it: the item exists only when one holds a value. */
  scan: number[];
}

export interface BoundSheet {
  name: string;
  standard: Standard;
  /**
   * flatten-tool's rules (a plain sheet outside the template's own sheets, as OCP's Data Review Tool reads it): a row
   * creates the document and the items it names when they do not exist yet, instead of reporting them missing.
   */
  flat: boolean;
  extras: ExtraGroup[];
  /** Arrays of the sheet, outermost first (`awards`, `awards/suppliers`); empty for a root sheet. */
  arrays: string[];
  /** 0-based index of the first heading row: 0, unless a title block sits above the headings (bindSheet). */
  headingStart: number;
  /** 0-based index of the first data row. */
  dataStart: number;
  columns: BoundColumn[];
  rootKey: BoundColumn;
  /** The `id` column of each array level (ancestors required, the sheet's own level optional). */
  levelKeys: (BoundColumn | undefined)[];
  /** A template sheet's titles, normalized (normalizeLabel): a row of them among the data is its moved titles row. */
  headingTitles?: ReadonlySet<string>;
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

function countEnglishTitles(resolver: ColumnResolver, row: string[]): number {
  let n = 0;
  for (const h of row) if (h && (resolver.standards.ocds.resolveTitle(h) || resolver.standards.oc4ids.resolveTitle(h))) n++;
  return n;
}

interface SheetConfig { skipRows: number; headerRows: number; ignore: boolean }

/**
 * flatten-tool's configuration row: a first cell `#`, then directives, one per cell (`skiprows 2`, `headerrows 3`,
 * `ignore`) or as name and value in consecutive cells (`#set`, `headerrows`, `2`). `skiprows`: rows to skip after
 * this one before the paths; `headerrows`: the rows of headings, counting the paths row (the others explain them).
 */
function sheetConfig(first: string[]): SheetConfig | undefined {
  // Only a row with a directive: a first column headed `#` (a row number) is no configuration.
  if (!first.length || !first[0].startsWith('#')) return undefined;
  const config: SheetConfig = { skipRows: 0, headerRows: 1, ignore: false };
  let directives = 0;
  const words: string[] = [];
  for (let c = 1; c < first.length; c++) for (const w of first[c].trim().split(/\s+/)) if (w) words.push(w.toLowerCase());
  for (let i = 0; i < words.length; i++) {
    const n = Number(words[i + 1]);
    const count = Number.isInteger(n) && n >= 0 && n < 1000 ? n : undefined;
    if (words[i] === 'skiprows' && count !== undefined) { config.skipRows = count; i++; directives++; }
    else if (words[i] === 'headerrows' && count !== undefined) { config.headerRows = Math.max(1, count); i++; directives++; }
    else if (words[i] === 'ignore') { config.ignore = true; directives++; }
  }
  return directives ? config : undefined;
}

const compareIndex = (a: string, b: string): number => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);

function titleIndex(sheet: SheetSpec): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of sheet.columns) m.set(normalizeLabel(c.title), c.path);
  return m;
}

function countTitles(sheet: SheetSpec, row: string[]): number {
  const idx = titleIndex(sheet);
  return row.filter((h) => h && idx.has(normalizeLabel(h))).length;
}

/**
 * A heading row as text, one string per column. Array.from, not map: a row given with holes (a model built by a
 * program, not our reader, which fills them) must not keep them — `sheetConfig` read a hole as a string and threw,
 * and the whole sheet was reported as an internal error (core/unflatten/fuzz.test.ts found it).
 */
function headings(row: readonly unknown[] | undefined, limit?: number): string[] {
  return Array.from(limit === undefined ? row ?? [] : (row ?? []).slice(0, limit), headerText);
}

/** At most this many header-less columns are named: one warning each. */
const MAX_UNLABELED = 5;

/**
 * Values typed in a column with neither title nor path (past the last header, or under a blank one): no field to read
 * them into, so they were dropped without a word. Said once per column, at its first value (warning: notes of one's
 * own are fine there). One look at each row's length, and at the few blank-headed columns.
 */
function dataWithoutHeader(model: SheetModel, dataStart: number, width: number, unlabeled: readonly number[]): Finding[] {
  const first = new Map<number, number>();
  for (let r = dataStart; r < model.rows.length && first.size < MAX_UNLABELED; r++) {
    const row = model.rows[r];
    if (!Array.isArray(row)) continue;
    for (const c of unlabeled) if (!first.has(c) && !isBlankCell(row[c])) first.set(c, r);
    for (let c = width; c < row.length; c++) if (!first.has(c) && !isBlankCell(row[c])) first.set(c, r);
  }
  return [...first].sort((a, b) => a[0] - b[0]).slice(0, MAX_UNLABELED)
    .map(([c, r]) => finding('sheet.data-without-header', 'warning', {}, { cell: { sheet: model.name, row: r + 1, column: c + 1 } }));
}

/** Unknown columns of a sheet for which the template titles they probably are are looked for. */
const SUGGESTED_COLUMNS = 20;

/** Rows above a sheet's headings looked through for them (a title block: the institution, the year, a logo's row). */
const ROWS_ABOVE = 10;
/** Cells a row above the headings may fill to be read as part of a title block, not as data. */
const TITLE_CELLS = 3;

export function bindSheet(model: SheetModel, resolver: ColumnResolver, findings: Finding[]): BindResult {
  const spec = resolver.specSheet(model.name);
  const own: Finding[] = [];
  const first = bindFrom(model, resolver, own, 0);
  // Paths in row 2 under a row with none of the sheet's titles, and the titles row further down: a sort moved the
  // titles among the data and a data row up to row 1. Bound, that row's values were the column titles (the row was
  // lost without a word) and the titles row was read as data; refused, unflatten names where the headings went.
  if (first.kind === 'bound' && spec && countTitles(spec, headings(model.rows[0])) === 0 && countPaths(resolver, headings(model.rows[1])) > 0) {
    const titlesRow = movedHeadings(model, spec)?.titlesRow;
    if (titlesRow !== undefined && titlesRow > 2) return { kind: 'none' };
  }
  findings.push(...own);
  if (first.kind !== 'none') return first;
  // Officials add a title block above the headings («CONTRATOS DE OBRA PÚBLICA 2024», often merged across): the sheet
  // was «No se encontraron los encabezados», and every sheet below it could not find its parents. The template's
  // headings are looked for below a few rows of a title's few cells; found, the rows above are said not to be read.
  for (let top = 1; top <= ROWS_ABOVE && top < model.rows.length; top++) {
    const above = model.rows[top - 1];
    if (Array.isArray(above) && above.filter((v) => !isBlankCell(v)).length > TITLE_CELLS) break;
    // On a template sheet the row taken for the titles must have one: a sort that left the paths row as the third row
    // made the two data rows above it a «title block» and its titles, both dropped with «No necesita moverlos».
    if (spec && countTitles(spec, headings(model.rows[top])) === 0) continue;
    const trial: Finding[] = [];
    const res = bindFrom(model, resolver, trial, top);
    if (res.kind === 'none') continue;
    if (res.kind === 'bound' && res.sheet.flat) break;
    findings.push(finding('sheet.rows-above-headings', 'info', { row: top + 1, count: top }, { cell: { sheet: model.name, row: 1 } }), ...trial);
    return res;
  }
  return first;
}

/** Binds the sheet with its headings from row `top` (0-based): flatten-tool's configuration row only at the top. */
function bindFrom(model: SheetModel, resolver: ColumnResolver, findings: Finding[], top: number): BindResult {
  const config = top === 0 ? sheetConfig(headings(model.rows[0], 8)) : undefined;
  if (config?.ignore) return { kind: 'none' };
  const base = config ? 1 + config.skipRows : top;
  const row0 = headings(model.rows[base]);
  const row1 = config ? [] : headings(model.rows[base + 1]);
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
    else if (countEnglishTitles(resolver, row0) > 0) layout = 'plain';
  }
  if (!layout) return { kind: 'none' };
  // flatten-tool's rules for its own layout; the template's sheets (by name) keep the template's.
  const flat = layout === 'plain' && (!spec || !!config);

  const headerRowIndex = layout === 'template' ? base + 1 : base;
  const paths = layout === 'template' ? row1 : row0;
  const titles = layout === 'plain' ? [] : row0;
  const titleToPath = titleSheet ? titleIndex(titleSheet) : new Map<string, string>();

  // Standard: the spec sheet's, else the one whose profile knows more of the headers (`ocid` means OCDS).
  let standard: Standard;
  if (layout === 'titles' && titleSheet) standard = titleSheet.standard;
  else if (spec) standard = spec.standard;
  else if (paths.includes('ocid')) standard = 'ocds';
  else {
    const known = (s: Standard) => paths.filter((p) => p && (resolver.standards[s].resolve(p) || (flat && resolver.standards[s].resolveTitle(p)))).length;
    standard = known('oc4ids') >= known('ocds') ? 'oc4ids' : 'ocds';
  }
  const std = resolver.standards[standard];

  const width = Math.max(paths.length, titles.length);
  const candidates: BoundColumn[] = [];
  const seen = new Map<string, number>();
  const unlabeled: number[] = [];
  let unknown = 0;
  for (let c = 0; c < width; c++) {
    const title = titles[c] ?? '';
    let path = layout === 'titles' ? '' : paths[c] ?? '';
    if (!path && title) path = titleToPath.get(normalizeLabel(title)) ?? '';
    const shown = title || paths[c] || '';
    if (!shown) { unlabeled.push(c); continue; }
    // flatten-tool reads a heading starting with `#` as a comment column.
    if (flat && shown.startsWith('#')) continue;
    const cell: CellRef = { sheet: model.name, row: headerRowIndex + 1, column: c + 1, header: shown };
    let resolved = path ? std.resolve(path) : undefined;
    if (!resolved && flat && path) resolved = std.resolveTitle(path);
    // Indexes other than 0 are flatten-tool's way to put several items on one row; the template has one per row.
    if (resolved && !flat && resolved.indexes.some((i) => i !== '0')) resolved = undefined;
    // Row 2 edited (a typo, a value typed over it) under a title of this sheet: read by the title, as a blank row 2 is,
    // and said where to fix it. It was an unknown column and its data was dropped, so every row was «falta este dato»
    // under a column whose title is the template's own.
    const byTitle = !resolved && layout === 'template' && path && title ? titleToPath.get(normalizeLabel(title)) : undefined;
    if (byTitle && (resolved = std.resolve(byTitle))) {
      findings.push(finding('sheet.path-edited', 'warning', { header: bareTitle(title), written: path, path: byTitle }, { cell: { ...cell, header: bareTitle(title) } }));
    }
    if (!resolved) {
      // The template's titles it probably is, when retitled (closest-titles.ts): for the first few only, as a sheet
      // may have thousands of columns nobody retitled.
      const suggested = titleSheet && layout !== 'plain' && unknown++ < SUGGESTED_COLUMNS ? closestTitles(shown, titleSheet.columns.map((col) => col.title), titles) : [];
      findings.push(finding('sheet.unknown-column', 'warning', { header: shown, ...(suggested.length ? { suggested: formatList(suggested.map((t) => `«${t}»`), 'o') } : {}) }, { cell }));
      continue;
    }
    const seenKey = flat ? `${resolved.field}\u0000${resolved.indexes.join('/')}` : resolved.field;
    const prior = seen.get(seenKey);
    if (prior !== undefined) {
      findings.push(finding('sheet.duplicate-column', 'warning', { header: shown, firstColumn: prior + 1 }, { cell }));
      continue;
    }
    seen.set(seenKey, c);
    // The header without the required mark: messages name the column («Identificador del proyecto»), and the mark
    // read as part of its name («Identificador del proyecto *»).
    // Written out rather than spread from `resolved`: one hidden class for every bound column (see valueSpec).
    candidates.push({ field: resolved.field, arrays: resolved.arrays, rel: resolved.rel, indexes: resolved.indexes, index: c, level: resolved.arrays.length, header: bareTitle(shown), value: std.valueSpec(resolved.field) });
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
  // The sheet's own item at each level: the lowest index written for it (flatten-tool orders items by index).
  const mainIndexes: string[] = [];
  for (let k = 0; k < arrays.length; k++) {
    let low: string | undefined;
    for (const col of candidates) {
      if (col.arrays.length <= k || col.arrays[k] !== arrays[k]) continue;
      let onMain = true;
      for (let j = 0; j < k && onMain; j++) onMain = col.arrays[j] === arrays[j] && col.indexes[j] === mainIndexes[j];
      if (onMain && (low === undefined || compareIndex(col.indexes[k], low) < 0)) low = col.indexes[k];
    }
    mainIndexes.push(low ?? '0');
  }
  const columns: BoundColumn[] = [];
  const others: BoundColumn[] = [];
  for (const col of candidates) {
    const isPrefix = col.arrays.length <= arrays.length && col.arrays.every((a, i) => a === arrays[i] && col.indexes[i] === mainIndexes[i]);
    if (isPrefix) columns.push(col);
    else if (flat) others.push(col);
    else findings.push(finding('sheet.column-other-array', 'warning', { header: col.header }, { cell: { sheet: model.name, row: headerRowIndex + 1, column: col.index + 1, header: col.header } }));
  }

  const rootKey = columns.find((c) => c.arrays.length === 0 && c.field === ROOT_KEY[standard]);
  if (!rootKey) {
    findings.push(finding('sheet.missing-key-column', 'error', { column: ROOT_KEY[standard] }, { cell: sheetCell }));
    return { kind: 'failed' };
  }
  const levelKeys = arrays.map((_, i) => columns.find((c) => c.arrays.length === i + 1 && c.rel.length === 1 && c.rel[0] === 'id'));
  // flatten-tool joins a row to an item by its id when the row has one, and makes a new item when it does not.
  for (let i = 0; i < arrays.length - 1 && !flat; i++) {
    if (!levelKeys[i]) {
      findings.push(finding('sheet.missing-key-column', 'error', { column: `${arrays[i]}/id` }, { cell: sheetCell }));
      return { kind: 'failed' };
    }
  }
  const dataStart = layout === 'template' ? headerRowIndex + 1 : base + (config ? config.headerRows : 1);
  findings.push(...dataWithoutHeader(model, dataStart, width, unlabeled));
  const extras = extraGroups(others, arrays, mainIndexes);
  const headingTitles = spec ? { headingTitles: new Set(titleIndex(spec).keys()) } : {};
  return { kind: 'bound', sheet: { name: model.name, standard, flat, extras, arrays, headingStart: base, dataStart, columns, rootKey, levelKeys, ...headingTitles } };
}

/** Groups the columns off the sheet's own items by the item they write (see ExtraGroup), built once per sheet. */
function extraGroups(others: BoundColumn[], arrays: string[], mainIndexes: string[]): ExtraGroup[] {
  if (!others.length) return [];
  interface Level { array: string; index: string }
  const levelsOf = new Map<BoundColumn, Level[]>();
  const shared = new Map<BoundColumn, number>();
  const keys = new Map<string, { levels: Level[]; main: number }>();
  const keyOf = (levels: Level[], n: number): string => levels.slice(0, n).map((l) => `${l.array}#${l.index}`).join('|');
  for (const col of others) {
    const levels = col.arrays.map((array, k) => ({ array, index: col.indexes[k] }));
    let main = 0;
    while (main < levels.length && main < arrays.length && levels[main].array === arrays[main] && levels[main].index === mainIndexes[main]) main++;
    levelsOf.set(col, levels);
    shared.set(col, main);
    for (let n = main + 1; n <= levels.length; n++) if (!keys.has(keyOf(levels, n))) keys.set(keyOf(levels, n), { levels: levels.slice(0, n), main });
  }
  // Parents before children, siblings in index order.
  const order = [...keys.entries()].sort(([, a], [, b]) => {
    for (let k = 0; k < Math.min(a.levels.length, b.levels.length); k++) {
      if (a.levels[k].array !== b.levels[k].array) return a.levels[k].array < b.levels[k].array ? -1 : 1;
      const c = compareIndex(a.levels[k].index, b.levels[k].index);
      if (c) return c;
    }
    return a.levels.length - b.levels.length;
  });
  const position = new Map<string, number>();
  const groups: ExtraGroup[] = order.map(([key, { levels, main }], i) => {
    position.set(key, i);
    const n = levels.length;
    const array = levels[n - 1].array;
    const outer = n > 1 ? levels[n - 2].array : '';
    const parentKey = n - 1 > main ? keyOf(levels, n - 1) : undefined;
    return {
      array,
      rel: (outer ? array.slice(outer.length + 1) : array).split('/'),
      parentGroup: parentKey === undefined ? undefined : position.get(parentKey),
      mainLevel: main,
      columns: [],
      scan: [],
    };
  });
  for (const col of others) {
    const levels = levelsOf.get(col) as Level[];
    const own = position.get(keyOf(levels, levels.length));
    if (own === undefined) continue; // a column of the sheet's own item at a shallower level never lands here
    const group = groups[own];
    group.columns.push(col);
    if (col.rel.length === 1 && col.rel[0] === 'id') group.id = col;
    for (let n = (shared.get(col) as number) + 1; n <= levels.length; n++) groups[position.get(keyOf(levels, n)) as number].scan.push(col.index);
  }
  return groups;
}

/** Cells of a row that must be the template's titles (or paths) for the row to be taken for that heading row. */
const MOVED_HEADING_CELLS = 2;

/**
 * Where a template sheet's heading rows went when they are not at its top (1-based rows): sorting a sheet without
 * saying it has headings (Excel's «Mis datos tienen encabezados» unticked, Sheets' «Ordenar rango» over row 1) moves
 * the titles and the paths among the data. The sheet was «No se encontraron los encabezados… Restaure esas filas
 * desde una plantilla en blanco», though they were still there, a few rows down. A row counts when most of its
 * filled cells are the sheet's titles (or its paths), at least two. Only asked of a sheet whose headings were not
 * found, and a row is looked at whole only when its first cell is one of them (one Set lookup per row).
 */
export function movedHeadings(model: SheetModel, spec: SheetSpec): { titlesRow?: number; pathsRow?: number } | undefined {
  const titles = titleIndex(spec);
  const paths = new Set(spec.columns.map((c) => c.path));
  const kindOf = (h: string): 'title' | 'path' | undefined => (paths.has(h.trim()) ? 'path' : titles.has(normalizeLabel(h)) ? 'title' : undefined);
  let titlesRow: number | undefined;
  let pathsRow: number | undefined;
  for (let r = 0; r < model.rows.length && (titlesRow === undefined || pathsRow === undefined); r++) {
    const row = model.rows[r];
    if (!Array.isArray(row) || typeof row[0] !== 'string' || !kindOf(row[0])) continue;
    const cells = headings(row).filter((h) => h.trim() !== '');
    for (const kind of ['title', 'path'] as const) {
      const n = cells.filter((h) => kindOf(h) === kind).length;
      if (n < MOVED_HEADING_CELLS || n * 2 <= cells.length) continue;
      if (kind === 'title') titlesRow ??= r + 1; else pathsRow ??= r + 1;
    }
  }
  if (titlesRow === undefined && pathsRow === undefined) return undefined;
  return { ...(titlesRow !== undefined ? { titlesRow } : {}), ...(pathsRow !== undefined ? { pathsRow } : {}) };
}
