/**
 * Where a field the template has no column for would belong: the sheet that lists its nearest enclosing items (the
 * root sheet, «Contrataciones» or «Proyectos», when none of its arrays has a sheet), and the rest of its path from
 * there. The profile has Spanish words only for the template's sheets and columns (schemas/labels), so this is as far
 * as a field without a column can be named in Spanish: «period/durationInDays» (hoja «Contratos») says where an
 * official would look for it, which `contracts/period/durationInDays` did not.
 */
import type { Standard } from '../profile/types';
import type { SheetSpec, TemplateSpec } from './spec';

export interface FieldSheet {
  sheet: string;
  /** The field's path below the sheet's items (its whole path on a root sheet). */
  part: string;
}

export function sheetOfField(spec: TemplateSpec, standard: Standard, field: string): FieldSheet | undefined {
  let best: SheetSpec | undefined;
  for (const sheet of spec.sheets) {
    if (sheet.standard !== standard) continue;
    const holds = sheet.array === '' || field.startsWith(`${sheet.array}/`);
    if (holds && (!best || sheet.array.length > best.array.length)) best = sheet;
  }
  return best && { sheet: best.name, part: best.array === '' ? field : field.slice(best.array.length + 1) };
}
