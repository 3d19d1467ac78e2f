/** Picks the sheet source for a CLI path: a folder of .csv files or an .xlsx file. */
import * as fs from 'fs';
import * as path from 'path';
import { CsvFolderSource } from '../ingest/csv-folder-source';
import { XlsxFileSource } from '../ingest/xlsx-source';
import type { SheetSource } from '../ingest/sheet-source';
import { UsageError } from './args';

export function openSource(input: string | undefined): SheetSource {
  if (!input) throw new UsageError('Indique el libro a leer: un archivo .xlsx o una carpeta con archivos .csv.');
  if (fs.existsSync(input) && fs.statSync(input).isDirectory()) return new CsvFolderSource(input, path.basename(input));
  if (!/\.xlsx$/i.test(input)) throw new UsageError(`«${input}» no es un archivo .xlsx ni una carpeta de archivos .csv.`);
  return new XlsxFileSource(input, path.basename(input));
}
