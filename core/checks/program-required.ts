/**
 * The program's required fields (schemas/program, the columns marked `!`, DESIGN §3): what the initiative asks
 * every implementer to publish. Checked on every row that exists — each root document and each array item of a
 * child sheet. Key columns are the unflatten engine's and the schema's business. `program.required` (error).
 */
import type { SheetSpec } from '../template/spec';
import { templateSpec } from '../template/template-spec';
import { isArray, isObject, pointerJoin } from './json';
import type { Doc, JsonObject, PartedCheck, Report } from './types';

function filled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (isArray(value)) return value.length > 0;
  return true;
}

/** Value at pre-split path segments; numeric segments index arrays (as `valueAt`). */
function valueAtSegments(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

/**
 * Calls `visit` for each object item along `path` (as `itemsAlong`), with the pointer as a getter: pointers are
 * only built for the rows a field is missing from.
 */
function forEachRow(item: JsonObject, path: readonly string[], at: number, pointer: () => string, visit: (item: JsonObject, pointer: () => string) => void): void {
  if (at === path.length) { visit(item, pointer); return; }
  const key = path[at];
  const v = item[key];
  if (isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const child = v[i];
      if (isObject(child)) forEachRow(child, path, at + 1, () => `${pointerJoin(pointer(), key)}/${i}`, visit);
    }
  } else if (isObject(v)) forEachRow(v, path, at + 1, () => pointerJoin(pointer(), key), visit);
}

function checkSheet(sheet: SheetSpec, docs: Doc[], report: Report): void {
  const required = sheet.columns.filter((c) => c.required && !c.key);
  if (required.length === 0) return;
  const prefix = sheet.array ? `${sheet.array}/` : '';
  const relative = required.map((c) => { const path = c.field.slice(prefix.length); return { path, segments: path.split('/') }; });
  const arrayPath = sheet.array ? sheet.array.split('/') : [];
  const visit = (item: JsonObject, pointer: () => string): void => {
    for (const { path, segments } of relative) {
      if (!filled(valueAtSegments(item, segments))) report('program.required', 'error', pointerJoin(pointer(), path), {});
    }
  };
  for (const { data, pointer } of docs) forEachRow(data, arrayPath, 0, () => pointer, visit);
}

/** Sheet by sheet (each sheet is a part): a sheet's findings for every document, then the next sheet's. */
export const programRequired: PartedCheck = {
  parts: () => templateSpec().sheets.length,
  run: ({ releases, projects, report }, part) => {
    const sheet = templateSpec().sheets[part];
    checkSheet(sheet, sheet.standard === 'ocds' ? releases : projects, report);
  },
};
