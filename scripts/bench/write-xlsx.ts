/**
 * Writes a workbook model to an .xlsx file with exceljs's streaming writer (rows are committed as they are
 * added, so 10,000-process workbooks do not sit in memory as exceljs cell objects). Used by the benchmark and
 * by tests that need a real file on disk.
 */
import ExcelJS from 'exceljs';
import { columnLetter, type WorkbookModel } from '../../core/workbook/model';

export async function writeXlsx(model: WorkbookModel, file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  for (const sheet of model.sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    sheet.rows.forEach((row, i) => {
      // A cell with a link (SheetModel.links) is written as Excel's «Insertar vínculo» does: its text, and the address.
      const link = (c: number): string | undefined => sheet.links?.[`${columnLetter(c + 1)}${i + 1}`];
      // Array.from: a fresh array of this realm — exceljs tests `instanceof Array`, which a row from another realm
      // (structuredClone under jest, as test/example-workbooks.ts gives them) fails, and it then writes nothing.
      // Dates likewise (exceljs writes a Date only when `instanceof Date`).
      const r = ws.addRow(Array.from(row, (v, c) => (v === null || v === undefined || v === '' ? null
        : Object.prototype.toString.call(v) === '[object Date]' ? new Date((v as Date).getTime())
          : link(c) ? { text: String(v), hyperlink: link(c) as string } : v)));
      // Dates need a date format, otherwise the reader hands back serial numbers.
      r.eachCell((cell) => { if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy'; });
      r.commit();
    });
    ws.commit();
  }
  await workbook.commit();
}
