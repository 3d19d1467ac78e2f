/**
 * The real host: the ports implemented over SpreadsheetApp, HtmlService, UrlFetchApp and ScriptApp.
 * Only the Apps Script members used here are declared (the project has no @types/google-apps-script);
 * every method is a direct translation, so the logic stays testable with the in-repo fakes.
 */
import { columnLetter, type CellValue } from '../../../core/workbook/model';
import { gzipSizes, type HttpPort } from '../backend/http-port';
import { buildTimeConfig, type PropertiesPort } from '../config';
import type { Host, UiPort } from '../host';
import type { Block, ListValidation, SheetPort, SpreadsheetPort } from '../sheet-port';
import { sidebarPageFor } from '../sidebar-opening';
import type { CachePort } from '../validation/later-findings';

interface GasProtection { setDescription(d: string): GasProtection; setWarningOnly(w: boolean): GasProtection }
/** getLinkUrl(): the link of the whole text; null when none, or several different ones. */
interface GasRichTextValue { getLinkUrl(): string | null }
interface GasRange {
  getValues(): CellValue[][];
  getDisplayValues(): string[][];
  /** null for a cell that holds no text (a number, a date, a blank). */
  getRichTextValues(): (GasRichTextValue | null)[][];
  /** The formulas of the cells (A1 notation), '' for a cell without one. */
  getFormulas(): string[][];
  getMergedRanges(): GasRange[];
  getA1Notation(): string;
  setValues(v: CellValue[][]): GasRange;
  getNotes(): string[][];
  setNotes(n: string[][]): GasRange;
  getBackgrounds(): string[][];
  setBackgrounds(c: (string | null)[][]): GasRange;
  setFontWeight(w: string): GasRange;
  setFontSize(s: number): GasRange;
  setFontColor(c: string): GasRange;
  setNumberFormat(f: string): GasRange;
  setWrap(w: boolean): GasRange;
  setDataValidation(rule: unknown): GasRange;
  protect(): GasProtection;
  activate(): GasRange;
}
/** A sheet's filter: its range's columns, and a column's criterion (null when the column filters nothing). */
interface GasFilter {
  getRange(): { getColumn(): number; getNumColumns(): number };
  getColumnFilterCriteria(columnPosition: number): unknown;
}
interface GasSheet {
  getName(): string;
  getSheetId(): number;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet;
  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet;
  deleteColumns(columnPosition: number, howMany: number): void;
  getDataRange(): GasRange;
  getRange(row: number, column: number, rows: number, columns: number): GasRange;
  getRange(a1: string): GasRange;
  setColumnWidths(startColumn: number, numColumns: number, width: number): GasSheet;
  setRowHeight(row: number, pixels: number): GasSheet;
  setFrozenRows(rows: number): void;
  setFrozenColumns(columns: number): void;
  setTabColor(color: string): GasSheet;
  clear(): GasSheet;
  hideSheet(): GasSheet;
  isSheetHidden(): boolean;
  isColumnHiddenByUser(columnPosition: number): boolean;
  /** The sheet's filter (Datos › Crear un filtro), null without one. */
  getFilter(): GasFilter | null;
  isRowHiddenByFilter(rowPosition: number): boolean;
  activate(): GasSheet;
}
interface GasSpreadsheet {
  getId(): string;
  getName(): string;
  getSpreadsheetTimeZone(): string;
  getSpreadsheetLocale(): string;
  setSpreadsheetLocale(locale: string): void;
  getSheets(): GasSheet[];
  getSheetByName(name: string): GasSheet | null;
  getNumSheets(): number;
  insertSheet(name: string, index: number): GasSheet;
  toast(message: string, title: string, timeoutSeconds: number): void;
}
interface GasValidationBuilder {
  requireValueInRange(range: GasRange, showDropdown: boolean): GasValidationBuilder;
  setAllowInvalid(allow: boolean): GasValidationBuilder;
  setHelpText(text: string): GasValidationBuilder;
  build(): unknown;
}
interface GasMenu { addItem(caption: string, functionName: string): GasMenu; addToUi(): void }
interface GasHtmlOutput { getContent(): string; setTitle(t: string): GasHtmlOutput; setWidth(w: number): GasHtmlOutput; setHeight(h: number): GasHtmlOutput }
interface GasUi { createAddonMenu(): GasMenu; showSidebar(o: GasHtmlOutput): void; showModalDialog(o: GasHtmlOutput, title: string): void }

