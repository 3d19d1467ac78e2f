/**
 * Where the items of a package's list lie in its bytes, found without parsing them: `validate paquete.json` then
 * parses and validates the list a chunk at a time (and on two threads), instead of parsing 15 MB at once and
 * keeping every release alive until the end — a fifth of the command was the garbage collector moving them
 * (issue 17). Only the structure is read: strings are skipped, brackets counted; the items themselves and
 * everything around the list (the envelope) are left to JSON.parse, which is the judge of valid JSON. Anything
 * unusual (no object at the top, a key given twice, an unterminated string, an empty item) gives undefined, and
 * the caller parses the whole text as before — so the verdict never depends on this reader.
 */

/**
 * A top-level key and the byte range of its value. For an array value: `items`, each item's start and end
 * (pairs: [start0, end0, start1, end1, …], commas outside), and `close`, the index of its closing bracket.
 */
export interface TopLevelValue { key: string; start: number; end: number; items?: number[]; close?: number }

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** The index just after the string that opens at `at` (a quote), or -1 when it never closes. */
function afterString(bytes: Uint8Array, at: number): number {
  let end = bytes.indexOf(QUOTE, at + 1);
  while (end !== -1) {
    let slashes = 0;
    while (bytes[end - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return end + 1;
    end = bytes.indexOf(QUOTE, end + 1);
  }
  return -1;
}

function skipSpace(bytes: Uint8Array, at: number): number {
  while (at < bytes.length && isSpace(bytes[at])) at++;
  return at;
}

/** True when bytes[start, end) hold nothing but JSON whitespace. */
function blank(bytes: Uint8Array, start: number, end: number): boolean {
  return skipSpace(bytes, start) >= end;
}

/**
 * The top-level values of the JSON object in `bytes`, in order, with item ranges for array values; `decode`
 * turns a key's bytes (quotes included) into text. Undefined when the text is not plainly such an object.
 */
export function topLevelValues(bytes: Uint8Array, decode: (start: number, end: number) => string): TopLevelValue[] | undefined {
  let i = skipSpace(bytes, 0);
  if (bytes[i] !== OPEN_OBJECT) return undefined;
  i = skipSpace(bytes, i + 1);
  const values: TopLevelValue[] = [];
  const keys = new Set<string>();
  if (bytes[i] === CLOSE_OBJECT) return blank(bytes, i + 1, bytes.length) ? values : undefined;
  for (;;) {
    // A key, a colon, a value; then a comma or the end of the object.
    if (bytes[i] !== QUOTE) return undefined;
    const keyEnd = afterString(bytes, i);
    if (keyEnd === -1) return undefined;
    let key: unknown;
    try {
      key = JSON.parse(decode(i, keyEnd));
    } catch {
      return undefined;
    }
    if (typeof key !== 'string' || keys.has(key)) return undefined;
    keys.add(key);
    i = skipSpace(bytes, keyEnd);
    if (bytes[i] !== COLON) return undefined;
    const start = skipSpace(bytes, i + 1);
    const value: TopLevelValue = { key, start, end: start };
    const items: number[] | undefined = bytes[start] === OPEN_ARRAY ? [] : undefined;
    // Depth 0 is the value's own level: a comma or a closing brace there ends the value.
    let depth = 0;
    let itemStart = start + 1;
    let j = start;
    const n = bytes.length;
    for (; j < n; j++) {
      const b = bytes[j];
      if (b === QUOTE) {
        // Skipped inline (a call per string was most of the time: a release has hundreds of them).
        for (j++; j < n; j++) {
          const c = bytes[j];
          if (c === QUOTE) break;
          if (c === BACKSLASH) j++;
        }
        if (j >= n) return undefined;
      } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
      else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        if (depth === 0) break;
        depth--;
        if (depth === 0 && items) {
          // The list closed: its last item (or none, for a list holding only whitespace).
          value.close = j;
          if (!blank(bytes, itemStart, j)) items.push(itemStart, j);
          else if (items.length > 0) return undefined;
        }
      } else if (b === COMMA) {
        if (depth === 0) break;
        if (depth === 1 && items) {
          if (blank(bytes, itemStart, j)) return undefined;
          items.push(itemStart, j);
          itemStart = j + 1;
        }
      }
    }
    if (j >= bytes.length) return undefined;
    value.end = j;
    if (items) value.items = items;
    values.push(value);
    i = j;
    if (bytes[i] === CLOSE_OBJECT) return blank(bytes, i + 1, bytes.length) ? values : undefined;
    i = skipSpace(bytes, i + 1);
  }
}
