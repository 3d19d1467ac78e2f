/**
 * What a bound sheet's merged ranges mean for the rows they span. Every reader (.xlsx, Apps Script's getValues(), the
 * Sheets API) gives a merge's value in its top-left cell only, and the other cells read blank, though the sheet shows
 * the value across them all.
 * - An official merges a key column (the process's OCID, the project's id, a parent's or an item's id) down the rows
 *   of one process to group them: those rows are theirs, as the sheet shows, and were published unlinked (or refused
 *   for a missing key) with only a warning. The value is read into every row of the merge that holds data, and an info
 *   finding says so (sheet.merged-key-filled). A row with nothing else stays blank: it is an empty row.
 * - Any other merge keeps its warning (sheet.merged-cells), naming the rows that lose the value; a merge that loses
 *   nothing (over rows of one same item, or over rows with nothing else) is not said.
 * Each reader gives the ranges as A1 strings (`B3:B5`), so the add-on, the server and the CLI read merges alike here.
 */
import { finding, type Finding } from '../findings/finding';
import { formatCount } from '../format/es-mx';
import { cellStart, columnNumber, type CellValue } from '../workbook/model';
import type { BoundColumn, BoundSheet } from './bind-sheet';
import { isBlankCell } from './clean-cell';
import { noteText } from './note-row';
import { rowList } from './row-list';

/** Merged ranges named one by one in each sheet's findings of a kind; the last one named counts the rest. */
export const MERGES_NAMED = 20;
/**
 * Ranges looked at one by one (the .xlsx reader keeps as many): a request can declare millions, and the rest are only
 * counted in the warning, as before.
 */
const MERGES_READ = 1_000;

interface Range { text: string; top: number; left: number; bottom: number; right: number }

/** "B3:D4" (or "B3") → 1-based corners, top-left first; undefined when it is not an A1 range. */
function parseRange(text: string): Range | undefined {
  const m = /^\s*\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?\s*$/i.exec(text);
  if (!m) return undefined;
  const [c1, r1] = [columnNumber(m[1]), Number(m[2])];
  const [c2, r2] = m[3] ? [columnNumber(m[3]), Number(m[4])] : [c1, r1];
  return { text, top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/** Whether the row holds a value outside the given columns (0-based). */
function hasOtherData(row: readonly CellValue[] | undefined, skip: (index: number) => boolean): boolean {
  if (!row) return false;
  for (let i = 0; i < row.length; i++) if (!skip(i) && !isBlankCell(row[i])) return true;
  return false;
}

function shown(v: CellValue): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v).trim();
}

/**
 * The sheet's rows with each key merged over rows read into them (new row arrays where changed; `rows` itself is not
 * changed), and the findings about its merges. `total`: how many ranges the sheet has, when its reader kept fewer.
 */