declare const SpreadsheetApp: { getActiveSpreadsheet(): GasSpreadsheet; getUi(): GasUi; newDataValidation(): GasValidationBuilder };
declare const HtmlService: { createHtmlOutputFromFile(name: string): GasHtmlOutput; createHtmlOutput(html: string): GasHtmlOutput };
declare const UrlFetchApp: {
  fetch(url: string, params: Record<string, unknown>): { getResponseCode(): number; getContentText(): string };
};
/** The documented Blob methods used here (Base Service, class Blob). */
interface GasBlob { getBytes(): number[]; setContentType(contentType: string): GasBlob }
/**
 * Utilities.newBlob(data, contentType), Utilities.gzip(blob) and Utilities.computeDigest(algorithm, value, charset),
 * which gives Java's signed bytes (-128…127), as documented (Utilities Service).
 */
declare const Utilities: {
  newBlob(data: string, contentType: string): GasBlob;
  gzip(blob: GasBlob): GasBlob;
  computeDigest(algorithm: unknown, value: string, charset: unknown): number[];
  DigestAlgorithm: { SHA_256: unknown };
  Charset: { UTF_8: unknown };
};
declare const ScriptApp: { getIdentityToken(): string };
interface GasProperties { getProperty(key: string): string | null; setProperty(key: string, value: string): GasProperties; deleteProperty(key: string): GasProperties }
declare const PropertiesService: { getDocumentProperties(): GasProperties; getUserProperties(): GasProperties };
declare const CacheService: { getUserCache(): CachePort };

const properties: PropertiesPort = {
  getDocument: (key) => PropertiesService.getDocumentProperties().getProperty(key),
  setDocument: (key, value) => { const p = PropertiesService.getDocumentProperties(); if (value === null) p.deleteProperty(key); else p.setProperty(key, value); },
  getUser: (key) => PropertiesService.getUserProperties().getProperty(key),
  setUser: (key, value) => { const p = PropertiesService.getUserProperties(); if (value === null) p.deleteProperty(key); else p.setProperty(key, value); },
};

function range(sheet: GasSheet, b: Block): GasRange {
  return sheet.getRange(b.row, b.column, b.rows, b.columns);
}

/** Open-ended A1 range of one column from a row down (`C3:C`): Sheets keeps it to the last row as rows are added. */
function columnFrom(sheet: GasSheet, column: number, fromRow: number): GasRange {
  const letter = columnLetter(column);
  return sheet.getRange(`${letter}${fromRow}:${letter}`);
}

/**
 * The sheet a drop-down takes its options from, looked up once per sheet name and execution: *Crear plantilla* sets
 * 106 drop-downs, all from «Catálogos», and each Spreadsheet service call costs time within the six minutes.
 */
type SheetByName = (name: string) => GasSheet | null;

function sheetsByName(ss: GasSpreadsheet): SheetByName {
  const found = new Map<string, GasSheet>();
  return (name) => {
    // Not found is not kept: the catalogue may be added later in the same execution.
    const sheet = found.get(name) ?? ss.getSheetByName(name);
    if (sheet) found.set(name, sheet);
    return sheet;
  };
}

function listRule(sheetNamed: SheetByName, rule: ListValidation): unknown {
  const source = sheetNamed(rule.sourceSheet);
  if (!source) return null;
  return SpreadsheetApp.newDataValidation()
    .requireValueInRange(source.getRange(rule.sourceA1), true)
    .setAllowInvalid(!rule.strict)
    .setHelpText(rule.helpText)
    .build();
}

/** An empty sheet's data range: A1, one blank cell. */
const blankA1 = (v: CellValue[][]): boolean => v.length === 1 && v[0].length === 1 && v[0][0] === '';

