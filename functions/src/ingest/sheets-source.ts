/**
 * Pulls a Google Sheet into the workbook model (DESIGN §6: on approval the backend reads the sheet itself).
 * Two requests: `spreadsheets.get` (sheet titles, merges, the columns the official hid) and one `values.batchGet` of every grid sheet with
 * UNFORMATTED_VALUE + SERIAL_NUMBER, i.e. what the core already reads from .xlsx: numbers stay numbers, dates
 * arrive as serial day numbers — calendar days of the spreadsheet, with no zone in them — which the core
 * anchors at local midnight of the workbook's configured time zone (core/unflatten/parse-value.ts). A third, only when
 * a column the profile declares text holds numbers (a postal code formatted «00000»), reads those cells with
 * FORMATTED_VALUE, as the sheet shows them (core/unflatten/shown-text.ts). A fourth, only when a link column holds
 * texts that are not addresses («Contrato»), reads those cells' links (core/unflatten/link-cells.ts).
 * The client's own retry is off: we retry server errors, rate limits, timeouts and broken responses a
 * bounded number of times, then fail with a Spanish SourceError.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import { columnLetter, columnNumber, type CellValue, type ColumnRange, type SheetModel, type WorkbookModel } from '../../../core/workbook/model';
import { numbersInTextColumns, withShownText, type ShownTextRange } from '../../../core/unflatten/shown-text';
import { computedAmountCandidates, linkCandidates, withFormulas, withLinks } from '../../../core/unflatten/link-cells';
import { isBlankCell } from '../../../core/unflatten/clean-cell';
import { SourceError, type SheetSource } from './sheet-source';

export const SHEETS_READONLY_SCOPE = 'https://www.googleapis.com/auth/spreadsheets.readonly';

export interface GoogleSheetsOptions {
  /** An auth client of @googleapis/sheets (`auth.GoogleAuth` in production, `auth.OAuth2` with a token in tests). */
  auth: sheets_v4.Options['auth'];
  /** API root, e.g. a local stub `http://127.0.0.1:PORT/` (default: Google's). */
  rootUrl?: string;
  /** Named in the message when the sheet is not shared with us. */
  serviceAccountEmail?: string;
  /** Per request, default 30 s. */
  timeoutMs?: number;
  /** Waits before each retry; its length is the number of retries. Default [1000, 4000]. */
  retryDelaysMs?: number[];
}

/** The sheet's columns hidden by the official (1-based ranges), from its grid data's column metadata. */
function hiddenByUser(sheet: sheets_v4.Schema$Sheet): ColumnRange[] {
  const ranges: ColumnRange[] = [];
  for (const grid of sheet.data ?? []) {
    (grid.columnMetadata ?? []).forEach((column, j) => {
      if (column.hiddenByUser !== true) return;
      const c = (grid.startColumn ?? 0) + j + 1;
      const last = ranges[ranges.length - 1];
      if (last && last.to === c - 1) last.to = c; else ranges.push({ from: c, to: c });
    });
  }
  return ranges;
}

/** Hidden rows with values whose numbers are kept (the rest are counted), as the .xlsx reader keeps them. */
const HIDDEN_ROWS_KEPT = 8;

/**
 * The rows with values that the official hid or a filter leaves out (DimensionProperties.hiddenByUser /
 * hiddenByFilter), 1-based, for the warning an .xlsx gives (core/unflatten sheet.hidden-rows): read from Google
 * they were published with no word, though hiding a row or filtering it out does not take it out of the sheet.
 */
function hiddenRowsWithValues(sheet: sheets_v4.Schema$Sheet, rows: readonly (readonly CellValue[])[]): { count: number; rows: number[] } | undefined {
  const found = { count: 0, rows: [] as number[] };
  for (const grid of sheet.data ?? []) {
    (grid.rowMetadata ?? []).forEach((row, i) => {
      if (row.hiddenByUser !== true && row.hiddenByFilter !== true) return;
      const r = (grid.startRow ?? 0) + i;
      if (!(rows[r] ?? []).some((v) => !isBlankCell(v))) return;
      found.count++;
      if (found.rows.length < HIDDEN_ROWS_KEPT) found.rows.push(r + 1);
    });
  }
  return found.count ? found : undefined;
}

/** A valid spreadsheet id (the part of the URL after /d/). */
export function isSpreadsheetId(id: string): boolean {
  return /^[A-Za-z0-9_-]{10,128}$/.test(id);
}

