/**
 * The program's required fields (schemas/program, the columns marked `!`, DESIGN §3): what the initiative asks
 * every implementer to publish. Checked on every row that exists — each root document and each array item of a
 * child sheet. Key columns are the unflatten engine's and the schema's business. `program.required` (error).
 */
import type { SheetSpec } from '../template/spec';
import { templateSpec } from '../template/template-spec';
import { isArray, isFilled as filled, isObject, pointerJoin, valueAtSegments } from './json';
import type { Check, JsonObject, PartedCheck, Report } from './types';

/** The check of one sheet's required columns, prepared once: it runs for every document (issue 17). */
function sheetCheck(sheet: SheetSpec): Check {
  const required = sheet.columns.filter((c) => c.required && !c.key);
  if (required.length === 0) return () => undefined;
  const prefix = sheet.array ? `${sheet.array}/` : '';
  const relative = required.map((c) => { const path = c.field.slice(prefix.length); return { path, segments: path.split('/') }; });
  const arrayPath = sheet.array ? sheet.array.split('/') : [];
  // The row's place (the index taken at each array of the path, -1 through an object): its pointer is only
  // built for a row a field is missing from — a closure per row and level was most of this check's time.
  const indexes: number[] = arrayPath.map(() => -1);
  let docPointer = '';
  let report: Report = () => undefined;
  const rowPointer = (): string => {
    let p = docPointer;
    for (let k = 0; k < arrayPath.length; k++) {
      p = pointerJoin(p, arrayPath[k]);
      if (indexes[k] >= 0) p += `/${indexes[k]}`;
    }
    return p;
  };
  // Each object item along the path (as `itemsAlong`): every segment that holds an array fans out over its items.
  const rows = (item: JsonObject, at: number): void => {
    if (at === arrayPath.length) {
      for (const { path, segments } of relative) {
        if (!filled(valueAtSegments(item, segments))) report('program.required', 'error', pointerJoin(rowPointer(), path), {});
      }
      return;
    }
    const v = item[arrayPath[at]];
    if (isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child = v[i];
        if (isObject(child)) { indexes[at] = i; rows(child, at + 1); }
      }
    } else if (isObject(v)) { indexes[at] = -1; rows(v, at + 1); }
  };
  return (ctx) => {
    report = ctx.report;
    for (const { data, pointer } of sheet.standard === 'ocds' ? ctx.releases : ctx.projects) { docPointer = pointer; rows(data, 0); }
  };
}

/** Sheet by sheet (each sheet is a part): a sheet's findings for every document, then the next sheet's. */
export const programRequired: PartedCheck = { parts: () => templateSpec().sheets.map(sheetCheck) };
