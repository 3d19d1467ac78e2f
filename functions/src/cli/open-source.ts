/** Picks the sheet source for a CLI path: a folder of .csv files or an .xlsx file. */
import * as fs from 'fs';
import * as path from 'path';
import { CsvFolderSource } from '../ingest/csv-folder-source';
import { XlsxFileSource } from '../ingest/xlsx-source';
import type { SheetSource } from '../ingest/sheet-source';
import { UsageError } from './args';
import { checkReadable, fileNotFound } from './input-path';

export function openSource(input: string | undefined): SheetSource {
  if (!input) throw new UsageError('Indique el libro a leer: un archivo .xlsx o una carpeta con archivos .csv.');
  checkReadable(input);
  const stat = fs.statSync(input, { throwIfNoEntry: false });
  // Said with the full path here (the sources' own message names the file as shown in reports, by its name alone).
  if (!stat) throw new UsageError(fileNotFound(input, /\.[a-z]{2,5}$/i.test(input) ? 'el archivo' : 'el archivo ni la carpeta'));
  if (stat.isDirectory()) return new CsvFolderSource(input, path.basename(input));
  if (!/\.xlsx$/i.test(input)) throw new UsageError(`«${input}» no es un archivo .xlsx ni una carpeta de archivos .csv.${advice(input)}`);
  return new XlsxFileSource(input, path.basename(input));
}

/** What to do with the files people most often have instead of an .xlsx: a sheet saved as .csv, an older or other spreadsheet format. */
function advice(input: string): string {
  if (/\.csv$/i.test(input)) return ' Para validar archivos .csv, póngalos en una carpeta (un archivo por hoja, con el nombre de la hoja) y valide la carpeta; o abra el libro en Excel y guárdelo como «Libro de Excel (.xlsx)».';
  // LibreOffice's own format: its menu and format names, which «Libro de Excel (.xlsx)» is not in Calc.
  if (/\.f?ods$/i.test(input)) return ' Es una hoja de cálculo de LibreOffice (.ods): ábrala en LibreOffice Calc, elija Archivo › Guardar como… y en «Tipo de archivo» escoja «Excel 2007-365 (.xlsx)».';
  if (/\.(xls|xlsm|xlsb|numbers)$/i.test(input)) return ' Ábralo en su programa de hojas de cálculo y guárdelo como «Libro de Excel (.xlsx)».';
  return '';
}
