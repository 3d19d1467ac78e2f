/**
 * Writes the template spec as an .xlsx workbook (exceljs): title row + path row, frozen and protected,
 * help notes, drop-downs backed by a hidden catalogue sheet, date and amount formats, required columns marked.
 */
import ExcelJS from 'exceljs';
import type { SheetSpec, TemplateSpec } from '../../../core/template/spec';
import { CATALOG_SHEET, INSTRUCTIONS_SHEET, prefillOf, SETTINGS, SETTINGS_SHEET } from '../../../core/template/settings';
import { instructionLines, MINIMUM_HEADING } from '../../../core/template/instructions';
import { fixZipTimestamps } from './zip-timestamps';
import { columnLetter } from '../../../core/workbook/model';
import {
  catalogueKey, catalogueLists, frozenColumns, HEADER_COLORS, HEADER_ROWS, headerColor, headerTitle, LAST_ROW, minimumSheets, MINIMUM_TAB_COLOR, noteText, numberFormat, PATH_FONT,
  REQUIRED_MARK, strictList,
} from '../../../core/template/layout';

/** Fixed so that regenerating the committed templates gives identical files. */
const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));
export { HEADER_ROWS, LAST_ROW, REQUIRED_MARK };

const argb = (hex: string): string => `FF${hex.slice(1).toUpperCase()}`;
const fill = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } });
const TITLE_FILL = fill(HEADER_COLORS.plain);

/** One catalogue column per codelist (core/template/layout.ts), hidden and protected. */
function writeCatalogs(wb: ExcelJS.Workbook, spec: TemplateSpec): Map<string, string> {
  const ws = wb.addWorksheet(CATALOG_SHEET, { state: 'hidden' });
  const ranges = new Map<string, string>();
  catalogueLists(spec).forEach((list, i) => {
    ws.getCell(1, i + 1).value = list.key;
    list.titles.forEach((t, r) => { ws.getCell(r + 2, i + 1).value = t; });
    ranges.set(list.key, `'${CATALOG_SHEET}'!${list.a1}`);
  });
  ws.protect('', { selectLockedCells: true });
  return ranges;
}

/** exceljs 4 supports range validations (one sqref) but does not declare them in its typings. */
interface RangeValidations { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }

function writeDataSheet(wb: ExcelJS.Workbook, sheet: SheetSpec, catalogs: Map<string, string>, minimum: boolean): void {
  const xSplit = frozenColumns(sheet);
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROWS, xSplit, topLeftCell: `${columnLetter(xSplit + 1)}${HEADER_ROWS + 1}` }],
    ...(minimum ? { properties: { tabColor: { argb: argb(MINIMUM_TAB_COLOR) } } } : {}),
  });
  sheet.columns.forEach((col, i) => {
    const n = i + 1;
    const column = ws.getColumn(n);
    column.width = col.width;
    const fmt = numberFormat(col);
    column.style = { protection: { locked: false }, ...(fmt ? { numFmt: fmt } : {}) };
    const title = ws.getCell(1, n);
    title.value = headerTitle(col);
    title.font = { bold: true };
    title.fill = fill(headerColor(col));
    title.alignment = { wrapText: true, vertical: 'top' };
    title.protection = { locked: true };
    title.note = noteText(col);
    const pathCell = ws.getCell(2, n);
    pathCell.value = col.path;
    pathCell.font = { size: PATH_FONT.size, color: { argb: `FF${PATH_FONT.color.slice(1).toUpperCase()}` } };
    pathCell.protection = { locked: true };
    if (col.type === 'boolean') {
      const letter = columnLetter(n);
      (ws as unknown as RangeValidations).dataValidations.add(`${letter}${HEADER_ROWS + 1}:${letter}${LAST_ROW}`, {
        type: 'list', allowBlank: true, formulae: ['"Sí,No"'], showErrorMessage: true, errorStyle: 'stop',
        errorTitle: 'Valor no válido', error: `Escriba Sí o No en «${col.title}».`,
      });
    }
    if (col.options && col.codelist) {
      const range = catalogs.get(catalogueKey(sheet.standard, col.codelist));
      const letter = columnLetter(n);
      const strict = strictList(col);
      (ws as unknown as RangeValidations).dataValidations.add(`${letter}${HEADER_ROWS + 1}:${letter}${LAST_ROW}`, {
        type: 'list', allowBlank: true, formulae: [range as string], showErrorMessage: strict, errorStyle: 'stop',
        errorTitle: 'Valor no válido', error: `Elija un valor de la lista de «${col.title}».`,
      });
    }
  });
  ws.getRow(1).height = 32;
  ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, insertRows: true, deleteRows: true, sort: true, autoFilter: true });
}

function writeSettings(wb: ExcelJS.Workbook, values: Record<string, string>): void {
  const ws = wb.addWorksheet(SETTINGS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }], properties: { tabColor: { argb: argb(MINIMUM_TAB_COLOR) } } });
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
    value.value = values[s.key] ?? prefillOf(s);
    value.protection = { locked: false };
    const key = ws.getCell(row, 3);
    key.value = s.key; key.font = { size: 8, color: { argb: 'FF808080' } };
  });
  ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
}

function writeInstructions(wb: ExcelJS.Workbook, spec: TemplateSpec): void {
  const ws = wb.addWorksheet(INSTRUCTIONS_SHEET);
  ws.getColumn(1).width = 110;
  instructionLines(spec).forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true };
    if (i === 0) cell.font = { bold: true, size: 14 };
    if (line === MINIMUM_HEADING) cell.font = { bold: true };
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
  const minimum = new Set(minimumSheets(spec).map((s) => s.name));
  for (const sheet of spec.sheets) {
    writeDataSheet(wb, sheet, catalogs, minimum.has(sheet.name));
    const rows = data.rows?.[sheet.name] ?? [];
    const ws = wb.getWorksheet(sheet.name) as ExcelJS.Worksheet;
    // Each new cell gets its own copy of its column's style, and exceljs then weighs every copy when it writes (its
    // cache is by object): an import of 5,000 processes spent 23 s and ~2 GB there. The column's one style object,
    // shared by its cells, is written once.
    const styles = sheet.columns.map((_c, i) => ws.getColumn(i + 1).style);
    rows.forEach((row, r) => row.forEach((value, c) => {
      if (value === '' || value === undefined || value === null) return;
      const cell = ws.getCell(HEADER_ROWS + 1 + r, c + 1);
      cell.value = value as ExcelJS.CellValue;
      if (styles[c]) cell.style = styles[c];
    }));
  }
  // Catalogue sheet last among hidden things, data sheets in definition order; Instrucciones first.
  return wb;
}

export async function templateBuffer(spec: TemplateSpec, data?: WorkbookData): Promise<Buffer> {
  const wb = buildTemplateWorkbook(spec, data);
  return fixZipTimestamps(Buffer.from(await wb.xlsx.writeBuffer()));
}
