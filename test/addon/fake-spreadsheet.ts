/**
 * Typed in-memory fake of the add-on's sheet port: real values, notes, fills, formats, drop-downs, protections,
 * frozen rows and the active cell, so tests assert on what lands in which cell.
 */
import type { CellValue } from '../../core/workbook/model';
import { displayed } from '../support/shown-cell';
import { wallClock } from '../../core/unflatten/time-zone';
import type { Block, FontStyle, ListValidation, SheetPort, SpreadsheetPort } from '../../addon/src/sheet-port';

export interface FakeCell {
  value?: CellValue;
  note?: string;
  background?: string;
  format?: string;
  font?: FontStyle;
  wrap?: boolean;
  validation?: ListValidation;
  /** A web link on the whole text (Insertar → Vínculo). */
  link?: string;
  /**
   * The formula the cell holds, as getFormulas() gives it (`=HIPERVINCULO("https://…";"Ver")`); `value` is then its
   * result, as getValues() gives it. A test sets both: the fake calculates nothing.
   */
  formula?: string;
}

function blank(v: CellValue): boolean {
  return v === undefined || v === null || v === '';
}

function grid<T>(b: Block, at: (row: number, column: number) => T): T[][] {
  return Array.from({ length: b.rows }, (_, r) => Array.from({ length: b.columns }, (_, c) => at(b.row + r, b.column + c)));
}

export class FakeSheet implements SheetPort {
  readonly cells = new Map<string, FakeCell>();
  frozenRows = 0;
  frozenColumns = 0;
  tabColor: string | null = null;
  hidden = false;
  /** Whole-column rules (`C3:C`), by column: they reach every row from `fromRow` down, however far. */
  readonly columnValidations = new Map<number, { fromRow: number; rule: ListValidation }>();
  readonly columnFormats = new Map<number, { fromRow: number; format: string }>();
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly protections: { block: Block; description: string }[] = [];
  /** How many times each port method was called (batching checks). */
  readonly calls = new Map<string, number>();

  /**
   * The grid: a sheet Sheets adds has 1,000 rows and 26 columns (Spreadsheet.insertSheet), and every range reaching
   * past it is refused, as Range does («The coordinates of the range are outside the dimensions of the sheet»). Typing
   * or pasting past it grows it (paste); the add-on grows it with ensureSize.
   */
  gridRows = 1000;
  gridColumns = 26;

  constructor(private sheetName: string, private readonly book: FakeSpreadsheet, private readonly sheetId = 0) {}

  /** Sheet.getSheetId(): the first sheet's is 0, the others' are numbers Sheets chooses; a rename keeps it. */
  id(): number { return this.sheetId; }

  /** Refuses a block past the grid, as Sheet.getRange does. */
  inGrid(b: Block): void {
    if (b.row < 1 || b.column < 1 || b.rows < 1 || b.columns < 1) throw new Error(`Exception: The starting row and column of the range must be at least 1, and its size at least 1 (${b.row}, ${b.column}, ${b.rows}, ${b.columns}).`);
    if (b.row + b.rows - 1 > this.gridRows || b.column + b.columns - 1 > this.gridColumns) throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
  }

  /** As Range.setValues / setNotes / setBackgrounds refuse data of another size than the range. */
  private static sized(b: Block, data: unknown[][]): void {
    if (data.length !== b.rows) throw new Error(`Exception: The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${b.rows}.`);
    const row = data.find((r) => r.length !== b.columns);
    if (row) throw new Error(`Exception: The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${b.columns}.`);
  }

  maxRows(): number { return this.gridRows; }
  maxColumns(): number { return this.gridColumns; }
  ensureSize(rows: number, columns: number): void {
    this.count('ensureSize');
    this.gridRows = Math.max(this.gridRows, rows);
    this.gridColumns = Math.max(this.gridColumns, columns);
  }

