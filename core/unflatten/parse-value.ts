/**
 * Typed conversion of one clean cell value by its column's type (from the template spec or the profile):
 * es-MX numbers, Sí/No booleans, sheet dates → ISO 8601 with the publisher's offset, `;` lists, Spanish code titles.
 */
import type { CodeOption, ColumnType } from '../template/spec';
import { CellProblem, safePreview, type CleanValue } from './clean-cell';
import { normalizeLabel } from './normalize-label';
import { isKnownTimeZone, localDateTime, localMidnight, offsetAt } from './time-zone';
import { codeAlias } from '../profile/code-aliases';
import { isCalendarDate } from '../format/typed-date';
import { formatAmount, formatDate, formatList, formatMoney, formatNumber } from '../format/es-mx';
import { isNoDataMark } from './no-data-mark';
import { closestTitles } from './closest-titles';
import { needsOneLine, oneLine } from './text-spacing';
import { apostropheGroups, currencyAround, currencyOf, durationUnit, spaceGroupsDecimalComma, thousandsDotMeant } from './amount-forms';

export interface ValueSpec {
  type: ColumnType;
  codelist?: string;
  openCodelist?: boolean;
  options?: readonly CodeOption[];
  /**
   * A latitude or longitude (which one, when the column says): a degree sign after the number («20.9674°») is read as
   * the number it follows, and a cell that is no number is given a coordinate as example, not an amount.
   */
  degrees?: false | 'latitude' | 'longitude' | 'coordinate';
  /** An amount of money (a Value's `amount` or `netAmount`): a computed one is published in cents (moneyAmount). */
  money?: boolean;
  /** A title or name (the profile's `singleLine`): published on one line (text-spacing.ts). Any other text: as typed. */
  singleLine?: boolean;
  /** What a whole-number column counts (`…/durationInDays`: days): «30 días» is read there, «3 meses» refused. */
  unit?: 'days';
}

export interface Parsed {
  value?: unknown;
  /** An error (value dropped) or a warning (value kept). */
  problem?: CellProblem;
  /**
   * The currency written in an amount's cell («MXN 1,234.50», «1,234.50 USD»): read-rows compares it with the row's
   * currency column (currencyInAmount), which the cell alone cannot see.
   */
  currency?: string;
}

function problem(code: string, v: CleanValue, extra: Record<string, string> = {}): Parsed {
  return { problem: new CellProblem(code, { value: safePreview(v), ...extra }) };
}

/**
 * A sheet `Date` (its clock time in UTC, as files and the add-on give one) as the calendar day it shows
 * (`2024-03-31`), which is how the engine reads it in any column (a date column makes it that day's local midnight).
 * A workbook sent as JSON (core/workflow/workbook-values.ts) writes a date alone this way, so it publishes as the same
 * day typed as text or read from a file does (`…T00:00:00-06:00`), not as an instant.
 */
export function sheetDateText(v: Date): string {
  const [y, m, d] = calendarDate(v);
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A cell as a finding quotes it: a sheet date as the day the sheet shows (dd/mm/aaaa), not the instant it is stored
 * as («2024-03-31T06:00:00.000Z» in a number column was a date nobody typed).
 */
function shown(v: CleanValue): CleanValue {
  return v instanceof Date ? formatDate(sheetDateText(v)) : v;
}

function asText(v: CleanValue): string {
  return v instanceof Date ? sheetDateText(v) : String(typeof v === 'number' ? sheetNumber(v) : v);
}

/**
 * A number as the spreadsheet holds and shows it: Excel and Google Sheets keep 15 significant digits, and a formula's
 * result carries the binary noise of the arithmetic past them (=H4*1.16, =0.1*3). The file stores 2964000.0000000005
 * where the cell shows 2,964,000.00; that was published, and a contract amount with its IVA computed «exceeded» an
 * award typed with the same figure. Rounded to those 15 digits when that is noise: the digits before it end in a run
 * of zeros or nines (at most NOISE_FREE_DIGITS significant digits once rounded). A file written by a program keeps
 * every digit of a double (`import` of published data: a coordinate of 17 digits, -100.05890748748246), and those are
 * what was published, kept as they are.
 */
export function sheetNumber(v: number): number {
  if (Number.isInteger(v) || !Number.isFinite(v)) return v;
  const rounded = Number(v.toPrecision(15));
  return rounded !== v && significantDigits(rounded) <= NOISE_FREE_DIGITS ? rounded : v;
}

/**
 * An amount of money computed by a formula, as its cell shows it: in cents. A division (`=H4/1.16`, the amount
 * before IVA) holds every digit of the quotient, 110689844.28448276, while the cell shows $110,689,844.28 (the
 * template formats every amount with two decimals): the fractions of a cent were published, and the JSON, the
 * downloads and any comparison with an amount typed as shown disagreed with the sheet the official checked. Only
 * computed amounts: a typed or imported one keeps its digits (published unit prices have four decimals, 27317.8168,
 * and are published again as they were). Rounded as the spreadsheet rounds what it shows: half away from zero, on
 * the number's decimal digits (1.005 shows 1.01, though its double is 1.00499…).
 */
export function moneyAmount(v: number): number {
  const n = sheetNumber(v);
  if (Number.isInteger(n) || !Number.isFinite(n)) return n;
  const text = String(Math.abs(n));
  // Written with an exponent only far from any amount (under 1e-6, or 1e21 and up): rounded by arithmetic.
  const cents = text.includes('e') ? Math.round(Math.abs(n) * 100) / 100 : Number(`${Math.round(Number(`${text}e2`))}e-2`);
  return n < 0 && cents !== 0 ? -cents : cents;
}

/** A number with more decimals than cents, as the sheet holds it (its binary noise aside): a computed amount may be. */
export function pastCents(v: unknown): boolean {
  if (typeof v !== 'number' || !Number.isFinite(v) || Number.isInteger(v)) return false;
  // Fast for the usual amount, whole cents within a double's error (it runs for every amount of a money column).
  const c = v * 100;
  if (Math.abs(c - Math.round(c)) <= 1e-13 * Math.abs(c) + 1e-9) return false;
  return moneyAmount(v) !== sheetNumber(v);
}

/** Digits of a figure before its noise: 128406219.37000002 rounds to 11, 0.30000000000000004 to 1. */
const NOISE_FREE_DIGITS = 12;

/** Significant digits of `v` as JavaScript writes it shortest (1.2840621937e+8: 11). */
function significantDigits(v: number): number {
  const mantissa = Math.abs(v).toExponential().split('e')[0];
  return mantissa.replace('.', '').length;
}

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}

// es-MX: "," groups thousands, "." is the decimal point; an optional sign and "$" (also "$ -1,234.50", "-$1,234.50").
// A space (or a thin space) groups them too, as NOM-008-SCFI writes numbers and officials copy them from official
// documents: «1 234 567» was «no es un número» although it can be read only one way (groups of exactly three digits).
const NUMBER_RE = /^([+-]?)\s*\$?\s*([+-]?)\s*(\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u2009]\d{3})+|\d+|(?=\.\d))(\.\d+)?$/;
const SCIENTIFIC_RE = /^[+-]?\d+(?:\.\d+)?e[+-]?\d+$/i;
/** A number written with a decimal comma (`1.234,50`, `12,5`): not es-MX, where it is read as a typo rather than guessed. */
export const DECIMAL_COMMA_RE = /^([+-]?)\s*\$?\s*(\d{1,3}(?:\.\d{3})+|\d+),(\d+)$/;

