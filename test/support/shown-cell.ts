/** Google Sheets' shown text of a cell, shared by the fakes of Apps Script (getDisplayValues) and of the Sheets API (FORMATTED_VALUE). */
import type { CellValue } from '../../core/workbook/model';
import { formatDate } from '../../core/format/es-mx';
import { sheetDateText } from '../../core/unflatten/parse-value';

/**
 * A cell as Google Sheets shows it (`getDisplayValues()`): text as typed; a number through its format — a format of
 * zeros pads it («00000»: 6720 → «06720»), `#,##0.00` groups it (es-MX), any other shows it plainly; TRUE/FALSE; a
 * date as dd/mm/yyyy (an es_MX spreadsheet), given as its clock time in UTC (the fake of Apps Script reads its
 * instants in the spreadsheet's zone first). Enough of Sheets' formatting for the formats the tests give.
 */
export function displayed(v: CellValue, format: string | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  // Realm-safe: a Date made inside the vm that runs the built add-on is not this realm's Date.
  if (Object.prototype.toString.call(v) === '[object Date]') return formatDate(sheetDateText(new Date((v as Date).getTime())));
  const n = v as number;
  if (format && /^0+$/.test(format)) return (n < 0 ? '-' : '') + String(Math.round(Math.abs(n))).padStart(format.length, '0');
  if (format === '#,##0.00') return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return String(n);
}
