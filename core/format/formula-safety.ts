/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a text cell starting with = + - @ (or tab/CR) is run
 * as a formula when a CSV or sheet is opened. Exports prefix such text with an apostrophe so it stays text.
 * Numbers are not touched (a negative amount is a number, not text).
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function neutraliseFormula<T>(value: T): T | string {
  return typeof value === 'string' && value.length > 0 && TRIGGERS.has(value[0]) ? `'${value}` : value;
}

/** One CSV field (RFC 4180 quoting), formula-safe. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(neutraliseFormula(value instanceof Date ? value.toISOString() : value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
