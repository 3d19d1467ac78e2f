/**
 * A note under the data, or between its blocks: «Fuente: Dirección de Obras Públicas, con datos al 31/03/2024»,
 * «Elaboró: Ing. …» — one text in the first column, often merged across the row. The first column is the document's
 * key, so it read as a process or project of that name: about ten errors a note («no es un identificador válido», «Falta
 * este dato» in each required column) asking to fill in a row that was never data. A row is one when its only value in
 * the template's columns is a text with spaces in that key column (an OCID or a project id has none): it is left out,
 * and a warning says so (read-rows.ts). A row with any other value is data, and read as any other.
 */
import type { CellValue } from '../workbook/model';
import type { BoundColumn, BoundSheet } from './bind-sheet';
import { isBlankCell } from './clean-cell';

/** The note's text when the row is a note (see above), else undefined. `columns`: the sheet's template columns. */
export function noteText(row: readonly CellValue[] | undefined, sheet: BoundSheet, columns: readonly BoundColumn[]): string | undefined {
  if (sheet.flat || !row) return undefined;
  const v = row[sheet.rootKey.index];
  // One look at the key is all a data row costs (it runs on every row): keys are short and have no spaces.
  if (typeof v !== 'string' || !/\S\s+\S/.test(v)) return undefined;
  for (const col of columns) if (col !== sheet.rootKey && !isBlankCell(row[col.index])) return undefined;
  return v.trim();
}