/**
 * A number in parentheses, «(1,234.00)», «($1,234.00)», «$ (1,234.00)»: negative, as accounting writes it and as Excel reads it typed
 * (the accounting format shows a negative so). Copied as text from an accounting system's report, it was «no es un
 * número, escriba solo cifras», and an official who did so published the reduction as an increase.
 */
const PARENTHESES_RE = /^(?:\$\s*)?\(([^()+-]*)\)$/;

/**
 * Longer than any number written with its signs, groups, «$» and «M.N.» (about 40 characters): not one. The number
 * patterns below have runs of optional spaces, which cost time growing with the square of a long run of spaces (a
 * 32,767-character cell of them, Excel's longest, took 3 to 6 s of the server's time, each).
 */
const MAX_NUMBER_TEXT = 100;

export function parseNumber(v: CleanValue): number | undefined {
  if (typeof v === 'number') return sheetNumber(v);
  if (typeof v !== 'string' || v.length > MAX_NUMBER_TEXT) return undefined;
  const parenthesized = PARENTHESES_RE.exec(v);
  if (parenthesized) {
    const n = parseNumber(parenthesized[1].trim());
    return n === undefined ? undefined : -n;
  }
  const s = v.replace(/\s*(MXN|M\.N\.)$/i, '');
  const m = NUMBER_RE.exec(s);
  if (m) {
    if (m[1] && m[2]) return undefined;
    const n = Number(`${m[3].replace(/[, \u2009]/g, '') || '0'}${m[4] ?? ''}`);
    return m[1] === '-' || m[2] === '-' ? -n : n;
  }
  return SCIENTIFIC_RE.test(s) ? Number(s) : undefined;
}

const BOOLEANS: Record<string, boolean> = { si: true, 'sí': true, true: true, verdadero: true, no: false, false: false, falso: false };

export function parseBoolean(v: CleanValue): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const key = normalizeLabel(v);
    return Object.prototype.hasOwnProperty.call(BOOLEANS, key) ? BOOLEANS[key] : undefined;
  }
  return undefined;
}

/**
 * Calendar date of a sheet `Date`: its clock time in UTC, as files give a date cell and the add-on passes one
 * (addon/src/validation/read-workbook.ts reads Apps Script's instant in the spreadsheet's zone). Guessing an instant
 * of a zone west of UTC from its hour read «31/03/2024 03:00» as 30 March.
 */
function calendarDate(d: Date): [number, number, number] {
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}


const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Day 0 of the 1904 date system (WorkbookModel.date1904): 01/01/1904, 1,462 days after the 1900 system's. */
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);
const DAY_MS = 86_400_000;
/**
 * A time of day after a date typed as text, «31/03/2024 10:30», «31/03/2024 10:30:15», «31/03/2024, 2:30 p. m.»,
 * «31/03/2024 10:30 hrs»: on a 24-hour clock, or 1–12 with a.m./p.m. It was «no es una fecha válida» although Sheets
 * and Excel show a date-time cell so, and OCDS dates are date-times. Groups: hour, minutes, seconds, «a»/«p».
 */
