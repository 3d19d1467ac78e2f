/**
 * CSV of the rows a reader downloads. Each field is written by core's csvField (core/format/formula-safety.ts), the
 * one formula-safe CSV writer: text a spreadsheet would run as a formula gets a leading apostrophe (OWASP "CSV
 * injection"), a field with a separator of any region (`,` or `;`) is quoted, and numbers stay numbers.
 */
import { csvField } from '../../../core/format/formula-safety';

export type Cell = string | number | undefined | null;

export const csvCell: (value: Cell) => string = csvField;

/** RFC 4180 lines with CRLF; a BOM so spreadsheet programs read the accents as UTF-8. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
