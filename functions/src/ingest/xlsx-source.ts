/**
 * .xlsx files and uploads as sheet sources, read by our own streaming reader (xlsx/workbook-reader.ts): every
 * byte decoded right, real sheet names, dates by number format, formula results and error values, and the
 * machine protected by read limits (xlsx/read-limits.ts) counted while streaming.
 */
import * as fs from 'fs';
import type { WorkbookModel } from '../../../core/workbook/model';
import { SourceError, type SheetSource } from './sheet-source';
import { asSourceError, readXlsx } from './xlsx/workbook-reader';
import { bufferBytes, fileBytes, type ByteSource } from './xlsx/zip-archive';
import type { ReadLimits } from './xlsx/read-limits';

export interface XlsxSourceOptions {
  limits?: Partial<ReadLimits>;
}

async function readFrom(open: () => Promise<ByteSource>, label: string, options: XlsxSourceOptions, onProgress?: (sheet: string, rows: number) => void, keepValues = true): Promise<WorkbookModel> {
  const bytes = await open();
  try {
    return await readXlsx(bytes, { label, ...(options.limits ? { limits: options.limits } : {}), ...(onProgress ? { onProgress } : {}), keepValues });
  } catch (e) {
    throw asSourceError(e, label);
  } finally {
    await bytes.close();
  }
}

export class XlsxFileSource implements SheetSource {
  constructor(private readonly file: string, readonly label = file, private readonly options: XlsxSourceOptions = {}) {}

  async read(onProgress?: (sheet: string, rows: number) => void): Promise<WorkbookModel> {
    if (!fs.existsSync(this.file)) throw new SourceError(`No se encontró el archivo «${this.label}».`, 'source.not-found');
    return readFrom(() => fileBytes(this.file), this.label, this.options, onProgress);
  }
}

export class XlsxBufferSource implements SheetSource {
  constructor(private readonly buffer: Uint8Array, readonly label = 'libro.xlsx', private readonly options: XlsxSourceOptions = {}) {}

  read(onProgress?: (sheet: string, rows: number) => void): Promise<WorkbookModel> {
    return readFrom(() => Promise.resolve(bufferBytes(this.buffer)), this.label, this.options, onProgress);
  }

  /**
   * Reads the whole file, counting against the limits, but keeps no values: an upload's admission check. Throws
   * the SourceError a person should see (not a workbook, damaged, or a limit crossed).
   */
  async check(): Promise<void> {
    await readFrom(() => Promise.resolve(bufferBytes(this.buffer)), this.label, this.options, undefined, false);
  }
}
