/**
 * Columns the official hid that still hold data. Hiding a column is how officials tidy the template (DESIGN §4: the
 * columns they do not use), and a hidden column's values are read and published like any other: data the official
 * (and the coordinator reviewing the sheet) no longer sees goes out unseen — an old amount, a copied column of notes
 * left under «Descripción». Said once per sheet, naming the columns, only for the template's columns with values
 * below the headings: a hidden empty column is the tidy template it was meant to be.
 */
import { finding, type Finding } from '../findings/finding';
import { formatList } from '../format/es-mx';
import { columnLetter, type ColumnRange } from '../workbook/model';
import { isBlankCell } from './clean-cell';
import type { BoundSheet } from './bind-sheet';

/** Columns named in the warning; the rest are counted. */
const NAMED = 5;
/** Column ranges looked at: a hostile source may declare any number. */
const MAX_RANGES = 1_000;

function isHidden(ranges: readonly ColumnRange[], column: number): boolean {
  for (let i = 0; i < ranges.length && i < MAX_RANGES; i++) {
    const r = ranges[i];
    if (column >= r.from && column <= r.to) return true;
  }
  return false;
}

/** Ranges as the source gave them, kept only when well formed (SheetModel.hiddenColumns comes from a file or a request). */
function wellFormed(hidden: unknown): ColumnRange[] {
  if (!Array.isArray(hidden)) return [];
  return hidden.filter((r): r is ColumnRange => typeof r === 'object' && r !== null && Number.isInteger((r as ColumnRange).from) && Number.isInteger((r as ColumnRange).to) && (r as ColumnRange).from >= 1 && (r as ColumnRange).to >= (r as ColumnRange).from);
}

export function hiddenColumnsWithData(rows: readonly (readonly unknown[])[], sheet: BoundSheet, hidden: unknown): Finding[] {
  const ranges = wellFormed(hidden);
  if (!ranges.length) return [];
  const columns = [...sheet.columns, ...sheet.extras.flatMap((g) => g.columns)].filter((col) => isHidden(ranges, col.index + 1)).sort((a, b) => a.index - b.index);
  const withData = columns.filter((col) => {
    for (let r = sheet.dataStart; r < rows.length; r++) if (!isBlankCell(rows[r]?.[col.index])) return true;
    return false;
  });
  if (!withData.length) return [];
  const named = withData.slice(0, NAMED).map((col) => `«${col.header}» (${columnLetter(col.index + 1)})`);
  const list = formatList(named) + (withData.length > NAMED ? '…' : '');
  return [finding('sheet.hidden-columns', 'warning', { count: withData.length, columns: list }, { cell: { sheet: sheet.name, row: sheet.dataStart, column: withData[0].index + 1 } })];
}
