/**
 * A local stand-in for the Google Sheets API v4 on 127.0.0.1: answers `spreadsheets.get` (titles, merges) and
 * `values:batchGet` the way Google does with UNFORMATTED_VALUE + SERIAL_NUMBER, so the real @googleapis/sheets
 * client can be pointed at it (`rootUrl`). Faults are scripted per spreadsheet.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { columnLetter, type WorkbookModel } from '../../core/workbook/model';

export interface Fault {
  /** HTTP status to answer with, 'truncated' for a JSON body cut short, 'hang' for no answer at all. */
  kind: number | 'truncated' | 'hang';
  /** How many requests fail before the stub answers normally again (default: all). */
  times?: number;
}

export interface SheetsStub {
  rootUrl: string;
  /** Serves (or replaces) a spreadsheet's content. */
  put(spreadsheetId: string, workbook: WorkbookModel): void;
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
      return send(fault.kind, { error: { code: fault.kind, message: 'stub fault' } });
    }
    const book = books.get(id);
    if (!book) return send(404, { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } });
    if (!batch) {
      return send(200, {
        spreadsheetId: id,
        properties: { title: `Libro ${id}`, timeZone: 'America/Mexico_City' },
        sheets: book.sheets.map((s, i) => ({
          properties: { sheetId: i, title: s.name, sheetType: 'GRID' },
          ...(s.merges ? { merges: s.merges.map((a1) => gridRange(i, a1)) } : {}),
        })),
      });
    }
    const valueRanges = url.searchParams.getAll('ranges').map((range) => {
      const title = range.replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
      const sheet = book.sheets.find((s) => s.name === title);
      if (!sheet) return { range, majorDimension: 'ROWS' };
      // Google trims trailing empty cells and rows; empty cells inside a row come back as "".
      const rows = sheet.rows.map((r) => {
        const out = r.map((v) => (v === null || v === undefined ? '' : serial(v)));
        while (out.length && out[out.length - 1] === '') out.pop();
        return out;
      });
      while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
      const width = Math.max(1, ...rows.map((r) => r.length));
      return { range: `${range}!A1:${columnLetter(width)}${Math.max(1, rows.length)}`, majorDimension: 'ROWS', ...(rows.length ? { values: rows } : {}) };
    });
    send(200, { spreadsheetId: id, valueRanges });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    rootUrl: `http://127.0.0.1:${port}/`,
    put: (id, workbook) => void books.set(id, workbook),
    fail: (id, fault) => void (fault ? faults.set(id, { ...fault }) : faults.delete(id)),
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function gridRange(sheetId: number, a1: string) {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(a1);
  if (!m) throw new Error(`bad merge ${a1}`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { sheetId, startRowIndex: Number(m[2]) - 1, endRowIndex: Number(m[4]), startColumnIndex: col(m[1]) - 1, endColumnIndex: col(m[3]) };
}
