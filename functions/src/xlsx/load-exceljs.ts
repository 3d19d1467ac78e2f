/**
 * exceljs, loaded the first time a workbook is written: loading it takes ~0.4 s (157 modules), and the API, the
 * server and the CLI start without it until a template, an import or the bulk files' `datos.xlsx` is written.
 * Imported at the top of the app, every start of the server paid it, and so did each test file that builds the app.
 * (Our .xlsx reader is our own: functions/src/ingest/xlsx.)
 */
import type * as ExcelJS from 'exceljs';

let loaded: typeof ExcelJS | undefined;

export function exceljs(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('exceljs') as typeof ExcelJS);
}
