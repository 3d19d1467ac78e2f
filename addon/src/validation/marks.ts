/**
 * In-sheet marks of validation errors: a fill colour and a note that starts with our prefix. Only what carries the
 * prefix is ours, so *Quitar marcas* leaves the officials' own notes and colours alone: a user note is kept above
 * ours, and a cell that already has a fill of its own keeps it (it only gets the note).
 */
import type { Finding } from '../../../core/findings/finding';
import { renderMessage } from '../../../core/messages/render';
import type { SheetPort, SpreadsheetPort } from '../sheet-port';
import { HEADER_ROWS } from '../../../core/template/layout';

export const MARK_PREFIX = '⚠ Validación Infraestructura Abierta:';
export const MARK_COLOR = '#f4c7c3';
const NO_FILL = '#ffffff';

/** Sheet name → "row,column" → messages. */
export type MarkPlan = Map<string, Map<string, string[]>>;

export function planMarks(findings: Finding[]): MarkPlan {
  const plan: MarkPlan = new Map();
  for (const f of findings) {
    const cell = f.cell;
    if (f.severity !== 'error' || !cell || cell.row === undefined || cell.column === undefined) continue;
    const sheet = plan.get(cell.sheet) ?? new Map<string, string[]>();
    plan.set(cell.sheet, sheet);
    const key = `${cell.row},${cell.column}`;
    const messages = sheet.get(key) ?? [];
    const message = renderMessage(f);
    if (!messages.includes(message)) messages.push(message);
    sheet.set(key, messages);
  }
  return plan;
}

/** The part of a note that is not ours. */
function userPart(note: string): string {
  const at = note.indexOf(MARK_PREFIX);
  return at < 0 ? note : note.slice(0, at).trimEnd();
}

/** Rewrites one sheet's notes and fills: old marks out, new marks in, in one read and one write each. */
function remarkSheet(ws: SheetPort, marks: Map<string, string[]> | undefined): number {
  let rows = ws.lastRow();
  let columns = ws.lastColumn();
  for (const key of marks?.keys() ?? []) {
    const [r, c] = key.split(',').map(Number);
    rows = Math.max(rows, r);
    columns = Math.max(columns, c);
  }
  if (rows === 0 || columns === 0) return 0;
  const block = { row: 1, column: 1, rows, columns };
  const notes = ws.notes(block);
  const fills: (string | null)[][] = ws.backgrounds(block);
  let changed = false;
  let marked = 0;
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) {
    const note = notes[r][c];
    const wasOurs = note.includes(MARK_PREFIX);
    if (wasOurs) {
      notes[r][c] = userPart(note);
      if (fills[r][c] === MARK_COLOR) fills[r][c] = null;
      changed = true;
    }
    const messages = marks?.get(`${r + 1},${c + 1}`);
    if (!messages) continue;
    const ours = `${MARK_PREFIX}\n${messages.map((m) => `• ${m}`).join('\n')}`;
    notes[r][c] = notes[r][c] ? `${notes[r][c]}\n\n${ours}` : ours;
    const fill = fills[r][c];
    if (fill === null || fill === NO_FILL) fills[r][c] = MARK_COLOR;
    changed = true;
    marked++;
  }
  if (changed) {
    ws.setNotes(block, notes);
    // Writing "#ffffff" back would turn "no fill" into an explicit white fill.
    ws.setBackgrounds(block, fills.map((row) => row.map((f) => (f === NO_FILL ? null : f))));
  }
  return marked;
}

/**
 * Clears earlier marks and applies the new plan; returns how many cells were marked. Each sheet read costs two
 * server calls in Apps Script, so on re-validation sheets that hold only the two header rows and get no new mark
 * are skipped (about 50 empty template sheets); *Quitar marcas* still scans every sheet.
 */
export function applyMarks(plan: MarkPlan, sheets: SheetPort[]): number {
  let marked = 0;
  for (const ws of sheets) {
    const marks = plan.get(ws.name());
    if (!marks && ws.lastRow() <= HEADER_ROWS) continue;
    marked += remarkSheet(ws, marks);
  }
  return marked;
}

export function removeMarks(ss: SpreadsheetPort): void {
  for (const ws of ss.sheets()) remarkSheet(ws, undefined);
}
