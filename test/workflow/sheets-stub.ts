/**
 * A local stand-in for the Google Sheets API v4 on 127.0.0.1: answers `spreadsheets.get` (titles, merges, the
 * columns' hiddenByUser when `fields` asks for columnMetadata, the rows' hiddenByFilter for rowMetadata; with
 * `ranges`, those cells' hyperlinks from the workbook's `links`) and
 * `values:batchGet` the way Google does, so the real @googleapis/sheets client can be pointed at it (`rootUrl`):
 * ranges of whole sheets (`'Proyectos'`) or of a block (`'Ubicaciones'!J3:J40`, `'Ubicaciones'!J3:J`), with
 * UNFORMATTED_VALUE + SERIAL_NUMBER (numbers and serial dates) or FORMATTED_VALUE, Google's default (every cell as
 * the text it shows, through the number formats given to `put`). Faults are scripted per spreadsheet.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { auth as SheetsAuth } from '@googleapis/sheets';
import { columnLetter, type CellValue, type SheetModel, type WorkbookModel } from '../../core/workbook/model';
import { displayed } from '../support/shown-cell';

export interface Fault {
  /** HTTP status to answer with, 'truncated' for a JSON body cut short, 'hang' for no answer at all. */
  kind: number | 'truncated' | 'hang';
  /** How many requests fail before the stub answers normally again (default: all). */
  times?: number;
  /**
   * Google's own words for a status (its JSON error's `message`, `status` and `errors[0].reason`), e.g. what it
   * answers for an Excel file kept in Drive: 400 «This operation is not supported for this document»,
   * FAILED_PRECONDITION, failedPrecondition. Without `reason`, no `errors` (as Google answers «The caller does not have
   * permission»).
   */
  google?: { message: string; status: string; reason?: string };
}

