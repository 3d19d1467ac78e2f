/**
 * Documents → a workbook in plain flatten-tool layout (what `flatten-tool flatten --root-id=ocid` writes): row 1
 * the JSON paths, data from row 2, raw values (codes, ISO dates, lists joined with ";"), one sheet per array named
 * by flatten-tool's rule (each enclosing segment cut to 3 letters: `awards/suppliers` → `awa_suppliers`,
 * `contracts/implementation/transactions` → `con_imp_transactions`; at most 31 characters, Excel's limit).
 * Child rows carry `ocid` (or the project `id`) and the ids of the enclosing items, as flatten-tool does.
 * flatten-tool flattens one package per run, so a project sheet whose name an OCDS sheet already took gets the
 * `pro_` prefix (`parties` → `pro_parties`) to let both share one workbook.
 * Only columns that hold a value somewhere are written, and sheets without rows are left out (flatten-tool
 * writes neither). Used by the flatten-tool fixture generator and the benchmark; not a product feature.
 */
import { getPath, itemChains } from '../../core/flatten/flatten';
import { PROFILES } from '../../core/profile/profiles';
import type { SheetSpec, TemplateSpec } from '../../core/template/spec';
import { templateSpec } from '../../core/template/template-spec';
import { resolvePath } from '../../core/unflatten/column-resolver';
import type { CellValue, SheetModel, WorkbookModel } from '../../core/workbook/model';

export interface Documents { releases: readonly unknown[]; projects: readonly unknown[] }

export function flattenToolSheetName(sheet: SheetSpec): string {
  if (!sheet.levels.length) return sheet.standard === 'ocds' ? 'releases' : 'projects';
  const segments = sheet.levels.join('/').split('/');
  const last = segments.pop() as string;
  return [...segments.map((s) => s.slice(0, 3)), last].join('_').slice(0, 31);
}

function rawCell(value: unknown): CellValue {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(String).join(';');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function sheetRows(sheet: SheetSpec, docs: readonly unknown[]): CellValue[][] {
  const profile = PROFILES[sheet.standard];
  const located = sheet.columns.map((col) => ({ col, where: resolvePath(profile, col.path) }));
  const body: CellValue[][] = [];
  for (const doc of docs) {
    for (const chain of itemChains(doc, sheet.levels)) {
      body.push(located.map(({ where }) => (where ? rawCell(getPath(chain[where.arrays.length], where.rel)) : '')));
    }
  }
  const keep = located.map(({ col }, c) => col.key || body.some((row) => row[c] !== ''));
  const pick = (row: CellValue[]): CellValue[] => row.filter((_, c) => keep[c]);
  return [pick(sheet.columns.map((c) => c.path)), ...body.map(pick)];
}

export function flattenToolWorkbook(documents: Documents, spec: TemplateSpec = templateSpec()): WorkbookModel {
  const sheets: SheetModel[] = [];
  const taken = new Set<string>();
  // OCDS first: its sheets keep flatten-tool's exact names.
  for (const standard of ['ocds', 'oc4ids'] as const) {
    const docs = standard === 'ocds' ? documents.releases : documents.projects;
    for (const sheet of spec.sheets.filter((s) => s.standard === standard)) {
      const rows = sheetRows(sheet, docs);
      if (rows.length < 2) continue;
      let name = flattenToolSheetName(sheet);
      if (taken.has(name)) name = `pro_${name}`.slice(0, 31);
      taken.add(name);
      sheets.push({ name, rows });
    }
  }
  return { sheets };
}