function sheetPort(sources: SheetByName, sheet: GasSheet): SheetPort {
  // The data range «Validar» read the values of, kept for its merged ranges: asking the sheet again for it (and, before
  // each, for its last row) was three more calls a sheet, each tens of milliseconds in Apps Script.
  let data: { range: GasRange; empty: boolean } | undefined;
  const merged = (range: GasRange): string[] => range.getMergedRanges().map((r) => r.getA1Notation());
  // Asked once per port (one action's list of sheets): reading, checking and marking each asked the name again.
  let name: string | undefined;
  let id: number | undefined;
  return {
    name: () => (name ??= sheet.getName()),
    id: () => (id ??= sheet.getSheetId()),
    maxRows: () => sheet.getMaxRows(),
    maxColumns: () => sheet.getMaxColumns(),
    ensureSize: (rows, columns) => {
      const haveRows = sheet.getMaxRows();
      if (rows > haveRows) sheet.insertRowsAfter(haveRows, rows - haveRows);
      const haveColumns = sheet.getMaxColumns();
      if (columns > haveColumns) sheet.insertColumnsAfter(haveColumns, columns - haveColumns);
    },
    dropColumnsAfter: (column) => {
      const have = sheet.getMaxColumns();
      if (have > column) sheet.deleteColumns(column + 1, have - column);
    },
    lastRow: () => sheet.getLastRow(),
    lastColumn: () => sheet.getLastColumn(),
    // An empty sheet's data range is A1 with one blank cell; the port says "no rows" instead.
    values: () => {
      const range = sheet.getDataRange();
      const values = range.getValues();
      data = { range, empty: blankA1(values) };
      return data.empty ? [] : values;
    },
    displayValues: (b) => range(sheet, b).getDisplayValues(),
    links: (b) => range(sheet, b).getRichTextValues().map((row) => row.map((v) => (v ? v.getLinkUrl() : null))),
    formulas: (b) => range(sheet, b).getFormulas(),
    mergedRanges: () => {
      if (data) return data.empty ? [] : merged(data.range);
      return sheet.getLastRow() === 0 ? [] : merged(sheet.getDataRange());
    },
    setValues: (b, v) => { range(sheet, b).setValues(v); },
    notes: (b) => range(sheet, b).getNotes(),
    setNotes: (b, n) => { range(sheet, b).setNotes(n); },
    backgrounds: (b) => range(sheet, b).getBackgrounds(),
    setBackgrounds: (b, c) => { range(sheet, b).setBackgrounds(c); },
    setFontStyle: (b, style) => {
      const r = range(sheet, b);
      if (style.bold !== undefined) r.setFontWeight(style.bold ? 'bold' : 'normal');
      if (style.size !== undefined) r.setFontSize(style.size);
      if (style.color !== undefined) r.setFontColor(style.color);
    },
    setNumberFormat: (b, f) => { range(sheet, b).setNumberFormat(f); },
    setWrap: (b, w) => { range(sheet, b).setWrap(w); },
    setListValidation: (b, rule) => {
      const built = listRule(sources, rule);
      if (built) range(sheet, b).setDataValidation(built);
    },
    setColumnListValidation: (c, fromRow, rule) => {
      const built = listRule(sources, rule);
      if (built) columnFrom(sheet, c, fromRow).setDataValidation(built);
    },
    setColumnNumberFormat: (c, fromRow, f) => { columnFrom(sheet, c, fromRow).setNumberFormat(f); },
    protectWithWarning: (b, description) => { range(sheet, b).protect().setDescription(description).setWarningOnly(true); },
    setColumnWidths: (c, n, px) => { sheet.setColumnWidths(c, n, px); },
    setRowHeight: (r, px) => { sheet.setRowHeight(r, px); },
    setFrozenRows: (n) => { sheet.setFrozenRows(n); },
    setFrozenColumns: (n) => { sheet.setFrozenColumns(n); },
    setTabColor: (color) => { sheet.setTabColor(color); },
    clear: () => { sheet.clear(); },
    hide: () => { sheet.hideSheet(); },
    isHidden: () => sheet.isSheetHidden(),
    isColumnHidden: (c) => sheet.isColumnHiddenByUser(c),
    rowsHiddenByFilter: (fromRow, toRow) => {
      const filter = sheet.getFilter();
      if (!filter) return [];
      const range = filter.getRange();
      const first = range.getColumn();
      let criteria = false;
      for (let c = first; c < first + range.getNumColumns() && !criteria; c++) criteria = filter.getColumnFilterCriteria(c) != null;
      if (!criteria) return [];
      const hidden: number[] = [];
      for (let r = fromRow; r <= toRow; r++) if (sheet.isRowHiddenByFilter(r)) hidden.push(r);
      return hidden;
    },
    select: (r, c) => { sheet.activate(); sheet.getRange(r, c, 1, 1).activate(); },
  };
}