function quoteSheet(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

function mergeToA1(m: sheets_v4.Schema$GridRange): string | undefined {
  const r0 = m.startRowIndex ?? 0, c0 = m.startColumnIndex ?? 0;
  if (m.endRowIndex == null || m.endColumnIndex == null) return undefined;
  return `${columnLetter(c0 + 1)}${r0 + 1}:${columnLetter(m.endColumnIndex)}${m.endRowIndex}`;
}

function cell(v: unknown): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

/** The rows of a value range, placed at the sheet's A1 (Google starts `range` at the first cell it returns). */
function rowsOf(range: sheets_v4.Schema$ValueRange): CellValue[][] {
  const start = /!\$?([A-Z]+)\$?(\d+)/.exec(range.range ?? '');
  const rowOffset = start ? Number(start[2]) - 1 : 0;
  const colOffset = start ? columnNumber(start[1]) - 1 : 0;
  const rows: CellValue[][] = [];
  for (let r = 0; r < rowOffset; r++) rows.push([]);
  for (const row of range.values ?? []) {
    const out: CellValue[] = [];
    for (let c = 0; c < colOffset; c++) out.push('');
    for (const v of Array.isArray(row) ? row : []) out.push(cell(v));
    rows.push(out);
  }
  return rows;
}

class BrokenResponse extends Error {}

/** Google's JSON error (`{ error: { code, message, status, errors: [{ reason }] } }`), as gaxios hands back its body. */
function googleError(e: unknown): { status?: unknown; errors?: unknown } | undefined {
  const data = (e as { response?: { data?: unknown } }).response?.data;
  const error = typeof data === 'object' && data !== null ? (data as { error?: unknown }).error : undefined;
  return typeof error === 'object' && error !== null ? error : undefined;
}

function googleStatus(e: unknown): string | undefined {
  const status = googleError(e)?.status;
  return typeof status === 'string' ? status : undefined;
}

function googleReason(e: unknown): string | undefined {
  const errors = googleError(e)?.errors;
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  const reason = typeof first === 'object' && first !== null ? (first as { reason?: unknown }).reason : undefined;
  return typeof reason === 'string' ? reason : undefined;
}

export class GoogleSheetsSource implements SheetSource {
  readonly label: string;
  private readonly client: sheets_v4.Sheets;

  constructor(private readonly spreadsheetId: string, private readonly options: GoogleSheetsOptions) {
    this.label = `hoja de cálculo ${spreadsheetId}`;
    // Loaded with the first source (~130 ms, googleapis-common's 55 modules), not by every start of a server that may
    // never read a spreadsheet (self-hosted, Excel uploads).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { sheets } = require('@googleapis/sheets') as typeof import('@googleapis/sheets');
    this.client = sheets({ version: 'v4', auth: options.auth, ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}) });
  }

  async read(): Promise<WorkbookModel> {
    const meta = (await this.call(
      () => this.client.spreadsheets.get(
        // columnMetadata: the columns the official hid (DimensionProperties.hiddenByUser), for the warning the add-on
        // and an .xlsx give of a hidden column holding data (core/unflatten/hidden-columns.ts); no cell data comes back.
        // rowMetadata: the rows hidden by hand or by a filter, for the same warning of such rows holding data.
        { spreadsheetId: this.spreadsheetId, fields: 'sheets(properties(title,sheetType),merges,data(columnMetadata(hiddenByUser),rowMetadata(hiddenByUser,hiddenByFilter)))' },
        this.requestOptions(),
      ),
      (data) => Array.isArray((data as sheets_v4.Schema$Spreadsheet).sheets),
    )) as sheets_v4.Schema$Spreadsheet;
    const grid = (meta.sheets ?? []).filter(
      (s) => typeof s.properties?.title === 'string' && (s.properties.sheetType ?? 'GRID') === 'GRID',
    );
    if (!grid.length) return { sheets: [] };
    const ranges = grid.map((s) => quoteSheet(s.properties!.title!));
    const values = (await this.call(
      () => this.client.spreadsheets.values.batchGet(
        { spreadsheetId: this.spreadsheetId, ranges, valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER', majorDimension: 'ROWS' },
        this.requestOptions(),
      ),
      (data) => (data as sheets_v4.Schema$BatchGetValuesResponse).valueRanges?.length === grid.length,
    )) as sheets_v4.Schema$BatchGetValuesResponse;
    const valueRanges = values.valueRanges!;
    const workbook: WorkbookModel = {
      sheets: grid.map((s, i): SheetModel => {
        const merges = (s.merges ?? []).map(mergeToA1).filter((m): m is string => !!m);
        const hiddenColumns = hiddenByUser(s);
        const rows = rowsOf(valueRanges[i]);
        const hiddenRows = hiddenRowsWithValues(s, rows);
        return { name: s.properties!.title!, rows, ...(merges.length ? { merges } : {}), ...(hiddenColumns.length ? { hiddenColumns } : {}), ...(hiddenRows ? { hiddenRows } : {}) };
      }),
    };
    return this.withComputedAmounts(await this.withLinks(await this.withShownText(workbook)));
  }

  /**
   * The formulas of money cells holding more decimals than cents (`=H4/1.16`): one more batchGet, of those cells only,
   * when there are any, so a computed amount is published in cents as the add-on reads it (core/unflatten/link-cells.ts).
   */
  private async withComputedAmounts(workbook: WorkbookModel): Promise<WorkbookModel> {
    const wanted = computedAmountCandidates(workbook);
    if (!wanted.length) return workbook;
    const found = new Map<string, Record<string, string>>();
    (await this.columnRanges(wanted, 'FORMULA')).forEach((range, i) => {
      const { sheet, column, fromRow } = wanted[i];
      const own = found.get(sheet) ?? {};
      (range.values ?? []).forEach((row, k) => {
        const formula = row?.[0];
        if (typeof formula === 'string' && formula.startsWith('=')) own[`${columnLetter(column)}${fromRow + k}`] = formula;
      });
      found.set(sheet, own);
    });
    return withFormulas(workbook, found);
  }

  /**
   * The web links behind texts of link columns («Contrato» linked to its PDF): one more `spreadsheets.get` of those
   * cells only (CellData.hyperlink: the cell's link, empty when it has several), when there are any.
   */
  private async withLinks(workbook: WorkbookModel): Promise<WorkbookModel> {
    const wanted = linkCandidates(workbook);
    if (!wanted.length) return workbook;
    const ranges = wanted.map((r) => `${quoteSheet(r.sheet)}!${columnLetter(r.column)}${r.fromRow}:${columnLetter(r.column)}${r.toRow}`);
    const answer = (await this.call(
      () => this.client.spreadsheets.get(
        { spreadsheetId: this.spreadsheetId, ranges, fields: 'sheets(properties(title),data(startRow,startColumn,rowData(values(hyperlink))))' },
        this.requestOptions(),
      ),
      (data) => Array.isArray((data as sheets_v4.Schema$Spreadsheet).sheets),
    )) as sheets_v4.Schema$Spreadsheet;
    const found = new Map<string, Record<string, string>>();
    for (const sheet of answer.sheets ?? []) {
      const title = sheet.properties?.title;
      if (typeof title !== 'string') continue;
      const links = found.get(title) ?? {};
      // Each GridData says where it starts (Google leaves out a 0); its rows and cells follow from there.
      for (const grid of sheet.data ?? []) {
        (grid.rowData ?? []).forEach((row, i) => (row.values ?? []).forEach((cell, j) => {
          if (typeof cell.hyperlink === 'string' && cell.hyperlink !== '') links[`${columnLetter((grid.startColumn ?? 0) + j + 1)}${(grid.startRow ?? 0) + i + 1}`] = cell.hyperlink;
        }));
      }
      found.set(title, links);
    }
    return withLinks(workbook, found);
  }

  /** The numbers of text columns as the sheet shows them: one more batchGet, of those cells only, when there are any. */
  private async withShownText(workbook: WorkbookModel): Promise<WorkbookModel> {
    const wanted = numbersInTextColumns(workbook);
    if (!wanted.length) return workbook;
    const shown = await this.columnRanges(wanted, 'FORMATTED_VALUE');
    // rowsOf places each range at A1: its rows from fromRow, its cells from the column, are the ones asked for.
    return withShownText(workbook, wanted, shown.map((range, i) => rowsOf(range).slice(wanted[i].fromRow - 1).map((row) => row.slice(wanted[i].column - 1))));
  }

  /** The cells of `wanted` (each a column's run of rows) as `render` gives them: one batchGet, a value range each. */
  private async columnRanges(wanted: readonly ShownTextRange[], render: 'FORMULA' | 'FORMATTED_VALUE'): Promise<sheets_v4.Schema$ValueRange[]> {
    const ranges = wanted.map((r) => `${quoteSheet(r.sheet)}!${columnLetter(r.column)}${r.fromRow}:${columnLetter(r.column)}${r.toRow}`);
    const answer = (await this.call(
      () => this.client.spreadsheets.values.batchGet(
        { spreadsheetId: this.spreadsheetId, ranges, valueRenderOption: render, majorDimension: 'ROWS' },
        this.requestOptions(),
      ),
      (data) => (data as sheets_v4.Schema$BatchGetValuesResponse).valueRanges?.length === ranges.length,
    )) as sheets_v4.Schema$BatchGetValuesResponse;
    return answer.valueRanges!;
  }

  private requestOptions() {
    // Node's own fetch: otherwise gaxios 7 dynamically imports node-fetch, which jest's CommonJS sandbox rejects.
    return { retry: false, timeout: this.options.timeoutMs ?? 30_000, fetchImplementation: fetch };
  }

  /** One API call with bounded retries; `valid` checks the shape of the answer. */
  private async call(request: () => Promise<{ data: unknown }>, valid: (data: object) => boolean): Promise<unknown> {
    const delays = this.options.retryDelaysMs ?? [1000, 4000];
    for (let attempt = 0; ; attempt++) {
      try {
        const { data } = await request();
        // gaxios hands back the raw text when the JSON is cut short.
        if (typeof data !== 'object' || data === null || !valid(data)) throw new BrokenResponse();
        return data;
      } catch (e) {
        const { error, retryable } = this.translate(e);
        if (!retryable || attempt >= delays.length) throw error;
      }
      await new Promise((r) => setTimeout(r, delays[attempt]));
    }
  }

  /** Google's answer → a Spanish SourceError, and whether trying again may help. */
  private translate(e: unknown): { error: SourceError; retryable: boolean } {
    const prefix = 'No se pudo leer la hoja de cálculo';
    const final = (message: string, code: string) => ({ error: new SourceError(message, code), retryable: false });
    const retryable = (message: string, code: string) => ({ error: new SourceError(message, code), retryable: true });
    if (e instanceof BrokenResponse) return retryable(`${prefix}: Google envió una respuesta incompleta o dañada. Intente de nuevo en unos minutos.`, 'sheets.bad-response');
    const err = e as { status?: number; response?: { status?: number }; code?: string; name?: string };
    const status = err.response?.status ?? (typeof err.status === 'number' ? err.status : undefined);
    const account = this.options.serviceAccountEmail;
    const share = account
      ? `Compártala con la cuenta ${account} con permiso de lector («Compartir» → agregar la cuenta → «Lector»).`
      : 'Compártala con la cuenta de servicio de la plataforma con permiso de lector.';
    if (status === 401) return final(`${prefix}: la plataforma no pudo identificarse ante Google. Avise a quien administra la plataforma (credenciales de la cuenta de servicio).`, 'sheets.unauthenticated');
    // A deployment whose project has not enabled the Sheets API answers every read 403 too (reason accessNotConfigured,
    // «Google Sheets API has not been used in project … or it is disabled»): sharing the sheet would not help.
    if (status === 403 && googleReason(e) === 'accessNotConfigured') {
      return final(`${prefix}: la API de Google Sheets no está activada en el proyecto de la plataforma, así que no puede leer ninguna hoja. Avise a quien administra la plataforma (docs/deploy.md §2: activar sheets.googleapis.com); su hoja no tiene que cambiar.`, 'sheets.api-disabled');
    }
    if (status === 403) return final(`${prefix}: la plataforma no tiene acceso a ella. ${share}`, 'sheets.forbidden');
    // The add-on sends the id of the sheet the official has open (there is no link to check): Google answers 404 for
    // a sheet the platform's account cannot see, so sharing it is what to do.
    if (status === 404) return final(`${prefix}: no existe la hoja de cálculo ${this.spreadsheetId} o no está compartida con la plataforma. ${share}`, 'sheets.not-found');
    // The Sheets API reads only Google Sheets: for an Excel file kept in Drive (opened in Office editing mode) it answers
    // 400 FAILED_PRECONDITION «This operation is not supported for this document». Converting it is the way out.
    if (status === 400 && googleStatus(e) === 'FAILED_PRECONDITION') {
      return final(`${prefix}: es un archivo de Excel (.xlsx) guardado en Google Drive, no una hoja de cálculo de Google. Ábralo en Google Drive, elija «Archivo» → «Guardar como Hojas de cálculo de Google» y envíe la copia que se crea.`, 'sheets.not-a-google-sheet');
    }
    if (status === 429) return retryable(`${prefix}: Google limitó el número de consultas. Intente de nuevo en unos minutos.`, 'sheets.rate-limited');
    if (status !== undefined && status >= 500) return retryable(`${prefix}: Google respondió ${status} (error temporal del servicio). Intente de nuevo en unos minutos.`, 'sheets.unavailable');
    if (status !== undefined) return final(`${prefix}: Google respondió ${status}.`, 'sheets.rejected');
    // gaxios 7 reports fetch's AbortSignal timeout as code 'TimeoutError'.
    if ([err.name, err.code].some((c) => c === 'TimeoutError' || c === 'AbortError' || c === 'ETIMEDOUT')) {
      return retryable(`${prefix}: Google no respondió a tiempo. Intente de nuevo en unos minutos.`, 'sheets.timeout');
    }
    return retryable(`${prefix}: no hubo conexión con Google. Intente de nuevo en unos minutos.`, 'sheets.unreachable');
  }
}
