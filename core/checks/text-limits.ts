/**
 * Text lengths (rules.md R-51) and the size of what gets stored.
 * - The program's own limits on the project form: title 140, description 280, completion end-date details 900
 *   characters — `text.programLimit` (warning: longer texts are valid OCDS, but the public pages were designed for
 *   these lengths).
 * - Any single text: at most TEXT_MAX characters — `text.tooLong` (error). A Google Sheets cell holds 50,000.
 * - Each process and project as the store keeps it: a document may not exceed 1 MiB (Firestore; the store enforces
 *   1,000,000 bytes, functions/src/store/collections.ts). The largest document a process becomes is its record:
 *   the compiled release (about the release's size) and a link to each of its releases (the versioned release is
 *   not stored: the API builds it when the record is asked for, functions/src/api/record-with-history.ts). Later
 *   publications merge their changes into that compiled release (new items, documents, transactions), so a first
 *   publication may use at most DOC_BUDGET bytes, leaving the rest for its history — `document.tooLarge` (error) on
 *   the key cell, unless a single over-long text already explains it.
 */
import { isObject, stringAt } from './json';
import type { Check, ValueCheck } from './types';

export const TEXT_MAX = 10_000;
/** Bytes a process's record or a project may take at its first publication (of the store's 1,000,000). */
export const DOC_BUDGET = 600_000;
/** Bytes a record adds to its compiled release: its own keys and the link to the release (`{url, date, tag}`). */
const RECORD_OVERHEAD = 1_000;

const PROGRAM_LIMITS: Record<string, number> = { title: 140, description: 280, 'completion/endDateDetails': 900 };

export const textLimits: ValueCheck = {
  on: 'string',
  visitor: ({ report }, standard) => (value, p, field) => {
    if (typeof value !== 'string') return;
    if (value.length > TEXT_MAX) {
      report('text.tooLong', 'error', p(), { length: value.length, limit: TEXT_MAX, start: value.slice(0, 40) });
      return;
    }
    const limit = standard === 'oc4ids' ? PROGRAM_LIMITS[field] : undefined;
    if (limit !== undefined && value.length > limit) report('text.programLimit', 'warning', p(), { length: value.length, limit });
  },
};

/** UTF-8 bytes of a text (no Buffer: the core also runs inside Apps Script). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1; // surrogate pairs: 2 units → 4 bytes
  }
  return n;
}

/**
 * UTF-8 bytes of `s` when they may exceed `limit`, else undefined — without counting when even 3 bytes per UTF-16
 * unit (UTF-8's most) stay within it, as for nearly every release: counting every character of every release
 * was a tenth of the checks' time (issue 17).
 */
function utf8LengthOver(s: string, limit: number): number | undefined {
  if (s.length * 3 <= limit) return undefined;
  return utf8Length(s);
}

/** Characters a number may take in JSON (`-1.2345678901234567e-308` is 24). */
const NUMBER_MAX = 25;

/**
 * An upper bound of a value's stored size, without stringifying it: the bytes of `JSON.stringify(value)` in UTF-8.
 * A UTF-16 unit takes at most 6 bytes in JSON text (`\u001f` escaped; unescaped, UTF-8 takes at most 3), a number
 * at most NUMBER_MAX. Undefined on anything but plain JSON data, where only JSON.stringify knows. Stringifying
 * every release only to learn that it is small was a tenth of the checks' time (issue 17); then the bound alone,
 * counted in characters and multiplied by 3 for UTF-8, was so loose that most releases of 10 KB were stringified
 * anyway.
 */
function sizeBound(value: unknown): number | undefined {
  let bytes = 0;
  const add = (v: unknown): boolean => {
    if (typeof v === 'string') { bytes += 2 + 6 * v.length; return true; }
    if (typeof v === 'number') { bytes += NUMBER_MAX; return true; }
    if (typeof v === 'boolean' || v === null || v === undefined) { bytes += 5; return true; }
    if (Array.isArray(v)) {
      bytes += 2 + v.length;
      for (let i = 0; i < v.length; i++) if (!add(v[i])) return false;
      return true;
    }
    if (typeof v !== 'object') return false;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    bytes += 2;
    for (const k in v) {
      bytes += 4 + 6 * k.length;
      if (!add((v as Record<string, unknown>)[k])) return false;
    }
    return true;
  };
  return add(value) ? bytes : undefined;
}

/** An upper bound of `JSON.stringify(value).length`, or Infinity once it passes `limit` (see sizeBound). */
function jsonLengthBound(value: unknown, limit: number): number {
  const bound = sizeBound(value);
  return bound === undefined || bound > limit ? Infinity : bound;
}

function hasOverlongText(value: unknown): boolean {
  if (typeof value === 'string') return value.length > TEXT_MAX;
  if (Array.isArray(value)) return value.some(hasOverlongText);
  if (isObject(value)) return Object.values(value).some(hasOverlongText);
  return false;
}

export const storedSize: Check = ({ releases, projects, report }) => {
  for (const { data, pointer } of releases) {
    // Cheap test first: an upper bound of the release's size; within the budget, so is the record.
    if (jsonLengthBound(data, DOC_BUDGET) + RECORD_OVERHEAD <= DOC_BUDGET) continue;
    const bytes = utf8LengthOver(JSON.stringify(data), DOC_BUDGET - RECORD_OVERHEAD);
    if (bytes === undefined) continue;
    const estimate = bytes + RECORD_OVERHEAD;
    if (estimate > DOC_BUDGET && !hasOverlongText(data)) report('document.tooLarge', 'error', `${pointer}/ocid`, { value: stringAt(data, 'ocid') ?? '', size: Math.round(estimate / 1000), limit: DOC_BUDGET / 1000 });
  }
  for (const { data, pointer } of projects) {
    if (jsonLengthBound(data, DOC_BUDGET / 3) * 3 <= DOC_BUDGET) continue;
    const bytes = utf8LengthOver(JSON.stringify(data), DOC_BUDGET);
    if (bytes !== undefined && bytes > DOC_BUDGET && !hasOverlongText(data)) report('document.tooLarge', 'error', `${pointer}/id`, { value: stringAt(data, 'id') ?? '', size: Math.round(bytes / 1000), limit: DOC_BUDGET / 1000 });
  }
};
