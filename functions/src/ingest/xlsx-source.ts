/**
 * Reads an .xlsx into the workbook model with exceljs's streaming reader (constant memory per row: large
 * workbooks stay far under the memory of the full reader). Values come out as Apps Script's getValues()
 * would give them: strings, numbers, booleans, Dates; formula cells give their cached result; error cells
 * give their error text (#REF!) so the engine can point at them.
 */
import * as fs from 'fs';
import ExcelJS from 'exceljs';
import type { CellValue, SheetModel, WorkbookModel } from '../../../core/workbook/model';
import { SourceError, type SheetSource } from './sheet-source';

/** exceljs cell values → the plain values of the workbook model. */
export function plainValue(value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.error === 'string') return v.error;
    if ('result' in v) return plainValue(v.result);
    if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
    if (typeof v.text === 'string') return v.text; // hyperlinks
    if ('sharedFormula' in v || 'formula' in v) return '';
  }
  return String(value);
}

async function readStream(input: fs.ReadStream | NodeJS.ReadableStream, onProgress?: (sheet: string, rows: number) => void): Promise<WorkbookModel> {
  // styles: 'cache' so that date-formatted cells come back as Dates, not serial numbers.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input as fs.ReadStream, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const sheets: SheetModel[] = [];
  for await (const worksheet of reader) {
    const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
    const rows: CellValue[][] = [];
    for await (const row of ws) {
      const values = row.values as unknown[];
      const out: CellValue[] = [];
      // exceljs rows are 1-based: values[0] is always empty.
      for (let c = 1; c < values.length; c++) out.push(plainValue(values[c]));
      rows[row.number - 1] = out;
      if (onProgress && row.number % 5000 === 0) onProgress(ws.name, row.number);
    }
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    sheets.push({ name: ws.name, rows });
  }
  return { sheets };
}

export class XlsxFileSource implements SheetSource {
  constructor(private readonly file: string, readonly label = file) {}

  async read(onProgress?: (sheet: string, rows: number) => void): Promise<WorkbookModel> {
    if (!fs.existsSync(this.file)) throw new SourceError(`No se encontró el archivo «${this.label}».`, 'source.not-found');
    try {
      return await readStream(fs.createReadStream(this.file), onProgress);
    } catch {
      throw new SourceError(`El archivo «${this.label}» no es un libro de Excel (.xlsx) válido o está dañado.`, 'source.invalid-xlsx');
    }
  }
}

export class XlsxBufferSource implements SheetSource {
  constructor(private readonly buffer: Buffer, readonly label = 'libro.xlsx') {}

  async read(onProgress?: (sheet: string, rows: number) => void): Promise<WorkbookModel> {
    const { Readable } = await import('stream');
    try {
      return await readStream(Readable.from(this.buffer), onProgress);
    } catch {
      throw new SourceError(`El archivo «${this.label}» no es un libro de Excel (.xlsx) válido o está dañado.`, 'source.invalid-xlsx');
    }
  }
}
