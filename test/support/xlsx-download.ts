/**
 * A downloaded .xlsx in tests: supertest's parser that keeps a binary answer as one Buffer (its default reads text),
 * and the workbook ExcelJS reads from those bytes.
 */
import type request from 'supertest';
import type ExcelJSType from 'exceljs';

export const binaryBody = (res: request.Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The workbook in `bytes` (a Buffer may be a view of a larger pool: only its own bytes are given to ExcelJS). */
export async function xlsxBook(bytes: Buffer): Promise<ExcelJSType.Workbook> {
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
  return book;
}
