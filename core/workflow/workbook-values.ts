/**
 * A workbook as JSON values (`WorkbookValues`), for a client that sends the values it read rather than a file (the
 * add-on to a self-hosted server, which cannot read Google Sheets). Read back by the engine, they give what the
 * workbook itself gives: a date cell travels as the calendar day the sheet shows, in the time zone of the workbook's
 * Configuración sheet (parse-value.ts `sheetDateText`), not as the instant of its midnight.
 */
import type { CellValue, WorkbookModel } from '../workbook/model';
import { sheetDateText } from '../unflatten/parse-value';
import { readSettings, settingsSheetOf } from '../unflatten/settings-reader';
import type { JsonCell, WorkbookValues } from './contract';

function jsonCell(v: CellValue, zone: string): JsonCell {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : sheetDateText(v, zone);
  return v === undefined ? null : v;
}

export function workbookValues(workbook: WorkbookModel): WorkbookValues {
  // The Configuración sheet's problems are the validation's to report; here only its time zone is read.
  const zone = readSettings(settingsSheetOf(workbook.sheets), []).timeZone;
  return { sheets: workbook.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.map((v) => jsonCell(v, zone))), ...(s.merges?.length ? { merges: [...s.merges] } : {}), ...(s.links && Object.keys(s.links).length ? { links: { ...s.links } } : {}) })) };
}
