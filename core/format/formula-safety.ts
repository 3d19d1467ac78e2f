/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a text cell starting with = + - @ (or tab/CR) is run
 * as a formula when a CSV is opened. CSV exports prefix such text with an apostrophe so it stays text; .xlsx exports
 * need no prefix (a typed string cell is never a formula), so their text round-trips exactly.
 * Numbers are not touched (a negative amount is a number, not text).
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Text that a spreadsheet would run as a formula if it were typed in, or read from a CSV. */
export function looksLikeFormula(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && TRIGGERS.has(value[0]);
}

export function neutraliseFormula<T>(value: T): T | string {
  return looksLikeFormula(value) ? `'${value}` : value;
}

/**
 * One CSV field (RFC 4180 quoting), formula-safe: the only CSV writer, for the dashboard's downloads and anything
 * else. A field with a semicolon is quoted too: Excel set to a region whose list separator is «;» (Spain, much of
 * Europe and Latin America) and LibreOffice with «;» ticked split an unquoted `Obra;=HYPERLINK(…)` into two cells,
 * the second one a formula the apostrophe at the field's start did not reach. A number that is not finite is empty.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  const text = String(neutraliseFormula(value instanceof Date ? value.toISOString() : value));
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
