/**
 * The program's required fields (schemas/program, the columns marked `!`, DESIGN §3): what the initiative asks
 * every implementer to publish. Checked on every row that exists — each root document and each array item of a
 * child sheet. Key columns are the unflatten engine's and the schema's business. `program.required` (error).
 */
import type { SheetSpec } from '../template/spec';
import { templateSpec } from '../template/template-spec';
import { itemsAlong, pointerJoin, valueAt } from './json';
import type { Check, Doc, Report } from './types';

function filled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function checkSheet(sheet: SheetSpec, docs: Doc[], report: Report): void {
  const required = sheet.columns.filter((c) => c.required && !c.key);
  if (required.length === 0) return;
  const prefix = sheet.array ? `${sheet.array}/` : '';
  const relative = required.map((c) => ({ column: c, path: c.field.slice(prefix.length) }));
  for (const { data, pointer } of docs) {
    const rows = sheet.array ? itemsAlong(data, sheet.array, pointer) : [{ item: data, pointer }];
    for (const row of rows) {
      for (const { path } of relative) {
        if (!filled(valueAt(row.item, path))) report('program.required', 'error', pointerJoin(row.pointer, path), {});
      }
    }
  }
}

export const programRequired: Check = ({ releases, projects, report }) => {
  for (const sheet of templateSpec().sheets) checkSheet(sheet, sheet.standard === 'ocds' ? releases : projects, report);
};
