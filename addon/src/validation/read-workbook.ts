/**
 * Reads the workbook for the core pipeline: one `getValues()` per sheet, nothing cell by cell, and the shown text of
 * the few cells that need it (numbers in text columns: a postal code formatted «00000»), one read per such column.
 */
import { CATALOG_SHEET, INSTRUCTIONS_SHEET } from '../../../core/template/settings';
import { sheetDateText } from '../../../core/unflatten/parse-value';
import { numbersInTextColumns, withShownText } from '../../../core/unflatten/shown-text';
import type { CellValue, WorkbookModel } from '../../../core/workbook/model';
import type { SheetPort, SpreadsheetPort } from '../sheet-port';

/** Generated sheets that hold no data to convert. */
const NOT_DATA = new Set([CATALOG_SHEET, INSTRUCTIONS_SHEET]);

export function dataSheets(ss: SpreadsheetPort): SheetPort[] {
  return ss.sheets().filter((ws) => !NOT_DATA.has(ws.name()));
}

/**
 * A date cell as the day the sheet shows, the way a file gives it (midnight UTC of that day). `getValues()` gives the
 * instant of midnight in the spreadsheet's own time zone (File → Settings), which the engine then read in the
 * Configuración sheet's zone (Mexico City by default): in a spreadsheet of Quintana Roo (America/Cancun, an hour
 * ahead), 31/03/2024 was read, validated and sent as 30 March.
 */
function shownDay(v: CellValue, zone: string): CellValue {
  // Realm-safe: Apps Script's Date (and a vm's in tests) is not this realm's Date.
  if (v === null || typeof v !== 'object' || Object.prototype.toString.call(v) !== '[object Date]') return v;
  const time = (v as Date).getTime();
  if (Number.isNaN(time)) return v;
  const [y, m, d] = sheetDateText(new Date(time), zone).split('-').map(Number);
  const day = new Date(Date.UTC(2000, m - 1, d));
  day.setUTCFullYear(y);
  return day;
}

export function readWorkbook(sheets: SheetPort[], zone: string): WorkbookModel {
  const raw: WorkbookModel = { sheets: sheets.map((ws) => ({ name: ws.name(), rows: ws.values().map((row) => (row.some((v) => v !== null && typeof v === 'object') ? row.map((v) => shownDay(v, zone)) : row)) })) };
  const ranges = numbersInTextColumns(raw);
  const shown = ranges.map((r) => sheets.find((ws) => ws.name() === r.sheet)?.displayValues({ row: r.fromRow, column: r.column, rows: r.toRow - r.fromRow + 1, columns: 1 }));
  return withShownText(raw, ranges, shown);
}
