/**
 * The dates an import leaves as text in a date column. flatten writes a published date as a date cell only when it
 * reads back the same (core/flatten/flatten.ts, dateCell): a midnight or a time of day in the zone of «Configuración».
 * The others — in UTC (Jalisco's `2017-05-16T12:00:00Z`), or with an offset that zone did not have that day (Ciudad de
 * México's `-06:00` in the summer of 2016, when the city was at `-05:00`) — stay as their ISO text, and the official
 * found `2016-04-05T00:00:00-06:00` in a column that asks for dd/mm/aaaa with nothing saying why. One per-field note
 * (`import.date-as-text`, field-notes.ts groups them) per column that has any, with an example.
 */
import { finding, type Finding } from '../findings/finding';
import type { SheetSpec } from '../template/spec';
import type { CellValue } from '../workbook/model';

/** `rows`: the sheet's data rows as flattenSheet writes them (one value per column of `sheet`, headers left out). */
export function datesKeptAsText(sheet: SheetSpec, rows: readonly (readonly CellValue[])[], timeZone: string): Finding[] {
  const out: Finding[] = [];
  sheet.columns.forEach((col, c) => {
    if (col.type !== 'date') return;
    let count = 0;
    let example: string | undefined;
    for (const row of rows) {
      const v = row[c];
      if (typeof v !== 'string' || v === '') continue;
      count++;
      example ??= v;
    }
    if (count) out.push(finding('import.date-as-text', 'info', { count, field: col.field, sheet: sheet.name, column: col.title, example: example as string, timeZone }));
  });
  return out;
}
