/**
 * The text a submission's snapshot is kept as, whose SHA-256 is its content hash (the revision under review,
 * functions/src/workflow/snapshot.ts). Here, in core, so that the add-on hashes the values it just read exactly as the
 * server hashed the ones it sent: with a self-hosted server, «Validar» tells whether the sheet still holds what was
 * sent by comparing that hash with the snapshot's, instead of uploading the whole workbook's values each time.
 */
import type { CellValue, WorkbookModel } from '../workbook/model';

/** Dates are kept as `{"$d": iso}` so a Date cell comes back a Date (the core treats sheet dates and text differently). */
export type StoredCell = string | number | boolean | null | { $d: string };

export function snapshotText(workbook: WorkbookModel): { text: string; sheets: number; rows: number } {
  const sheets = workbook.sheets.map((s) => ({
    name: s.name,
    // Realm-safe: a Date from another realm (a vm, jest) fails `instanceof` and was kept as its ISO text.
    rows: s.rows.map((row) => row.map((v): StoredCell => (Object.prototype.toString.call(v) === '[object Date]' ? { $d: (v as Date).toISOString() } : v === undefined ? null : v as Exclude<CellValue, Date | undefined>))),
    ...(s.merges?.length ? { merges: s.merges } : {}),
    ...(s.mergeCount !== undefined ? { mergeCount: s.mergeCount } : {}),
    // What the engine reads beside the values (core/workbook/model.ts): approval must see what intake saw.
    ...(s.links ? { links: s.links } : {}),
    ...(s.formulas ? { formulas: s.formulas } : {}),
    ...(s.formulasWithoutResult ? { formulasWithoutResult: s.formulasWithoutResult } : {}),
    ...(s.hiddenRows ? { hiddenRows: s.hiddenRows } : {}),
    ...(s.hiddenColumns?.length ? { hiddenColumns: s.hiddenColumns } : {}),
  }));
  // The date system only when it is 1904 (WorkbookModel.date1904): approval reads a plain number in a date column as
  // intake did, and every other snapshot keeps its bytes, so its content hash.
  const kept = workbook.date1904 === true ? { sheets, date1904: true } : { sheets };
  return { text: JSON.stringify(kept), sheets: sheets.length, rows: sheets.reduce((n, s) => n + s.rows.length, 0) };
}
