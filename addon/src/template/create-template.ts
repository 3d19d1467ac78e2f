/**
 * *Crear plantilla*: adds the template sheets to the open spreadsheet from the same spec as the .xlsx template
 * (titles + paths, notes, drop-downs from the hidden catalogue sheet, frozen and protected headers, formats).
 * A sheet that already holds data is never touched: officials share one spreadsheet and must not lose work.
 */
import type { SheetSpec, TemplateSpec } from '../../../core/template/spec';
import { CATALOG_SHEET, INSTRUCTIONS_SHEET, prefillOf, SETTINGS, SETTINGS_HEADER, SETTINGS_SHEET } from '../../../core/template/settings';
import { formatCount, formatList } from '../../../core/format/es-mx';
import { instructionLines, MINIMUM_HEADING } from '../../../core/template/instructions';
import { missingColumns } from '../../../core/template/template-gaps';
import type { ListValidation, SheetPort, SpreadsheetPort } from '../sheet-port';
import { readsMonthFirst } from '../validation/locale-check';
import { UserError } from '../user-error';
import {
  HEADER_COLORS, HEADER_ROWS, MINIMUM_TAB_COLOR, PATH_FONT, catalogueKey, catalogueLists, columnPixels, frozenColumns, headerColor,
  headerTitle, minimumSheets, noteText, numberFormat, strictList,
} from '../../../core/template/layout';

export interface TemplateReport {
  /** Sheets added or filled in. */
  created: string[];
  /** Sheets of the template already there (with or without data below the headers): nothing to add. */
  present: string[];
  /** Sheets with a template sheet's name holding something else, left alone (the engine reads none of it). */
  kept: string[];
  /**
   * Template sheets made by an earlier version, with the columns the profile added since appended after their last
   * column: the sheet's name and the titles of the columns added.
   */
  extended: { sheet: string; columns: string[] }[];
  /** The locale the spreadsheet had when it read dates month first, before it was set to Mexico's. */
  localeWas?: string;
  /** The sheet left open for the official once sheets were added (Instrucciones), when it was. */
  opened?: string;
}

/**
 * An existing empty sheet (e.g. a fresh "Hoja 1" renamed by hand) is reused; one with content is kept as is. Each sheet
 * gets its values last, after its notes, formats, drop-downs and protections: Apps Script stops an execution at six
 * minutes (quotas, «Script runtime»), and a sheet whose headers were written before the stop was then kept as it was,
 * without its drop-downs, by every later *Crear plantilla*. Empty, it is completed by the next one.
 */
function freshSheet(list: SheetList, name: string, report: TemplateReport, heading: readonly string[], headingRow = 1): SheetPort | null {
  const existing = list.named(name);
  if (existing && existing.lastRow() > 0) {
    // Its own heading (one row read, not the sheet: it may hold thousands of rows) tells the template's sheet, which a
    // second *Crear plantilla* finds whole, from another one by that name. Every template sheet was listed as «ya
    // tienen datos», 68 names in a toast, to an official whose sheets held only their headers.
    // Its first headings anywhere in that row: columns may be moved, hidden or added (DESIGN §4).
    // No wider than its grid: a sheet of 26 columns refuses a read of the 43 of «Contrataciones».
    const width = Math.min(Math.max(heading.length, existing.lastColumn()), existing.maxColumns());
    const shown = new Set((existing.displayValues({ row: headingRow, column: 1, rows: 1, columns: width })[0] ?? []).map((v) => String(v).trim()));
    (heading.slice(0, 2).every((text) => shown.has(text)) ? report.present : report.kept).push(existing.name());
    return null;
  }
  report.created.push(existing?.name() ?? name);
  return existing ?? list.insert(name);
}

const fold = (name: string): string => name.toLocaleLowerCase('es-MX');

/**
 * The spreadsheet's sheets and their names, asked once per *Crear plantilla* and kept up to date as it adds sheets.
 * Apps Script charges every call to the Spreadsheet service (getSheets, getName…): looking each of the 68 template
 * sheets up among all the sheets asked every sheet its name each time, about 2,400 calls of the 6,000 that creating
 * the template made, within the six minutes an execution has (quotas, «Script runtime»).
 */
