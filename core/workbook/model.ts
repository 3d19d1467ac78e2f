/**
 * The workbook model every shell hands to the core: sheets of rows of cell values exactly as
 * Apps Script `Range.getValues()` and exceljs give them. Row 0 is the sheet's first row.
 */
export type CellValue = string | number | boolean | Date | null | undefined;

export interface SheetModel {
  name: string;
  rows: CellValue[][];
  /** Merged ranges as A1 strings ("B3:D3"), when the source knows them. */
  merges?: string[];
  /** How many merged ranges the sheet has, when the source kept only the first of them (`merges`). */
  mergeCount?: number;
  /**
   * Formula cells the file stores without a result (written by a program that does not calculate), when the source
   * knows them: they read blank. `cells`: the first few, as A1 references.
   */
  formulasWithoutResult?: { count: number; cells: string[] };
  /**
   * Rows with values that the file marks hidden (by hand or by a filter), when the source knows them: they are read
   * and published as any other. `rows`: the first few, 1-based, in order (hidden heading rows among them); `count`:
   * all of them. .xlsx files and the Sheets API (spreadsheets.get's rowMetadata, read with the columns') give them;
   * the add-on gives those a filter leaves out (a call per row only while a filter column has a criterion); rows hidden
   * by hand would need a call per row of every sheet (isRowHiddenByUser), too slow for its read.
   */
  hiddenRows?: { count: number; rows: number[] };
  /**
   * Columns the source marks hidden (hidden by the official), as ranges of 1-based column numbers, when it knows them:
   * an .xlsx file's `<col hidden="1">` ranges, the add-on's `isColumnHiddenByUser` of the columns that hold data.
   */
  hiddenColumns?: ColumnRange[];
  /**
   * Web links of cells (a text with a link: «Ver contrato» → https://…), by A1 reference, when the source knows them
   * (.xlsx files; Apps Script's getValues() and the Sheets API's values give the text only).
   */
  links?: Record<string, string>;
  /**
   * Link formulas of cells (`=HIPERVINCULO("https://…";"Ver contrato")`, core/unflatten/link-formula.ts), by A1
   * reference, when the source knows them: an .xlsx file's (with English names: `HYPERLINK("…","…")`) and the
   * add-on's `getFormulas()` of the link-column cells that show a text which is not an address.
   */
  formulas?: Record<string, string>;
}

/** Columns `from` to `to`, 1-based, both included. */
export interface ColumnRange { from: number; to: number }

export interface WorkbookModel {
  sheets: SheetModel[];
  /**
   * The workbook counts its days from 01/01/1904 (Excel for Mac's older date system, kept in a workbook made there;
   * LibreOffice offers it too), when the source knows it: a date typed as a plain number in a date column means a day
   * 1,462 days later than in the 1900 system every other workbook uses. Date cells come already read as Dates; only
   * .xlsx files say it (Google Sheets has one system, the 1900 one).
   */
  date1904?: boolean;
}

/** Spreadsheet letters → 1-based column number (A → 1, aa → 27): columnLetter's inverse. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The top-left cell of an A1 reference or range («$B$3», «B3:D4»), 1-based; undefined when it starts with none. */
export function cellStart(a1: string): { row: number; column: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)/i.exec(a1);
  return m ? { row: Number(m[2]), column: columnNumber(m[1]) } : undefined;
}

/** 1-based column number → spreadsheet letters (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
