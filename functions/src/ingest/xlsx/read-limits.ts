/**
 * What a workbook may cost the machine before we stop reading it. The reader counts while it streams and stops at
 * the first limit crossed, so a zip bomb or a 3-million-row sheet is refused after a bounded amount of work and
 * memory, never after unpacking it. Declared sizes (zip directory, `<dimension>`, row numbers) are checked first
 * because they are free; the counters catch files whose declarations lie.
 */
import { SourceError } from '../sheet-source';
import { formatFileSize } from '../../../../core/format/es-mx';
import { columnLetter } from '../../../../core/workbook/model';

export interface ReadLimits {
  /** The .xlsx file itself, bytes. */
  compressedBytes: number;
  /** All parts read, once unpacked, bytes. */
  uncompressedBytes: number;
  /** One part unpacked relative to its packed size (the signature of a zip bomb). */
  compressionRatio: number;
  sheets: number;
  /** Rows per sheet (Excel's own maximum is 1,048,576). */
  rowsPerSheet: number;
  /**
   * Rows in the whole workbook, counting the empty rows between two rows with data: the workbook's model holds one
   * (empty) row for each, so a sheet whose one row is numbered 1,048,576 costs a million rows.
   */
  rows: number;
  /** Non-empty cells in the whole workbook. */
  cells: number;
  /**
   * The last column a cell with data may be in (Excel's own last is XFD, 16,384): a file may name any column, and
   * a cell in column ZZZZZZZ made the reader grow its row past the largest array the engine allows, which aborted
   * the process (a 1.5 KB upload stopped the server).
   */
  columns: number;
  /**
   * Cells of the workbook's model, the empty ones before each row's last value included (each row is held whole
   * from column A to its last value): 200,000 rows with one value in column XFD are 3,200 million cells, 26 GB.
   */
  gridCells: number;
  /**
   * Characters of text in the cells, a text counted in each cell that shows it: a cell names a shared string by its
   * number, so a 2 MB text shown by 40,000 cells is 80,000 million characters from a 1.8 MB file, each one read,
   * checked and hashed by the engine (hours of work).
   */
  textCharacters: number;
}

const MiB = 2 ** 20;

/**
 * Room for a large state's publication (the 10,000-process benchmark in flatten-tool's layout is about 20 MiB packed,
 * 190 MiB unpacked, 370,000 rows and 2.9 million cells). What the server holds grows with the rows read, not with
 * the file's bytes: a template-layout workbook of 10,000 processes and 5,000 projects went through the whole review
 * with a 1 GB heap and not with 512 MB (docs/operations.md, «Un estado grande»), so a workbook at these limits needs
 * a server with several GB.
 */
export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = {
  compressedBytes: 100 * MiB,
  uncompressedBytes: 600 * MiB,
  compressionRatio: 200,
  sheets: 250,
  rowsPerSheet: 1_048_576,
  rows: 1_500_000,
  cells: 10_000_000,
  columns: 16_384,
  // The template's sheets, filled or blank, hold 2 to 4 of these per cell with data (examples, templates/): room
  // for workbooks near the cells limit, at 8 bytes each (240 MB of row arrays at most).
  gridCells: 30_000_000,
  // As much text as the unpacked parts may hold when each cell writes its own: about 15 s of the engine's work.
  textCharacters: 600_000_000,
};

const es = (n: number): string => n.toLocaleString('en-US');

/** The Spanish text naming each limit, with the figure crossed. */
const LIMIT_MESSAGES: { [K in keyof ReadLimits]: (limit: number) => string } = {
  compressedBytes: (l) => `pesa más de ${formatFileSize(l)}, el tamaño máximo de archivo que se acepta`,
  uncompressedBytes: (l) => `ocupa más de ${formatFileSize(l)} una vez descomprimido, el máximo que se acepta`,
  compressionRatio: (l) => `contiene una parte que se descomprime a más de ${es(l)} veces su tamaño; parece un archivo malicioso («bomba zip»)`,
  sheets: (l) => `tiene más de ${es(l)} hojas, el máximo que se acepta`,
  rowsPerSheet: (l) => `tiene una hoja con más de ${es(l)} filas, el máximo por hoja`,
  rows: (l) => `tiene más de ${es(l)} filas en total (contando las vacías que quedan entre filas con datos), el máximo que se acepta`,
  cells: (l) => `tiene más de ${es(l)} celdas con datos, el máximo que se acepta`,
  columns: (l) => `tiene datos más allá de la columna ${columnLetter(l)} (la número ${es(l)}), la última que se acepta`,
  textCharacters: (l) => `tiene más de ${es(l)} caracteres de texto en sus celdas (un texto que se repite cuenta en cada celda que lo muestra), el máximo que se acepta`,
  gridCells: (l) => `tiene más de ${es(l)} celdas contando las vacías que quedan a la izquierda del último dato de cada fila (datos en columnas muy apartadas), el máximo que se acepta`,
};

/** A limit crossed: a SourceError (Spanish, safe to show) whose code names the limit. */
export class ReadLimitError extends SourceError {
  /** How many bytes had been unpacked when the read stopped (set by the reader; tests check it stays small). */
  unpackedBytes = 0;
  constructor(readonly limit: keyof ReadLimits, readonly value: number, label: string, sheet?: string) {
    super(
      `El archivo «${label}» ${LIMIT_MESSAGES[limit](value)}${sheet ? ` (hoja «${sheet}»)` : ''}. Divida la información en varios libros o quite lo que no se publica.`,
      `source.limit-${limit.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    );
  }
}

export function resolveLimits(partial?: Partial<ReadLimits>): ReadLimits {
  return { ...DEFAULT_READ_LIMITS, ...(partial ?? {}) };
}