class SheetList {
  private readonly sheets: SheetPort[];
  private readonly names: string[];

  constructor(private readonly ss: SpreadsheetPort) {
    this.sheets = ss.sheets();
    this.names = this.sheets.map((ws) => ws.name());
  }

  /**
   * The sheet Sheets would take for `name`: the one of that name, else one whose name differs only in case. Sheets
   * refuses a second sheet named «Proyectos» beside «PROYECTOS» (names are unique regardless of case), and that refusal,
   * thrown by insertSheet halfway through, was «Ocurrió un problema inesperado» at every later try, with the sheets
   * before it already written.
   */
  named(name: string): SheetPort | null {
    const exact = this.names.indexOf(name);
    const at = exact >= 0 ? exact : this.names.findIndex((n) => fold(n) === fold(name));
    return at >= 0 ? this.sheets[at] : null;
  }

  /** Every sheet with its name, in the order of the tabs. */
  all(): { ws: SheetPort; name: string }[] {
    return this.sheets.map((ws, i) => ({ ws, name: this.names[i] }));
  }

  private readonly added = new Set<SheetPort>();

  /** Adds a sheet after the last one. */
  insert(name: string): SheetPort {
    const ws = this.ss.insertSheet(name);
    this.sheets.push(ws);
    this.names.push(name);
    this.added.add(ws);
    return ws;
  }

  /**
   * A sheet this run added gets no more columns than it uses. Sheets adds each with 26, and Google Sheets holds at most
   * 10 million cells a spreadsheet, empty ones included: most template sheets use 3 to 14 columns, so a workbook of
   * 5,000 processes (40,000 rows in its largest sheets) was past the limit with less than half its cells used, and
   * Sheets refused to paste more. A sheet the official had (an empty one reused) is left as it is.
   */
  fit(ws: SheetPort, columns: number): void {
    if (this.added.has(ws)) ws.dropColumnsAfter(columns);
  }
}

function writeInstructions(list: SheetList, spec: TemplateSpec, report: TemplateReport): void {
  const lines = instructionLines(spec);
  const ws = freshSheet(list, INSTRUCTIONS_SHEET, report, lines.slice(0, 1));
  if (!ws) return;
  const block = { row: 1, column: 1, rows: lines.length, columns: 1 };
  ws.ensureSize(lines.length, 1);
  list.fit(ws, 1);
  ws.setWrap(block, true);
  ws.setColumnWidths(1, 1, 780);
  ws.setFontStyle({ row: 1, column: 1, rows: 1, columns: 1 }, { bold: true, size: 14 });
  ws.setFontStyle({ row: lines.indexOf(MINIMUM_HEADING) + 1, column: 1, rows: 1, columns: 1 }, { bold: true });
  ws.setValues(block, lines.map((l) => [l]));
}

function writeSettings(list: SheetList, report: TemplateReport): void {
  const ws = freshSheet(list, SETTINGS_SHEET, report, SETTINGS_HEADER);
  if (!ws) return;
  const header = { row: 1, column: 1, rows: 1, columns: 3 };
  ws.ensureSize(SETTINGS.length + 1, 3);
  list.fit(ws, 3);
  ws.setNotes(header, [['Qué se configura.', 'Escriba aquí el valor.', 'Nombre interno; no lo cambie.']]);
  ws.setFontStyle(header, { bold: true });
  ws.setBackgrounds(header, [[HEADER_COLORS.plain, HEADER_COLORS.plain, HEADER_COLORS.plain]]);
  const body = { row: 2, column: 1, rows: SETTINGS.length, columns: 3 };
  ws.setNotes(body, SETTINGS.map((s) => [s.help, '', '']));
  ws.setFontStyle({ row: 2, column: 3, rows: SETTINGS.length, columns: 1 }, PATH_FONT);
  [32, 50, 22].forEach((w, i) => ws.setColumnWidths(i + 1, 1, columnPixels(w)));
  ws.setFrozenRows(1);
  ws.setTabColor(MINIMUM_TAB_COLOR);
  ws.protectWithWarning({ row: 1, column: 1, rows: SETTINGS.length + 1, columns: 1 }, 'Nombres de los parámetros');
  ws.protectWithWarning({ row: 1, column: 3, rows: SETTINGS.length + 1, columns: 1 }, 'Claves internas de los parámetros');
  ws.setValues({ row: 1, column: 1, rows: SETTINGS.length + 1, columns: 3 }, [[...SETTINGS_HEADER], ...SETTINGS.map((s) => [s.title, prefillOf(s), s.key])]);
}

