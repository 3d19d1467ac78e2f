/**
 * Some findings name the row and the column title but not the column (e.g. a required field whose column is
 * present but empty). The sidebar and the marks need a cell, so the column is found by its title in row 1
 * of the sheet as read; titles may carry the required mark " *".
 */
import type { Finding } from '../../../core/findings/finding';
import type { WorkbookModel } from '../../../core/workbook/model';
import { bareTitle } from '../../../core/template/layout';

function bare(title: unknown): string {
  return bareTitle(title).toLowerCase();
}

export function locateColumns(findings: Finding[], workbook: WorkbookModel): Finding[] {
  const titles = new Map(workbook.sheets.map((s) => [s.name, (s.rows[0] ?? []).map(bare)]));
  return findings.map((f) => {
    const c = f.cell;
    if (!c || c.column !== undefined || c.row === undefined || !c.header) return f;
    const at = titles.get(c.sheet)?.indexOf(bare(c.header)) ?? -1;
    return at < 0 ? f : { ...f, cell: { ...c, column: at + 1 } };
  });
}
