/**
 * Cell hygiene: turns whatever Apps Script `getValues()` or exceljs hand us into a clean scalar, nothing
 * (a blank), or a problem. exceljs may give rich text, hyperlinks, formula results and `{error}` objects.
 */
export type CleanValue = string | number | boolean | Date;

export class CellProblem {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number | boolean>,
    readonly severity: 'error' | 'warning' | 'info' = 'error',
  ) {}
}

// With their Spanish spellings, as a spreadsheet in Spanish shows them and writes them as text (a .csv saved from
// Excel, a cell pasted as text): «#¡VALOR!» was published as a tender's title, «#¡REF!» as an OCID.
const FORMULA_ERRORS = new Set(['#REF!', '#N/A', '#DIV/0!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#ERROR!',
  '#¡REF!', '#¡DIV/0!', '#¡VALOR!', '#¿NOMBRE?', '#¡NUM!', '#¡NULO!', '#¡DESBORDAMIENTO!', '#¡CALC!']);

/** Non-breaking and figure spaces count as spaces; zero-width characters at the edges are invisible junk. */
function isEdgeJunk(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200d) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x2060 || c === 0x3000 || c === 0xfeff;
}
/**
 * Non-breaking and figure spaces inside a text, and line breaks written another way: Word's line break within a
 * paragraph (Shift+Enter) is a vertical tab (U+000B), and it comes along when a description is pasted from Word,
 * as do the Unicode line and paragraph separators (U+2028, U+2029). They are read as the line break they show
 * («\n»): each was warned as «caracteres invisibles (U+000B)», told to retype the whole text without pasting it.
 * This runs for every text cell: the regular expression's native scan took half the time of a character loop in
 * JavaScript (8 M characters: 17 → 8 ms).
 */
const INNER_SPACE = /[\u00a0\u2007\u202f\u000b\u2028\u2029]/;
function hasInnerSpace(s: string): boolean {
  return INNER_SPACE.test(s);
}

export function cleanText(s: string): string {
  // Fast path for the usual clean cell: nothing to trim and no non-breaking space or other line break inside.
  if (s.length > 0 && !isEdgeJunk(s.charCodeAt(0)) && !isEdgeJunk(s.charCodeAt(s.length - 1)) && !hasInnerSpace(s)) return s;
  return trimEdges(s.replace(/[\u00a0\u2007\u202f]/g, ' ').replace(/[\u000b\u2028\u2029]/g, '\n'));
}

/**
 * Spaces and zero-width characters off both ends, by a scan from each end: the pattern `[…]+$` tried from each
 * character of a long run of spaces inside a text to the end of the run (a cell of 32,767 non-breaking spaces and a
 * letter took 1.3 s, every text cell of a sent workbook so).
 */
const TRIMMED = /[\s\u200b\u200c\u200d\u2060]/;
function trimEdges(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && TRIMMED.test(s[start])) start++;
  while (end > start && TRIMMED.test(s[end - 1])) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

function isBlankRaw(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/** Cheap emptiness test used to skip blank rows without converting them. */
export function isBlankCell(v: unknown): boolean {
  if (isBlankRaw(v)) return true;
  // A text whose first character is not junk keeps it after cleaning: no need to scan the rest (runs per cell, often twice).
  return typeof v === 'string' && isEdgeJunk(v.charCodeAt(0)) && cleanText(v) === '';
}

export function cleanCell(raw: unknown, depth = 0): CleanValue | undefined | CellProblem {
  if (isBlankRaw(raw)) return undefined;
  switch (typeof raw) {
    case 'string': {
      const s = cleanText(raw);
      if (s === '') return undefined;
      if (s.charCodeAt(0) === 35 /* # */ && FORMULA_ERRORS.has(s.toUpperCase())) return new CellProblem('cell.formula-error', { value: s });
      return s;
    }
    case 'number':
      return Number.isFinite(raw) ? raw : new CellProblem('cell.unsupported-value', { value: String(raw) });
    case 'boolean':
      return raw;
    case 'object': {
      // Realm-safe: a Date from another JS realm (Apps Script service objects, a vm, jest) fails `instanceof`.
      if (Object.prototype.toString.call(raw) === '[object Date]') {
        const time = (raw as Date).getTime();
        if (Number.isNaN(time)) return new CellProblem('cell.not-a-date', { value: 'Invalid Date' });
        // Copied only when it comes from another realm, so that later `instanceof Date` tests hold; a Date of this
        // realm is read as it is (no cleaned value is ever written into a document as a Date, nor changed).
        return raw instanceof Date ? raw : new Date(time);
      }
      const o = raw as Record<string, unknown>;
      if (typeof o.error === 'string') return new CellProblem('cell.formula-error', { value: o.error });
      if (depth < 3) {
        if (Array.isArray(o.richText)) return cleanCell(o.richText.map((r) => (r && typeof r === 'object' ? String((r as { text?: unknown }).text ?? '') : '')).join(''), depth + 1);
        if ('result' in o) return cleanCell(o.result, depth + 1);
        if ('text' in o) return cleanCell(o.text, depth + 1);
      }
      return new CellProblem('cell.unsupported-value', { value: safePreview(raw) });
    }
    default:
      return new CellProblem('cell.unsupported-value', { value: safePreview(raw) });
  }
}

/** Short printable rendering of a value for a finding's params. */
export function safePreview(v: unknown): string {
  let s: string;
  try {
    s = v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  } catch {
    s = Object.prototype.toString.call(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}
