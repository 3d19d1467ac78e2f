/**
 * Documents → template rows (the workbook model): one row per array item per sheet, parent keys first.
 * Codes are written as their Spanish titles, lists joined with "; ", dates as calendar dates.
 */
import type { ColumnSpec, SheetSpec, TemplateSpec } from '../template/spec';

export type CellValue = string | number | boolean | Date;
export interface Documents { ocds: unknown[]; oc4ids: unknown[] }

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function getPath(value: unknown, segments: string[]): unknown {
  let cur = value;
  for (const seg of segments) {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
    else if (isRecord(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/** Items of `array` (unindexed, e.g. `awards/suppliers`) with the chain of their ancestors. */
function enumerate(doc: unknown, array: string): unknown[][] {
  if (!array) return [[doc]];
  let chains: unknown[][] = [[doc]];
  let pending: string[] = [];
  for (const seg of array.split('/')) {
    pending.push(seg);
    const next: unknown[][] = [];
    for (const chain of chains) {
      const v = getPath(chain[chain.length - 1], pending);
      if (Array.isArray(v)) for (const item of v) next.push([...chain, item]);
      else if (v !== undefined) next.push(chain.concat());
    }
    const reachedArray = next.some((c) => c.length > chains[0].length);
    if (reachedArray) { chains = next.filter((c) => c.length > chains[0].length); pending = []; }
  }
  return pending.length ? [] : chains;
}

/** ISO 8601 date-time → the calendar date written in it (the offset is the publisher's time zone). */
export function isoToSheetDate(iso: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : iso;
}

function cellFor(col: ColumnSpec, value: unknown): CellValue | '' {
  if (value === undefined || value === null) return '';
  const title = (code: unknown): string => {
    const s = String(code);
    return col.options?.find((o) => o.code === s)?.title ?? s;
  };
  if (Array.isArray(value)) return value.map(title).join('; ');
  if (col.options) return title(value);
  if (col.type === 'date' && typeof value === 'string') return isoToSheetDate(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Relative segments of a column below the sheet's array item, e.g. `awards/0/suppliers/0/name` → [`name`]. */
function relativeSegments(sheet: SheetSpec, col: ColumnSpec): string[] {
  const depth = sheet.array ? sheet.array.split('/').length : 0;
  const segs = col.path.split('/');
  let seen = 0;
  let i = 0;
  for (; i < segs.length && seen < depth; i++) if (/^\d+$/.test(segs[i])) seen++;
  return segs.slice(i);
}

export function flattenSheet(sheet: SheetSpec, docs: unknown[]): CellValue[][] | (CellValue | '')[][] {
  const rows: (CellValue | '')[][] = [];
  const arrayDepth = sheet.array ? sheet.array.split('/').length : 0;
  for (const doc of docs) {
    for (const chain of enumerate(doc, sheet.array)) {
      const item = chain[chain.length - 1];
      if (arrayDepth && !isRecord(item)) continue;
      const row = sheet.columns.map((col) => {
        if (col.key) {
          // Key of the root or of an enclosing item: its id, found through the same chain.
          const level = col.path.split('/').filter((s) => /^\d+$/.test(s)).length;
          return cellFor(col, getPath(chain[level], ['id']) ?? getPath(chain[level], [col.path]));
        }
        return cellFor(col, getPath(item, relativeSegments(sheet, col)));
      });
      rows.push(row);
    }
  }
  return rows;
}

export function flattenDocuments(spec: TemplateSpec, docs: Documents): Record<string, (CellValue | '')[][]> {
  const out: Record<string, (CellValue | '')[][]> = {};
  for (const sheet of spec.sheets) out[sheet.name] = flattenSheet(sheet, docs[sheet.standard]);
  return out;
}
