/**
 * In-sheet marks of validation errors: a fill colour and a note that starts with our prefix. Only what carries the
 * prefix is ours, so *Quitar marcas* leaves the officials' own notes and colours alone: a user note is kept above
 * ours, and a cell that already has a fill of its own keeps it (it only gets the note).
 */
import type { Finding } from '../../../core/findings/finding';
import { renderMessage } from '../../../core/messages/render';
import type { SheetPort, SpreadsheetPort } from '../sheet-port';
import type { PropertiesPort } from '../config';
import { HEADER_ROWS } from '../../../core/template/layout';
import type { Deadline } from './time-limit';

export const MARK_PREFIX = '⚠ Validación Infraestructura Abierta:';
export const MARK_COLOR = '#f4c7c3';
const NO_FILL = '#ffffff';

/**
 * How far each sheet's marks reached (last row, last column), kept in the document's properties. A mark is a note and
 * a fill, which are no content: once the official clears the values of a marked row (the way to drop a location whose
 * project does not exist), the sheet's last row with content ends above it, and neither «Validar» nor «Quitar marcas»,
 * which read up to that row, ever reached the red cell and its error note again. Keyed by the sheet's id (reachKey),
 * which a rename keeps: keyed by its name, a sheet renamed since kept the marks past its content. An entry by name (an
 * earlier version) is still read.
 * A sheet that «Validar» left with no mark of ours is kept as CLEAN ([0, 0]): the next «Validar» that has no mark for
 * it does not read its notes and fills at all. Reading them, for every sheet with rows, tripled what each «Validar»
 * read of a large workbook (its values, and as many notes and fills), mostly to find nothing to change. A sheet with
 * no entry (never validated since, or the memory lost) is read as before.
 */
export interface MarkReach {
  read(): Record<string, [number, number]>;
  write(reach: Record<string, [number, number]>): void;
}

const MARK_REACH_PROPERTY = 'INFRA_MARK_REACH';

/** The reach of a sheet validated with no mark of ours left in it. */
export const CLEAN: [number, number] = [0, 0];
const isClean = (reach: [number, number] | undefined): boolean => reach !== undefined && reach[0] === 0;

/** A sheet's entry in the reach: `#` and its id. */
const reachKey = (ws: SheetPort): string => `#${ws.id()}`;

/** How far a sheet's marks reached: by its id, else by its name (kept so by an earlier version). */
const reachOf = (before: Record<string, [number, number]>, ws: SheetPort): [number, number] | undefined => before[reachKey(ws)] ?? before[ws.name()];

export function documentMarkReach(props: PropertiesPort): MarkReach {
  return {
    read: () => {
      let parsed: unknown;
      try { parsed = JSON.parse(props.getDocument(MARK_REACH_PROPERTY) ?? '{}'); } catch { return {}; }
      const out: Record<string, [number, number]> = {};
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return out;
      for (const [name, v] of Object.entries(parsed as Record<string, unknown>)) {
        // Both past zero, or both zero (CLEAN).
        if (Array.isArray(v) && v.length === 2 && v.every((n) => Number.isInteger(n) && n >= 0) && (v[0] === 0) === (v[1] === 0)) out[name] = [v[0] as number, v[1] as number];
      }
      return out;
    },
    // A property holds at most 9 KB (quotas): past that (hundreds of sheets) the sheets with marks are kept without the
    // clean ones (which are then read again, as before), and past that nothing is, rather than the validation failing
    // for want of a memory it can do without.
    write: (reach) => {
      const marked = Object.fromEntries(Object.entries(reach).filter(([, r]) => !isClean(r)));
      for (const kept of [reach, marked]) {
        try {
          props.setDocument(MARK_REACH_PROPERTY, Object.keys(kept).length ? JSON.stringify(kept) : null);
          return;
        } catch { /* too large: try with less */ }
      }
      props.setDocument(MARK_REACH_PROPERTY, null);
    },
  };
}

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

/** A sheet's last row and column with content, as the validation just read them (its values' size). */
export type SheetSize = [rows: number, columns: number];

/**
 * Rewrites one sheet's notes and fills: old marks out, new marks in, in one read and one write each. `before`: how far
 * its marks reached last time, read too (no further than the sheet's grid: rows may have been deleted since). `size`:
 * the sheet's content as just read, when it was (else asked of the sheet).
 * Returns how many cells it marked and how far those marks reach.
 */
