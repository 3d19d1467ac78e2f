/**
 * The Apps Script globals the add-on uses (SpreadsheetApp, HtmlService, UrlFetchApp, Utilities, ScriptApp), shaped like the
 * real services and backed by the fake spreadsheet, for running the built dist/Code.js in a vm context.
 */
import type { Block, ListValidation } from '../../addon/src/sheet-port';
import type { FakeSheet, FakeSpreadsheet } from './fake-spreadsheet';
import { urlFetchLimits } from './fake-host';
import { FakeCache } from './fake-cache';
import * as zlib from 'zlib';
import { createHash } from 'crypto';

/**
 * Apps Script's Blob (Base Service), the documented methods the add-on may call: getBytes() gives Java's signed
 * bytes (-128…127) as a JavaScript array; setContentType and setName return the Blob.
 */
export class FakeBlob {
  constructor(readonly bytes: Buffer, private contentType: string | null, private name: string | null) {}
  getBytes(): number[] { return Array.from(new Int8Array(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length)); }
  getContentType(): string | null { return this.contentType; }
  setContentType(contentType: string): FakeBlob { this.contentType = contentType; return this; }
  getDataAsString(): string { return this.bytes.toString('utf8'); }
  getName(): string | null { return this.name; }
  setName(name: string): FakeBlob { this.name = name; return this; }
}

export interface AppsScriptRecord {
  menus: { caption: string; functionName: string }[][];
  sidebars: string[];
  /** The page of each sidebar, in the same order, as HtmlService served it. */
  sidebarPages: string[];
  dialogs: string[];
  /** The page of each dialog, in the same order. */
  dialogPages: string[];
  fetches: { url: string; params: Record<string, unknown> }[];
  /** PropertiesService stores (settings dialog). */
  documentProperties: Map<string, string>;
  userProperties: Map<string, string>;
  /** CacheService.getUserCache(). */
  userCache: FakeCache;
  /**
   * Every call to the Spreadsheet service, by method (getSheets, getName, getRange, getValues, setNotes…), on the
   * service and on each object it gives: the real service takes tens of milliseconds a call, so their number is what an
   * action's time within Apps Script's six minutes depends on. Clear it to count one action.
   */
  spreadsheetCalls: Map<string, number>;
}

/**
 * `service`, counting each method called on it and on every object its methods give (spreadsheet, sheets, ranges,
 * builders), one by one in arrays (getSheets); values (arrays of values, dates) are given as they are.
 */
function counting<T extends object>(service: T, calls: Map<string, number>): T {
  const plain = (v: unknown): v is object => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
  const wrap = (v: unknown): unknown => (plain(v) ? counting(v, calls) : Array.isArray(v) && v.some(plain) ? v.map(wrap) : v);
  return new Proxy(service, {
    get(target, key, receiver) {
      const member: unknown = Reflect.get(target, key, receiver);
      if (typeof member !== 'function' || typeof key !== 'string') return member;
      return (...args: unknown[]) => {
        calls.set(key, (calls.get(key) ?? 0) + 1);
        return wrap((member as (...a: unknown[]) => unknown).apply(target, args));
      };
    },
  });
}

export type FetchHandler = (url: string, params: Record<string, unknown>) => { status: number; body: string };

interface FakeRange { sheetName: string; a1?: string; block: Block }

/**
 * `htmlFile`: the content of the project's HTML file of that name (`sidebar` → the built sidebar.html), as
 * HtmlService.createHtmlOutputFromFile serves it; empty when a test does not give one.
 */