  dropColumnsAfter(column: number): void {
    this.count('dropColumnsAfter');
    // Only empty columns are dropped here: a test that drops a value fails instead of losing it.
    if (this.lastColumn() > column) throw new Error(`dropColumnsAfter(${column}) would delete values of «${this.sheetName}»`);
    for (const key of [...this.cells.keys()]) if (Number(key.split(',')[1]) > column) this.cells.delete(key);
    this.gridColumns = Math.min(this.gridColumns, column);
  }

  /** What the official types or pastes: Sheets adds the rows and columns a paste needs, so the grid grows to hold it. */
  paste(b: Block, values: CellValue[][]): void {
    this.gridRows = Math.max(this.gridRows, b.row + b.rows - 1);
    this.gridColumns = Math.max(this.gridColumns, b.column + b.columns - 1);
    this.setValues(b, values);
  }

  private count(method: string, n = 1): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + n);
  }

  /** Counts a call the fake Apps Script services make on this sheet (built-bundle tests). */
  countCall(method: string): void {
    this.count(method);
  }

  cell(row: number, column: number): FakeCell {
    const key = `${row},${column}`;
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = {}));
    return c;
  }

  peek(row: number, column: number): FakeCell | undefined {
    return this.cells.get(`${row},${column}`);
  }

  private each(b: Block, fn: (cell: FakeCell, r: number, c: number) => void): void {
    for (let r = 0; r < b.rows; r++) for (let c = 0; c < b.columns; c++) fn(this.cell(b.row + r, b.column + c), r, c);
  }

  name(): string { return this.sheetName; }
  /** Sheet.setName: refused, as insertSheet, when another sheet has that name in any case. */
  rename(name: string): void {
    if (this.book.sheets().some((s) => s !== this && s.name().toLowerCase() === name.toLowerCase())) throw new Error(`Exception: A sheet with the name "${name}" already exists. Please enter another name.`);
    this.sheetName = name;
  }

  lastRow(): number {
    let last = 0;
    for (const [key, c] of this.cells) if (!blank(c.value)) last = Math.max(last, Number(key.split(',')[0]));
    return last;
  }

  lastColumn(): number {
    let last = 0;
    for (const [key, c] of this.cells) if (!blank(c.value)) last = Math.max(last, Number(key.split(',')[1]));
    return last;
  }

  values(): CellValue[][] {
    this.count('values');
    const rows = this.lastRow();
    const columns = this.lastColumn();
    if (!rows) return [];
    return grid({ row: 1, column: 1, rows, columns }, (r, c) => this.peek(r, c)?.value ?? '');
  }

  displayValues(b: Block): string[][] {
    this.count('displayValues');
    this.inGrid(b);
    // A date cell holds Apps Script's instant (getValues()): shown as the clock it is in the spreadsheet's zone.
    const clock = (v: CellValue): CellValue => (Object.prototype.toString.call(v) === '[object Date]' ? new Date(wallClock((v as Date).getTime(), this.book.timeZone()) ?? (v as Date).getTime()) : v);
    return grid(b, (r, c) => displayed(clock(this.peek(r, c)?.value), this.formatAt(r, c)));
  }

  links(b: Block): (string | null)[][] {
    this.count('links');
    this.inGrid(b);
    return this.linksIn(b);
  }

  formulas(b: Block): string[][] {
    this.count('formulas');
    this.inGrid(b);
    return this.formulasIn(b);
  }

  /** As Range.getFormulas() gives them: '' for a cell without a formula. */
  formulasIn(b: Block): string[][] {
    return grid(b, (r, c) => this.peek(r, c)?.formula ?? '');
  }

  /** As RichTextValue.getLinkUrl() gives them: a link only on a cell holding text. */
  linksIn(b: Block): (string | null)[][] {
    return grid(b, (r, c) => {
      const cell = this.peek(r, c);
      return typeof cell?.value === 'string' && cell.value !== '' && cell.link ? cell.link : null;
    });
  }

  /** Merged ranges (A1), as Format → Merge cells leaves them: the first cell keeps its value, the others are emptied. */
  readonly merges: string[] = [];

  merge(a1: string): void {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(a1);
    if (!m) throw new Error(`merge: ${a1}`);
    const column = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const [top, left, bottom, right] = [Number(m[2]), column(m[1]), Number(m[4]), column(m[3])];
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) if (r !== top || c !== left) delete this.cell(r, c).value;
    this.merges.push(a1);
  }

  mergedRanges(): string[] {
    this.count('mergedRanges');
    return [...this.merges];
  }

  valuesIn(b: Block): CellValue[][] {
    return grid(b, (r, c) => this.peek(r, c)?.value ?? '');
  }

  setValues(b: Block, values: CellValue[][]): void {
    this.count('setValues');
    this.inGrid(b);
    FakeSheet.sized(b, values);
    // A value written over a formula replaces it, as Range.setValues does.
    this.each(b, (cell, r, c) => { cell.value = values[r][c]; delete cell.formula; });
  }

  notes(b: Block): string[][] {
    this.count('notes');
    this.inGrid(b);
    return grid(b, (r, c) => this.peek(r, c)?.note ?? '');
  }

  setNotes(b: Block, notes: string[][]): void {
    this.count('setNotes');
    this.inGrid(b);
    FakeSheet.sized(b, notes);
    this.each(b, (cell, r, c) => { cell.note = notes[r][c]; });
  }

  backgrounds(b: Block): string[][] {
    this.count('backgrounds');
    this.inGrid(b);
    return grid(b, (r, c) => this.peek(r, c)?.background ?? '#ffffff');
  }

  setBackgrounds(b: Block, colors: (string | null)[][]): void {
    this.count('setBackgrounds');
    this.inGrid(b);
    FakeSheet.sized(b, colors);
    this.each(b, (cell, r, c) => {
      const color = colors[r][c];
      if (color === null) delete cell.background; else cell.background = color;
    });
  }

  setFontStyle(b: Block, style: FontStyle): void { this.inGrid(b); this.each(b, (cell) => { cell.font = { ...cell.font, ...style }; }); }
  setNumberFormat(b: Block, format: string): void { this.inGrid(b); this.each(b, (cell) => { cell.format = format; }); }
  setWrap(b: Block, wrap: boolean): void { this.inGrid(b); this.each(b, (cell) => { cell.wrap = wrap; }); }
  setListValidation(b: Block, rule: ListValidation): void { this.inGrid(b); this.each(b, (cell) => { cell.validation = rule; }); }
  setColumnListValidation(column: number, fromRow: number, rule: ListValidation): void { this.inGrid({ row: fromRow, column, rows: 1, columns: 1 }); this.columnValidations.set(column, { fromRow, rule }); }
  setColumnNumberFormat(column: number, fromRow: number, format: string): void { this.inGrid({ row: fromRow, column, rows: 1, columns: 1 }); this.columnFormats.set(column, { fromRow, format }); }
  /** The drop-down a cell offers: its own, else its column's whole-column rule. */
  validationAt(row: number, column: number): ListValidation | undefined {
    const own = this.peek(row, column)?.validation;
    if (own) return own;
    const whole = this.columnValidations.get(column);
    return whole && row >= whole.fromRow ? whole.rule : undefined;
  }
  /** The number format a cell shows: its own, else its column's whole-column format. */
  formatAt(row: number, column: number): string | undefined {
    const own = this.peek(row, column)?.format;
    if (own) return own;
    const whole = this.columnFormats.get(column);
    return whole && row >= whole.fromRow ? whole.format : undefined;
  }
  protectWithWarning(block: Block, description: string): void { this.inGrid(block); this.protections.push({ block, description }); }
  setColumnWidths(column: number, count: number, pixels: number): void {
    this.inGrid({ row: 1, column, rows: 1, columns: count });
    for (let c = column; c < column + count; c++) this.columnWidths.set(c, pixels);
  }
  setRowHeight(row: number, pixels: number): void { this.inGrid({ row, column: 1, rows: 1, columns: 1 }); this.rowHeights.set(row, pixels); }
  setFrozenRows(rows: number): void { this.frozenRows = rows; }
  setFrozenColumns(columns: number): void { this.frozenColumns = columns; }
  setTabColor(color: string): void { this.tabColor = color; }
  clear(): void { this.cells.clear(); this.merges.length = 0; }
  hide(): void { this.hidden = true; }
  isHidden(): boolean { return this.hidden; }

  /** Columns hidden by the official (right-click › Ocultar columna), 1-based. */
  readonly hiddenColumns = new Set<number>();
  /**
   * The sheet's filter (Datos › Crear un filtro): its columns, those with a criterion, and the rows it leaves out, as
   * a test sets them (the fake evaluates no criterion). Undefined: no filter.
   */
  filter?: { fromColumn: number; columns: number; criteriaColumns: number[]; hiddenRows: number[] };
  rowsHiddenByFilter(fromRow: number, toRow: number): number[] {
    this.count('rowsHiddenByFilter');
    const f = this.filter;
    if (!f || f.criteriaColumns.length === 0) return [];
    this.count('isRowHiddenByFilter', toRow - fromRow + 1);
    return f.hiddenRows.filter((r) => r >= fromRow && r <= toRow).sort((a, b) => a - b);
  }

  isColumnHidden(column: number): boolean {
    this.count('isColumnHidden');
    return this.hiddenColumns.has(column);
  }
  select(row: number, column: number): void { this.inGrid({ row, column, rows: 1, columns: 1 }); this.book.active = { sheet: this.sheetName, row, column }; }
}

