/**
 * Texts an official typed into free text that must not stay published (a person's CURP, personal telephone or home
 * address in a description or a document's title): a removal request under the LGPDPPSO (derecho de cancelación)
 * that the body has to carry out in every release already published, not only in the next one. The privacy filter
 * (privacy-filter.ts) never reads free text, so the texts are named by the person's data officer, and each occurrence
 * in any string of a release or project is replaced by REDACTED; the rest of the string, and every other field, stays.
 * Keys are never touched (they are the schema's).
 *
 * Matched ignoring case (a CURP typed in lower case is the same CURP) and with any run of spaces in a text matching
 * any run of spaces in the data (a telephone «999 123 4567» typed with two spaces somewhere); the officer names each
 * other spelling (with dashes, without spaces) as a text of its own, and the dry run says how often each was found.
 */
import { isObject } from '../json/json-values';

/** What takes the place of each occurrence: says that something was removed, and what kind of thing. */
export const REDACTED = '[dato personal suprimido]';

/** Shorter texts would match inside ordinary words and numbers (an amount, a date, a road's name). */
export const MIN_REDACTED_LENGTH = 6;

export interface TextMatchers {
  /** One per text, in the order given. */
  each: RegExp[];
}

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The matchers of the texts as given (trimmed); a text shorter than MIN_REDACTED_LENGTH is the caller's to refuse. */
export function textMatchers(texts: readonly string[]): TextMatchers {
  return { each: texts.map((t) => new RegExp(t.trim().split(/\s+/).map(escaped).join('\\s+'), 'giu')) };
}

export interface Redacted<T> {
  /** The value with every occurrence replaced; the same object when nothing was found. */
  value: T;
  /** JSON pointers (RFC 6901) of the strings changed. */
  pointers: string[];
  /** How many occurrences of each text (TextMatchers.each's order). */
  counts: number[];
}

const pointerPart = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** `value` with every occurrence of the texts in its strings replaced by REDACTED; shares what did not change. */
export function redactTexts<T>(value: T, matchers: TextMatchers): Redacted<T> {
  const pointers: string[] = [];
  const counts = matchers.each.map(() => 0);
  const walk = (v: unknown, at: string): unknown => {
    if (typeof v === 'string') {
      let out = v;
      matchers.each.forEach((re, n) => {
        out = out.replace(re, () => { counts[n]++; return REDACTED; });
      });
      if (out !== v) pointers.push(at);
      return out;
    }
    if (Array.isArray(v)) {
      let changed = false;
      const items = v.map((item, i) => { const w = walk(item, `${at}/${i}`); changed ||= w !== item; return w; });
      return changed ? items : v;
    }
    if (isObject(v)) {
      let changed = false;
      const entries = Object.entries(v).map(([k, item]) => { const w = walk(item, `${at}/${pointerPart(k)}`); changed ||= w !== item; return [k, w] as const; });
      return changed ? Object.fromEntries(entries) : v;
    }
    return v;
  };
  return { value: walk(value, '') as T, pointers, counts };
}
