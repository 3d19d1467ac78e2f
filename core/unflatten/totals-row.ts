/**
 * A totals row under the data («TOTAL» and a `=SUMA(I3:I40)` beside it): officials add one out of habit, and it read
 * as a row missing its key (an error that blocked the send, on a row with nothing to publish) or, with «TOTAL» in the
 * key column, as a process or project of that name. A row is one when a cell says a total and every other value of its
 * template columns is a number (an amount), and its keys hold nothing else: it is left out, and a warning says so
 * (read-rows.ts). A process whose title is «Total» has its key, and is read as any other.
 */
import type { CellValue } from '../workbook/model';
import type { BoundColumn, BoundSheet } from './bind-sheet';
import { isBlankCell } from './clean-cell';
import { normalizeLabel } from './normalize-label';

/** What a totals row's label says, compared as normalizeLabel leaves it (a trailing colon or period aside). */
const LABELS = new Set(['total', 'totales', 'suma', 'sumas', 'suma total', 'gran total', 'total general', 'subtotal', 'subtotales', 'importe total', 'monto total', 'totales generales']);

/**
 * An ASCII character normalizeLabel keeps as it is and no label holds (a digit, `-`, `_`, `/`…): a text with one is no
 * label. Every row's key is looked at (an ocid, a project id), and normalizing each (NFD and five replacements) was
 * ~3 % of reading a workbook of 1,000 processes (bench:publish profile) to find what this one test tells at once.
 */
const NEVER_IN_LABEL = /[^\sA-Za-z:.*\u0080-\uffff]/;

function isLabel(v: CellValue): v is string {
  return typeof v === 'string' && v.length < 40 && !NEVER_IN_LABEL.test(v) && LABELS.has(normalizeLabel(v).replace(/[:.]+$/, '').trim());
}

/** A number, or a text that is one (an amount typed «$1,234.50»). */
function isAmount(v: CellValue): boolean {
  return typeof v === 'number' || (typeof v === 'string' && /^\s*-?\s*\$?\s*-?[\d,]+(?:\.\d+)?\s*$/.test(v));
}

/** Whether the row's key cell holds something other than a totals label (a row of data). */
function keyHoldsData(row: readonly CellValue[], key: BoundColumn | undefined): boolean {
  return key !== undefined && !isBlankCell(row[key.index]) && !isLabel(row[key.index]);
}

/**
 * The row's totals label and its cell's index (0-based) when it is a totals row, else undefined. `columns`: the sheet's
 * template columns.
 */
export function totalsLabel(row: readonly CellValue[], sheet: BoundSheet, columns: readonly BoundColumn[]): { text: string; index: number } | undefined {
  // Keys first: a row of data has its key, and one look at it is all this costs (it runs on every row) — without
  // making anything: a set of the keys made for each row was a fifth of what reading a workbook's rows allocated.
  if (keyHoldsData(row, sheet.rootKey)) return undefined;
  for (let i = 0; i < sheet.levelKeys.length; i++) if (keyHoldsData(row, sheet.levelKeys[i])) return undefined;
  let label: { text: string; index: number } | undefined;
  // Any cell may hold the label, a column of the official's own among them (an unknown column is not read).
  for (let i = 0; i < row.length && !label; i++) { const v = row[i]; if (isLabel(v)) label = { text: v.trim(), index: i }; }
  if (label === undefined) return undefined;
  const keys = new Set([sheet.rootKey, ...sheet.levelKeys]);
  let amounts = 0;
  for (const col of columns) {
    const v = row[col.index];
    if (isBlankCell(v) || isLabel(v)) continue;
    if (keys.has(col) || !isAmount(v)) return undefined;
    amounts++;
  }
  return amounts > 0 ? label : undefined;
}