export class FakeSpreadsheet implements SpreadsheetPort {
  readonly list: FakeSheet[] = [];
  readonly toasts: string[] = [];
  /** The timeoutSeconds each toast was given (undefined: Google's default, 5 s). */
  readonly toastSeconds: (number | undefined)[] = [];
  active: { sheet: string; row: number; column: number } | null = null;

  constructor(private spreadsheetId = 'hoja-de-prueba', private readonly title = 'Obra pública 2024', private readonly zone = 'America/Mexico_City') {}

  id(): string { return this.spreadsheetId; }
  setId(id: string): void { this.spreadsheetId = id; }
  name(): string { return this.title; }
  timeZone(): string { return this.zone; }
  /** File → Settings → Locale; Mexico unless a test sets another. */
  localeCode = 'es_MX';
  locale(): string { return this.localeCode; }
  setLocale(locale: string): void { this.localeCode = locale; }
  sheets(): FakeSheet[] { return [...this.list]; }
  sheet(name: string): FakeSheet | null { return this.list.find((s) => s.name() === name) ?? null; }
  sheetById(id: number): FakeSheet | null { return this.list.find((s) => s.id() === id) ?? null; }
  private nextId = 0;

  /**
   * As Sheets refuses it: sheet names are unique regardless of case («proyectos» and «Proyectos» cannot both exist,
   * from the UI or the API; socialpoint-labs/sheetfu#26).
   */
  insertSheet(name: string): FakeSheet {
    if (this.list.some((s) => s.name().toLowerCase() === name.toLowerCase())) throw new Error(`Exception: A sheet with the name "${name}" already exists. Please enter another name.`);
    const s = new FakeSheet(name, this, this.nextId);
    this.nextId += 104_729;
    this.list.push(s);
    // «The new sheet becomes the active sheet» (Spreadsheet.insertSheet).
    this.active = { sheet: name, row: 1, column: 1 };
    return s;
  }

  /**
   * The official drags a tab to `position` (1-based), as Spreadsheet.moveActiveSheet(pos) leaves it: getSheets()
   * gives the sheets in the order of their tabs.
   */
  moveSheet(name: string, position: number): void {
    const sheet = this.get(name);
    this.list.splice(this.list.indexOf(sheet), 1);
    this.list.splice(position - 1, 0, sheet);
  }

  toast(message: string, _title?: string, seconds?: number): void { this.toasts.push(message); this.toastSeconds.push(seconds); }

  /** The sheet by name, failing the test if it is missing. */
  get(name: string): FakeSheet {
    const s = this.sheet(name);
    if (!s) throw new Error(`No sheet ${name}`);
    return s;
  }
}
