/**
 * CSV of the rows a reader downloads. Cells that a spreadsheet would run as a formula (starting with = + - @,
 * or a tab / carriage return that some programs strip first) get a leading apostrophe (OWASP "CSV injection").
 * Numbers stay numbers: only text is neutralised, so negative amounts are not mangled.
 */
export type Cell = string | number | undefined | null;

export function csvCell(value: Cell): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 lines with CRLF; a BOM so spreadsheet programs read the accents as UTF-8. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
