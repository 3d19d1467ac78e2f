/**
 * A date as people in Mexico type it, dd/mm/aaaa, read into the YYYY-MM-DD the API takes: the pages' own date fields
 * (a browser's date input shows and takes the browser's language — mm/dd/yyyy in an English one — not es-MX).
 * Pure: no I/O.
 */

/** Proleptic Gregorian month length (not `Date.UTC`, which reads years 0–99 as 1900–1999). */
function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/**
 * A day the calendar has, years 1–9999: published data uses 0001-01-01 as "no date", and it must come back as it went
 * out (core/unflatten/parse-value reads workbook dates with this too).
 */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

/** `iso`: the day typed; `problem`: not written as dd/mm/aaaa (`format`), or a day the calendar has not (`calendar`). */
export type TypedDate = { iso: string } | { problem: 'format' | 'calendar' };

/** «15/01/2024», «5/1/2024» (or with «-» or «.» between) → `{iso: '2024-01-15'}`; «31/02/2024» → `{problem: 'calendar'}`. */
export function readTypedDate(text: string): TypedDate {
  const m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(text.trim());
  if (!m) return { problem: 'format' };
  const [day, month, year] = [Number(m[1]), Number(m[3]), Number(m[4])];
  if (!isCalendarDate(year, month, day)) return { problem: 'calendar' };
  return { iso: `${m[4]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}