/**
 * Whether the sheet called «Catálogos» is the template's own (or empty): its first row holds the list keys
 * (`oc4ids:projectStatus`), as both template writers leave it. One row is read, not the sheet.
 */
function catalogueIsOurs(ws: SheetPort, spec: TemplateSpec): boolean {
  if (ws.lastRow() === 0) return true;
  const keys = new Set(catalogueLists(spec).map((l) => l.key.slice(0, l.key.indexOf(':') + 1)));
  const first = String(ws.displayValues({ row: 1, column: 1, rows: 1, columns: 1 })[0]?.[0] ?? '').trim();
  return [...keys].some((standard) => first.startsWith(standard) && first.length > standard.length);
}

/**
 * «Catálogos» is a usual name for an office's own lists (dependencias, partidas): a sheet by that name holding
 * something else was cleared without a word to make room for the drop-downs' lists. Nothing is written then, and the
 * official is told how to free the name, which the template needs (the engine skips a sheet so named).
 */
function refuseForeignCatalogue(list: SheetList, spec: TemplateSpec): void {
  const existing = list.named(CATALOG_SHEET);
  if (!existing || catalogueIsOurs(existing, spec)) return;
  throw new UserError(`No se creó la plantilla: esta hoja de cálculo ya tiene una hoja «${existing.name()}» con sus propios datos, y la plantilla usa ese nombre para las opciones de las listas desplegables. Para no borrarlos, no se modificó nada. Cambie el nombre de esa hoja (por ejemplo, a «${CATALOG_SHEET} propios») y elija de nuevo Crear plantilla.`);
}

/** Where the drop-downs take their options from: the catalogue sheet, each list's range in it. */
interface Catalogue {
  sheet: string;
  ranges: Map<string, string>;
  /** Rewritten over other lists (an earlier version's): the drop-downs of sheets already there point at old ranges. */
  changed: boolean;
}

/**
 * The catalogue is generated, never typed into: it is rewritten so drop-downs always match the current spec, and left
 * as it is when it already holds those lists (a second *Crear plantilla* added another protection to it each time).
 */
function writeCatalogue(list: SheetList, spec: TemplateSpec): Catalogue {
  const lists = catalogueLists(spec);
  const rows = Math.max(1, ...lists.map((l) => l.titles.length + 1));
  const columns = Math.max(1, lists.length);
  const grid = Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => (r === 0 ? lists[c]?.key : lists[c]?.titles[r - 1]) ?? ''));
  const ranges = new Map(lists.map((l) => [l.key, l.a1]));
  const existing = list.named(CATALOG_SHEET);
  const before = existing ? existing.values() : [];
  if (existing && before.length === rows && before.every((row, r) => row.length === columns && row.every((v, c) => String(v ?? '') === grid[r][c]))) {
    if (!existing.isHidden()) existing.hide();
    return { sheet: existing.name(), ranges, changed: false };
  }
  const ws = existing ?? list.insert(CATALOG_SHEET);
  ws.clear();
  // 52 lists, the longest of 303 options: wider than the 26 columns of a sheet Sheets adds, which refuses the 27th.
  ws.ensureSize(rows, columns);
  ws.setValues({ row: 1, column: 1, rows, columns }, grid);
  ws.protectWithWarning({ row: 1, column: 1, rows, columns }, 'Catálogos de las listas desplegables');
  ws.hide();
  return { sheet: ws.name(), ranges, changed: before.length > 0 };
}

