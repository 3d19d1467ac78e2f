/**
 * A click on a finding in the sidebar: select its cell. The sidebar knows the cell as the validation read it; the
 * official may have changed the sheet since — renamed the tab (followed by the sheet's id), inserted or moved columns
 * (followed by the column's title in row 1), or inserted or deleted rows. Rows have nothing Apps Script can follow
 * cheaply (developer metadata on every row with a finding would be one call per row on each «Validar»), and the
 * sheet's last row is the one sign it has: when it moved, the click validates again (the same «Validar»), finds the
 * same finding in the new list — same sheet, column and words — and selects where it is now. The sidebar draws the
 * new list, so the addresses it shows are right again. A click used only to warn that «el dato pudo cambiar de fila»,
 * selecting the old address (another process's cell), and the list kept the old addresses until «Validar».
 */
import { bareTitle } from '../../../core/template/layout';
import { columnLetter } from '../../../core/workbook/model';
import { formatNumber } from '../../../core/format/es-mx';
import type { SheetPort, SpreadsheetPort } from '../sheet-port';
import type { CellSeen, FindingItem, FindingSeen, ValidationReport } from '../rpc-types';
import { UserError } from '../user-error';

/** The finding's sheet: by its id first (a tab renamed since validating is the same sheet), else by its name. */
export function findingSheet(ss: SpreadsheetPort, sheet: string, seen?: CellSeen): SheetPort {
  const id = typeof seen?.sheetId === 'number' ? seen.sheetId : undefined;
  const ws = (id !== undefined ? ss.sheetById(id) : null) ?? ss.sheet(String(sheet));
  if (!ws) throw new UserError(`La hoja «${sheet}» ya no existe. Valide de nuevo.`);
  return ws;
}

/** Whether the sheet's last row moved since the validation read it (rows inserted, deleted, typed or cleared). */
export function rowsMoved(ws: SheetPort, seen?: CellSeen): boolean {
  return typeof seen?.rows === 'number' && ws.lastRow() !== seen.rows;
}

/**
 * Selects (row, column) as the validation read it; answers what the official should know (a column moved, found by
 * its title; the sheet's rows changed, for an older sidebar that cannot validate again on the click), or null.
 */
export function selectSeen(ws: SheetPort, row: number, column: number, seen?: CellSeen): string | null {
  const r = Math.max(1, Math.floor(Number(row)));
  const c = Math.max(1, Math.floor(Number(column)));
  // Rows or columns deleted since validating: Sheets refuses a cell past the grid, which was «Ocurrió un problema
  // inesperado» on the click.
  const moved = movedColumn(ws, c, typeof seen?.header === 'string' ? seen.header : undefined);
  const at = moved ?? c;
  if (r > ws.maxRows() || at > ws.maxColumns()) throw new UserError(`La celda ${columnLetter(at)}${r} ya no existe en la hoja «${ws.name()}»: se quitaron filas o columnas después de validar. Pulse «Validar» para actualizar la lista.`);
  ws.select(r, at);
  const rowsThen = typeof seen?.rows === 'number' ? seen.rows : undefined;
  const rowsNow = rowsThen === undefined ? undefined : ws.lastRow();
  const notes: string[] = [];
  if (moved !== undefined) notes.push(`La columna «${seen?.header}» ya no está en la ${columnLetter(c)} sino en la ${columnLetter(moved)}: se seleccionó ${columnLetter(moved)}${r}.`);
  if (rowsNow !== undefined && rowsThen !== undefined && rowsNow !== rowsThen) notes.push(`La última fila con datos de «${ws.name()}» era la ${formatNumber(rowsThen, 0)} al validar y ahora es la ${formatNumber(rowsNow, 0)}: si agregó o quitó filas arriba de la ${formatNumber(r, 0)}, el dato pudo cambiar de fila.`);
  return notes.length ? `${notes.join(' ')} Pulse «Validar» para actualizar la lista.` : null;
}

/**
 * Where the finding's column is now when columns were inserted, deleted or moved since validating (its title is no
 * longer at `column` but elsewhere in row 1); undefined when it has not moved, or its title is not found.
 */
function movedColumn(ws: SheetPort, column: number, header: string | undefined): number | undefined {
  if (!header) return undefined;
  const width = Math.min(ws.lastColumn(), ws.maxColumns());
  if (width < 1) return undefined;
  const titles = (ws.displayValues({ row: 1, column: 1, rows: 1, columns: width })[0] ?? []).map(bareTitle);
  if (titles[column - 1] === header) return undefined;
  const now = titles.indexOf(header);
  return now < 0 ? undefined : now + 1;
}

/**
 * After validating again (`report`, the sheet `ws` as it is now): the same finding — its column's heading, severity
 * and words — nearest to the row it had, selected; and what to tell the official. A message that names rows of its
 * own («repite el de la fila 5») may read otherwise after rows moved: then it is said not found, with the list new.
 */
export function selectAgain(ws: SheetPort, report: ValidationReport, seen: FindingSeen, row: number): { notice: string; selected: boolean } {
  const name = ws.name();
  const why = `La hoja «${name}» cambió de filas desde la validación (tenía datos hasta la fila ${formatNumber(seen.rows ?? 0, 0)} y ahora hasta la ${formatNumber(ws.lastRow(), 0)}): se validó de nuevo y la lista ya muestra las celdas de ahora.`;
  const same = (report.groups.find((g) => g.sheet === name)?.fields ?? [])
    .filter((f) => f.field === seen.field)
    .flatMap((f) => f.items)
    .filter((i): i is FindingItem & { row: number } => i.row !== null && i.severity === seen.severity && i.message === seen.message);
  const best = same.sort((a, b) => Math.abs(a.row - row) - Math.abs(b.row - row))[0];
  if (!best) return { notice: `${why} Este hallazgo ya no aparece en la lista: quizá lo corrigió o quitó su fila.`, selected: false };
  const column = best.column ?? 1;
  ws.select(best.row, column);
  const at = best.column !== null ? `${columnLetter(column)}${best.row}` : `la fila ${formatNumber(best.row, 0)}`;
  return { notice: `${why} Se seleccionó ${at}, donde está ahora este hallazgo.`, selected: true };
}
