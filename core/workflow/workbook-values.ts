/**
 * A workbook as JSON values (`WorkbookValues`), for a client that sends the values it read rather than a file (the
 * add-on to a self-hosted server, which cannot read Google Sheets). Read back by the engine, they give what the
 * workbook itself gives: a date cell travels as the calendar day the sheet shows, in the time zone of the workbook's
 * Configuración sheet (parse-value.ts `sheetDateText`), not as the instant of its midnight; one with a time, as its
 * date-time in that zone.
 */
import type { CellValue, WorkbookModel } from '../workbook/model';
import { parseDate, sheetDateText } from '../unflatten/parse-value';
import { readSettings, settingsSheetOf } from '../unflatten/settings-reader';
import type { JsonCell, WorkbookValues } from './contract';

/**
 * A date cell with a time of day travels as the date-time the engine reads of it (`2024-03-31T10:30:00-06:00`), which
 * it reads back as it is: as the day alone, the time was dropped between the add-on and the server. A time without a
 * date (the sheet's day 0) travels as the time it shows, which the server refuses as no date, as the add-on does.
 */
function jsonCell(v: CellValue, zone: string): JsonCell {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    const day = sheetDateText(v);
    const read = parseDate(v, zone);
    if (read === undefined && v.getUTCFullYear() < 1900) return new Date(Math.round(v.getTime() / 1000) * 1000).toISOString().slice(11, 19);
    return read !== undefined && read.slice(11, 19) !== '00:00:00' ? read : day;
  }
  return v === undefined ? null : v;
}

export function workbookValues(workbook: WorkbookModel): WorkbookValues {
  // The Configuración sheet's problems are the validation's to report; here only its time zone is read.
  const zone = readSettings(settingsSheetOf(workbook.sheets), []).timeZone;
  return { sheets: workbook.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.map((v) => jsonCell(v, zone))), ...(s.merges?.length ? { merges: [...s.merges] } : {}), ...(s.links && Object.keys(s.links).length ? { links: { ...s.links } } : {}), ...(s.formulas && Object.keys(s.formulas).length ? { formulas: { ...s.formulas } } : {}), ...(s.hiddenColumns?.length ? { hiddenColumns: s.hiddenColumns.map((r) => ({ ...r })) } : {}), ...(s.hiddenRows?.count ? { hiddenRows: { count: s.hiddenRows.count, rows: [...s.hiddenRows.rows] } } : {}) })) };
}
