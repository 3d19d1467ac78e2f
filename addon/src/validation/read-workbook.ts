/**
 * Reads the workbook for the core pipeline: one `getValues()` per sheet, nothing cell by cell, and the shown text of
 * the few cells that need it (numbers in text columns: a postal code formatted «00000»), one read per sheet that has
 * any (core/unflatten/shown-text.ts), and the web links behind texts in link columns («Contrato»), one read per sheet
 * that has such texts (core/unflatten/link-cells.ts).
 */
import { CATALOG_SHEET, INSTRUCTIONS_SHEET } from '../../../core/template/settings';
import { wallClock } from '../../../core/unflatten/time-zone';
import { numbersInTextColumns, withShownText, type ShownTextRange } from '../../../core/unflatten/shown-text';
import { computedAmountCandidates, linkCandidates, withFormulas, withLinks } from '../../../core/unflatten/link-cells';
import { columnLetter, type CellValue, type ColumnRange, type WorkbookModel } from '../../../core/workbook/model';
import { isBlankCell } from '../../../core/unflatten/clean-cell';
import type { SheetPort, SpreadsheetPort } from '../sheet-port';

/** Generated sheets that hold no data to convert; by name in any case, as Sheets tells names apart (create-template.ts). */
const NOT_DATA = new Set([CATALOG_SHEET, INSTRUCTIONS_SHEET].map((name) => name.toLocaleLowerCase('es-MX')));

export function dataSheets(ss: SpreadsheetPort): SheetPort[] {
  return ss.sheets().filter((ws) => !NOT_DATA.has(ws.name().toLocaleLowerCase('es-MX')));
}

/**
 * A date cell as the day and time the sheet shows, the way a file gives it (that clock time in UTC; midnight for a
 * date alone), which is the one way the engine reads a date cell (core/unflatten/parse-value.ts). `getValues()` gives
 * the instant in the spreadsheet's own time zone (File → Settings), which the engine then read in the Configuración
 * sheet's zone (Mexico City by default): in a spreadsheet of Quintana Roo (America/Cancun, an hour ahead), 31/03/2024
 * was read, validated and sent as 30 March. A date-time cell («31/03/2024 10:30») was sent as its day alone.
 * The clock is read from the instant in that zone, not guessed from the instant itself: read as «midnight here, or a
 * date alone in UTC», «31/03/2024 06:00» typed in Mexico City became the day alone (its clock is Apps Script's
 * midnight, 06:00 UTC) and «30/03/2024 18:00» the next day alone (its instant is UTC midnight).
 * «31/03/2024 00:00» is the day alone: Sheets stores the very same number for it, and both publish as that day's
 * midnight (`2024-03-31T00:00:00-06:00`), so nothing tells them apart nor needs to.
 */
function shownDay(v: CellValue, zone: string): CellValue {
  // Realm-safe: Apps Script's Date (and a vm's in tests) is not this realm's Date.
  if (v === null || typeof v !== 'object' || Object.prototype.toString.call(v) !== '[object Date]') return v;
  const time = (v as Date).getTime();
  if (Number.isNaN(time)) return v;
  // A zone outside the table (the spreadsheet's, rarely not Mexican): the instant read as UTC, as before.
  return new Date(wallClock(time, zone) ?? time);
}

export function readWorkbook(sheets: SheetPort[], zone: string): WorkbookModel {
  const raw: WorkbookModel = {
    sheets: sheets.map((ws) => {
      const rows = ws.values().map((row) => (row.some((v) => v !== null && typeof v === 'object') ? row.map((v) => shownDay(v, zone)) : row));
      // Merges are asked only of sheets with rows under the headers (one more call each): in Sheets, as in a file, a
      // value merged over rows is in the first row only, and the others read blank with no word unless said.
      const merges = rows.length > 2 ? ws.mergedRanges() : [];
      const hiddenColumns = rows.length > 2 ? hiddenWithData(ws, rows) : [];
      const hiddenRows = rows.length > 2 ? filteredWithData(ws, rows) : undefined;
      return { name: ws.name(), rows, ...(merges.length ? { merges } : {}), ...(hiddenColumns.length ? { hiddenColumns } : {}), ...(hiddenRows ? { hiddenRows } : {}) };
    }),
  };
  const ranges = numbersInTextColumns(raw);
  const shown = withShownText(raw, ranges, shownTexts(sheets, ranges));
  const { links, formulas } = linksOf(sheets, linkCandidates(shown));
  const linked = withFormulas(withLinks(shown, links), formulas);
  return withFormulas(linked, formulasOf(sheets, computedAmountCandidates(linked)));
}

/** Ranges of cells to read, by sheet: each sheet's are read in one call, of the block around them. */
function bySheet(ranges: ShownTextRange[]): Map<string, ShownTextRange[]> {
  const out = new Map<string, ShownTextRange[]>();
  for (const r of ranges) out.set(r.sheet, [...(out.get(r.sheet) ?? []), r]);
  return out;
}

/** The block of cells around a sheet's ranges (1-based row and column). */
function blockAround(own: ShownTextRange[]): { row: number; column: number; rows: number; columns: number } {
  const top = Math.min(...own.map((r) => r.fromRow));
  const left = Math.min(...own.map((r) => r.column));
  return { row: top, column: left, rows: Math.max(...own.map((r) => r.toRow)) - top + 1, columns: Math.max(...own.map((r) => r.column)) - left + 1 };
}

