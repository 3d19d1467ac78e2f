/**
 * Writes a workbook model to an .xlsx file with exceljs's streaming writer (rows are committed as they are
 * added, so 10,000-process workbooks do not sit in memory as exceljs cell objects). Used by the benchmark and
 * by tests that need a real file on disk.
 */
import ExcelJS from 'exceljs';
import type { WorkbookModel } from '../../core/workbook/model';

export async function writeXlsx(model: WorkbookModel, file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  for (const sheet of model.sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    for (const row of sheet.rows) {
      const r = ws.addRow(row.map((v) => (v === null || v === undefined || v === '' ? null : v)));
      // Dates need a date format, otherwise the reader hands back serial numbers.
      r.eachCell((cell) => { if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy'; });
      r.commit();
    }
    ws.commit();
  }
  await workbook.commit();
}