const TIME_PART = String.raw`(?:\s+|\s*,\s*|T)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(?:([ap])\.?\s?m\.?|h|hrs?\.?|horas))?`;
const DMY_RE = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:${TIME_PART})?$`, 'i');
/**
 * The year first with slashes or dots, «2024/08/16», «2024.8.16», as some systems export dates and officials copy
 * them: a four-digit year can only be read one way (year, month, day), so it is read like dd/mm/aaaa, at local
 * midnight of the workbook's zone, instead of «no es una fecha válida». One separator throughout; a time as after dd/mm/aaaa.
 */
const YMD_RE = new RegExp(String.raw`^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?:${TIME_PART})?$`, 'i');
/**
 * The month by its Spanish name or abbreviation, as people write a date in letters and as Excel and Sheets show one in
 * Spanish (`d-mmm-aaaa`): «31-mar-2024», «31/mar./2024», «31 de marzo de 2024», «1o. de septiembre del 2024». Read as
 * the day it names, not «no es una fecha válida»: there is only one way to read it. Also the English names and
 * abbreviations that differ from the Spanish ones: Oracle-based systems export «31-MAR-2024 12:00:00 AM» and
 * «15-JAN-2024», and an Excel set to English shows «March 31, 2024».
 */
const MONTHS = new Map<string, number>(Object.entries({
  ene: 1, enero: 1, feb: 2, febrero: 2, mar: 3, marzo: 3, abr: 4, abril: 4, may: 5, mayo: 5, jun: 6, junio: 6,
  jul: 7, julio: 7, ago: 8, agosto: 8, sep: 9, sept: 9, set: 9, septiembre: 9, setiembre: 9, oct: 10, octubre: 10,
  nov: 11, noviembre: 11, dic: 12, diciembre: 12,
  jan: 1, january: 1, february: 2, march: 3, apr: 4, april: 4, june: 6, july: 7, aug: 8, august: 8, september: 9,
  october: 10, november: 11, dec: 12, december: 12,
}));
const NAMED_MONTH = String.raw`^(\d{1,2})(?:o\.?|º)?(?:\s*[/.-]\s*|\s+(?:de\s+)?)([a-záéíóú]+)\.?(?:\s*[/.-]\s*|\s+(?:de(?:l)?\s+)?)(\d{4}|\d{2})`;
const NAMED_MONTH_RE = new RegExp(`${NAMED_MONTH}$`, 'i');
/** The same with a time of day after it, as after dd/mm/aaaa (groups 4–7: TIME_PART's). */
const NAMED_MONTH_TIME_RE = new RegExp(`${NAMED_MONTH}${TIME_PART}$`, 'i');
/**
 * The month named first, «marzo 31, 2024», «Mar 31, 2024», «marzo 31 de 2024»: as Excel's and Sheets' long dates show
 * a date under a United States setting (`mmmm d, yyyy`). A named month can only be read one way, whichever comes first.
 */
const MONTH_FIRST_RE = /^([a-záéíóú]+)\.?\s+(\d{1,2}),?\s+(?:de(?:l)?\s+)?(\d{4})$/i;

/** [year, month, day] of a date written with its month in letters; undefined for any other text. */
function namedMonthDate(text: string, yearDigits: 2 | 4 = 4): [number, number, number] | undefined {
  const m = NAMED_MONTH_RE.exec(text);
  if (!m) {
    const first = yearDigits === 4 ? MONTH_FIRST_RE.exec(text) : null;
    const month = first ? MONTHS.get(first[1].toLowerCase()) : undefined;
    return first && month !== undefined ? [Number(first[3]), month, Number(first[2])] : undefined;
  }
  if (m[3].length !== yearDigits) return undefined;
  const month = MONTHS.get(m[2].toLowerCase());
  return month === undefined ? undefined : [Number(m[3]), month, Number(m[1])];
}

/** A date written with its month in letters and a time of day after it, «31-MAR-2024 12:00:00 AM»; undefined otherwise (a time no clock has too). */
function namedMonthDateTime(text: string): { ymd: [number, number, number]; hms: [number, number, number] } | undefined {
  const m = NAMED_MONTH_TIME_RE.exec(text);
  const month = m && m[3].length === 4 ? MONTHS.get(m[2].toLowerCase()) : undefined;
  const hms = m && month !== undefined ? typedTime(m[4], m[5], m[6], m[7]) : undefined;
  return m && month !== undefined && hms ? { ymd: [Number(m[3]), month, Number(m[1])], hms } : undefined;
}

const DMY_SHORT_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$/;

/**
 * A day typed with a two-digit year, «31/03/24» or «31-mar-24», as officials write it and Sheets and Excel show it in
 * Spanish (`dd/mm/aa`, `d-mmm-aa`): read in this century (public works data is from 2000 on), as ISO at local midnight.
 * The caller says it was read so, with the whole date, for the official to check. Undefined for any other text.
 */
export function twoDigitYearDate(v: CleanValue, zone: string): string | undefined {
  if (typeof v !== 'string') return undefined;
  const dmy = DMY_SHORT_RE.exec(v);
  const ymd: [number, number, number] | undefined = dmy ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])] : namedMonthDate(v, 2);
  if (!ymd) return undefined;
  ymd[0] += 2000;
  return isCalendarDate(...ymd) ? localMidnight(zone, ...ymd) : undefined;
}
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Two ASCII digits at `i` as a number; NaN otherwise. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/**
 * A date-time already written as parseDate writes it (`2023-07-08T00:00:00-06:00` or `…Z`): what a workbook made
 * by a program (flatten-tool, our own exports) holds in every date cell. Checked by hand and returned as it is:
 * the regular expression's match and the rebuilt text were most of the conversion's allocation for dates.
 */
function isWrittenDateTime(s: string): boolean {
  const n = s.length;
  if (n !== 20 && n !== 25) return false;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  if (n === 20 ? s.charCodeAt(19) !== 90 : (s.charCodeAt(19) !== 43 && s.charCodeAt(19) !== 45) || s.charCodeAt(22) !== 58 || !(twoDigits(s, 20) >= 0) || !(twoDigits(s, 23) >= 0)) return false;
  const y = twoDigits(s, 0) * 100 + twoDigits(s, 2);
  const hh = twoDigits(s, 11);
  const mm = twoDigits(s, 14);
  const ss = twoDigits(s, 17);
  return hh <= 23 && mm <= 59 && ss <= 59 && isCalendarDate(y, twoDigits(s, 5), twoDigits(s, 8));
}

/**
 * Sheet dates already read, by zone and instant. A workbook holds few distinct days (a thousand processes' dates fall
 * on a few hundred), and reading each cell's day again — its calendar date, the zone's offset that day, the ISO
 * text — was, after the documents themselves, the conversion's largest allocation (1,000 processes: ~16 MB).
 * Bounded: past MAX_SHEET_DATES distinct instants a zone's days are read each time, as before.
 */
const MAX_SHEET_DATES = 20_000;
const sheetDates = new Map<string, Map<number, string | undefined>>();

function sheetDateTime(v: Date, zone: string): string | undefined {
  let known = sheetDates.get(zone);
  // Only the zones of the table (time-zone.ts): any other text given as a zone would be one more map kept for good.
  if (!known && isKnownTimeZone(zone)) sheetDates.set(zone, (known = new Map()));
  if (!known) return readSheetDate(v, zone);
  const t = v.getTime();
  const hit = known.get(t);
  if (hit !== undefined || known.has(t)) return hit;
  const text = readSheetDate(v, zone);
  if (known.size < MAX_SHEET_DATES) known.set(t, text);
  return text;
}

function readSheetDate(v: Date, zone: string): string | undefined {
  const ymd = calendarDate(v);
  return isCalendarDate(...ymd) ? localMidnight(zone, ...ymd) : undefined;
}

/**
 * A sheet date with a time of day («31/03/2024 10:30» in a date cell, a real date-time value) as that clock time in
 * the workbook's zone, with the offset the same day alone gets. Files give it as its clock time in UTC (exceljs and
 * functions/src/ingest/xlsx), the add-on likewise (addon/src/validation/read-workbook.ts). The time was dropped:
 * 10:30 was published as that day's midnight, without a word.
 * Undefined for a date alone (UTC midnight), read as before (sheetDateTime). Its clock is the only convention: an
 * instant of local midnight (Apps Script's getValues(), before the add-on reads it in the spreadsheet's zone) was also
 * taken for a date alone, so a date-time typed at the hour of that midnight in UTC (06:00 in Mexico City) lost its
 * time. Null for a time without a date (a cell showing only «10:30» is day 0 of the sheet's calendar, 30/12/1899).
 */
function sheetClockTime(v: Date, zone: string): string | null | undefined {
  const raw = v.getTime();
  // A serial's fraction of a day comes with binary noise (10:30:15 as …14.999): the nearest second is what was typed.
  const t = Math.round(raw / 1000) * 1000;
  const time = ((t % DAY_MS) + DAY_MS) % DAY_MS;
  if (time === 0) return t === raw ? undefined : sheetDateTime(new Date(t), zone);
  const d = new Date(t);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  if (y < 1900) return null;
  if (!isCalendarDate(y, m, day)) return undefined;
  return localDateTime(zone, y, m, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** Hours, minutes and seconds of a time typed after a date (TIME_PART's groups); undefined when no clock has it. */
function typedTime(hour: string, minutes: string, seconds: string | undefined, half: string | undefined): [number, number, number] | undefined {
  let hh = Number(hour);
  const [mm, ss] = [Number(minutes), Number(seconds ?? 0)];
  if (half !== undefined) {
    if (hh < 1 || hh > 12) return undefined;
    hh = (hh % 12) + (half.toLowerCase() === 'p' ? 12 : 0);
  }
  return hh <= 23 && mm <= 59 && ss <= 59 ? [hh, mm, ss] : undefined;
}

/**
 * A date after its day of the week, «domingo, 31 de marzo de 2024», as official letters and Word's long date write it
 * and Excel's long date format shows it («dddd, d "de" mmmm "de" yyyy»): read as the date, which must fall on that day
 * (if not, one of the two is mistyped, and which cannot be told). It was «no es una fecha válida».
 */
const WEEKDAY_RE = /^(lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)(?:\s*,\s*|\s+)([\s\S]+)$/i;
const WEEKDAYS = ['domingo', 'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado'];

function weekdayDate(weekday: string, rest: string, zone: string): string | undefined {
  const date = parseDate(rest, zone);
  if (date === undefined) return undefined;
  const day = new Date(0);
  day.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return WEEKDAYS[day.getUTCDay()] === normalizeLabel(weekday) ? date : undefined;
}

/**
 * `date1904`: the workbook counts its days from 01/01/1904 (WorkbookModel.date1904), which a date typed as a plain
 * number means: 44,057 in a workbook of Excel for Mac is 15/08/2024, and read in the 1900 system it was published as
 * 14/08/2020 without a word. A date cell comes already read (the reader knows the system).
 */
export function parseDate(v: CleanValue, zone: string, date1904 = false): string | undefined {
  if (typeof v === 'string' && isWrittenDateTime(v)) return v;
  if (v instanceof Date) {
    const clock = sheetClockTime(v, zone);
    return clock === undefined ? sheetDateTime(v, zone) : clock ?? undefined;
  }
  let ymd: [number, number, number] | undefined;
  let hms: [number, number, number] | undefined;
  if (typeof v === 'number') {
    // Excel/Sheets serial day number (1 = 1900-01-01 with the 1900 leap-year bug, hence the 1899-12-30 epoch).
    if (v < 1 || v >= 2958466) return undefined;
    // A year alone, as Excel and Sheets keep «2024» typed in a cell of no date format: as a serial it is a day of
    // 1905 (2024 was published as 16/07/1905, unsaid). No public work is dated then; dateRefusal says what to type.
    if (isYearAlone(v)) return undefined;
    // Its fraction is the time of day (the Sheets API sends a date-time cell so): kept, to the nearest second.
    const seconds = Math.round(v * 86400);
    // Serial 60 is 29/02/1900, which Excel counts (Lotus 1-2-3's leap-year bug) and the calendar has not: refused
    // (dateRefusal says why); the 59 days before it are one day later than counted from the epoch. The 1904 system
    // has neither.
    if (!date1904 && seconds >= 60 * 86400 && seconds < 61 * 86400) return undefined;
    const d = date1904
      ? new Date(EXCEL_EPOCH_1904 + Math.floor(seconds / 86400) * DAY_MS)
      : new Date(EXCEL_EPOCH + (Math.floor(seconds / 86400) + (seconds < 60 * 86400 ? 1 : 0)) * DAY_MS);
    ymd = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    const rest = seconds % 86400;
    if (rest !== 0) hms = [Math.floor(rest / 3600), Math.floor(rest / 60) % 60, rest % 60];
  } else if (typeof v === 'string') {
    const named = WEEKDAY_RE.exec(v);
    if (named) return weekdayDate(named[1], named[2], zone);
    const dmy = DMY_RE.exec(v);
    if (dmy) ymd = [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])];
    const ymdText = dmy ? null : YMD_RE.exec(v);
    if (ymdText) ymd = [Number(ymdText[1]), Number(ymdText[3]), Number(ymdText[4])];
    const time = dmy ?? ymdText;
    const at = dmy ? 4 : 5;
    if (time && time[at] !== undefined) {
      hms = typedTime(time[at], time[at + 1], time[at + 2], time[at + 3]);
      if (!hms) return undefined;
    }
    const iso = ISO_RE.exec(v);
    if (iso) {
      ymd = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
      if (!isCalendarDate(...ymd)) return undefined;
      if (iso[4] !== undefined) {
        const [hh, mm, ss] = [Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0)];
        if (hh > 23 || mm > 59 || ss > 59) return undefined;
        let offset = iso[8];
        if (offset === undefined) offset = isKnownTimeZone(zone) ? offsetAt(zone, ...ymd, hh) : '+00:00';
        else if (offset !== 'Z' && offset.length === 5) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
        return `${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}:${pad(ss)}${iso[7] ?? ''}${offset}`;
      }
    }
    ymd ??= namedMonthDate(v);
    if (!ymd) ({ ymd, hms } = namedMonthDateTime(v) ?? {});
  }
  if (!ymd || !isCalendarDate(...ymd)) return undefined;
  return hms ? localDateTime(zone, ...ymd, ...hms) : localMidnight(zone, ...ymd);
}

/**
 * A date typed with something after it that is no time any clock has («31/03/2024 25:00», «31/03/2024 13:30 p. m.»,
 * «31/03/2024 10.30»): the day it starts with, to say that the date reads and the time does not — rather than «no es
 * una fecha válida», or the day alone without the time, which would drop what was typed.
 */
const DATE_THEN_MORE_RE = /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{4}-\d{2}-\d{2})(?:\s+|\s*,\s*|T)\S/;
function dateBeforeUnreadableTime(v: CleanValue, zone: string): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = DATE_THEN_MORE_RE.exec(v);
  const day = m ? parseDate(m[1], zone) : undefined;
  return day?.slice(0, 10);
}

/** An integer that reads as a year (1900–2100) rather than as a serial day number. */
function isYearAlone(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1900 && v <= 2100;
}

export const MONTH_NAMES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
const MONTH_YEAR_RE = /^(?:([a-záéíóú]+)\.?|(\d{1,2}))(?:\s*[/.-]\s*|\s+(?:de(?:l)?\s+)?)(\d{4})$/i;

/**
 * Why a text in the shape of a date is none, when that can be said more plainly than «no es una fecha válida. Use el
 * formato dd/mm/aaaa», which an official who typed «29/02/2023» or «03/31/2024» in that very format could not act on:
 * the day the month has not (Excel's 29/02/1900, serial 60, too), the month written first as in the United States
 * (said only when the other order is a day), a month and year without a day («marzo 2024»), or a year alone («2024»,
 * text or number). Undefined otherwise.
 */
function dateRefusal(v: CleanValue): Parsed | undefined {
  if (isYearAlone(typeof v === 'string' && /^\s*\d{4}\s*$/.test(v) ? Number(v) : v)) return problem('cell.year-alone', typeof v === 'string' ? v.trim() : v);
  if (typeof v === 'number') return v >= 60 && v < 61 ? problem('cell.no-such-day', `${v} (29/02/1900)`, { month: 'febrero', year: '1900', days: '28' }) : undefined;
  if (typeof v !== 'string') return undefined;
  const text = v.trim();
  const dmy = DMY_RE.exec(text) ?? DMY_SHORT_RE.exec(text);
  const slashed = dmy ? null : YMD_RE.exec(text);
  const iso = dmy || slashed ? null : ISO_RE.exec(text);
  const short = namedMonthDate(text, 2);
  const ymd: [number, number, number] | undefined = dmy ? [Number(dmy[3]) + (dmy[3].length === 2 ? 2000 : 0), Number(dmy[2]), Number(dmy[1])]
    : slashed ? [Number(slashed[1]), Number(slashed[3]), Number(slashed[4])]
      : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
        : namedMonthDate(text) ?? (short && [short[0] + 2000, short[1], short[2]]);
  if (ymd) {
    const [y, m, d] = ymd;
    if (dmy && m > 12 && d <= 12 && isCalendarDate(y, d, m)) {
      const swapped = text.replace(/^(\d{1,2})([/.-])(\d{1,2})\2/, (_all, a: string, sep: string, b: string) => `${pad(Number(b))}${sep}${pad(Number(a))}${sep}`);
      return problem('cell.month-first', v, { date: safePreview(swapped) });
    }
    if (m >= 1 && m <= 12 && d > 28 && !isCalendarDate(y, m, d)) {
      const days = [1, 3, 5, 7, 8, 10, 12].includes(m) ? 31 : m === 2 ? (isCalendarDate(y, 2, 29) ? 29 : 28) : 30;
      return problem('cell.no-such-day', v, { month: MONTH_NAMES[m - 1], year: String(y), days: String(days) });
    }
    return undefined;
  }
  const my = MONTH_YEAR_RE.exec(text);
  const month = my ? (my[1] !== undefined ? MONTHS.get(my[1].toLowerCase()) : Number(my[2])) : undefined;
  if (month === undefined || month < 1 || month > 12) return undefined;
  return problem('cell.month-without-day', v, { date: `01/${pad(month)}/${my![3]}` });
}

interface CodeIndex {
  byTitle: Map<string, string>;
  byCode: Map<string, string>;
  /** Cell text → code (null: none), so a column of 10,000 titles normalizes each distinct text once. */
  byText: Map<string, string | null>;
  /** Text off the list → the titles it is probably a misspelling of («» for none): compared once per distinct text. */
  nearest: Map<string, string>;
}
/** Enough for every code and title of a list and the usual typos; free text in an open list stops filling it. */
const MAX_REMEMBERED = 5000;
const codeIndexes = new WeakMap<readonly CodeOption[], CodeIndex>();

function codeIndex(options: readonly CodeOption[]): CodeIndex {
  let index = codeIndexes.get(options);
  if (!index) {
    index = { byTitle: new Map(), byCode: new Map(), byText: new Map(), nearest: new Map() };
    for (const o of options) {
      index.byCode.set(o.code.toLowerCase(), o.code);
      const t = normalizeLabel(o.title);
      if (!index.byTitle.has(t)) index.byTitle.set(t, o.code);
    }
    for (const [part, code] of titleParts(options)) if (!index.byTitle.has(part) && !index.byCode.has(part)) index.byTitle.set(part, code);
    codeIndexes.set(options, index);
  }
  return index;
}

/**
 * «Título (aclaración)»: the text before its last parentheses (without the spaces before them) and what they hold, as
 * `^(.+?)\s*\(([^()]+)\)$` reads it; undefined when the text is not of that form. Without the pattern: its lazy start
 * and the spaces after it tried every split of a long run of spaces (a cell of 32,767 characters took 1.4 s, for
 * every code cell of a sent workbook).
 */
function parenthesized(text: string): [before: string, inside: string] | undefined {
  if (!text.endsWith(')')) return undefined;
  const open = text.lastIndexOf('(');
  const inside = text.slice(open + 1, -1);
  const before = text.slice(0, open).trimEnd();
  if (open < 1 || inside === '' || inside.includes(')') || before === '' || /[\n\r\u2028\u2029]/.test(before)) return undefined;
  return [before, inside];
}

/**
 * A title with an explanation in parentheses, «Comprador (dependencia o entidad)», «Construcción (obra nueva)»: each of
 * its two parts, when no other option of the list has it. A role typed «comprador» was published as the role
 * «comprador» (an open list keeps other values), which no check recognises as the buyer's; «construcción» was refused.
 * A part made of digits only (the year of a classification's edition) is not a name anyone types for it.
 */
function titleParts(options: readonly CodeOption[]): Map<string, string> {
  const parts = new Map<string, string | null>();
  for (const o of options) {
    const m = parenthesized(o.title);
    if (!m) continue;
    for (const part of m) {
      const key = normalizeLabel(part);
      if (/^\d+$/.test(key)) continue;
      parts.set(key, parts.has(key) && parts.get(key) !== o.code ? null : o.code);
    }
  }
  return new Map([...parts].filter((e): e is [string, string] => e[1] !== null));
}

/**
 * The code a cell text stands for: the code itself (case-insensitive), its Spanish title, or another spelling of it
 * that Mexican publications use (`codelist` names the list: core/profile/code-aliases.ts).
 */
export function lookupCode(text: string, options: readonly CodeOption[], codelist?: string): string | undefined {
  const index = codeIndex(options);
  const known = index.byText.get(text);
  if (known !== undefined) return known ?? undefined;
  const alias = codeAlias(codelist, text) ?? codeAlias(codelist, normalizeLabel(text));
  const code = index.byCode.get(text.toLowerCase()) ?? index.byTitle.get(normalizeLabel(text)) ?? (alias !== undefined ? index.byCode.get(alias.toLowerCase()) : undefined) ?? titleWithCode(text, index)?.code;
  if (index.byText.size < MAX_REMEMBERED) index.byText.set(text, code ?? null);
  return code;
}

/**
 * «Vigente (active)»: a title followed by a code in parentheses, as messages of earlier versions named an option and
 * an official may still type or copy it. `code` when both name the same option of the list; `mismatch`
 * (the code each part names) when they name two different ones — which one was meant cannot be told. Undefined when the
 * text is not of that form, or one of its parts is no option of the list.
 */
function titleWithCode(text: string, index: CodeIndex): { code: string; mismatch?: undefined } | { code?: undefined; mismatch: [string, string] } | undefined {
  const m = parenthesized(text.trim());
  if (!m) return undefined;
  const byCode = index.byCode.get(m[1].trim().toLowerCase());
  const byTitle = index.byTitle.get(normalizeLabel(m[0]));
  if (byCode === undefined || byTitle === undefined) return undefined;
  return byCode === byTitle ? { code: byCode } : { mismatch: [byTitle, byCode] };
}

/** Spanish title → code; a code is accepted as it is (case-insensitive). Open lists keep other values (warning). */
function parseCode(text: string, spec: ValueSpec): Parsed {
  if (!spec.options || spec.options.length === 0) return { value: text };
  const code = lookupCode(text, spec.options, spec.codelist);
  if (code !== undefined) return { value: code };
  const params = { value: safePreview(text), codelist: spec.codelist ?? '' };
  // A title and a code of two different options: refused even in an open list, whose other values are kept, since
  // this one is no new value but a choice between two of the list that only the official can make.
  const pair = titleWithCode(text, codeIndex(spec.options));
  if (pair?.mismatch) {
    const title = (code: string): string => spec.options!.find((o) => o.code === code)?.title ?? code;
    const [titleCode, codeCode] = pair.mismatch;
    return { problem: new CellProblem('cell.code-title-mismatch', { ...params, title: `${title(titleCode)} (${titleCode})`, code: `${title(codeCode)} (${codeCode})` }) };
  }
  const suggested = nearestTitles(text, spec.options);
  if (spec.openCodelist) return { value: text, problem: new CellProblem('cell.code-not-in-list', suggested ? { ...params, suggested } : params, 'warning') };
  return { problem: new CellProblem('cell.unknown-code', { ...params, options: optionsText(spec.options, spec.codelist), ...(suggested ? { suggested } : {}) }) };
}

/**
 * The options a text off the list probably misspells or shortens («Eduacion», «Transporte urbano»), as a renamed
 * column's header is matched to the template's titles (closest-titles.ts): ««Educación»», ««A» o «B»», or '' when none
 * is close. An open list kept «Trasporte carretero» as a new sector with a warning that named no option, and the
 * official, told the value «no está en la lista sugerida», had to search 23 options for the one meant.
 */
function nearestTitles(text: string, options: readonly CodeOption[]): string {
  const index = codeIndex(options);
  let said = index.nearest.get(text);
  if (said === undefined) {
    const titles = closestTitles(text, options.map((o) => o.title), []);
    said = titles.length ? formatList(titles.map((t) => `«${t}»`), 'o') : '';
    if (index.nearest.size < MAX_REMEMBERED) index.nearest.set(text, said);
  }
  return said;
}

/** More pieces than any cell of options holds: past it a text is prose, not a list to partition. */
const MAX_SEPARATED_PIECES = 24;

/**
 * Where officials separate a list cell's options other than with «;»: a comma (also «, y»), a line break (Alt+Enter
 * in Excel), «/», or the word «y» («Comprador y Entidad contratante»). Case-insensitive («Y»).
 */
const OTHER_SEPARATOR = /\s*(?:,(?:\s+y(?=\s))?|\r\n?|\n|\/|(?<=\s)y(?=\s))\s*/gi;
/** A cheap look for OTHER_SEPARATOR, before any lookup. */
const MAY_BE_SEPARATED = /[,\r\n/]|\sy\s/i;

/**
 * A part of a list cell that is no option of the list as a whole, but whose pieces between other separators
 * (OTHER_SEPARATOR) are each options of it: «Comprador (dependencia o entidad), Entidad contratante», «Comprador y
 * Entidad contratante», «Bienes / Servicios». Officials separate a cell's options that way, and an open list published
 * it as a single unknown role — the buyer's role lost with a warning that asked to pick from the drop-down, which is
 * what they had done. Titles holding commas or a «y» of their own («Agua, saneamiento y residuos») are found first: a
 * run of pieces joined back is tried before its shorter runs. Undefined unless every piece is an option, so prose with
 * a comma or a «y» stays what it was.
 */
function listSeparated(part: string, spec: ValueSpec): string[] | undefined {
  if (!spec.options || spec.options.length === 0 || !MAY_BE_SEPARATED.test(part)) return undefined;
  if (lookupCode(part, spec.options, spec.codelist) !== undefined) return undefined;
  const separators = part.match(OTHER_SEPARATOR) ?? [];
  const pieces = part.split(OTHER_SEPARATOR);
  if (pieces.length < 2 || pieces.length > MAX_SEPARATED_PIECES || pieces.some((p) => p === '')) return undefined;
  const memo = new Map<number, string[] | null>();
  // From piece i on: the longest run that is an option, then the rest the same way (null: no way to read it all).
  const from = (i: number): string[] | null => {
    if (i === pieces.length) return [];
    const known = memo.get(i);
    if (known !== undefined) return known;
    let found: string[] | null = null;
    for (let j = pieces.length; j > i && !found; j--) {
      let text = pieces[i];
      for (let k = i + 1; k < j; k++) text += separators[k - 1] + pieces[k];
      if (lookupCode(text, spec.options!, spec.codelist) === undefined) continue;
      const rest = from(j);
      if (rest) found = [text, ...rest];
    }
    memo.set(i, found);
    return found;
  };
  const split = from(0);
  return split && split.length > 1 ? split : undefined;
}

/** What a code of a long list without titles is, said instead of its first codes (after «la lista desplegable»). */
const CODES_DESCRIBED: Readonly<Record<string, string>> = {
  currency: 'el código de tres letras de la moneda (ISO 4217), por ejemplo MXN para pesos mexicanos o USD para dólares estadounidenses',
};

/**
 * A list's options as `cell.unknown-code` names them after «la lista desplegable»: all of a short list, the first ones
 * of a long one (its drop-down has them all).
 */
function optionsText(options: readonly CodeOption[], codelist?: string, shown = 8): string {
  // A long list of bare codes: its first ones («AED», «AFN», «ALL»…, the alphabet's) told an official nothing of
  // what to type; what a code of the list is does.
  const described = codelist !== undefined && options.length > shown && Object.prototype.hasOwnProperty.call(CODES_DESCRIBED, codelist) ? CODES_DESCRIBED[codelist] : undefined;
  if (described !== undefined) return `: ${described}`;
  const titles = options.slice(0, shown).map((o) => `«${o.title}»`).join(', ');
  return `: ${options.length > shown ? `${titles} y ${options.length - shown} más` : titles}`;
}

/** plainValue's answer when the cell needs parseValue. */
export const NEEDS_PARSING: unique symbol = Symbol('needs parsing');

/** A text column without a list of options: what is typed there is published as typed. */
const isFreeText = (spec: ValueSpec): boolean => spec.type === 'string' && (!spec.options || spec.options.length === 0);

/**
 * What parseValue gives, without its result object, for the usual cell that needs no conversion: text in a text
 * column without a code list, a number in a number column. NEEDS_PARSING for any other.
 */
export function plainValue(v: CleanValue, spec: ValueSpec): CleanValue | typeof NEEDS_PARSING {
  if (typeof v === 'string') return isFreeText(spec) && v.charCodeAt(0) !== 61 /* = */ && (!spec.singleLine || !needsOneLine(v)) ? v : NEEDS_PARSING;
  // An amount like 1.234 is said (moneyRead); any other number, as it is. Integers and amounts of a thousand or more
  // leave thousandsDotMeant at its first test: this runs for every number cell.
  return typeof v === 'number' && spec.type === 'number' && Number.isFinite(v) && !(spec.money && thousandsDotMeant(v) !== undefined) ? sheetNumber(v) : NEEDS_PARSING;
}

/** A text with a letter or an apostrophe: the only ones that may carry a currency or an apostrophe's groups. */
const LETTER_OR_APOSTROPHE = /[a-z'’]/i;

/**
 * An amount written with its currency, or grouped with apostrophes: read, and said at the cell how (info), so that
 * the official sees what will be published. The currency is returned for read-rows to compare with the row's
 * currency column. Undefined when the text is neither.
 */
function amountText(v: string, spec: ValueSpec): Parsed | undefined {
  if (!LETTER_OR_APOSTROPHE.test(v)) return undefined;
  const around = spec.money ? currencyAround(v) : undefined;
  const text = around ? around.number : v;
  const grouped = apostropheGroups(text);
  const n = parseNumber(grouped ?? text);
  if (n === undefined || !Number.isFinite(n)) return undefined;
  if (!around && !grouped) return undefined;
  const three = spec.money ? threeDecimals(v, grouped ?? text, n) : undefined;
  const note = three ?? (around
    ? new CellProblem('cell.currency-read', { value: safePreview(v), amount: formatAmount(n, around.currency), number: shownFigure(grouped ?? text).replace('$', ''), currency: around.currency }, 'info')
    : new CellProblem('cell.apostrophe-thousands', { value: safePreview(v), number: shownFigure(grouped as string) }, 'info'));
  return { value: n, problem: note, ...(around ? { currency: around.currency } : {}) };
}

/**
 * A currency beside a number in a number column that is no amount (a quantity, a percentage, days): «2,000 MXN» was
 * read as 2000 without a word (parseNumber drops a trailing MXN for amounts), as if the column asked for money.
 * Refused at the cell, saying the column is not an amount and the number to type. Undefined when no currency is there.
 */
function currencyOutsideAmount(v: string, spec: ValueSpec): Parsed | undefined {
  if (spec.money || spec.degrees || !LETTER_OR_APOSTROPHE.test(v)) return undefined;
  const around = currencyAround(v);
  if (!around || parseNumber(around.number) === undefined) return undefined;
  return currencyNotAmount(v, around.number, around.currency);
}

const currencyNotAmount = (v: string, number: string, currency: string): Parsed => problem('cell.currency-not-amount', v, { number: shownFigure(number).replace('$', ''), currency });

/** A figure as it is to be typed: without the spaces around its sign and «$» («$ 1,234» → «$1,234»). */
const shownFigure = (text: string): string => text.replace(/\s+/g, '');

/**
 * `cell.three-decimals` (warning, the value kept as read) for an amount of 1 to 999 with three decimals, typed as
 * text («1.234», «$ 12.500») or as a number (1.234): a thousand typed with the dot, most likely, which only the
 * official can tell. `figure`: the text the number was read from (undefined for a number cell), whose own digits say
 * it («12.500» is 12.5 as a number).
 */
const THREE_DECIMALS_TEXT = /^[-+$(\s]*([1-9]\d{0,2})\.(\d{3})\)?$/;

function threeDecimals(v: CleanValue, figure: string | undefined, n: number): CellProblem | undefined {
  let meant: number | undefined;
  if (figure === undefined) meant = thousandsDotMeant(n);
  else {
    const m = THREE_DECIMALS_TEXT.exec(figure.trim());
    meant = m ? (n < 0 ? -1 : 1) * Number(m[1] + m[2]) : undefined;
  }
  if (meant === undefined) return undefined;
  // As read: with its third decimal when it has one ($1.234), and the whole peso it does not reach, which no reading of
  // «$1.234» as a thousand can be taken for.
  const read = formatAmount(n);
  return new CellProblem('cell.three-decimals', { value: safePreview(v), read, ...(n > 0 ? { under: formatMoney(Math.ceil(n)) } : {}), meant: formatMoney(meant), typed: formatNumber(meant, 0) }, 'warning');
}

/** A money amount as read: 1.234 with its warning (threeDecimals), any other as it is. */
function moneyRead(v: CleanValue, n: number): Parsed {
  const three = threeDecimals(v, typeof v === 'string' ? v : undefined, n);
  return three ? { value: n, problem: three } : { value: n };
}

/**
 * A whole number with a unit after it in a column that counts days (`…/durationInDays`): «30 días» read as 30 and
 * said (info); business days or another unit of time refused, saying the column counts calendar days. Undefined when
 * no unit of time follows the number.
 */
function daysText(v: string): Parsed | undefined {
  const unit = durationUnit(v);
  const n = unit ? parseNumber(unit.number) : undefined;
  if (!unit || n === undefined || !Number.isSafeInteger(n)) return undefined;
  if (unit.unit === 'days') return { value: n, problem: new CellProblem('cell.days-read', { value: safePreview(v), number: formatNumber(n, 0) }, 'info') };
  return problem(unit.unit === 'business-days' ? 'cell.business-days' : 'cell.unit-not-days', v, { number: formatNumber(n, 0), unit: unit.word });
}

/**
 * A text that is not a number, said as what it is when it is a number with something around it: «45%» (the sign),
 * «3,450,000 USD» (a currency other than MXN, which has its own column), «150 PZA» (a unit of measure, which has its
 * own column too), «16.75, -93.11» (two numbers: a latitude and a longitude in one cell). «no es un número, escriba 1,234,567.89» helped none of them.
 */
function notANumber(text: string, spec: ValueSpec): Parsed {
  const t = text.trim();
  const percent = /^(.+?)\s*%$/.exec(t);
  if (percent && parseNumber(percent[1]) !== undefined) return problem('cell.percent-sign', text, { number: percent[1].trim() });
  // A word after the number: a currency (a code of the list, or a name of one: «pesos») or a unit of measure. «150 PZA»
  // and «150 lts» in «Cantidad» were told «la moneda (PZA) va en su propia columna», as any three letters were.
  const word = /^(.+?)\s*([a-záéíóúñ$][a-záéíóúñ0-9.$²³]{0,15})$/i.exec(t);
  // Not after a coordinate: «19.43 N» is a hemisphere, said with a coordinate as example (notANumberProblem).
  if (word && !spec.degrees && parseNumber(word[1]) !== undefined) {
    const currency = currencyOf(word[2]);
    if (currency !== undefined) return spec.money ? problem('cell.currency-in-amount', text, { number: word[1].trim(), currency }) : currencyNotAmount(text, word[1].trim(), currency);
    if (/[a-záéíóúñ]/i.test(word[2])) return problem('cell.unit-in-number', text, { number: word[1].trim(), unit: word[2] });
  }
  // A currency before the number («USD 1,500» in «Cantidad»): said as the one after it is. An amount reads it (amountText).
  const before = !spec.degrees && /^[a-z]/i.test(t) ? currencyAround(t) : undefined;
  if (before && parseNumber(before.number) !== undefined) return spec.money ? problem('cell.currency-in-amount', text, { number: before.number, currency: before.currency }) : currencyNotAmount(text, before.number, before.currency);
  const pair = /^(-?\d+(?:\.\d+)?)\s*[,;/]\s*(-?\d+(?:\.\d+)?)$/.exec(t);
  if (pair && /\./.test(t)) return problem('cell.two-numbers', text);
  return notANumberProblem(text, spec);
}

/**
 * «no es un número», with an example that fits the column: «por ejemplo 1,234,567.89» under «Latitud» read as if an
 * amount were asked for. Coordinates of Mexico City's Zócalo (the longitude west, negative).
 */
function notANumberProblem(v: CleanValue, spec: ValueSpec): Parsed {
  if (!spec.degrees) return problem('cell.not-a-number', v);
  return problem('cell.not-a-coordinate', v, { example: spec.degrees === 'longitude' ? '-99.133209' : '19.432608' });
}

/**
 * A formula kept as text: a function call (=CONCATENAR(…), =B3*1.16 after a function, =HOY()) or a cell reference
 * (=B3*1.16, =Hoja2!C4). Not any text after «=» («= 3 etapas»).
 */
const FORMULA_TEXT_RE = /^=\s*(?:[A-Za-zÀ-ÿ_][\w.À-ÿ]*\s*\(|(?:'[^']+'!|[\wÀ-ÿ]+!)?\$?[A-Za-z]{1,3}\$?\d+(?![\wÀ-ÿ]))/;

/**
 * A formula typed into a cell formatted as text (the column given «Texto» / «Texto sin formato» to keep zeros, or a
 * cell pasted as text) is not calculated: the cell keeps «=B3*1.16» as it was typed. In a number or date column it
 * was «no es un número, escriba solo cifras», which said nothing of why; in a text column it was published as the
 * title, «=CONCATENAR("Obra ";D3)», without a word. Said as what it is; a text column keeps it (warning), as typed.
 */
function formulaAsText(v: string, spec: ValueSpec): Parsed | undefined {
  if (!FORMULA_TEXT_RE.test(v)) return undefined;
  const kept = isFreeText(spec);
  const p = new CellProblem('cell.formula-as-text', { value: safePreview(v), ...(kept ? { kept: true } : {}) }, kept ? 'warning' : 'error');
  return kept ? { value: v, problem: p } : { problem: p };
}

/** `date1904`: the workbook's date system (WorkbookModel.date1904), for a date typed as a plain number. */
export function parseValue(v: CleanValue, spec: ValueSpec, zone: string, date1904 = false): Parsed {
  if (typeof v === 'string' && v.charCodeAt(0) === 61 /* = */) {
    const formula = formulaAsText(v, spec);
    if (formula) return formula;
  }
  const parsed = parseTyped(v, spec, zone, date1904);
  // «N/A», «-», «Pendiente» where the column refused the value: the empty cell it means (no-data-mark.ts). A list open
  // to other values keeps it, as published data has it («ND»), with its warning that it is off the list.
  if (parsed.problem && parsed.value === undefined && typeof v === 'string' && isNoDataMark(v)) return { problem: new CellProblem('cell.no-data-mark', { value: safePreview(v.trim()) }, 'info') };
  return parsed;
}

function parseTyped(v: CleanValue, spec: ValueSpec, zone: string, date1904: boolean): Parsed {
  switch (spec.type) {
    case 'number': {
      if (typeof v === 'string' && v.length > MAX_NUMBER_TEXT) return notANumberProblem(v, spec);
      // Before parseNumber, which reads «1,234 MXN» without a word: the row's currency may say otherwise.
      const written = typeof v === 'string' ? amountText(v, spec) ?? currencyOutsideAmount(v, spec) : undefined;
      if (written) return written;
      const n = typeof v === 'boolean' || v instanceof Date ? undefined : parseNumber(v);
      if (n !== undefined && Number.isFinite(n)) return spec.money ? moneyRead(v, n) : { value: n };
      // «20.9674°», «-89.6237 º» (the ordinal sign beside 1 on a Spanish keyboard): a coordinate in degrees, as
      // officials copy it from a map; the sign says nothing more, and «no es un número» helped nobody.
      const degrees = spec.degrees && typeof v === 'string' ? /^(.+?)\s*[°º]$/.exec(v.trim()) : null;
      const d = degrees ? parseNumber(degrees[1]) : undefined;
      if (d !== undefined && Number.isFinite(d)) return { value: d };
      // «1.234,50»: said as what it is, with the number as es-MX writes it, instead of «no es un número».
      const comma = typeof v === 'string' ? DECIMAL_COMMA_RE.exec(v.trim()) : null;
      if (comma) return problem('cell.decimal-comma', v, { number: `${comma[1] === '-' ? '-' : ''}${comma[2].replace(/\./g, '')}.${comma[3]}` });
      // «$ 1 234 567,89»: grouped with spaces and a decimal comma, which a single comma's «1,234» makes ambiguous in
      // this column. Refused as the decimal comma it is, with the figure to type.
      const spaced = typeof v === 'string' ? spaceGroupsDecimalComma(v) : undefined;
      if (spaced !== undefined) return problem('cell.decimal-comma', v, { number: spaced });
      return typeof v === 'string' ? notANumber(v, spec) : notANumberProblem(shown(v), spec);
    }
    case 'integer': {
      // «5 MXN» in a count: parseNumber would read 5 (see currencyOutsideAmount).
      const currency = typeof v === 'string' ? currencyOutsideAmount(v, spec) : undefined;
      if (currency) return currency;
      const n = typeof v === 'boolean' || v instanceof Date ? undefined : parseNumber(v);
      if (n !== undefined && Number.isSafeInteger(n)) return { value: n };
      return (spec.unit === 'days' && typeof v === 'string' ? daysText(v) : undefined) ?? problem('cell.not-an-integer', shown(v));
    }
    case 'boolean': {
      const b = parseBoolean(v);
      return b === undefined ? problem('cell.not-a-boolean', shown(v)) : { value: b };
    }
    case 'date': {
      const d = parseDate(v, zone, date1904);
      if (d !== undefined) return { value: d };
      const short = twoDigitYearDate(v, zone);
      if (short !== undefined) return { value: short, problem: new CellProblem('cell.two-digit-year', { value: safePreview(v), date: formatDate(short.slice(0, 10)) }, 'warning') };
      if (v instanceof Date && sheetClockTime(v, zone) === null) return problem('cell.time-without-date', new Date(Math.round(v.getTime() / 1000) * 1000).toISOString().slice(11, 16));
      const day = dateBeforeUnreadableTime(v, zone);
      if (day !== undefined) return problem('cell.unreadable-time', v, { date: formatDate(day) });
      return dateRefusal(v) ?? problem('cell.not-a-date', shown(v));
    }
    case 'list': {
      const typed = asText(v).split(';').map((p) => p.trim()).filter((p) => p !== '');
      // Options separated by commas or line breaks instead of «;» («Comprador, Entidad contratante»): read as the
      // options they are, and said, rather than published as one unknown role that nobody chose (listSeparated).
      let separated: CellProblem | undefined;
      const parts = typed.flatMap((part) => {
        const split = listSeparated(part, spec);
        if (!split) return [part];
        separated ??= new CellProblem('cell.list-separator', { value: safePreview(part.replace(/\s*[\r\n]+\s*/g, ' / ')), count: split.length, items: split.map((s) => `«${s}»`).join(', '), suggested: safePreview(split.join('; ')) }, 'info');
        return split;
      });
      const out: unknown[] = [];
      // The text each code came from: two words for one option («Deportes; Recreación», both within «Cultura, deporte y
      // recreación», as INAI's capture tool had them apart) are that option once, not a repeat the schema refuses
      // (uniqueItems) in a cell the official never typed twice. The same text twice is still the repeat it is.
      const said = new Map<unknown, string>();
      let warning: CellProblem | undefined;
      for (const part of parts) {
        const r = parseCode(part, spec);
        if (r.problem && r.value === undefined) return r;
        const text = part.toLowerCase();
        const before = said.get(r.value);
        if (before !== undefined && before !== text) continue;
        if (before === undefined) said.set(r.value, text);
        warning ??= r.problem;
        out.push(r.value);
      }
      const note = warning ?? separated;
      return out.length ? { value: out, ...(note ? { problem: note } : {}) } : {};
    }
    default: {
      if (v instanceof Date && (!spec.options || spec.options.length === 0)) return dateInText(v);
      const text = asText(v);
      if (typeof v === 'string' && spec.singleLine && isFreeText(spec) && needsOneLine(v)) return onOneLine(v);
      return digitsLost(v) ?? parseCode(spec.type === 'url' ? QUOTED_ADDRESS_RE.exec(text)?.[1] ?? text : text, spec);
    }
  }
}

/**
 * A title or name with line breaks, tabs or doubled spaces (pasted from Word or a PDF): published on one line, said
 * at the cell (info) as it will read.
 */
function onOneLine(v: string): Parsed {
  const value = oneLine(v);
  return { value, problem: new CellProblem('cell.text-one-line', { text: safePreview(value) }, 'info') };
}

/**
 * A web address between quotes or angle brackets, as Word (“…”, which it makes of the quotes typed), a letter
 * («…») or an e-mail (<…>) writes it: the address inside, since no address holds those characters at its ends (it was
 * «no es una dirección web: escriba la dirección completa, que empieza con https://» to an address that did).
 */
const QUOTED_ADDRESS_RE = /^["“”«'‘’<]\s*(https?:\/\/[^\s"“”«»'‘’<>]+)\s*["“”»'‘’>]$/i;

/**
 * Excel and Google Sheets keep 15 significant digits of a number: a key of 16 digits or more typed or pasted as a
 * number (a CLABE of 18, a budget key of 20, a long folio) is stored with its last digits turned into zeros, and the
 * cell shows «1.23457E+19». Written as text it was published wrong without a word («12180001234567800» for the
 * CLABE «012180001234567897»; «1.5e+21» past 21 digits). Refused, saying how to keep it as text: the typed digits
 * are gone from the file, so only the official has them.
 */
const FIFTEEN_DIGITS_LIMIT = 1e15;

/** A whole number as the sheet shows it with the format «0»: its 15 significant digits, then zeros. */
function digitsOf(v: number): string {
  const [mantissa, exponent] = Math.abs(v).toExponential(14).split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return `${v < 0 ? '-' : ''}${digits.padEnd(Number(exponent) + 1, '0')}`;
}

/** `cell.digits-lost` for a number of 16 digits or more in a text column (an id or key column too); else undefined. */
export function digitsLost(v: CleanValue): Parsed | undefined {
  if (typeof v !== 'number' || !(Math.abs(v) >= FIFTEEN_DIGITS_LIMIT)) return undefined;
  const shown = digitsOf(v);
  return problem('cell.digits-lost', shown, { digits: String(shown.replace('-', '').length) });
}

/**
 * A sheet date in a text column: what Excel and Sheets make of «3-2024» or «1-2» typed as a number or an id. The cell
 * shows «mar-24» and the day «2024-03-01» was published without a word. Kept (a date may be meant), with a warning
 * that says what will be published and how to keep what was typed.
 */
export function dateInText(v: Date): Parsed & { value: string; problem: CellProblem } {
  const day = sheetDateText(v);
  return { value: day, problem: new CellProblem('cell.date-in-text', { date: formatDate(day), value: day }, 'warning') };
}
