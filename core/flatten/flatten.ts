/**
 * Documents → workbook model in the template layout (DESIGN §4): per spec sheet, row 1 the Spanish titles
 * (required ones end in " *"), row 2 the paths, then one row per array item with its parent keys.
 * Codes are written as their Spanish titles, lists joined with "; ", dates at local midnight as the calendar date
 * (a UTC-midnight `Date`, as exceljs writes date cells), times of day in the zone as a `Date` of that clock time in UTC,
 * and other date-times as their ISO text (`dateCell`).
 * unflatten reads all of it back unchanged.
 */
import { PROFILES } from '../profile/profiles';
import type { Standard } from '../profile/types';
import type { CodeOption, ColumnSpec, SheetSpec, TemplateSpec } from '../template/spec';
import { templateSpec } from '../template/template-spec';
import { headerTitle } from '../template/layout';
import { DERIVED_FIELDS } from '../import/template-coverage';
import type { CellValue, SheetModel, WorkbookModel } from '../workbook/model';
import { resolvePath } from '../unflatten/column-resolver';
import { lookupCode, parseDate } from '../unflatten/parse-value';
import { isObject } from '../json/json-values';
import { DEFAULT_TIME_ZONE, localMidnight } from '../unflatten/time-zone';

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
  if (!m) return iso;
  // Not Date.UTC(y, …): it reads years 0–99 as 1900–1999 (year 0001 became 1901).
  const d = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3])));
  d.setUTCFullYear(Number(m[1]));
  return d;
}

const LOCAL_MIDNIGHT = /^(\d{4})-(\d{2})-(\d{2})T00:00:00(?:Z|[+-]\d{2}:\d{2})$/;
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})[+-]\d{2}:\d{2}$/;

/**
 * The cell of a date value, written so that unflatten reads back exactly the same text: a sheet date only when
 * the value is the local midnight unflatten makes of that calendar date in the workbook's time zone (a date the
 * official would type as a date), a sheet date with its time (its clock time in UTC, as a file gives one) when it is
 * a time of day in that zone; anything else — another offset, UTC, fractions of a second, a year before 1900 (sheets
 * count days from 1899), a date without time — stays ISO text, which unflatten keeps as written.
 */
export function dateCell(iso: string, timeZone: string): CellValue {
  const m = LOCAL_MIDNIGHT.exec(iso);
  if (m) {
    if (Number(m[1]) < 1900) return iso;
    return localMidnight(timeZone, Number(m[1]), Number(m[2]), Number(m[3])) === iso ? isoToSheetDate(iso) : iso;
  }
  const t = LOCAL_TIME.exec(iso);
  if (!t || Number(t[1]) < 1900) return iso;
  const day = isoToSheetDate(iso) as Date;
  const cell = new Date(day.getTime() + ((Number(t[4]) * 60 + Number(t[5])) * 60 + Number(t[6])) * 1000);
  // Only a cell that reads back as the same text (in another zone's offset it would not).
  return parseDate(cell, timeZone) === iso ? cell : iso;
}

/** A code as its Spanish title, unless that title would read back as another code (then the code itself). */
function codeTitle(code: unknown, options: readonly CodeOption[] | undefined): string {
  const s = String(code);
  const title = options?.find((o) => o.code === s)?.title;
  return title !== undefined && lookupCode(title, options as CodeOption[]) === s ? title : s;
}

/** A latitude or longitude column (`…/coordinates/1`, `…/coordinates/0`): it holds one number, a Point's. */
const COORDINATE = /\/coordinates\/[01]$/;

function cellFor(col: ColumnSpec, value: unknown, timeZone: string): CellValue {
  if (value === undefined || value === null) return '';
  // A line's or polygon's positions are not a latitude and a longitude: written in those cells, they read back as
  // «dos números en una celda». Left out, and the import says so (core/import/template-coverage.ts).
  if (typeof value !== 'number' && COORDINATE.test(col.field)) return '';
  if (Array.isArray(value)) return value.map((v) => codeTitle(v, col.options)).join('; ');
  if (col.options) return codeTitle(value, col.options);
  if (col.type === 'date' && typeof value === 'string') return dateCell(value, timeZone);
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

export interface FlattenOptions {
  /** The workbook's time zone (its Configuración sheet): dates at local midnight there become sheet dates. */
  timeZone?: string;
}

export function flattenSheet(sheet: SheetSpec, docs: readonly unknown[], options: FlattenOptions = {}): SheetModel {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const profile = PROFILES[sheet.standard];
  // A release's own tag is the converter's and the publication's to write (derive-fields, core/merge/update-tags):
  // a published one (`compiled`, `tenderUpdate`…) copied into its cell would be kept as typed on the next upload.
  const located = sheet.columns.map((col) => ({ col, where: sheet.array === '' && DERIVED_FIELDS[sheet.standard].has(col.field) ? undefined : resolvePath(profile, col.path) }));
  const rows: CellValue[][] = [
    sheet.columns.map(headerTitle),
    sheet.columns.map((c) => c.path),
  ];
  for (const doc of docs) {
    for (const chain of itemChains(doc, sheet.levels)) {
      rows.push(located.map(({ col, where }) => (where ? cellFor(col, getPath(chain[where.arrays.length], where.rel), timeZone) : '')));
    }
  }
  return { name: sheet.name, rows };
}

export function flatten(documents: Documents, spec: TemplateSpec = templateSpec(), options: FlattenOptions = {}): WorkbookModel {
  const byStandard: Record<Standard, readonly unknown[]> = { ocds: documents.releases ?? [], oc4ids: documents.projects ?? [] };
  return { sheets: spec.sheets.map((sheet) => flattenSheet(sheet, byStandard[sheet.standard], options)) };
}