/** The drop-down of a column with a codelist, from its list in the catalogue. */
function dropDown(sheet: SheetSpec, col: SheetSpec['columns'][number], catalogue: Catalogue): ListValidation | undefined {
  const source = col.options && col.codelist ? catalogue.ranges.get(catalogueKey(sheet.standard, col.codelist)) : undefined;
  return source ? { sourceSheet: catalogue.sheet, sourceA1: source, strict: strictList(col), helpText: `Elija un valor de la lista de «${col.title}».` } : undefined;
}

/**
 * A template sheet already there when the catalogue was rewritten over an earlier version's lists: its drop-downs
 * point at ranges that now hold other lists (the project's state offering the project's types) or miss new options.
 * Each is set again at its column, found by its path in row 2 (columns may have been moved).
 */
function repointDropDowns(ws: SheetPort, sheet: SheetSpec, catalogue: Catalogue, paths: readonly string[]): void {
  for (const col of sheet.columns) {
    const rule = dropDown(sheet, col, catalogue);
    const at = paths.indexOf(col.path);
    if (rule && at >= 0) ws.setColumnListValidation(at + 1, HEADER_ROWS + 1, rule);
  }
}

/**
 * Template sheets the official renamed (its tab «Proyectos» now «Proyectos 2024»), by the template's name: a sheet
 * whose name is no template sheet's, with most of one template sheet's field paths in row 2 (DESIGN §4: the engine
 * reads a sheet by its paths, whatever its name). A second «Crear plantilla» added an empty «Proyectos» beside it,
 * and the official was left with two sheets for one table. One row read per such sheet (usually none).
 */
function renamedTemplateSheets(list: SheetList, spec: TemplateSpec): Map<string, string> {
  const names = new Set([...spec.sheets.map((s) => s.name), INSTRUCTIONS_SHEET, SETTINGS_SHEET, CATALOG_SHEET].map(fold));
  const found = new Map<string, string>();
  for (const { ws, name } of list.all()) {
    if (names.has(fold(name)) || ws.lastRow() < HEADER_ROWS) continue;
    const width = Math.min(ws.lastColumn(), ws.maxColumns());
    if (width < 2) continue;
    const paths = new Set((ws.displayValues({ row: HEADER_ROWS, column: 1, rows: 1, columns: width })[0] ?? []).map((p) => String(p).trim()));
    let best: { sheet: SheetSpec; share: number } | undefined;
    for (const sheet of spec.sheets) {
      const share = sheet.columns.filter((c) => paths.has(c.path)).length / sheet.columns.length;
      if (share > 0.5 && (!best || share > best.share)) best = { sheet, share };
    }
    if (best && !found.has(best.sheet.name)) found.set(best.sheet.name, name);
  }
  return found;
}

function writeDataSheet(list: SheetList, sheet: SheetSpec, catalogue: Catalogue, minimum: boolean, report: TemplateReport, renamed: Map<string, string>): void {
  // Renamed by the official (and no sheet of the template's name added since): that is the template's sheet.
  const kept = renamed.get(sheet.name);
  if (kept && !list.named(sheet.name)) {
    report.present.push(kept);
    const there = list.named(kept);
    if (there) upgradeSheet(there, sheet, catalogue, report);
    return;
  }
  const ws = freshSheet(list, sheet.name, report, sheet.columns.map((c) => c.path), HEADER_ROWS);
  if (!ws) {
    const there = list.named(sheet.name);
    if (there && report.present.includes(there.name())) upgradeSheet(there, sheet, catalogue, report);
    return;
  }
  const n = sheet.columns.length;
  // «Contrataciones» has 43 columns, «Proyectos» 29: a sheet Sheets adds has 26, and refuses a range past them.
  ws.ensureSize(HEADER_ROWS + 1, n);
  list.fit(ws, n);
  writeColumns(ws, 1, sheet, sheet.columns, catalogue);
  ws.setRowHeight(1, 42);
  ws.setFrozenRows(HEADER_ROWS);
  ws.setFrozenColumns(frozenColumns(sheet));
  if (minimum) ws.setTabColor(MINIMUM_TAB_COLOR);
  writeHeadings(ws, 1, sheet.columns);
}