export function appsScriptGlobals(ss: FakeSpreadsheet, fetch: FetchHandler = () => ({ status: 404, body: '' }), htmlFile: (name: string) => string = () => ''): { globals: Record<string, unknown>; record: AppsScriptRecord } {
  const record: AppsScriptRecord = { menus: [], sidebars: [], sidebarPages: [], dialogs: [], dialogPages: [], fetches: [], documentProperties: new Map(), userProperties: new Map(), userCache: new FakeCache(), spreadsheetCalls: new Map() };

  /** `C3:C`: an open-ended column range, as Apps Script reads A1 notation without an end row. */
  const openColumn = (a1?: string): { column: number; fromRow: number } | null => {
    const m = /^([A-Z]+)(\d+):([A-Z]+)$/.exec(a1 ?? '');
    if (!m || m[1] !== m[3]) return null;
    const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return { column, fromRow: Number(m[2]) };
  };

  const range = (sheet: FakeSheet, block: Block, a1?: string) => {
    const whole = openColumn(a1);
    const r = {
      sheetName: sheet.name(), a1, block,
      getValues: () => sheet.valuesIn(block),
      getDisplayValues: () => sheet.displayValues(block),
      // As the service gives them: a RichTextValue for each cell holding text (its link, if any), null for any other.
      getRichTextValues: () => {
        sheet.countCall('getRichTextValues');
        const links = sheet.linksIn(block);
        return sheet.valuesIn(block).map((row, r) => row.map((v, c) => (typeof v === 'string' && v !== '' ? { getText: () => v, getLinkUrl: () => links[r][c] } : null)));
      },
      getFormulas: () => { sheet.countCall('getFormulas'); return sheet.formulasIn(block); },
      setValues: (v: never) => { sheet.setValues(block, v); return r; },
      getNotes: () => sheet.notes(block),
      setNotes: (n: string[][]) => { sheet.setNotes(block, n); return r; },
      getBackgrounds: () => sheet.backgrounds(block),
      setBackgrounds: (c: (string | null)[][]) => { sheet.setBackgrounds(block, c); return r; },
      setFontWeight: (w: string) => { sheet.setFontStyle(block, { bold: w === 'bold' }); return r; },
      setFontSize: (s: number) => { sheet.setFontStyle(block, { size: s }); return r; },
      setFontColor: (c: string) => { sheet.setFontStyle(block, { color: c }); return r; },
      setNumberFormat: (f: string) => {
        if (whole) sheet.setColumnNumberFormat(whole.column, whole.fromRow, f); else sheet.setNumberFormat(block, f);
        return r;
      },
      setWrap: (w: boolean) => { sheet.setWrap(block, w); return r; },
      setDataValidation: (rule: ListValidation) => {
        if (whole) sheet.setColumnListValidation(whole.column, whole.fromRow, rule); else sheet.setListValidation(block, rule);
        return r;
      },
      protect: () => {
        let description = '';
        const p = {
          setDescription: (d: string) => { description = d; return p; },
          setWarningOnly: (w: boolean) => { if (w) sheet.protectWithWarning(block, description); return p; },
        };
        return p;
      },
      activate: () => { sheet.select(block.row, block.column); return r; },
    };
    return r;
  };

  const sheetObject = (sheet: FakeSheet) => {
    const s = {
      getName: () => sheet.name(),
      getSheetId: () => sheet.id(),
      getLastRow: () => sheet.lastRow(),
      getLastColumn: () => sheet.lastColumn(),
      getDataRange: () => ({
        getValues: () => { const v = sheet.values(); return v.length ? v : [['']]; },
        getMergedRanges: () => sheet.mergedRanges().map((a1) => ({ getA1Notation: () => a1 })),
      }),
      // As Sheet.getRange: a range past the sheet's grid is refused when it is asked for.
      getRange: (row: number | string, column?: number, rows = 1, columns = 1) => {
        if (typeof row === 'string') {
          const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d*))?$/.exec(row);
          if (!m) throw new Error(`Exception: Range not found: ${row}`);
          const letters = (l: string): number => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
          const top = Number(m[2]);
          const bottom = m[4] ? Number(m[4]) : top;
          sheet.inGrid({ row: top, column: letters(m[1]), rows: bottom - top + 1, columns: letters(m[3] ?? m[1]) - letters(m[1]) + 1 });
          return range(sheet, { row: 0, column: 0, rows: 0, columns: 0 }, row);
        }
        const block = { row, column: column ?? 1, rows, columns };
        sheet.inGrid(block);
        return range(sheet, block);
      },
      getMaxRows: () => sheet.maxRows(),
      getMaxColumns: () => sheet.maxColumns(),
      insertRowsAfter: (after: number, howMany: number) => { if (after > sheet.maxRows()) throw new Error('Exception: Those rows are out of bounds.'); sheet.ensureSize(sheet.maxRows() + howMany, sheet.maxColumns()); return s; },
      insertColumnsAfter: (after: number, howMany: number) => { if (after > sheet.maxColumns()) throw new Error('Exception: Those columns are out of bounds.'); sheet.ensureSize(sheet.maxRows(), sheet.maxColumns() + howMany); return s; },
      // Only the last columns of the grid (what the add-on deletes): the fake does not move columns left.
      deleteColumns: (position: number, howMany: number) => {
        if (position < 1 || position + howMany - 1 > sheet.maxColumns()) throw new Error('Exception: Those columns are out of bounds.');
        if (position + howMany - 1 !== sheet.maxColumns()) throw new Error('fake deleteColumns: only the last columns of the grid');
        sheet.dropColumnsAfter(position - 1);
      },
      setColumnWidths: (c: number, n: number, px: number) => { sheet.setColumnWidths(c, n, px); return s; },
      setRowHeight: (r: number, px: number) => { sheet.setRowHeight(r, px); return s; },
      setFrozenRows: (n: number) => { sheet.setFrozenRows(n); },
      setFrozenColumns: (n: number) => { sheet.setFrozenColumns(n); },
      setTabColor: (color: string) => { sheet.setTabColor(color); return s; },
      clear: () => { sheet.clear(); return s; },
      hideSheet: () => { sheet.hide(); return s; },
      isSheetHidden: () => sheet.isHidden(),
      isColumnHiddenByUser: (column: number) => { sheet.countCall('isColumnHiddenByUser'); return sheet.hiddenColumns.has(column); },
      getFilter: () => {
        sheet.countCall('getFilter');
        const f = sheet.filter;
        return f ? {
          getRange: () => ({ getColumn: () => f.fromColumn, getNumColumns: () => f.columns }),
          getColumnFilterCriteria: (c: number) => { sheet.countCall('getColumnFilterCriteria'); return f.criteriaColumns.includes(c) ? { criteria: c } : null; },
        } : null;
      },
      isRowHiddenByFilter: (row: number) => { sheet.countCall('isRowHiddenByFilter'); return sheet.filter?.hiddenRows.includes(row) ?? false; },
      activate: () => s,
    };
    return s;
  };

  const spreadsheet = {
    getId: () => ss.id(),
    getName: () => ss.name(),
    getSpreadsheetTimeZone: () => ss.timeZone(),
    getSpreadsheetLocale: () => ss.locale(),
    setSpreadsheetLocale: (locale: string) => { ss.setLocale(locale); },
    getSheets: () => ss.sheets().map(sheetObject),
    getSheetByName: (name: string) => { const s = ss.sheet(name); return s ? sheetObject(s) : null; },
    getNumSheets: () => ss.sheets().length,
    insertSheet: (name: string) => sheetObject(ss.insertSheet(name)),
    // toast(msg, title, timeoutSeconds): 5 s without a time, until closed with a negative one.
    toast: (message: string, title?: string, timeoutSeconds?: number) => ss.toast(message, title, timeoutSeconds),
  };

  const validationBuilder = () => {
    const rule: Partial<ListValidation> = {};
    const b = {
      requireValueInRange: (r: FakeRange) => { rule.sourceSheet = r.sheetName; rule.sourceA1 = r.a1; return b; },
      setAllowInvalid: (allow: boolean) => { rule.strict = !allow; return b; },
      setHelpText: (t: string) => { rule.helpText = t; return b; },
      build: () => rule,
    };
    return b;
  };

  const output = (title: string, page = '') => {
    const o = { title, page, getContent: () => o.page, setTitle: (t: string) => { o.title = t; return o; }, setWidth: () => o, setHeight: () => o };
    return o;
  };

  const properties = (store: Map<string, string>) => {
    const p = {
      getProperty: (k: string) => store.get(k) ?? null,
      // Quotas, «Properties value size: 9 KB / val»: a longer value is refused.
      setProperty: (k: string, v: string) => { if (Buffer.byteLength(String(v), 'utf8') > 9 * 1024) throw new Error('Exception: Argument too large: value'); store.set(k, String(v)); return p; },
      deleteProperty: (k: string) => { store.delete(k); return p; },
    };
    return p;
  };
  const documentProperties = properties(record.documentProperties);
  const userProperties = properties(record.userProperties);

  const globals = {
    SpreadsheetApp: counting({
      getActiveSpreadsheet: () => spreadsheet,
      newDataValidation: validationBuilder,
      getUi: () => ({
        createAddonMenu: () => {
          const items: { caption: string; functionName: string }[] = [];
          const menu = { addItem: (caption: string, functionName: string) => { items.push({ caption, functionName }); return menu; }, addToUi: () => { record.menus.push(items); } };
          return menu;
        },
        showSidebar: (o: { title: string; page: string }) => { record.sidebars.push(o.title); record.sidebarPages.push(o.page); },
        showModalDialog: (o: { page: string }, title: string) => { record.dialogs.push(title); record.dialogPages.push(o.page); },
      }),
    }, record.spreadsheetCalls),
    HtmlService: { createHtmlOutputFromFile: (name: string) => output(name, htmlFile(name)), createHtmlOutput: (html: string) => output('', html) },
    UrlFetchApp: {
      // `payload`: «a string, a byte array, a blob, or a JavaScript object» (UrlFetchApp.fetch, advanced parameters).
      fetch: (url: string, params: Record<string, unknown>) => {
        urlFetchLimits(url, params.payload instanceof FakeBlob ? params.payload.bytes : params.payload);
        record.fetches.push({ url, params });
        const r = fetch(url, params);
        return { getResponseCode: () => r.status, getContentText: () => r.body };
      },
    },
    Utilities: {
      // newBlob(data, contentType, name): «data» a string (stored as UTF-8) or a byte array.
      newBlob: (data: string | number[], contentType?: string, name?: string) => new FakeBlob(typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(Int8Array.from(data).buffer), contentType ?? null, name ?? null),
      // gzip(blob, name): the data compressed, in a new Blob (of type application/x-gzip).
      gzip: (blob: FakeBlob, name?: string) => new FakeBlob(zlib.gzipSync(blob.bytes), 'application/x-gzip', name ?? (blob.getName() === null ? null : `${blob.getName()}.gz`)),
      // computeDigest(algorithm, value, charset): the digest as Java's signed bytes (-128…127); a string is encoded in
      // `charset` (US_ASCII when not given). Only the algorithms and charsets the add-on uses.
      computeDigest: (algorithm: string, value: string, charset?: string) => {
        const hash = createHash(({ MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_512: 'sha512' } as Record<string, string>)[algorithm]);
        const bytes = hash.update(Buffer.from(value, charset === 'UTF_8' ? 'utf8' : 'ascii')).digest();
        return Array.from(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length));
      },
      DigestAlgorithm: { MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_512: 'SHA_512' },
      Charset: { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' },
    },
    ScriptApp: { getIdentityToken: () => 'token-vm' },
    PropertiesService: { getDocumentProperties: () => documentProperties, getUserProperties: () => userProperties },
    CacheService: { getUserCache: () => record.userCache },
    console: { log: () => undefined, error: () => undefined },
  };
  return { globals, record };
}
