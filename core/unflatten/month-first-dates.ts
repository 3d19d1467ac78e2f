/**
 * Dates a spreadsheet read with the month first. Excel (and LibreOffice, Google Sheets) reads a typed or pasted date
 * with the computer's regional setting: where it is month/day/year (English, United States, common on office
 * computers), «05/03/2024» becomes a date cell of 3 May 2024, which the template's dd/mm/yyyy format shows as
 * «03/05/2024», and «31/03/2024», no month/day/year, stays text. The engine reads the text as the day it is and had
 * nothing to tell the date cell from one typed right: 3 May was published for 5 March without a word.
 *
 * The trace it leaves in a date column: text dates of real days whose day is past 12 (the ones that setting could
 * not read) and no text date it could have read (day and month both 12 or less: it would have made them date cells).
 * Then each date cell whose day could be a month (12 or less, and not the same as its month) is said with the date it
 * shows and the one it may have been typed as, for the official to check (warning: a date cell typed so on purpose
 * reads the same). A column with none of that text says nothing: a date cell alone cannot tell.
 * Typed as text month first throughout («03/31/2024», refused as cell.month-first, and «03/05/2024»), each text both
 * orders read («03/05/2024» is 3 May day first, 5 March month first) is said too: the refused ones get corrected,
 * and these were read day first without a word.
 * `cell.month-first-sheet-date`, `cell.month-first-text-date` (warnings).
 */
import { finding, type Finding } from '../findings/finding';
import type { CellValue } from '../workbook/model';
import type { BoundSheet } from './bind-sheet';
import { isCalendarDate } from '../format/typed-date';
import { MONTH_NAMES, pad } from './parse-value';

/** A date typed as text, day first (dd/mm/aaaa or dd/mm/aa, also with «.» or «-», a time after it). Groups: day, separator, month, year. */
const TEXT_DATE = /^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[\sT,]|$)/;

export function monthFirstDates(rows: readonly CellValue[][], sheet: BoundSheet): Finding[] {
  const out: Finding[] = [];
  for (const col of sheet.columns) {
    if (col.value.type !== 'date') continue;
    const texts = textDates(rows, sheet.dataStart, col.index);
    const cell = (row: number) => ({ cell: { sheet: sheet.name, row, column: col.index + 1, header: col.header } });
    // Typed month first throughout: the texts only that order reads are refused (cell.month-first), and the ones both
    // orders read were read day first, without a word.
    if (texts.monthFirst && !texts.dayFirst) {
      for (const t of texts.either) {
        if (t.first === t.second) continue;
        out.push(finding('cell.month-first-text-date', 'warning', { value: t.value, date: longDate(t.year, t.second, t.first), other: longDate(t.year, t.first, t.second), swapped: `${pad(t.second)}/${pad(t.first)}/${t.year}`, text: texts.monthFirst.value, textRow: texts.monthFirst.row }, cell(t.row)));
      }
    }
    const text = texts.either.length === 0 ? texts.dayFirst : undefined;
    if (!text) continue;
    // Only then the date cells: a column of them alone (the usual one) is looked at once, for its texts.
    for (let r = sheet.dataStart; r < rows.length; r++) {
      const v = rows[r]?.[col.index];
      if (!(v instanceof Date)) continue;
      const [y, m, d] = [v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()];
      if (d > 12 || d === m) continue;
      out.push(finding('cell.month-first-sheet-date', 'warning', { date: `${pad(d)}/${pad(m)}/${y}`, swapped: `${pad(m)}/${pad(d)}/${y}`, text: text.value, textRow: text.row }, cell(r + 1)));
    }
  }
  return out;
}

function longDate(year: number, month: number, day: number): string {
  return `${day} de ${MONTH_NAMES[month - 1]} de ${year}`;
}

interface TextDate { value: string; row: number }

/**
 * The text dates of a column (dd/mm or mm/dd, of real days): the first that only day first reads (its first number
 * past 12), the first that only month first reads (its second past 12), and those both read.
 */
function textDates(rows: readonly CellValue[][], start: number, index: number): { dayFirst?: TextDate; monthFirst?: TextDate; either: (TextDate & { first: number; second: number; year: number })[] } {
  let dayFirst: TextDate | undefined;
  let monthFirst: TextDate | undefined;
  const either: (TextDate & { first: number; second: number; year: number })[] = [];
  for (let r = start; r < rows.length; r++) {
    const v = rows[r]?.[index];
    if (typeof v !== 'string') continue;
    const m = TEXT_DATE.exec(v);
    if (!m) continue;
    const [first, second, year] = [Number(m[1]), Number(m[3]), Number(m[4]) + (m[4].length === 2 ? 2000 : 0)];
    // A day the calendar has not in either order («31/02/2024») stays text with any setting: it tells nothing.
    const asDayFirst = isCalendarDate(year, second, first);
    const asMonthFirst = isCalendarDate(year, first, second);
    if (asDayFirst && asMonthFirst) either.push({ value: v.trim(), row: r + 1, first, second, year });
    else if (asDayFirst) dayFirst ??= { value: v.trim(), row: r + 1 };
    else if (asMonthFirst) monthFirst ??= { value: v.trim(), row: r + 1 };
  }
  return { dayFirst, monthFirst, either };
}
