/**
 * Pure layout rules of a template sheet, shared by its two writers: the .xlsx writer
 * (functions/src/xlsx/write-template.ts) and the add-on's *Crear plantilla* (addon/src/template).
 * Row 1: Spanish titles (required ones end in " *"), row 2: the flatten-tool path, data from row 3 (DESIGN §4).
 */
import type { ColumnSpec, SheetSpec, TemplateSpec } from './spec';
import { columnLetter } from '../workbook/model';

export const HEADER_ROWS = 2;
/**
 * Data rows a drop-down (data validation) of the blank .xlsx template covers: 10,000, the processes of a large
 * state (its child sheets may hold several rows per process: see dropDownLastRow). Bounded instead of reaching Excel's last row (1,048,576): readers that expand a range
 * validation into one entry per cell, as exceljs's in-memory reader does, held 106 such columns × a million rows
 * and never opened the template (out of memory); at 100,000 rows it took 30 s and 1 GB. A row typed below still
 * converts and is still checked by «Validar»; it only lacks the list. A state that will type more rows asks for them
 * (`template --filas`); a workbook written with its rows (`import`) gets room for them (dropDownLastRow).
 * The add-on uses open-ended column ranges (`C3:C`) instead: Google Sheets does not expand them.
 */
export const DROP_DOWN_ROWS = 10_000;
/** Last row the drop-downs of the blank template reach, the same in every one of its ranges. */
export const LAST_ROW = HEADER_ROWS + DROP_DOWN_ROWS;
/** Data rows of an .xlsx sheet at most (Excel's last row is 1,048,576). */
export const MAX_DATA_ROWS = 1_048_576 - HEADER_ROWS;

/**
 * Last row a sheet's drop-downs reach when the workbook is written with `dataRows` rows in it (`import`): twice
 * those rows, so that the official can keep adding as many again, and at least `atLeast` (DROP_DOWN_ROWS, or what
 * `template --filas` asked for). A large state's workbook (10,000 processes and 5,000 projects) had 12 to 15 child
 * sheets over 10,000 rows — up to 78,000 budget classification moments, 235,000 budget moments of Nuevo León's
 * projects — which a fixed bound left without lists or error messages below row 10,002. The range costs nothing in the
 * file (one `sqref` whatever its length: the template weighs the same with 10,000 or 100,000 rows, and exceljs writes
 * it as fast); only readers that expand it cell by cell pay, as they pay for the rows themselves.
 */
export function dropDownLastRow(dataRows: number, atLeast: number = DROP_DOWN_ROWS): number {
  return HEADER_ROWS + Math.min(MAX_DATA_ROWS, Math.max(atLeast, 2 * dataRows));
}
/**
 * The answers of a yes/no column, as its drop-down offers them and as a cell shows them (parse-value reads them
 * back, with TRUE/FALSE and VERDADERO/FALSO). Written as text: a spreadsheet's own TRUE/FALSE cell shows VERDADERO in
 * a Spanish Excel, an answer the column's drop-down does not offer.
 */
export const YES_NO = { yes: 'Sí', no: 'No' } as const;
export const yesNo = (value: boolean): string => (value ? YES_NO.yes : YES_NO.no);

/** Frozen key columns at most: on a laptop screen wider frozen blocks leave too little room to type. */
export const MAX_FROZEN_COLUMNS = 2;
/** Tab colour of the sheets that make the minimum to publish (and of «Configuración»). */
export const MINIMUM_TAB_COLOR = '#e69138';
export const REQUIRED_MARK = ' *';

/** Header fills: key columns green, derived columns grey, required columns yellow, the rest light blue. */
export const HEADER_COLORS = { key: '#d9e7d6', derived: '#e3e3e3', required: '#fce8b2', plain: '#e8eef7' } as const;
/** Note of a derived column (issue 18 item 4): what the official may leave blank, and that a typed value wins. */
export const DERIVED_NOTE = 'Se calcula si se deja vacío; si escribe un valor, se respeta el suyo.';
export const PATH_FONT = { size: 8, color: '#808080' } as const;

/** Row 1 of a column: its title, starred when required — unless the converter computes it when left blank. */
export function headerTitle(col: ColumnSpec): string {
  return col.required && !col.derived ? col.title + REQUIRED_MARK : col.title;
}

/** A title as typed in row 1 without the required mark, so "Monto *" and "Monto" name the same field. */
export function bareTitle(title: unknown): string {
  const t = String(title ?? '').trim();
  const mark = REQUIRED_MARK.trim();
  return (t.endsWith(mark) ? t.slice(0, -mark.length) : t).trim();
}

export function headerColor(col: ColumnSpec): string {
  if (col.key) return HEADER_COLORS.key;
  if (col.derived) return HEADER_COLORS.derived;
  return col.required ? HEADER_COLORS.required : HEADER_COLORS.plain;
}

const POSTAL_CODE = /(^|\/)postalCode$/;
const COUNT = /(^|\/)numberOfTenderers$/;
const RATE = /(^|\/)exchangeRates\/rate$/;

/** A date cell's format: day, month and four-digit year, as Mexico writes them (31/03/2024). */
export const DATE_FORMAT = 'dd/mm/yyyy';
/** A date cell with a time of day: the hour on a 24-hour clock (31/03/2024 10:30), its seconds only when it has some. */
export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
export const DATE_TIME_SECONDS_FORMAT = 'dd/mm/yyyy hh:mm:ss';