/**
 * Columns of the template from `first` on: their headers' notes, colours and fonts, widths, and below them their
 * number formats and drop-downs. Their titles and paths are written last (writeHeadings), as a sheet's values are.
 */
function writeColumns(ws: SheetPort, first: number, sheet: SheetSpec, columns: readonly SheetSpec['columns'][number][], catalogue: Catalogue): void {
  const n = columns.length;
  ws.setNotes({ row: 1, column: first, rows: 1, columns: n }, [columns.map(noteText)]);
  ws.setBackgrounds({ row: 1, column: first, rows: 1, columns: n }, [columns.map(headerColor)]);
  ws.setFontStyle({ row: 1, column: first, rows: 1, columns: n }, { bold: true });
  ws.setWrap({ row: 1, column: first, rows: 1, columns: n }, true);
  ws.setFontStyle({ row: 2, column: first, rows: 1, columns: n }, PATH_FONT);
  // Neighbouring columns of the same width in one call: the template's 684 columns have two widths, in 132 runs.
  const widths = columns.map((col) => columnPixels(col.width));
  for (let from = 0; from < widths.length;) {
    let to = from + 1;
    while (to < widths.length && widths[to] === widths[from]) to++;
    ws.setColumnWidths(first + from, to - from, widths[from]);
    from = to;
  }
  columns.forEach((col, i) => {
    const column = first + i;
    const format = numberFormat(col);
    if (format) ws.setColumnNumberFormat(column, HEADER_ROWS + 1, format);
    const rule = dropDown(sheet, col, catalogue);
    if (rule) ws.setColumnListValidation(column, HEADER_ROWS + 1, rule);
  });
}

function writeHeadings(ws: SheetPort, first: number, columns: readonly SheetSpec['columns'][number][]): void {
  const header = { row: 1, column: first, rows: HEADER_ROWS, columns: columns.length };
  ws.protectWithWarning(header, 'Encabezados de la plantilla: la conversión reconoce cada columna por la fila 2');
  ws.setValues(header, [columns.map(headerTitle), columns.map((c) => c.path)]);
}

/**
 * A template sheet an earlier version made, with the official's rows: the columns the profile has added since
 * (core/template/template-gaps.ts) are appended after its last column with anything in it, so no typed cell moves or
 * changes (the engine finds columns by their path in row 2, in any position: DESIGN §4); and when the catalogue was
 * rewritten, its old columns' drop-downs point at the current lists. Before, a sheet with its first headings was
 * «present» and nothing was added: the official could never fill the new fields.
 */
function upgradeSheet(ws: SheetPort, sheet: SheetSpec, catalogue: Catalogue, report: TemplateReport): void {
  // Titles and paths in one read: a column whose path was deleted is still there by its title.
  const width = Math.min(ws.lastColumn(), ws.maxColumns());
  const [titles = [], paths = []] = width < 1 ? [] : ws.displayValues({ row: 1, column: 1, rows: HEADER_ROWS, columns: width }).map((row) => row.map((v) => String(v).trim()));
  if (catalogue.changed) repointDropDowns(ws, sheet, catalogue, paths);
  const missing = missingColumns(sheet, paths, titles);
  if (!missing.length) return;
  const first = Math.max(ws.lastColumn(), 0) + 1;
  ws.ensureSize(HEADER_ROWS + 1, first + missing.length - 1);
  writeColumns(ws, first, sheet, missing, catalogue);
  writeHeadings(ws, first, missing);
  report.extended.push({ sheet: ws.name(), columns: missing.map((c) => c.title) });
}

const MEXICO_LOCALE = 'es_MX';

