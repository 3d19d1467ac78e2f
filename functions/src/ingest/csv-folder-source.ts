/** A folder of .csv files (flatten-tool's CSV output, or sheets saved one by one): one sheet per file. */
import * as fs from 'fs';
import * as path from 'path';
import type { WorkbookModel } from '../../../core/workbook/model';
import { parseCsvRows } from '../../../core/workbook/csv';
import { SourceError, type SheetSource } from './sheet-source';

export class CsvFolderSource implements SheetSource {
  constructor(private readonly dir: string, readonly label = dir) {}

  async read(onProgress?: (sheet: string, rows: number) => void): Promise<WorkbookModel> {
    if (!fs.existsSync(this.dir) || !fs.statSync(this.dir).isDirectory()) throw new SourceError(`No se encontró la carpeta «${this.label}».`, 'source.not-found');
    const files = fs.readdirSync(this.dir).filter((f) => f.toLowerCase().endsWith('.csv')).sort();
    if (!files.length) throw new SourceError(`La carpeta «${this.label}» no contiene archivos .csv.`, 'source.empty');
    const sheets = [];
    for (const file of files) {
      const rows = parseCsvRows(await fs.promises.readFile(path.join(this.dir, file), 'utf8'));
      onProgress?.(file, rows.length);
      sheets.push({ name: file.replace(/\.csv$/i, ''), rows });
    }
    return { sheets };
  }
}