export function readMerges(rows: CellValue[][], sheet: BoundSheet, merges: readonly unknown[], total = merges.length): { rows: CellValue[][]; findings: Finding[] } {
  const keys = new Map<number, BoundColumn>();
  for (const key of [sheet.rootKey, ...sheet.levelKeys]) if (key) keys.set(key.index, key);
  const out = rows.slice();
  // Rows are copied before a value is read into them: the model may be the caller's (a snapshot, a test's).
  const copied = new Set<number>();
  const writable = (r: number): CellValue[] => {
    if (!copied.has(r)) { out[r] = (out[r] ?? []).slice(); copied.add(r); }
    return out[r];
  };
  // Merges never overlap in a real sheet, so the rows looked at are at most the sheet's cells; a request's
  // overlapping ones stop being read past this many (and are warned as they were).
  let budget = 4 * rows.length + 10_000;
  const filled: Finding[] = [];
  const warned: { text: string; lost?: number[] }[] = [];
  const later: Range[] = [];

  const read = sheet.columns.map((c) => c.index);
  const bound = (range: Range): boolean => read.some((i) => i >= range.left - 1 && i <= range.right - 1);
  const kept = merges.slice(0, MERGES_READ).map((m) => String(m));
  for (const text of kept) {
    const range = parseRange(text);
    // A title block's merge above the headings (bind-sheet.ts): nothing there is read, so nothing is lost.
    if (range && range.bottom <= sheet.headingStart) continue;
    // A merge over the official's own columns only («Obra» merged down a process's rows): they are not read (the
    // column's sheet.unknown-column says so), and «las filas 4 a 6 se publicarían sin él» had them split it for nothing.
    if (range && !bound(range)) continue;
    // A note's merge across its row (note-row.ts): the row is not read, and its own warning says so.
    if (range && range.top === range.bottom && range.top > sheet.dataStart && noteText(out[range.top - 1], sheet, sheet.columns) !== undefined) continue;
    const key = range ? keys.get(range.left - 1) : undefined;
    const inData = !!range && range.top > sheet.dataStart && range.bottom > range.top;
    if (!range || !inData || !key) { if (range && inData) later.push(range); else warned.push({ text }); continue; }
    const value = out[range.top - 1]?.[key.index];
    if (isBlankCell(value) || budget <= 0) { later.push(range); continue; }
    const into: number[] = [];
    for (let r = range.top + 1; r <= Math.min(range.bottom, out.length) && budget-- > 0; r++) {
      const row = out[r - 1];
      // A row with nothing else is an empty row under the merge: it stays blank.
      if (!isBlankCell(row?.[key.index]) || !hasOtherData(row, (i) => i === key.index)) continue;
      const target = writable(r - 1);
      while (target.length < key.index) target.push(null);
      target[key.index] = value;
      into.push(r);
    }
    if (into.length) filled.push(finding('sheet.merged-key-filled', 'info', { range: text, column: key.header, value: shown(value as CellValue), rows: rowList(into), rowCount: into.length }, { cell: { sheet: sheet.name, row: range.top, column: range.left, header: key.header } }));
  }

  // Other merges over data rows, once every key is read: the rows below the first that have data and lose the value.
  const keyColumns = [...keys.keys()];
  const itemOf = (r: number): string | undefined => {
    const row = out[r - 1];
    const values = keyColumns.map((i) => row?.[i]);
    return values.some((v) => isBlankCell(v)) ? undefined : JSON.stringify(values.map((v) => shown(v as CellValue)));
  };
  for (const range of later) {
    if (isBlankCell(out[range.top - 1]?.[range.left - 1])) { warned.push({ text: range.text }); continue; }
    const inMerge = (i: number): boolean => i >= range.left - 1 && i <= range.right - 1;
    const lost: number[] = [];
    const item = itemOf(range.top);
    let oneItem = item !== undefined;
    for (let r = range.top + 1; r <= Math.min(range.bottom, out.length) && budget-- > 0; r++) {
      if (!hasOtherData(out[r - 1], inMerge)) continue;
      lost.push(r);
      if (itemOf(r) !== item) oneItem = false;
    }
    // Every row with data is of the same process or item: its value is read once for it, and nothing is lost.
    if (budget > 0 && (lost.length === 0 || oneItem)) continue;
    warned.push({ text: range.text, ...(range.right === range.left && lost.length ? { lost } : {}) });
  }

  const findings: Finding[] = [];
  const counted = (list: readonly Finding[], more: number, words: [string, string]): Finding[] => list.slice(0, MERGES_NAMED).map((f, k) => (k === MERGES_NAMED - 1 && more > 0 ? { ...f, params: { ...f.params, range: `${String(f.params.range)}, y ${formatCount(more, ...words)} en esta hoja` } } : f));
  findings.push(...counted(filled, filled.length - MERGES_NAMED, ['rango combinado más', 'rangos combinados más']));
  // The ranges not kept by the reader, or not read here, are counted with the warnings: nothing is known of them.
  const unread = Math.max(total, merges.length) - kept.length;
  const warnings = warned.slice(0, MERGES_NAMED).map(({ text, lost }) => {
    const start = cellStart(text);
    return finding('sheet.merged-cells', 'warning', { range: text, ...(lost ? { rows: rowList(lost), rowCount: lost.length } : {}) }, { cell: start ? { sheet: sheet.name, ...start } : { sheet: sheet.name } });
  });
  findings.push(...counted(warnings, warned.length + unread - MERGES_NAMED, ['rango combinado más', 'rangos combinados más']));
  return { rows: out, findings };
}

/** The warnings of a sheet no engine binds (no template columns): each range as it was, up to MERGES_NAMED. */
export function mergeWarnings(name: string, merges: readonly unknown[], total = merges.length): Finding[] {
  const named = merges.slice(0, MERGES_NAMED).map((m) => String(m));
  return named.map((text, k) => {
    const start = cellStart(text);
    const more = k === MERGES_NAMED - 1 && total > MERGES_NAMED ? `, y ${formatCount(total - MERGES_NAMED, 'rango combinado más', 'rangos combinados más')} en esta hoja` : '';
    return finding('sheet.merged-cells', 'warning', { range: `${text}${more}` }, { cell: start ? { sheet: name, ...start } : { sheet: name } });
  });
}