function spreadsheetPort(ss: GasSpreadsheet): SpreadsheetPort {
  const sources = sheetsByName(ss);
  return {
    id: () => ss.getId(),
    name: () => ss.getName(),
    timeZone: () => ss.getSpreadsheetTimeZone(),
    locale: () => ss.getSpreadsheetLocale(),
    setLocale: (locale) => { ss.setSpreadsheetLocale(locale); },
    sheets: () => ss.getSheets().map((s) => sheetPort(sources, s)),
    sheet: (name) => { const s = ss.getSheetByName(name); return s ? sheetPort(sources, s) : null; },
    sheetById: (id) => { const s = ss.getSheets().find((x) => x.getSheetId() === id); return s ? sheetPort(sources, s) : null; },
    insertSheet: (name) => sheetPort(sources, ss.insertSheet(name, ss.getNumSheets())),
    toast: (message, title, seconds) => ss.toast(message, title, seconds),
  };
}

const ui: UiPort = {
  addMenu: (items) => {
    const menu = SpreadsheetApp.getUi().createAddonMenu();
    for (const item of items) menu.addItem(item.label, item.functionName);
    menu.addToUi();
  },
  showSidebar: (title, opening) => {
    const file = HtmlService.createHtmlOutputFromFile('sidebar');
    const page = opening ? HtmlService.createHtmlOutput(sidebarPageFor(file.getContent(), opening)) : file;
    SpreadsheetApp.getUi().showSidebar(page.setTitle(title));
  },
  showDialog: (title, html) => SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(html).setWidth(460).setHeight(380), title),
};

const http: HttpPort = {
  fetch: (request) => {
    const params: Record<string, unknown> = { method: request.method, headers: request.headers, muteHttpExceptions: true };
    if (request.body !== undefined) {
      params.contentType = request.contentType ?? 'application/json';
      // UrlFetchApp's payload may be a string or a Blob (a gzipped body: GzippedBody.data).
      params.payload = typeof request.body === 'string' ? request.body : request.body.data;
    }
    const response = UrlFetchApp.fetch(request.url, params);
    return { status: response.getResponseCode(), text: response.getContentText() };
  },
  gzip: (text, contentType) => {
    // Utilities.gzip names its Blob application/x-gzip; the body is JSON sent with Content-Encoding: gzip, so it is
    // labelled as JSON too, whichever of the Blob's type and the contentType parameter UrlFetchApp goes by.
    const blob = Utilities.gzip(Utilities.newBlob(text, 'application/json')).setContentType(contentType);
    return { ...gzipSizes(blob.getBytes()), data: blob };
  },
};

export function appsScriptHost(): Host {
  let ss: SpreadsheetPort | undefined;
  return {
    spreadsheet: () => (ss ??= spreadsheetPort(SpreadsheetApp.getActiveSpreadsheet())),
    ui: () => ui,
    http: () => http,
    identityToken: () => ScriptApp.getIdentityToken(),
    config: buildTimeConfig,
    properties: () => properties,
    cache: () => CacheService.getUserCache(),
    sha256Hex: (text) => Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8).map((b) => (b & 0xff).toString(16).padStart(2, '0')).join(''),
    log: (e) => console.error(e instanceof Error ? e.stack ?? e.message : String(e)),
  };
}
