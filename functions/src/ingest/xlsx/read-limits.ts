/**
 * What a workbook may cost the machine before we stop reading it. The reader counts while it streams and stops at
 * the first limit crossed, so a zip bomb or a 3-million-row sheet is refused after a bounded amount of work and
 * memory, never after unpacking it. Declared sizes (zip directory, `<dimension>`, row numbers) are checked first
 * because they are free; the counters catch files whose declarations lie.
 */
import { SourceError } from '../sheet-source';
import { formatFileSize } from '../../../../core/format/es-mx';

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
  /** Rows in the whole workbook. */
  rows: number;
  /** Non-empty cells in the whole workbook. */
  cells: number;
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
};

const es = (n: number): string => n.toLocaleString('en-US');

/** The Spanish text naming each limit, with the figure crossed. */
const LIMIT_MESSAGES: { [K in keyof ReadLimits]: (limit: number) => string } = {
  compressedBytes: (l) => `pesa más de ${formatFileSize(l)}, el tamaño máximo de archivo que se acepta`,
  uncompressedBytes: (l) => `ocupa más de ${formatFileSize(l)} una vez descomprimido, el máximo que se acepta`,
  compressionRatio: (l) => `contiene una parte que se descomprime a más de ${es(l)} veces su tamaño; parece un archivo malicioso («bomba zip»)`,
  sheets: (l) => `tiene más de ${es(l)} hojas, el máximo que se acepta`,
  rowsPerSheet: (l) => `tiene una hoja con más de ${es(l)} filas, el máximo por hoja`,
  rows: (l) => `tiene más de ${es(l)} filas en total, el máximo que se acepta`,
  cells: (l) => `tiene más de ${es(l)} celdas con datos, el máximo que se acepta`,
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
