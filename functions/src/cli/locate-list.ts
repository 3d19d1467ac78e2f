/**
 * Finds, in the bytes of a JSON document, the list a package carries (`releases`, or the document itself when it
 * is an array) and the byte range of each of its items, without building anything: `compile` parses each release
 * from its own bytes when its record is written, so the input never lives in memory as objects all at once
 * (issue 17: on the target machine, growing the heap by the whole parsed package cost more than parsing it).
 *
 * A locator, not a validator: on valid JSON the ranges are exact, and the bytes between items are checked to be
 * whitespace and one comma, so a caller that parses every item and the envelope (the document with the list
 * replaced by `[]`) has read every byte. `undefined` means "not the plain case": no such list, the key written
 * twice or with escapes, or bytes after the document — the caller then parses the whole text as before, which
 * also gives the usual error messages.
 */

/** Where the list is: `open`/`close` are the offsets of its `[` and `]`; item i is bytes `starts[i]` to `ends[i]` (exclusive). */
export interface ListLocation {
  open: number;
  close: number;
  starts: number[];
  ends: number[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** True when `bytes[from, to)` holds only JSON whitespace. */
export function onlyWhitespace(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(bytes[i])) return false;
  return true;
}

/** True when `bytes[from, to)` is whitespace, one comma, whitespace: what stands between two items of a list. */
export function onlySeparator(bytes: Uint8Array, from: number, to: number): boolean {
  let commas = 0;
  for (let i = from; i < to; i++) {
    const c = bytes[i];
    if (c === COMMA) commas++;
    else if (!isSpace(c)) return false;
  }
  return commas === 1;
}

/**
 * Where the list opens: the `[` of the top-level key `key`, or of the document itself; only the bytes before it
 * are read. `undefined` as for locateList.
 */
export function locateListOpen(bytes: Uint8Array, key: string): number | undefined {
  const want = Array.from(key, (ch) => ch.charCodeAt(0));
  const n = bytes.length;
  let i = 0;
  while (i < n && isSpace(bytes[i])) i++;
  if (bytes[i] === 0x5b) return i;
  if (bytes[i] !== 0x7b) return undefined;
  let depth = 0;
  let expectKey = false;
  let afterKey = false;
  for (; i < n; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      const from = i;
      let escaped = false;
      for (i++; i < n; i++) {
        const d = bytes[i];
        if (d === QUOTE) break;
        if (d === BACKSLASH) { escaped = true; i++; }
      }
      if (depth === 1 && afterKey) return undefined;
      if (depth === 1 && expectKey) {
        expectKey = false;
        if (escaped) return undefined;
        if (i - from - 1 === want.length && want.every((b, k) => bytes[from + 1 + k] === b)) afterKey = true;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (depth === 1 && afterKey) return c === 0x5b ? i : undefined;
      depth++;
      if (depth === 1) expectKey = true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return undefined;
    } else if (c === COMMA) {
      if (depth === 1) expectKey = true;
    } else if (c !== COLON && !isSpace(c) && depth === 1 && afterKey) return undefined;
  }
  return undefined;
}

/**
 * The list's items. Packages written with an indent (JSON.stringify's, ocdskit's, most publishers') are split with
 * the native byte search: each boundary is a line closing an item at the first item's indentation, a comma, and
 * the line opening the next (a newline never stands inside a JSON string, and a deeper line with that same
 * indentation would leave an item that does not parse). Otherwise every byte is looked at (slower, exact).
 */
export function locateItems(bytes: Buffer, key: string): ListLocation | undefined {
  return locatePretty(bytes, key) ?? checked(bytes, locateList(bytes, key));
}

function checked(bytes: Uint8Array, list: ListLocation | undefined): ListLocation | undefined {
  if (!list) return undefined;
  const { starts, ends } = list;
  if (starts.length === 0) return onlyWhitespace(bytes, list.open + 1, list.close) ? list : undefined;
  if (!onlyWhitespace(bytes, list.open + 1, starts[0]) || !onlyWhitespace(bytes, ends[ends.length - 1], list.close)) return undefined;
  for (let i = 1; i < starts.length; i++) if (!onlySeparator(bytes, ends[i - 1], starts[i])) return undefined;
  return list;
}

function locatePretty(bytes: Buffer, key: string): ListLocation | undefined {
  const open = locateListOpen(bytes, key);
  if (open === undefined) return undefined;
  // The list ends the document (or is the document) in most packages: then its `]` is the document's last one.
  const close = bytes.lastIndexOf(0x5d);
  let after = close + 1;
  while (after < bytes.length && isSpace(bytes[after])) after++;
  const ends = onlyWhitespace(bytes, 0, open) ? after === bytes.length : bytes[after] === 0x7d && onlyWhitespace(bytes, after + 1, bytes.length);
  if (!ends || close <= open) return undefined;
  let first = open + 1;
  while (first < close && isSpace(bytes[first])) first++;
  if (first === close) return { open, close, starts: [], ends: [] };
  let last = close - 1;
  while (last > first && isSpace(bytes[last])) last--;
  const line = bytes.lastIndexOf(0x0a, first);
  if (line <= open || bytes[first] !== 0x7b || bytes[last] !== 0x7d) return undefined;
  const indent = bytes.subarray(line + 1, first);
  if (!indent.every((c) => c === 0x20 || c === 0x09)) return undefined;
  // Lines at the items' own indentation that close an item: a deeper line has a space where this one has `}`.
  const closing = Buffer.concat([Buffer.from([0x0a]), indent, Buffer.from([0x7d])]);
  const starts = [first];
  const itemEnds: number[] = [];
  for (let at = bytes.indexOf(closing, first); at >= 0 && at + closing.length <= last; at = bytes.indexOf(closing, at + closing.length)) {
    const end = at + closing.length;
    // Then a comma and the next item's first line at the same indentation.
    if (bytes[end] !== COMMA || bytes[end + 1] !== 0x0a || bytes.compare(indent, 0, indent.length, end + 2, end + 2 + indent.length) !== 0 || bytes[end + 2 + indent.length] !== 0x7b) return undefined;
    itemEnds.push(end);
    starts.push(end + 2 + indent.length);
  }
  itemEnds.push(last + 1);
  return { open, close, starts, ends: itemEnds };
}

/** The list under the top-level key `key` of an object, or the document itself when it is an array. */
export function locateList(bytes: Uint8Array, key: string): ListLocation | undefined {
  const n = bytes.length;
  // The key's bytes (a plain ASCII name such as `releases`).
  const want = Array.from(key, (ch) => ch.charCodeAt(0));
  let i = 0;
  while (i < n && isSpace(bytes[i])) i++;
  const top = bytes[i];
  if (top !== 0x7b && top !== 0x5b) return undefined;
  // Depth of the list's items: 1 when the document is the list, 2 inside the top-level object's value.
  let listDepth = top === 0x5b ? 1 : -1;
  let open = top === 0x5b ? i : -1;
  let close = -1;
  let found = false;
  let expectKey = false;
  let afterKey = false;
  const starts: number[] = [];
  const ends: number[] = [];
  let itemStart = -1;
  let lastEnd = -1;
  let depth = 0;
  for (; i < n; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      const from = i;
      let escaped = false;
      for (i++; i < n; i++) {
        const d = bytes[i];
        if (d === QUOTE) break;
        if (d === BACKSLASH) { escaped = true; i++; }
      }
      if (depth === listDepth && itemStart < 0) itemStart = from;
      else if (depth === 1 && afterKey) return undefined;
      else if (depth === 1 && expectKey) {
        expectKey = false;
        const length = i - from - 1;
        if (escaped) {
          // An escaped key might spell the list's name; only the plain case is handled here.
          if (listDepth < 0) return undefined;
        } else if (length === want.length && want.every((b, k) => bytes[from + 1 + k] === b)) {
          if (found) return undefined;
          found = true;
          afterKey = true;
        }
      }
      lastEnd = i + 1;
      continue;
    }
    if (isSpace(c)) continue;
    if (c === 0x7b || c === 0x5b) {
      if (depth === 1 && afterKey && top === 0x7b) {
        afterKey = false;
        if (c !== 0x5b) return undefined;
        open = i;
        listDepth = 2;
      } else if (depth === listDepth && itemStart < 0) itemStart = i;
      depth++;
      if (depth === 1) expectKey = top === 0x7b;
      lastEnd = i + 1;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === listDepth - 1 && i > open && open >= 0 && close < 0 && listDepth > 0) {
        if (itemStart >= 0) { starts.push(itemStart); ends.push(lastEnd); itemStart = -1; }
        close = i;
        listDepth = -2;
      }
      lastEnd = i + 1;
      if (depth === 0) { i++; break; }
      continue;
    }
    if (c === COMMA) {
      if (depth === listDepth) {
        if (itemStart >= 0) { starts.push(itemStart); ends.push(lastEnd); }
        itemStart = -1;
      } else if (depth === 1) expectKey = top === 0x7b;
      continue;
    }
    // After the list's key, the value comes next: it must be the list (checked at its first byte).
    if (c === COLON) continue;
    // A literal or a number: an item on its own when it stands in the list.
    if (depth === 1 && afterKey && top === 0x7b) return undefined;
    if (depth === listDepth && itemStart < 0) itemStart = i;
    lastEnd = i + 1;
  }
  if (close < 0 || !onlyWhitespace(bytes, i, n)) return undefined;
  return { open, close, starts, ends };
}
