/**
 * A workbook the template writer made (import, template), read by ExcelJS for its cells only: values, types and
 * number formats. ExcelJS's reader expands each drop-down's range into one entry per cell (D3:D10002 is 10,000) and
 * makes a Column object for each column of a `<col>` range (the unlocked columns past a sheet's own reach XFD,
 * 16,384 of them): about a second of CPU per workbook, for nothing a test of cells looks at. Both are left out
 * before ExcelJS reads it — the drop-downs, and the range past a sheet's own columns, cut to its first column; the
 * cells, their styles and every other part are read as written. Tests of the drop-downs and of the unlocked columns
 * read the file whole (template-xlsx.test.ts).
 */
import * as fs from 'fs';
import { unzipSync, zipSync } from 'fflate';
import type ExcelJS from 'exceljs';
import { exceljs } from '../../functions/src/xlsx/load-exceljs';

const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
/** Excel's last column, where the template's unlocked range ends. */
const TO_LAST_COLUMN = /(<col min="(\d+)" max=")16384"/g;

export async function xlsxCells(file: string): Promise<ExcelJS.Workbook> {
  const parts = unzipSync(fs.readFileSync(file));
  for (const [name, bytes] of Object.entries(parts)) {
    if (!SHEET.test(name)) continue;
    const xml = Buffer.from(bytes).toString('utf8').replace(/<dataValidations[\s\S]*?<\/dataValidations>/, '').replace(TO_LAST_COLUMN, (_m, head: string, min: string) => `${head}${min}"`);
    parts[name] = Buffer.from(xml, 'utf8');
  }
  const zipped = zipSync(parts, { level: 0 });
  const book = new (exceljs().Workbook)();
  await book.xlsx.load(zipped.buffer.slice(zipped.byteOffset, zipped.byteOffset + zipped.byteLength) as ArrayBuffer);
  return book;
}
