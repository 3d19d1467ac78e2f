/** Reads the workbook for the core pipeline: one `getValues()` per sheet, nothing cell by cell. */
import { CATALOG_SHEET, INSTRUCTIONS_SHEET } from '../../../core/template/settings';
import type { WorkbookModel } from '../../../core/workbook/model';
import type { SheetPort, SpreadsheetPort } from '../sheet-port';

/** Generated sheets that hold no data to convert. */
const NOT_DATA = new Set([CATALOG_SHEET, INSTRUCTIONS_SHEET]);

export function dataSheets(ss: SpreadsheetPort): SheetPort[] {
  return ss.sheets().filter((ws) => !NOT_DATA.has(ws.name()));
}

export function readWorkbook(sheets: SheetPort[]): WorkbookModel {
  return { sheets: sheets.map((ws) => ({ name: ws.name(), rows: ws.values() })) };
}
