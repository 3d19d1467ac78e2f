/**
 * A sheet of the template as an official fills it, for tests: its titles row, its paths row, then one row per
 * entry of `rows`, each cell the entry's value for the column's field (blank where it has none).
 */
import { templateSpec } from '../core/template/template-spec';
import type { CellValue, WorkbookModel } from '../core/workbook/model';

export function templateSheet(name: string, rows: Record<string, CellValue>[]): WorkbookModel['sheets'][number] {
  const s = templateSpec().sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return { name, rows: [s.columns.map((c) => c.title), s.columns.map((c) => c.path), ...rows.map((r) => s.columns.map((c) => r[c.field] ?? ''))] };
}