function remarkSheet(ws: SheetPort, marks: Map<string, string[]> | undefined, before?: [number, number], size?: SheetSize): { marked: number; reach: [number, number] | null } {
  let rows = size ? size[0] : ws.lastRow();
  let columns = size ? size[1] : ws.lastColumn();
  if (before && (before[0] > rows || before[1] > columns)) {
    rows = Math.max(rows, Math.min(before[0], ws.maxRows()));
    columns = Math.max(columns, Math.min(before[1], ws.maxColumns()));
  }
  let reach: [number, number] | null = null;
  for (const key of marks?.keys() ?? []) {
    const [r, c] = key.split(',').map(Number);
    rows = Math.max(rows, r);
    columns = Math.max(columns, c);
    reach = [Math.max(reach?.[0] ?? 0, r), Math.max(reach?.[1] ?? 0, c)];
  }
  if (rows === 0 || columns === 0) return { marked: 0, reach: null };
  const block = { row: 1, column: 1, rows, columns };
  const notes = ws.notes(block);
  const fills: (string | null)[][] = ws.backgrounds(block);
  // The rows whose note or fill changes: only they are written back. Rewriting the whole block each time (a sheet of
  // 40,000 rows for one error, its same marks again on every «Validar») wrote as many notes and fills as it read.
  let first = -1;
  let last = -1;
  let marked = 0;
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) {
    const note = notes[r][c];
    const fill = fills[r][c];
    let now = note;
    let nowFill = fill;
    if (note.includes(MARK_PREFIX)) {
      now = userPart(note);
      if (fill === MARK_COLOR) nowFill = null;
    }
    const messages = marks?.get(`${r + 1},${c + 1}`);
    if (messages) {
      const ours = `${MARK_PREFIX}\n${messages.map((m) => `• ${m}`).join('\n')}`;
      now = now ? `${now}\n\n${ours}` : ours;
      if (nowFill === null || nowFill === NO_FILL) nowFill = MARK_COLOR;
      marked++;
    }
    if (now === note && nowFill === fill) continue;
    notes[r][c] = now;
    fills[r][c] = nowFill;
    if (first < 0) first = r;
    last = r;
  }
  if (first >= 0) {
    const changed = { row: first + 1, column: 1, rows: last - first + 1, columns };
    ws.setNotes(changed, notes.slice(first, last + 1));
    // Writing "#ffffff" back would turn "no fill" into an explicit white fill.
    ws.setBackgrounds(changed, fills.slice(first, last + 1).map((row) => row.map((f) => (f === NO_FILL ? null : f))));
  }
  return { marked, reach };
}

/**
 * Clears earlier marks and applies the new plan; returns how many cells were marked, and whether it stopped before the
 * end (`deadline`: Apps Script's six minutes near, time-limit.ts). Each sheet read costs two server calls in Apps
 * Script, so on re-validation sheets that hold only the two header rows and get no new mark are skipped (about 50
 * empty template sheets), and so are those the last «Validar» left CLEAN that get no new mark; *Quitar marcas* still
 * scans every sheet. `sizes`: each sheet's content as the validation
 * just read it, in the order of `sheets`: asking each sheet its last row and column again (getLastRow, getLastColumn)
 * was two to three more calls a sheet, each tens of milliseconds in Apps Script, on every «Validar».
 */
export function applyMarks(plan: MarkPlan, sheets: SheetPort[], memory?: MarkReach, deadline?: Deadline, sizes?: readonly SheetSize[]): { marked: number; stopped: boolean } {
  let marked = 0;
  const before = memory?.read() ?? {};
  const after: Record<string, [number, number]> = {};
  let stopped = false;
  sheets.forEach((ws, i) => {
    const key = reachKey(ws);
    const name = ws.name();
    const reached = reachOf(before, ws);
    // Out of time: the sheets not reached keep how far their old marks went, for the next «Validar».
    if (stopped || (stopped = deadline?.late() === true)) {
      if (reached) after[key] = reached;
      return;
    }
    const marks = plan.get(name);
    const clean = isClean(reached);
    // Nothing of ours in it since the last «Validar», and nothing to add: its notes and fills are not read.
    if (!marks && clean) {
      after[key] = CLEAN;
      return;
    }
    const size = sizes?.[i];
    // A sheet cleared down to its headers after being marked is read again, as far as its marks went.
    if (!marks && !reached && (size ? size[0] : ws.lastRow()) <= HEADER_ROWS) return;
    const done = remarkSheet(ws, marks, clean ? undefined : reached, size);
    marked += done.marked;
    after[key] = done.reach ?? CLEAN;
  });
  if (memory && JSON.stringify(after) !== JSON.stringify(before)) memory.write(after);
  return { marked, stopped };
}

export function removeMarks(ss: SpreadsheetPort, memory?: MarkReach): void {
  const before = memory?.read() ?? {};
  for (const ws of ss.sheets()) remarkSheet(ws, undefined, reachOf(before, ws));
  if (memory && Object.keys(before).length) memory.write({});
}
