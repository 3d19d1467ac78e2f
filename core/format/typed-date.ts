/**
 * A date as people in Mexico type it, dd/mm/aaaa, read into the YYYY-MM-DD the API takes: the pages' own date fields
 * (a browser's date input shows and takes the browser's language — mm/dd/yyyy in an English one — not es-MX).
 * Pure: no I/O.
 */

/** `iso`: the day typed; `problem`: not written as dd/mm/aaaa (`format`), or a day the calendar has not (`calendar`). */
export type TypedDate = { iso: string } | { problem: 'format' | 'calendar' };

/** «15/01/2024», «5/1/2024» (or with «-» or «.» between) → `{iso: '2024-01-15'}`; «31/02/2024» → `{problem: 'calendar'}`. */
export function readTypedDate(text: string): TypedDate {
  const m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(text.trim());
  if (!m) return { problem: 'format' };
  const [day, month, year] = [Number(m[1]), Number(m[3]), Number(m[4])];
  const t = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31/02 over into March: a real day reads back the same.
  if (month < 1 || month > 12 || day < 1 || t.getUTCDate() !== day || t.getUTCMonth() !== month - 1) return { problem: 'calendar' };
  return { iso: `${m[4]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}
