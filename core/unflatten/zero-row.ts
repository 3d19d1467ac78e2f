/**
 * A row that only a formula copied down the sheet filled (`=M5*1.16`, `=SUMA(C5:D5)`): no key, and 0 in its formula's
 * columns, on every row down to where the official dragged it (row 500, row 10,000). Each was an error for its
 * missing key, hundreds of them blocking the send, for rows the official sees as empty (0, «$0.00», «-» in an
 * accounting format, nothing where zeros are hidden) and that have nothing to publish. They are read as empty, and
 * the sheet says once which rows were (read-rows.ts). A row with a key, or with any other value, is read as before.
 */
import type { CellValue } from '../workbook/model';
import type { BoundColumn, BoundSheet } from './bind-sheet';
import { isBlankCell } from './clean-cell';

export function isZeroRow(row: readonly CellValue[], sheet: BoundSheet, columns: readonly BoundColumn[]): boolean {
  // The key first: a row of data has one, and this runs on every row.
  if (!isBlankCell(row[sheet.rootKey.index])) return false;
  for (const key of sheet.levelKeys) if (key && !isBlankCell(row[key.index])) return false;
  for (const col of columns) {
    const v = row[col.index];
    if (v !== 0 && !isBlankCell(v)) return false;
  }
  return true;
}