/** The texts a read of `block` gave in the ranges' cells, by A1, leaving out empty ones. */
function textsByA1(grid: unknown[][], block: { row: number; column: number }, own: ShownTextRange[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const r of own) {
    for (let row = r.fromRow; row <= r.toRow; row++) {
      const text = grid[row - block.row]?.[r.column - block.column];
      if (typeof text === 'string' && text !== '') found[`${columnLetter(r.column)}${row}`] = text;
    }
  }
  return found;
}

/**
 * The formulas of the cells of money columns holding more decimals than cents (`=H4/1.16`), by sheet and A1: one
 * getFormulas() per sheet that has any, of the block around them (usually none has: only a division leaves them).
 */
function formulasOf(sheets: SheetPort[], ranges: ShownTextRange[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const [name, own] of bySheet(ranges)) {
    const ws = sheets.find((s) => s.name() === name);
    if (!ws) continue;
    const block = blockAround(own);
    out.set(name, textsByA1(ws.formulas(block), block, own));
  }
  return out;
}

/** Columns asked whether hidden, per sheet: more than any template sheet has (a sheet of hundreds is no template). */
const HIDDEN_ASKED = 100;

/**
 * The columns the official hid among those holding values below the two heading rows, as ranges: one
 * isColumnHiddenByUser per such column (Apps Script has no batch read of it), none for a sheet without rows of data.
 */
function hiddenWithData(ws: SheetPort, rows: CellValue[][]): ColumnRange[] {
  const width = rows.reduce((n, row) => Math.max(n, row.length), 0);
  const ranges: ColumnRange[] = [];
  let asked = 0;
  for (let c = 0; c < width && asked < HIDDEN_ASKED; c++) {
    let data = false;
    for (let r = 2; r < rows.length && !data; r++) data = !isBlankCell(rows[r][c]);
    if (!data) continue;
    asked++;
    if (!ws.isColumnHidden(c + 1)) continue;
    const last = ranges[ranges.length - 1];
    if (last && last.to === c) last.to = c + 1; else ranges.push({ from: c + 1, to: c + 1 });
  }
  return ranges;
}

/** Rows a filter leaves out whose numbers are kept (the rest are counted), as the .xlsx reader keeps them. */
const FILTERED_KEPT = 8;

/**
 * The rows below the two heading rows that the sheet's filter leaves out and that hold values (SheetModel.hiddenRows):
 * an official who filtered rows out to «remove» them published them with no word from «Validar», where an .xlsx
 * says so. One getFilter() per sheet with data, and a call per row only while a column has a criterion
 * (SheetPort.rowsHiddenByFilter). Rows hidden by hand are not asked: that is a call per row of every sheet.
 */
function filteredWithData(ws: SheetPort, rows: CellValue[][]): { count: number; rows: number[] } | undefined {
  const hidden = ws.rowsHiddenByFilter(3, rows.length).filter((r) => (rows[r - 1] ?? []).some((v) => !isBlankCell(v)));
  return hidden.length ? { count: hidden.length, rows: hidden.slice(0, FILTERED_KEPT) } : undefined;
}

/**
 * The links of the cells of link columns that show a text («Contrato»), by sheet and A1: one getRichTextValues() per
 * sheet that has any, of the block around them (usually no sheet has: addresses typed as text need nothing). Where
 * such a cell has no link, the block's formulas too, one getFormulas(): a link formula
 * (`=HIPERVINCULO("https://…";"Ver contrato")`) gives no link to getRichTextValues() that its documentation promises.
 */
function linksOf(sheets: SheetPort[], ranges: ShownTextRange[]): { links: Map<string, Record<string, string>>; formulas: Map<string, Record<string, string>> } {
  const out = new Map<string, Record<string, string>>();
  const formulasOut = new Map<string, Record<string, string>>();
  for (const [name, own] of bySheet(ranges)) {
    const ws = sheets.find((s) => s.name() === name);
    if (!ws) continue;
    const block = blockAround(own);
    const found = textsByA1(ws.links(block), block, own);
    out.set(name, found);
    const cells = own.reduce((n, r) => n + r.toRow - r.fromRow + 1, 0);
    if (Object.keys(found).length < cells) formulasOut.set(name, textsByA1(ws.formulas(block), block, own));
  }
  return { links: out, formulas: formulasOut };
}

/**
 * The shown texts of the ranges, one getDisplayValues() per sheet: numbers typed as ids (1, 2, 3) in several text
 * columns of a sheet are usual, and each Apps Script call costs more than the cells it reads. A sheet whose ranges lie
 * far apart (the block around them more than twice their cells, and large) is read range by range instead.
 */
function shownTexts(sheets: SheetPort[], ranges: ShownTextRange[]): (string[][] | undefined)[] {
  const out: (string[][] | undefined)[] = new Array(ranges.length);
  const indexesBySheet = new Map<string, number[]>();
  ranges.forEach((r, i) => indexesBySheet.set(r.sheet, [...(indexesBySheet.get(r.sheet) ?? []), i]));
  for (const [name, indexes] of indexesBySheet) {
    const ws = sheets.find((s) => s.name() === name);
    if (!ws) continue;
    const own = indexes.map((i) => ranges[i]);
    const block = blockAround(own);
    const cells = own.reduce((n, r) => n + r.toRow - r.fromRow + 1, 0);
    if (block.rows * block.columns > 2 * cells + 5000) {
      for (const i of indexes) out[i] = ws.displayValues({ row: ranges[i].fromRow, column: ranges[i].column, rows: ranges[i].toRow - ranges[i].fromRow + 1, columns: 1 });
      continue;
    }
    const texts = ws.displayValues(block);
    for (const i of indexes) {
      const r = ranges[i];
      out[i] = texts.slice(r.fromRow - block.row, r.toRow - block.row + 1).map((row) => [row[r.column - block.column]]);
    }
  }
  return out;
}
