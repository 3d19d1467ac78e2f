/**
 * Where a field is typed in the workbook: the sheet and the Spanish header of its column, read from the template
 * spec (so from the profile), for reports that would otherwise name a JSON path an official never sees. A field
 * copied into child sheets as their parent's key (`awards/id` on «Artículos adjudicados») is named where it is its
 * own item's column (`Adjudicaciones`), not in the first sheet that repeats it.
 */
import type { Standard } from '../profile/types';
import type { TemplateSpec } from './spec';

export interface FieldColumn { sheet: string; column: string }

const isPrefix = (array: string, field: string): boolean => array === '' || field.startsWith(`${array}/`);

export function columnOfField(spec: TemplateSpec, standard: Standard, field: string): FieldColumn | undefined {
  let best: { sheet: string; column: string; rank: number } | undefined;
  for (const sheet of spec.sheets) {
    if (sheet.standard !== standard) continue;
    for (const column of sheet.columns) {
      if (column.field !== field) continue;
      // Its own column first; else the key column of the sheet whose items the field belongs to (longest array).
      const rank = !column.key ? Number.MAX_SAFE_INTEGER : isPrefix(sheet.array, field) ? sheet.array.length : -1;
      if (!best || rank > best.rank) best = { sheet: sheet.name, column: column.title, rank };
    }
  }
  return best && { sheet: best.sheet, column: best.column };
}
