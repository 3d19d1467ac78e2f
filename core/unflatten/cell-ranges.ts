/**
 * The cells a Google reader asks for again, beyond the values (their shown text, their links): for each column
 * chosen of each data sheet, the rows from the first cell wanted to the last — usually none, so the shells make no
 * extra call at all (shown-text.ts, link-cells.ts).
 */
import type { Finding } from '../findings/finding';
import type { TemplateSpec } from '../template/spec';
import type { WorkbookModel } from '../workbook/model';
import { bindSheet, type BoundColumn, type BoundSheet } from './bind-sheet';
import { isAuxiliarySheet, resolverFor } from './unflatten';

/** Cells of one column: 1-based, rows `fromRow`..`toRow` inclusive. */
export interface CellRange {
  sheet: string;
  column: number;
  fromRow: number;
  toRow: number;
}

export function cellRanges(
  workbook: WorkbookModel, spec: TemplateSpec,
  columnsOf: (sheet: BoundSheet) => readonly BoundColumn[], wanted: (value: unknown) => boolean,
): CellRange[] {
  const resolver = resolverFor(spec);
  const out: CellRange[] = [];
  for (const model of workbook.sheets) {
    if (typeof model?.name !== 'string' || isAuxiliarySheet(model.name) || !Array.isArray(model.rows)) continue;
    const rows = model.rows.map((row) => (Array.isArray(row) ? row : []));
    // Headers only: bindSheet's findings are unflatten's to report, not this look's.
    const bound = bindSheet({ name: model.name, rows }, resolver, [] as Finding[]);
    if (bound.kind !== 'bound') continue;
    for (const col of columnsOf(bound.sheet)) {
      let first = -1;
      let last = -1;
      for (let r = bound.sheet.dataStart; r < rows.length; r++) {
        if (!wanted(rows[r][col.index])) continue;
        if (first < 0) first = r;
        last = r;
      }
      if (first >= 0) out.push({ sheet: model.name, column: col.index + 1, fromRow: first + 1, toRow: last + 1 });
    }
  }
  return out;
}
