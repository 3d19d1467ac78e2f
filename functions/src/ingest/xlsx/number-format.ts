/**
 * Which number formats show a date: a cell stores a serial number, and only its format says it is a date. Built-in
 * ids (ECMA-376 §18.8.30) are listed; custom formats are dates when their code, with quoted text, bracketed
 * parts ([Red], [$-80A], [h]), escaped characters and padding (`_)`, `* `) removed, still has a date or time token (the same rule as
 * exceljs, which wrote and read every workbook before this reader, so old files read the same).
 */
const BUILT_IN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormatCode(code: string): boolean {
  const stripped = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/[_*]./g, '');
  return /[ymdhsb]/i.test(stripped.replace(/General/gi, ''));
}

export function isDateFormat(id: number, customCodes: ReadonlyMap<number, string>): boolean {
  const code = customCodes.get(id);
  if (code !== undefined) return isDateFormatCode(code);
  return BUILT_IN_DATE_IDS.has(id);
}

/**
 * The widest zero padding read as shown. The keys kept with leading zeros (postal codes, INEGI keys, cadastral keys)
 * are a few digits to under 20, and a number holds 15 or 16 significant ones. A format of millions of zeros (no
 * program writes one; it packs into a few KB) made each cell of its style a string that long: 2,000 numbers of a
 * 58 KB file filled 4 GB and stopped the reader. Wider formats read as the number.
 */
const MAX_PAD_WIDTH = 30;

/**
 * The width a format made only of zeros pads an integer to (`00000` → 5), 0 for any other format. Officials format a
 * postal code or a municipality key column as `00000` to keep its leading 0: the cell stores 6720 and shows «06720»,
 * and the engine must read what they see («06720» stored as 6720 was refused as a postal code). A single `0` is the
 * ordinary integer format (built-in id 1), not padding.
 */
export function zeroPadWidth(id: number, customCodes: ReadonlyMap<number, string>): number {
  const code = customCodes.get(id);
  return code !== undefined && code.length <= MAX_PAD_WIDTH && /^0{2,}$/.test(code) ? code.length : 0;
}

/** A non-negative integer as a zero-padded format shows it; other numbers are left as numbers (the format would round them). */
export function zeroPadded(n: number, width: number): string | number {
  return Number.isSafeInteger(n) && n >= 0 ? String(n).padStart(width, '0') : n;
}

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (the 1900 system's day 0, counting Excel's phantom 29 Feb 1900) to 1970-01-01. */
const EPOCH_1900 = 25_569;
/** The 1904 system (old Mac workbooks) counts from 1904-01-01: 1,462 days later. */
const OFFSET_1904 = 1_462;

/**
 * A serial date → the instant it names, read as UTC (the engine applies the publisher's time zone later). A serial
 * below 1 is a time without a date in either system («10:30» in a time cell): a day before 1900, as the 1900 system
 * gives one, which the engine refuses as no date (core/unflatten/parse-value.ts). Read in the 1904 system it was
 * 01/01/1904 10:30, a date nobody typed, published so.
 */
export function serialToDate(serial: number, date1904: boolean): Date {
  let days = serial - EPOCH_1900 + (date1904 && serial >= 1 ? OFFSET_1904 : 0);
  // 1900 system: serials 1–59 come before Excel's non-existent 29 Feb 1900, so they are one day later than counted.
  if (!date1904 && serial < 60) days += 1;
  return new Date(Math.round(days * MS_PER_DAY));
}
