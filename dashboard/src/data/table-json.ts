/**
 * JSON of the rows a reader downloads: the same table as the CSV (data/csv.ts), one object per row keyed by the
 * CSV's Spanish column names, so the two files of a list hold the same columns and values. It is the page's table,
 * not data of the standards: the dashboard's own rows (English keys, internal fields) read as if they were OC4IDS.
 * Missing values are null (the CSV's empty cell); text is kept as is (no formula neutralising: JSON is not opened
 * by a spreadsheet).
 */
import type { Cell } from './csv';

export function tableJson(header: string[], rows: Cell[][]): Record<string, string | number | null>[] {
  return rows.map((r) => Object.fromEntries(header.map((name, i) => {
    const v = r[i];
    return [name, v === undefined || v === null || (typeof v === 'number' && !Number.isFinite(v)) ? null : v];
  })));
}
