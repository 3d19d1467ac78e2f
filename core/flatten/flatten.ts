/**
 * Documents → workbook model in the template layout (DESIGN §4): per spec sheet, row 1 the Spanish titles
 * (required ones end in " *"), row 2 the paths, then one row per array item with its parent keys.
 * Codes are written as their Spanish titles, lists joined with "; ", dates as the calendar date written in the
 * ISO string (a UTC-midnight `Date`, as exceljs writes date cells). unflatten reads all of it back unchanged.
 */
import { PROFILES } from '../profile/profiles';
import type { Standard } from '../profile/types';
import type { CodeOption, ColumnSpec, SheetSpec, TemplateSpec } from '../template/spec';
import { templateSpec } from '../template/template-spec';
import type { CellValue, SheetModel, WorkbookModel } from '../workbook/model';
import { resolvePath } from '../unflatten/column-resolver';
import { lookupCode } from '../unflatten/parse-value';
import { isObject } from '../json/json-values';

export interface Documents {
  releases: readonly unknown[];
  projects: readonly unknown[];
}


export function getPath(value: unknown, segments: readonly string[]): unknown {
  let cur = value;
  for (const seg of segments) {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
    else if (isObject(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/** ISO 8601 date-time → the calendar date written in it (the offset is the publisher's time zone). */
export function isoToSheetDate(iso: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : iso;
}

/** A code as its Spanish title, unless that title would read back as another code (then the code itself). */
function codeTitle(code: unknown, options: readonly CodeOption[] | undefined): string {
  const s = String(code);
  const title = options?.find((o) => o.code === s)?.title;
  return title !== undefined && lookupCode(title, options as CodeOption[]) === s ? title : s;
}

function cellFor(col: ColumnSpec, value: unknown): CellValue {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => codeTitle(v, col.options)).join('; ');
  if (col.options) return codeTitle(value, col.options);
  if (col.type === 'date' && typeof value === 'string') return isoToSheetDate(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Every item of the sheet's array with the chain of its ancestors (root first). */
export function itemChains(doc: unknown, levels: readonly string[]): unknown[][] {
  let chains: unknown[][] = [[doc]];
  for (const level of levels) {
    const segs = level.split('/');
    const next: unknown[][] = [];
    for (const chain of chains) {
      const items = getPath(chain[chain.length - 1], segs);
      if (Array.isArray(items)) for (const item of items) if (isObject(item)) next.push([...chain, item]);
    }
    chains = next;
  }
  return chains;
}

export function flattenSheet(sheet: SheetSpec, docs: readonly unknown[]): SheetModel {
  const profile = PROFILES[sheet.standard];
  const located = sheet.columns.map((col) => ({ col, where: resolvePath(profile, col.path) }));
  const rows: CellValue[][] = [
    sheet.columns.map((c) => (c.required ? `${c.title} *` : c.title)),
    sheet.columns.map((c) => c.path),
  ];
  for (const doc of docs) {
    for (const chain of itemChains(doc, sheet.levels)) {
      rows.push(located.map(({ col, where }) => (where ? cellFor(col, getPath(chain[where.arrays.length], where.rel)) : '')));
    }
  }
  return { name: sheet.name, rows };
}

export function flatten(documents: Documents, spec: TemplateSpec = templateSpec()): WorkbookModel {
  const byStandard: Record<Standard, readonly unknown[]> = { ocds: documents.releases ?? [], oc4ids: documents.projects ?? [] };
  return { sheets: spec.sheets.map((sheet) => flattenSheet(sheet, byStandard[sheet.standard])) };
}
