/**
 * «Ver N más» under a column of the sidebar: the pages of a column's findings after the first, kept where the next
 * call finds them. The report carries only each column's first page: through `google.script.run` a 20,000-row sheet
 * full of distinct findings is megabytes, and the sidebar would draw them all. Validating again for each page would
 * take as long as «Validar» (reading every sheet), and the sheet may have changed meanwhile: what the official is
 * shown would no longer be the list they were paging through. So «Validar» keeps the later pages in the user's
 * cache (CacheService, up to six hours), one entry per page, and «Ver N más» reads one entry.
 *
 * The service's limits (Class Cache): a value of at most 100 KB, a key of 250 characters, at most 1,000 entries per
 * cache. A page is 25 lines; a line quoting a very long cell value is cut so the page fits. At most MAX_KEPT_PAGES
 * pages (10,000 more lines) are kept per validation, leaving room for the next one: beyond that, the columns left
 * keep their «y N más» (errors have their note in the sheet), and fixing the first ones and validating again is the
 * way on.
 */
import type { FindingItem, SheetGroup } from '../rpc-types';
import type { LaterPages } from './group-findings';

/** CacheService.getUserCache(), the two calls used (put in one call, read one entry). */
export interface CachePort {
  getAll(keys: string[]): Record<string, string>;
  putAll(values: Record<string, string>, expirationInSeconds: number): void;
}

/** The longest a cache entry lives (Cache.put: 21,600 seconds). */
export const KEEP_SECONDS = 21600;
export const MAX_KEPT_PAGES = 400;
/** Below the 100 KB a value may have, with room to spare. */
const MAX_PAGE_BYTES = 90 * 1024;
/** How much of a message a page that would not fit keeps (25 lines of it, in UTF-8, stay under MAX_PAGE_BYTES). */
const CUT_MESSAGE = 1000;

const key = (run: string, sheet: number, field: number, page: number): string => `hallazgos:${run}:${sheet}:${field}:${page}`;

function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

function pageText(page: FindingItem[]): string {
  const text = JSON.stringify(page);
  if (utf8Bytes(text) <= MAX_PAGE_BYTES) return text;
  return JSON.stringify(page.map((line) => (line.message.length > CUT_MESSAGE ? { ...line, message: `${line.message.slice(0, CUT_MESSAGE)}…` } : line)));
}

/**
 * Keeps the later pages and says in the report which columns have them (FieldGroup.laterPages, the size of each);
 * returns the name they are kept under, or undefined when none are (nothing left out, or the cache refused them:
 * the columns then say what they leave out, as before there was «Ver más»).
 */
export function keepLaterPages(cache: CachePort, groups: SheetGroup[], later: readonly LaterPages[], log: (error: unknown) => void): string | undefined {
  if (!later.length) return undefined;
  const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const values: Record<string, string> = {};
  const kept: { field: SheetGroup['fields'][number]; sizes: number[] }[] = [];
  let left = MAX_KEPT_PAGES;
  for (const column of later) {
    const pages = column.pages.slice(0, left);
    if (!pages.length) break;
    left -= pages.length;
    pages.forEach((page, i) => { values[key(run, column.sheet, column.field, i + 1)] = pageText(page); });
    kept.push({ field: groups[column.sheet].fields[column.field], sizes: pages.map((p) => p.length) });
  }
  try {
    cache.putAll(values, KEEP_SECONDS);
  } catch (e) {
    log(e);
    return undefined;
  }
  for (const { field, sizes } of kept) field.laterPages = sizes;
  return run;
}

/** Page `page` (1: the first after the report's) of a column; null when it is no longer kept (or never was). */
export function laterPage(cache: CachePort, run: unknown, sheet: unknown, field: unknown, page: unknown): FindingItem[] | null {
  const index = (v: unknown, min: number): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= min && v < 1e6 ? v : null);
  const s = index(sheet, 0);
  const f = index(field, 0);
  const p = index(page, 1);
  if (typeof run !== 'string' || !/^[a-z0-9]{1,12}-[a-z0-9]{1,10}$/.test(run) || s === null || f === null || p === null) return null;
  const wanted = key(run, s, f, p);
  const text = cache.getAll([wanted])[wanted];
  if (typeof text !== 'string') return null;
  try {
    const lines: unknown = JSON.parse(text);
    return Array.isArray(lines) ? (lines as FindingItem[]) : null;
  } catch {
    return null;
  }
}