/**
 * The format a written date cell (its clock time in UTC, core/flatten dateCell) is shown with: the day alone at
 * midnight, else with its time. In a column formatted dd/mm/yyyy a date-time cell shows its day only, and an official
 * who cannot see the time would not know it is there to keep or correct.
 */
export function dateCellFormat(d: Date): string {
  const t = d.getTime() % 86_400_000;
  if (t === 0) return DATE_FORMAT;
  return t % 60_000 === 0 ? DATE_TIME_FORMAT : DATE_TIME_SECONDS_FORMAT;
}

/** Spreadsheet number format of a column; coordinates keep six decimals (about 10 cm); postal codes are text. */
export function numberFormat(col: ColumnSpec): string | undefined {
  if (col.type === 'date') return DATE_FORMAT;
  // Plain text: a postal code is five digits, not a number. In a column left to the spreadsheet, Google Sheets and
  // Excel stored «06720» (every Mexico City code starts with 0) as the number 6720, which the postal code check then
  // refused with «escríbalo como texto», something the official had no way to know how to do.
  if (POSTAL_CODE.test(col.field)) return '@';
  if (col.type === 'number') {
    if (/coordinates/.test(col.field)) return '0.000000';
    // OC4IDS types the number of tenderers `number`, not `integer` as OCDS does: shown as money, «3.00 licitantes».
    if (COUNT.test(col.field)) return '0';
    // Mexico's exchange rates (DOF, Banxico) have four decimals: shown with two, 17.2345 read as 17.23 — in the
    // template and in datos.xlsx, though the value kept all four.
    if (RATE.test(col.field)) return '#,##0.0000';
    return '#,##0.00';
  }
  if (col.type === 'integer') return '0';
  return undefined;
}

/** A tender column's «Obligatorio»: a process still at planning is published without its tender (past-planning.ts). */
export const ONCE_TENDERED_NOTE = 'Obligatorio en cuanto el proceso tiene licitación; un proceso aún en planeación (del programa anual de obra, por ejemplo) puede dejarlo vacío.';

/** The help note of a header cell. */
export function noteText(col: ColumnSpec): string {
  const parts = [col.help];
  if (col.derived) parts.push(DERIVED_NOTE);
  else if (col.onceTendered) parts.push(ONCE_TENDERED_NOTE);
  else if (col.required) parts.push('Obligatorio.');
  if (col.type === 'list') parts.push('Puede escribir varios valores separados por «;».');
  if (col.options && col.type !== 'list') {
    // Most coded columns' help already says to choose from the list («Elija la moneda de la lista…»): 57 notes said
    // it twice. Then only what the help cannot know is added: that an open list takes other codes too.
    const saysList = /\blista\b/i.test(col.help);
    if (col.openCodelist) { if (!saysList) parts.push('Elija de la lista o escriba otro código.'); else if (!/\bescrib/i.test(col.help)) parts.push('También puede escribir otro código.'); }
    else if (!saysList) parts.push('Elija una opción de la lista.');
  }
  return parts.join(' ');
}

/** Lists of several codes ("a; b") and open codelists accept other values: warn instead of blocking. */
export function strictList(col: ColumnSpec): boolean {
  return col.type !== 'list' && !col.openCodelist;
}

/**
 * Leading key columns kept in view while scrolling right (the spec puts the keys first): the row's project or
 * process id, and its parent item's id in child sheets.
 */
export function frozenColumns(sheet: SheetSpec): number {
  let keys = 0;
  while (keys < sheet.columns.length && sheet.columns[keys].key) keys++;
  return Math.min(keys, MAX_FROZEN_COLUMNS);
}

/**
 * The minimum to publish: the root sheets, one per standard («Proyectos», «Contrataciones»). Each of their rows is
 * one document, and the program's required fields (schemas/program, `!`) of a document's root must always be
 * there; required fields of the other sheets only apply to rows the official chooses to add.
 */
export function minimumSheets(spec: TemplateSpec): SheetSpec[] {
  return spec.sheets.filter((s) => s.array === '');
}

/** Column widths in the spec are in characters (as in .xlsx); Sheets wants pixels. */
export function columnPixels(width: number): number {
  return Math.round(width * 7 + 5);
}

export interface CatalogueList {
  /** `standard:codelist`, written as the column's first cell. */
  key: string;
  titles: string[];
  /** A1 range of the titles inside the catalogue sheet, e.g. `$B$2:$B$12`. */
  a1: string;
}

export function catalogueKey(standard: string, codelist: string): string {
  return `${standard}:${codelist}`;
}

/**
 * One catalogue column per codelist, so long lists fit (inline list formulas stop at 255 characters).
 * Drop-downs offer the Spanish titles; the converter accepts titles and raw codes.
 */
export function catalogueLists(spec: TemplateSpec): CatalogueList[] {
  const lists = new Map<string, string[]>();
  for (const sheet of spec.sheets) for (const col of sheet.columns) {
    if (!col.options || !col.codelist) continue;
    const key = catalogueKey(sheet.standard, col.codelist);
    if (!lists.has(key)) lists.set(key, col.options.map((o) => o.title));
  }
  return [...lists].map(([key, titles], i) => {
    const letter = columnLetter(i + 1);
    return { key, titles, a1: `$${letter}$2:$${letter}$${titles.length + 1}` };
  });
}
