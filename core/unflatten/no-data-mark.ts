/**
 * What officials type where a datum does not apply or is not known yet («N/A», «-», «S/D», «No aplica», «Pendiente»):
 * in a column of numbers, dates, yes/no or a list each was an error («"N/A" no es una fecha válida») that asked for a
 * date nobody has. Such a cell is read as the empty cell it means, and an info finding says how to leave it
 * (parse-value.ts). Only a value the column refused: «No» is a valid answer in a yes/no column, an option of a list is
 * never taken for a mark, and a list open to other values keeps it with its own warning (published data has «ND»).
 */
import { normalizeLabel } from './normalize-label';

const MARKS = new Set([
  'n/a', 'na', 'n.a.', 'n.a', 'n/d', 'nd', 'n.d.', 'n.d', 's/d', 'sd', 's.d.', 'no aplica', 'no aplicable', 'no disponible',
  'sin dato', 'sin datos', 'sin informacion', 'ninguno', 'ninguna', 'pendiente', 'por definir', 'por confirmar',
  '-', '--', '---', '–', '—', '.', '?',
]);

export function isNoDataMark(text: string): boolean {
  return text.length < 30 && MARKS.has(normalizeLabel(text));
}