export interface SheetsStub {
  rootUrl: string;
  /**
   * Serves (or replaces) a spreadsheet's content; `formats`: number formats by sheet and cell (`{ Ubicaciones: {
   * J3: '00000' } }`), which only FORMATTED_VALUE shows.
   */
  put(spreadsheetId: string, workbook: WorkbookModel, formats?: Record<string, Record<string, string>>): void;
  fail(spreadsheetId: string, fault: Fault | undefined): void;
  /** Every request received: path (decoded) and query. */
  requests: { path: string; query: URLSearchParams; authorization?: string }[];
  close(): Promise<void>;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Dates as Google sends them with SERIAL_NUMBER: days since 1899-12-30 (the tests use UTC-midnight dates). */
function serial(v: unknown): unknown {
  return v instanceof Date ? (v.getTime() - EXCEL_EPOCH) / 86400000 : v;
}

export async function startSheetsStub(): Promise<SheetsStub> {
  const books = new Map<string, WorkbookModel>();
  const bookFormats = new Map<string, Record<string, Record<string, string>>>();
  const faults = new Map<string, Fault>();
  const requests: SheetsStub['requests'] = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    requests.push({ path, query: url.searchParams, authorization: req.headers.authorization });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (!req.headers.authorization?.startsWith('Bearer ')) return send(401, { error: { code: 401, status: 'UNAUTHENTICATED' } });
    const m = /^\/v4\/spreadsheets\/([^/:]+)(\/values:batchGet)?$/.exec(path);
    if (!m) return send(404, { error: { code: 404, status: 'NOT_FOUND' } });
    const [, id, batch] = m;
    const fault = faults.get(id);
    if (fault && (fault.times === undefined || fault.times > 0)) {
      if (fault.times !== undefined) fault.times -= 1;
      if (fault.kind === 'hang') return;
      if (fault.kind === 'truncated') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        return void res.end('{"spreadsheetId": "' + id + '", "sheets": [{"properties": {"ti');
      }
      const g = fault.google;
      return send(fault.kind, { error: g ? { code: fault.kind, message: g.message, ...(g.reason ? { errors: [{ message: g.message, domain: 'global', reason: g.reason }] } : {}), status: g.status } : { code: fault.kind, message: 'stub fault' } });
    }
    const book = books.get(id);
    if (!book) return send(404, { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } });
    if (!batch && url.searchParams.has('ranges')) {
      // spreadsheets.get of ranges with grid data: for each sheet asked about, one GridData per range (where it
      // starts, Google leaving out a 0), each cell's `hyperlink` from the sheet's links (SheetModel.links).
      const asked = new Map<string, { sheetId: number; data: unknown[] }>();
      for (const range of url.searchParams.getAll('ranges')) {
        const m = /^'((?:[^']|'')*)'!([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
        if (!m) return send(400, { error: { code: 400, message: `stub: unsupported range ${range}` } });
        const title = m[1].replace(/''/g, "'");
        const i = book.sheets.findIndex((s) => s.name === title);
        if (i < 0) return send(400, { error: { code: 400, message: `Unable to parse range: ${range}` } });
        const [c0, r0, c1, r1] = [col(m[2]), Number(m[3]), col(m[4]), Number(m[5])];
        const links = book.sheets[i].links ?? {};
        const rowData = Array.from({ length: r1 - r0 + 1 }, (_v, r) => ({
          values: Array.from({ length: c1 - c0 + 1 }, (_w, c) => {
            const link = links[`${columnLetter(c0 + c)}${r0 + r}`];
            return link ? { hyperlink: link } : {};
          }),
        }));
        const entry = asked.get(title) ?? { sheetId: i, data: [] };
        entry.data.push({ ...(r0 > 1 ? { startRow: r0 - 1 } : {}), ...(c0 > 1 ? { startColumn: c0 - 1 } : {}), rowData });
        asked.set(title, entry);
      }
      return send(200, { sheets: [...asked].map(([title, { sheetId, data }]) => ({ properties: { sheetId, title }, data })) });
    }
    if (!batch) {
      return send(200, {
        spreadsheetId: id,
        properties: { title: `Libro ${id}`, timeZone: 'America/Mexico_City' },
        sheets: book.sheets.map((s, i) => ({
          properties: { sheetId: i, title: s.name, sheetType: 'GRID' },
          ...(s.merges ? { merges: s.merges.map((a1) => gridRange(i, a1)) } : {}),
          // Asked for in `fields`: one GridData of the whole sheet with a DimensionProperties per column of its grid
          // (a new sheet has 26), `hiddenByUser` where the sheet's hiddenColumns say so (Google leaves out a false).
          // rowMetadata likewise: a DimensionProperties per row of the grid (1,000 at least), `hiddenByFilter` on the
          // rows of the sheet's hiddenRows (a filter's; `hiddenByUser` would do the same).
          ...((url.searchParams.get('fields') ?? '').includes('columnMetadata') ? { data: [{ columnMetadata: columnMetadata(s), ...((url.searchParams.get('fields') ?? '').includes('rowMetadata') ? { rowMetadata: rowMetadata(s) } : {}) }] } : {}),
        })),
      });
    }
    // Google's default is FORMATTED_VALUE.
    const render = url.searchParams.get('valueRenderOption') ?? 'FORMATTED_VALUE';
    const formatted = render === 'FORMATTED_VALUE';
    const valueRanges = url.searchParams.getAll('ranges').map((range) => {
      const m = /^'((?:[^']|'')*)'(?:!([A-Z]+)(\d+):([A-Z]+)(\d*))?$/.exec(range);
      const title = (m?.[1] ?? range).replace(/''/g, "'");
      const sheet = book.sheets.find((s) => s.name === title);
      if (!sheet) return { range, majorDimension: 'ROWS' };
      const formats = bookFormats.get(id)?.[title] ?? {};
      const [c0, r0] = m?.[2] ? [col(m[2]), Number(m[3])] : [1, 1];
      const c1 = m?.[4] ? col(m[4]) : Infinity;
      const r1 = m?.[5] ? Number(m[5]) : Infinity;
      // FORMULA: a cell's formula where it has one (the sheet's `formulas`, by A1), its unformatted value elsewhere.
      const shown = (v: CellValue, r: number, c: number) => (formatted ? displayed(v, formats[`${columnLetter(c)}${r}`]) : render === 'FORMULA' ? sheet.formulas?.[`${columnLetter(c)}${r}`] ?? serial(v) : serial(v));
      // Google trims trailing empty cells and rows; empty cells inside a row come back as "".
      const rows = sheet.rows.slice(r0 - 1, r1 === Infinity ? undefined : r1).map((row, i) => {
        const out = row.slice(c0 - 1, c1 === Infinity ? undefined : c1).map((v, j) => (v === null || v === undefined ? '' : shown(v, r0 + i, c0 + j)));
        while (out.length && out[out.length - 1] === '') out.pop();
        return out;
      });
      while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
      const width = Math.max(1, ...rows.map((r) => r.length));
      const end = `${columnLetter(c1 === Infinity ? c0 + width - 1 : c1)}${r0 + Math.max(1, rows.length) - 1}`;
      return { range: `${m?.[1] !== undefined ? `'${m[1]}'` : range}!${columnLetter(c0)}${r0}:${end}`, majorDimension: 'ROWS', ...(rows.length ? { values: rows } : {}) };
    });
    send(200, { spreadsheetId: id, valueRanges });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    rootUrl: `http://127.0.0.1:${port}/`,
    put: (id, workbook, formats) => { books.set(id, workbook); if (formats) bookFormats.set(id, formats); else bookFormats.delete(id); },
    fail: (id, fault) => void (fault ? faults.set(id, { ...fault }) : faults.delete(id)),
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Column letters → 1-based number. */
function col(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** A sheet's DimensionProperties by column, as Google gives them: every column of its grid (26 at least). */
function columnMetadata(sheet: SheetModel): { pixelSize: number; hiddenByUser?: true }[] {
  const width = Math.max(26, ...sheet.rows.map((r) => r.length));
  const hidden = (c: number) => (sheet.hiddenColumns ?? []).some((r) => c >= r.from && c <= r.to);
  return Array.from({ length: width }, (_v, j) => (hidden(j + 1) ? { pixelSize: 100, hiddenByUser: true } : { pixelSize: 100 }));
}

/** A sheet's DimensionProperties by row, as Google gives them: every row of its grid (1,000 at least). */
function rowMetadata(sheet: SheetModel): { pixelSize: number; hiddenByFilter?: true }[] {
  const hidden = new Set(sheet.hiddenRows?.rows ?? []);
  return Array.from({ length: Math.max(1000, sheet.rows.length) }, (_v, i) => (hidden.has(i + 1) ? { pixelSize: 21, hiddenByFilter: true } : { pixelSize: 21 }));
}

function gridRange(sheetId: number, a1: string) {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(a1);
  if (!m) throw new Error(`bad merge ${a1}`);
  return { sheetId, startRowIndex: Number(m[2]) - 1, endRowIndex: Number(m[4]), startColumnIndex: col(m[1]) - 1, endColumnIndex: col(m[3]) };
}

/**
 * The OAuth2 client a harness reads the stub's sheets with (a fixed access token), made by the first read:
 * @googleapis/sheets (~140 modules) is not loaded by every test file that imports a harness and reads no sheet.
 */
export function stubSheetsAuth(accessToken: string): () => InstanceType<typeof SheetsAuth.OAuth2> {
  let client: InstanceType<typeof SheetsAuth.OAuth2> | undefined;
  return () => {
    if (client) return client;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    client = new (require('@googleapis/sheets') as typeof import('@googleapis/sheets')).auth.OAuth2();
    client.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 3600e3 });
    return client;
  };
}
