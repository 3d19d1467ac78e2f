/**
 * Writes the template spec as an .xlsx workbook (exceljs): title row + path row, frozen and protected,
 * help notes, drop-downs backed by a hidden catalogue sheet, date and amount formats, required columns marked.
 */
import ExcelJS from 'exceljs';
import type { ColumnSpec, SheetSpec, TemplateSpec } from '../../../core/template/spec';
import { CATALOG_SHEET, INSTRUCTIONS_SHEET, SETTINGS, SETTINGS_SHEET } from '../../../core/template/settings';
import { INSTRUCTIONS } from '../../../core/template/instructions';
import { fixZipTimestamps } from './zip-timestamps';

/** Fixed so that regenerating the committed templates gives identical files. */
const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));
export const HEADER_ROWS = 2;
/** How far down drop-downs and formats reach (Excel applies validation per range). */
export const DATA_ROWS = 2000;

const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE8B2' } };
const TITLE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const KEY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E7D6' } };

export const REQUIRED_MARK = ' *';

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function numFmt(col: ColumnSpec): string | undefined {
  if (col.type === 'date') return 'dd/mm/yyyy';
  if (col.type === 'number') return /coordinates/.test(col.field) ? '0.000000' : '#,##0.00';
  if (col.type === 'integer') return '0';
  return undefined;
}

function noteText(col: ColumnSpec): string {
  const parts = [col.help];
  if (col.required) parts.push('Obligatorio.');
  if (col.type === 'list') parts.push('Puede escribir varios valores separados por «;».');
  if (col.options && col.type !== 'list') parts.push(col.openCodelist ? 'Elija de la lista o escriba otro código.' : 'Elija una opción de la lista.');
  return parts.join(' ');
}

/** One catalogue column per codelist, so long lists fit (inline list formulas stop at 255 characters). */
function writeCatalogs(wb: ExcelJS.Workbook, spec: TemplateSpec): Map<string, string> {
  const ws = wb.addWorksheet(CATALOG_SHEET, { state: 'hidden' });
  const ranges = new Map<string, string>();
  const lists = new Map<string, string[]>();
  for (const sheet of spec.sheets) for (const col of sheet.columns) {
    if (!col.options || !col.codelist) continue;
    const key = `${sheet.standard}:${col.codelist}`;
    if (!lists.has(key)) lists.set(key, col.options.map((o) => o.title));
  }
  let c = 0;
  for (const [key, titles] of lists) {
    c++;
    ws.getCell(1, c).value = key;
    titles.forEach((t, i) => { ws.getCell(i + 2, c).value = t; });
    const letter = columnLetter(c);
    ranges.set(key, `'${CATALOG_SHEET}'!$${letter}$2:$${letter}$${titles.length + 1}`);
  }
  ws.protect('', { selectLockedCells: true });
  return ranges;
}

/** exceljs 4 supports range validations (one sqref) but does not declare them in its typings. */
interface RangeValidations { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }

function writeDataSheet(wb: ExcelJS.Workbook, sheet: SheetSpec, catalogs: Map<string, string>): void {
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: HEADER_ROWS, xSplit: 0 }] });
  sheet.columns.forEach((col, i) => {
    const n = i + 1;
    const column = ws.getColumn(n);
    column.width = col.width;
    const fmt = numFmt(col);
    column.style = { protection: { locked: false }, ...(fmt ? { numFmt: fmt } : {}) };
    const title = ws.getCell(1, n);
    title.value = col.required ? col.title + REQUIRED_MARK : col.title;
    title.font = { bold: true };
    title.fill = col.key ? KEY_FILL : col.required ? REQUIRED_FILL : TITLE_FILL;
    title.alignment = { wrapText: true, vertical: 'top' };
    title.protection = { locked: true };
    title.note = noteText(col);
    const pathCell = ws.getCell(2, n);
    pathCell.value = col.path;
    pathCell.font = { size: 8, color: { argb: 'FF808080' } };
    pathCell.protection = { locked: true };
    if (col.type === 'boolean') {
      const letter = columnLetter(n);
      (ws as unknown as RangeValidations).dataValidations.add(`${letter}${HEADER_ROWS + 1}:${letter}${DATA_ROWS}`, {
        type: 'list', allowBlank: true, formulae: ['"Sí,No"'], showErrorMessage: true, errorStyle: 'stop',
        errorTitle: 'Valor no válido', error: `Escriba Sí o No en «${col.title}».`,
      });
    }
    if (col.options && col.codelist) {
      const range = catalogs.get(`${sheet.standard}:${col.codelist}`);
      const letter = columnLetter(n);
      // Lists of several codes ("a; b") and open codelists accept other values: warn instead of blocking.
      const strict = col.type !== 'list' && !col.openCodelist;
      (ws as unknown as RangeValidations).dataValidations.add(`${letter}${HEADER_ROWS + 1}:${letter}${DATA_ROWS}`, {
        type: 'list', allowBlank: true, formulae: [range as string], showErrorMessage: strict, errorStyle: 'stop',
        errorTitle: 'Valor no válido', error: `Elija un valor de la lista de «${col.title}».`,
      });
    }
  });
  ws.getRow(1).height = 32;
  ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, insertRows: true, deleteRows: true, sort: true, autoFilter: true });
}

function writeSettings(wb: ExcelJS.Workbook, values: Record<string, string>): void {
  const ws = wb.addWorksheet(SETTINGS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [{ width: 32 }, { width: 50 }, { width: 22 }];
  const header = ['Parámetro', 'Valor', 'clave'];
  header.forEach((h, i) => {
    const cell = ws.getCell(1, i + 1);
    cell.value = h; cell.font = { bold: true }; cell.fill = TITLE_FILL;
    cell.note = ['Qué se configura.', 'Escriba aquí el valor.', 'Nombre interno; no lo cambie.'][i];
  });
  SETTINGS.forEach((s, i) => {
    const row = i + 2;
    ws.getCell(row, 1).value = s.title;
    ws.getCell(row, 1).note = s.help;
    const value = ws.getCell(row, 2);
    value.value = values[s.key] ?? s.defaultValue;
    value.protection = { locked: false };
    const key = ws.getCell(row, 3);
    key.value = s.key; key.font = { size: 8, color: { argb: 'FF808080' } };
  });
  ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
}

function writeInstructions(wb: ExcelJS.Workbook, spec: TemplateSpec): void {
  const ws = wb.addWorksheet(INSTRUCTIONS_SHEET);
  ws.getColumn(1).width = 110;
  const lines = [...INSTRUCTIONS, '', 'Hojas de esta plantilla:', ...spec.sheets.map((s) => `• ${s.name}`)];
  lines.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
  ws.getCell(1, 1).note = 'Lea estas indicaciones antes de capturar.';
}

export interface WorkbookData {
  settings?: Record<string, string>;
  /** Rows per sheet name, each row aligned with the sheet's columns. */
  rows?: Record<string, unknown[][]>;
}

export function buildTemplateWorkbook(spec: TemplateSpec, data: WorkbookData = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Infraestructura Abierta';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  writeInstructions(wb, spec);
  writeSettings(wb, data.settings ?? {});
  const catalogs = writeCatalogs(wb, spec);
  for (const sheet of spec.sheets) {
    writeDataSheet(wb, sheet, catalogs);
    const rows = data.rows?.[sheet.name] ?? [];
    const ws = wb.getWorksheet(sheet.name) as ExcelJS.Worksheet;
    rows.forEach((row, r) => row.forEach((value, c) => {
      if (value !== '' && value !== undefined && value !== null) ws.getCell(HEADER_ROWS + 1 + r, c + 1).value = value as ExcelJS.CellValue;
    }));
  }
  // Catalogue sheet last among hidden things, data sheets in definition order; Instrucciones first.
  return wb;
}

export async function templateBuffer(spec: TemplateSpec, data?: WorkbookData): Promise<Buffer> {
  const wb = buildTemplateWorkbook(spec, data);
  return fixZipTimestamps(Buffer.from(await wb.xlsx.writeBuffer()));
}
