/**
 * Numbers in text columns, read as the sheet shows them. An official keeps a postal code's leading 0 by formatting
 * its column «00000» in Google Sheets: the cell stores 6720 and shows «06720», and both Apps Script's getValues() and
 * the Sheets API's UNFORMATTED_VALUE give 6720, which the postal code check refused although the official saw 06720
 * (the .xlsx reader reads such formats itself: functions/src/ingest/xlsx/number-format.ts).
 *
 * Reading every cell twice, raw and shown, would double the reading of a workbook, most of «Validar»'s time in Apps
 * Script. So the shells read raw values as before, ask `numbersInTextColumns` which cells need their shown text (the
 * rows of a column the profile declares text that hold a number: usually none), read only those, and hand them to
 * `withShownText`.
 */
import { templateSpec } from '../template/template-spec';
import type { TemplateSpec } from '../template/spec';
import type { CellValue, SheetModel, WorkbookModel } from '../workbook/model';
import { cellRanges, type CellRange } from './cell-ranges';

/** Cells of one column whose shown text is wanted. */
export type ShownTextRange = CellRange;

/** For each text column of each data sheet, the rows from its first number to its last; [] when there is none. */
export function numbersInTextColumns(workbook: WorkbookModel, spec: TemplateSpec = templateSpec()): ShownTextRange[] {
  return cellRanges(workbook, spec, (sheet) => sheet.columns.filter((col) => col.value.type === 'string'), (v) => typeof v === 'number');
}

/**
 * The shown text of a number when it is that same whole number written with its leading zeros, as a format of zeros
 * shows it («06720» for 6720). Any other text (a rounded decimal, «1.23457E+14», «6,720») says less than the number,
 * or something else: the number stays, as the .xlsx reader leaves it.
 */
function paddedText(value: number, text: unknown): string | undefined {
  if (typeof text !== 'string' || !/^\d+$/.test(text)) return undefined;
  // Shown as the number itself («97000»): nothing to replace, the engine writes it so.
  return Number.isSafeInteger(value) && value >= 0 && Number(text) === value && text.length > String(value).length ? text : undefined;
}

/**
 * The workbook with each number of the ranges replaced by its shown text where that text is the number with its
 * leading zeros. `shown[i]` holds range i's texts, one row per sheet row from `fromRow` (its first cell is the
 * column's), as getDisplayValues() or a FORMATTED_VALUE read give them; rows missing at its end read as not shown.
 */
export function withShownText(workbook: WorkbookModel, ranges: readonly ShownTextRange[], shown: readonly (readonly (readonly unknown[])[] | undefined)[]): WorkbookModel {
  if (!ranges.length) return workbook;
  const copies = new Map<string, SheetModel>();
  ranges.forEach((range, i) => {
    const texts = shown[i];
    if (!texts) return;
    const model = copies.get(range.sheet) ?? workbook.sheets.find((s) => s.name === range.sheet);
    if (!model) return;
    let rows: CellValue[][] | undefined;
    for (let r = range.fromRow; r <= range.toRow; r++) {
      const value = model.rows[r - 1]?.[range.column - 1];
      if (typeof value !== 'number') continue;
      const text = paddedText(value, texts[r - range.fromRow]?.[0]);
      if (text === undefined) continue;
      rows ??= copies.has(range.sheet) ? model.rows : model.rows.slice();
      rows[r - 1] = rows[r - 1].slice();
      rows[r - 1][range.column - 1] = text;
    }
    if (rows && !copies.has(range.sheet)) copies.set(range.sheet, { ...model, rows });
  });
  return copies.size ? { ...workbook, sheets: workbook.sheets.map((s) => copies.get(s.name) ?? s) } : workbook;
}
