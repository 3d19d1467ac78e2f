/** A folder of .csv files (flatten-tool's CSV output, or sheets saved one by one): one sheet per file. */
import * as fs from 'fs';
import * as path from 'path';
import type { WorkbookModel } from '../../../core/workbook/model';
import { parseCsvRows } from '../../../core/workbook/csv';
import { SourceError, type SheetSource } from './sheet-source';

/**
 * A .csv file's text: UTF-8 (its byte-order mark dropped), or — when the bytes are not UTF-8 — Windows-1252, what
 * Excel writes for «CSV (delimitado por comas)» on a Spanish Windows: read as UTF-8, «Licitación» became
 * «Licitaci�n» and the errors blamed the values instead of the file.
 */
export function csvText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return windows1252(bytes);
  }
}

/**
 * Windows-1252 differs from Latin-1 in 0x80–0x9F (curly quotes, dashes, €…). Decoded by hand: Node 20's
 * TextDecoder('windows-1252') gives Latin-1's invisible control characters there.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function windows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
  }
  return out;
}

export class CsvFolderSource implements SheetSource {
  constructor(private readonly dir: string, readonly label = dir) {}

  async read(onProgress?: (sheet: string, rows: number) => void): Promise<WorkbookModel> {
    if (!fs.existsSync(this.dir) || !fs.statSync(this.dir).isDirectory()) throw new SourceError(`No se encontró la carpeta «${this.label}».`, 'source.not-found');
    const files = fs.readdirSync(this.dir).filter((f) => f.toLowerCase().endsWith('.csv')).sort();
    if (!files.length) throw new SourceError(`La carpeta «${this.label}» no contiene archivos .csv.`, 'source.empty');
    const sheets = [];
    for (const file of files) {
      const rows = parseCsvRows(csvText(await fs.promises.readFile(path.join(this.dir, file))));
      onProgress?.(file, rows.length);
      sheets.push({ name: file.replace(/\.csv$/i, ''), rows });
    }
    return { sheets };
  }
}
