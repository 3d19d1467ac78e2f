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
import { bindSheet } from './bind-sheet';
import type { Finding } from '../findings/finding';
import { isAuxiliarySheet, resolverFor } from './unflatten';

/** Cells of one column whose shown text is wanted: 1-based, rows `fromRow`..`toRow` inclusive. */
export interface ShownTextRange {
  sheet: string;
  column: number;
  fromRow: number;
  toRow: number;
}

/** For each text column of each data sheet, the rows from its first number to its last; [] when there is none. */
export function numbersInTextColumns(workbook: WorkbookModel, spec: TemplateSpec = templateSpec()): ShownTextRange[] {
  const resolver = resolverFor(spec);
  const out: ShownTextRange[] = [];
  for (const model of workbook.sheets) {
    if (typeof model?.name !== 'string' || isAuxiliarySheet(model.name) || !Array.isArray(model.rows)) continue;
    const rows = model.rows.map((row) => (Array.isArray(row) ? row : []));
    // Headers only: bindSheet's findings are unflatten's to report, not this look's.
    const bound = bindSheet({ name: model.name, rows }, resolver, [] as Finding[]);
    if (bound.kind !== 'bound') continue;
    for (const col of bound.sheet.columns) {
      if (col.value.type !== 'string') continue;
      let first = -1;
      let last = -1;
      for (let r = bound.sheet.dataStart; r < rows.length; r++) {
        if (typeof rows[r][col.index] !== 'number') continue;
        if (first < 0) first = r;
        last = r;
      }
      if (first >= 0) out.push({ sheet: model.name, column: col.index + 1, fromRow: first + 1, toRow: last + 1 });
    }
  }
  return out;
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
