/**
 * The narrow port the add-on uses over SpreadsheetApp: only batch operations (one call per block), so the
 * real adapter stays a thin translation and tests run against a typed in-memory fake.
 */
import type { CellValue } from '../../core/workbook/model';

/** A rectangle of cells, 1-based like Apps Script `getRange(row, column, rows, columns)`. */
export interface Block {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface FontStyle {
  bold?: boolean;
  size?: number;
  color?: string;
}

export interface ListValidation {
  /** Sheet and A1 range holding the allowed values (the hidden catalogue sheet). */
  sourceSheet: string;
  sourceA1: string;
  /** false: other values are accepted and only flagged (open codelists, lists of several codes). */
  strict: boolean;
  helpText: string;
}

export interface SheetPort {
  name(): string;
  /**
   * The sheet's id (`getSheetId()`, the `gid` of its address): it stays when the official renames or moves the tab,
   * so a finding and the marks follow a sheet renamed after validating.
   */
  id(): number;
  /**
   * The sheet's grid (`getMaxRows()` / `getMaxColumns()`): a sheet Sheets adds has 1,000 rows and 26 columns, and any
   * range reaching past them is refused («The coordinates of the range are outside the dimensions of the sheet»).
   */
  maxRows(): number;
  maxColumns(): number;
  /** Grows the grid to at least `rows` × `columns` (`insertRowsAfter` / `insertColumnsAfter`); never shrinks it. */
  ensureSize(rows: number, columns: number): void;
  /** Deletes the grid's columns past `column` (`deleteColumns`), when it has any. */
  dropColumnsAfter(column: number): void;
  /** Last row / column holding content (0 for an empty sheet), as `getLastRow()` / `getLastColumn()`. */
  lastRow(): number;
  lastColumn(): number;
  /** Everything from A1 to the last row and column, in one read (`getDataRange().getValues()`). */
  values(): CellValue[][];
  /**
   * The cells as the sheet shows them, as text (`getDisplayValues()`): read only for the few cells where a number's
   * format says more than the number (core/unflatten/shown-text.ts).
   */
  displayValues(block: Block): string[][];
  /**
   * The web link of each cell (`getRichTextValues()` → `RichTextValue.getLinkUrl()`), null where it has none, several
   * or no text: read only for the cells of link columns that show a text (core/unflatten/link-cells.ts).
   */
  links(block: Block): (string | null)[][];
  /**
   * The formula of each cell (`getFormulas()`), '' where it has none: read only for the cells of link columns that
   * show a text and have no link, for a link formula's address (`=HIPERVINCULO("https://…";"Ver")`).
   */
  formulas(block: Block): string[][];
  /**
   * The merged ranges among the cells with content, as A1 (`B3:B5`), as `getDataRange().getMergedRanges()` gives
   * them: a value merged over several rows is in the first row only, and the engine says so (sheet.merged-cells).
   */
  mergedRanges(): string[];
  setValues(block: Block, values: CellValue[][]): void;
  notes(block: Block): string[][];
  setNotes(block: Block, notes: string[][]): void;
  /** Colours as `#rrggbb`; `#ffffff` when the cell has no fill. */
  backgrounds(block: Block): string[][];
  /** `null` resets a cell to no fill. */
  setBackgrounds(block: Block, colors: (string | null)[][]): void;
  setFontStyle(block: Block, style: FontStyle): void;
  setNumberFormat(block: Block, format: string): void;
  setWrap(block: Block, wrap: boolean): void;
  setListValidation(block: Block, rule: ListValidation): void;
  /** Drop-down from `fromRow` to the bottom of the column, rows added later included (A1 `C3:C`). */
  setColumnListValidation(column: number, fromRow: number, rule: ListValidation): void;
  /** Number format from `fromRow` to the bottom of the column (A1 `C3:C`). */
  setColumnNumberFormat(column: number, fromRow: number, format: string): void;
  /** Protection that warns before editing instead of locking: the sheet is shared by several offices. */
  protectWithWarning(block: Block, description: string): void;
  /** `count` columns from `column` on, each `pixels` wide, in one call (`setColumnWidths`). */
  setColumnWidths(column: number, count: number, pixels: number): void;
  setRowHeight(row: number, pixels: number): void;
  setFrozenRows(rows: number): void;
  setFrozenColumns(columns: number): void;
  /** Tab colour as `#rrggbb`. */
  setTabColor(color: string): void;
  clear(): void;
  hide(): void;
  isHidden(): boolean;
  /**
   * Whether the official hid the column (`isColumnHiddenByUser`), 1-based: asked only of the columns that hold data
   * below the headings, one call each (no batch read gives it), for the engine's warning (core/unflatten/hidden-columns.ts).
   */
  isColumnHidden(column: number): boolean;
  /**
   * The rows from `fromRow` to `toRow` (1-based) that the sheet's filter leaves out: [] without a filter, or when none
   * of its columns has a criterion (filter buttons left on hide nothing), asked without a call per row; else one
   * isRowHiddenByFilter per row (no batch read gives it), for the engine's warning (sheet.hidden-rows).
   */
  rowsHiddenByFilter(fromRow: number, toRow: number): number[];
  /** Makes this sheet active and selects one cell. */
  select(row: number, column: number): void;
}

export interface SpreadsheetPort {
  id(): string;
  name(): string;
  timeZone(): string;
  /** The spreadsheet's locale (`es_MX`, `en_US`): it decides how Sheets reads a date typed as 01/04/2024. */
  locale(): string;
  setLocale(locale: string): void;
  sheets(): SheetPort[];
  sheet(name: string): SheetPort | null;
  /** The sheet whose id() is `id`, whatever it is called now; null when it was deleted. */
  sheetById(id: number): SheetPort | null;
  /** Adds a sheet after the last one. */
  insertSheet(name: string): SheetPort;
  /**
   * Spreadsheet.toast(msg, title, timeoutSeconds): `seconds` as long as it takes to read (toast-time.ts); negative, until
   * it is closed.
   */
  toast(message: string, title: string, seconds: number): void;
}