export function createTemplate(ss: SpreadsheetPort, spec: TemplateSpec): TemplateReport {
  const list = new SheetList(ss);
  refuseForeignCatalogue(list, spec);
  const report: TemplateReport = { created: [], present: [], kept: [], extended: [] };
  // The template asks for dates as 31/03/2024: a locale that reads month first would store 01/04/2024 as 4 January.
  // And its columns' number formats are drawn in the sheet's locale: under Spain's (or Argentina's, Colombia's…), an
  // amount read «1.234.567,89» and a progress computed in the sheet «62,5 %» — not how Mexico writes them, nor how
  // the dashboard and the review pages show the same figures. The template is Mexico's: its locale too.
  const locale = ss.locale();
  if (locale !== MEXICO_LOCALE) {
    ss.setLocale(MEXICO_LOCALE);
    report.localeWas = locale;
  }
  writeInstructions(list, spec, report);
  writeSettings(list, report);
  const catalogue = writeCatalogue(list, spec);
  const minimum = new Set(minimumSheets(spec).map((s) => s.name));
  const renamed = renamedTemplateSheets(list, spec);
  for (const sheet of spec.sheets) writeDataSheet(list, sheet, catalogue, minimum.has(sheet.name), report, renamed);
  // Sheets makes each sheet it inserts the active one: the official was left on the last of 68 tabs (a child sheet
  // at the far right, «Procesos relacionados»), not knowing where to begin. Instrucciones says what to fill first.
  // Only a template made now: an official whose months-old template got a sheet or columns more stays where they were.
  const start = report.created.length && !report.present.length ? list.named(INSTRUCTIONS_SHEET) : null;
  if (start) {
    start.select(1, 1);
    report.opened = start.name();
  }
  return report;
}

/** A toast is a few lines: the first sheets kept are named, the rest counted. */
const KEPT_NAMED = 5;

/** Spanish summary for a toast. */
export function templateReportText(report: TemplateReport): string {
  const parts: string[] = [];
  if (report.created.length) parts.push(`${report.created.length === 1 ? 'Se agregó' : 'Se agregaron'} ${formatCount(report.created.length, 'hoja', 'hojas')} de la plantilla.`);
  else if (!report.kept.length && !report.extended.length) parts.push('La plantilla ya estaba completa: no se modificó ninguna hoja.');
  if (report.extended.length) {
    // The official of a months-old template learns what the new columns are and that nothing they typed moved.
    const columns = report.extended.reduce((n, e) => n + e.columns.length, 0);
    const sheets = report.extended.map((e) => `«${e.sheet}» (${e.columns.length})`);
    const named = sheets.length > KEPT_NAMED ? [...sheets.slice(0, KEPT_NAMED), formatCount(sheets.length - KEPT_NAMED, 'hoja más', 'hojas más')] : sheets;
    parts.push(`${columns === 1 ? 'Se agregó 1 columna nueva' : `Se agregaron ${formatCount(columns, 'columna nueva', 'columnas nuevas')}`} de la plantilla al final de ${report.extended.length === 1 ? 'la hoja' : 'las hojas'} ${formatList(named)}; lo que ya estaba escrito no se movió ni cambió.`);
  }
  if (report.opened) parts.push(`Empiece por la hoja «${report.opened}», abierta ahora: dice qué llenar primero.`);
  if (report.kept.length) {
    const named = report.kept.length > KEPT_NAMED ? [...report.kept.slice(0, KEPT_NAMED), formatCount(report.kept.length - KEPT_NAMED, 'hoja más', 'hojas más')] : report.kept;
    parts.push(`No se modificaron porque ya tienen datos: ${formatList(named)}.`);
  }
  if (report.localeWas) {
    parts.push(readsMonthFirst(report.localeWas)
      ? `La configuración regional de la hoja de cálculo era «${report.localeWas}», que lee las fechas como mes/día/año; se cambió a México para que 01/04/2024 sea el 1 de abril.`
      : `La configuración regional de la hoja de cálculo era «${report.localeWas}»; se cambió a México para que los montos y porcentajes se vean como en México: 1,234,567.89 y 62.5 %.`);
  }
  return parts.join(' ');
}
