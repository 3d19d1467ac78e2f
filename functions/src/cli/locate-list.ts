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

import * as fs from 'fs';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The index of the quote that closes the string opening at `from` (past the end when it never closes). */
function closingQuote(bytes: Uint8Array, from: number): number {
  let i = from + 1;
  for (; i < bytes.length; i++) {
    const d = bytes[i];
    if (d === QUOTE) break;
    if (d === BACKSLASH) i++;
  }
  return i;
}

/** True when the string between `from` and `to` holds an escape (a key written with one is not the plain case). */
function hasEscape(bytes: Uint8Array, from: number, to: number): boolean {
  const k = bytes.indexOf(BACKSLASH, from);
  return k >= 0 && k < to;
}

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
 * `bytes.indexOf(line, from)` for a needle that ends in a byte rarer than its first: found through that last byte.
 * For an item's closing line (a newline, the indentation, `}`) the native search stopped at every newline of an
 * indented package, and one `}` in six lines is all this looks at (issue 17: the search was 43 ms of the 600 of
 * `validate` on 1,000 releases; this is a few).
 */
export function indexOfLine(bytes: Buffer, line: Buffer, from: number): number {
  const last = line.length - 1;
  const end = line[last];
  for (let at = bytes.indexOf(end, Math.max(from, 0) + last); at >= 0; at = bytes.indexOf(end, at + 1)) {
    let k = 0;
    while (k < last && bytes[at - last + k] === line[k]) k++;
    if (k === last) return at - last;
  }
  return -1;
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
      i = closingQuote(bytes, i);
      if (depth === 1 && afterKey) return undefined;
      if (depth === 1 && expectKey) {
        expectKey = false;
        if (hasEscape(bytes, from, i)) return undefined;
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
  for (let at = indexOfLine(bytes, closing, first); at >= 0 && at + closing.length <= last; at = indexOfLine(bytes, closing, at + closing.length)) {
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
      i = closingQuote(bytes, i);
      if (depth === listDepth && itemStart < 0) itemStart = from;
      else if (depth === 1 && afterKey) return undefined;
      else if (depth === 1 && expectKey) {
        expectKey = false;
        const length = i - from - 1;
        if (hasEscape(bytes, from, i)) {
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

/** Bytes of a file read through one window that moves forward (and grows only for an item larger than itself). */
class FileWindow {
  buf: Buffer;
  /** The window holds file bytes `[base, base + filled)`. */
  base = 0;
  filled = 0;
  /**
   * `buf`'s filled bytes: a search must not run on into the rest, which was never written — reading those pages
   * (and writing them later) cost page faults on the target machine, besides the search itself (issue 17).
   */
  view: Buffer;

  constructor(private readonly fd: number, readonly size: number, initial: number) {
    this.buf = Buffer.allocUnsafe(Math.max(64, Math.min(initial, size)));
    this.view = this.buf.subarray(0, 0);
  }

  /** Makes file bytes up to `upTo` (at most the file's end) available, dropping those before `keepFrom`. */
  ensure(keepFrom: number, upTo: number): void {
    const want = Math.min(upTo, this.size);
    if (this.base + this.filled >= want) return;
    if (keepFrom > this.base) {
      this.buf.copyWithin(0, keepFrom - this.base, this.filled);
      this.filled -= keepFrom - this.base;
      this.base = keepFrom;
    }
    if (want - this.base > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, want - this.base));
      this.buf.copy(bigger, 0, 0, this.filled);
      this.buf = bigger;
    }
    while (this.base + this.filled < want) {
      const got = fs.readSync(this.fd, this.buf, this.filled, Math.min(this.buf.length - this.filled, this.size - this.base - this.filled), this.base + this.filled);
      if (got === 0) throw new Error('el archivo cambió mientras se leía');
      this.filled += got;
    }
    this.view = this.buf.subarray(0, this.filled);
  }

  /** Whether all of the file has been read into the window. */
  get whole(): boolean {
    return this.base === 0 && this.filled === this.size;
  }
}

/** An indented list read through a window: its items' file offsets and the text around the list. */
export interface StreamedList { starts: number[]; ends: number[]; head: string; tail: string }

/**
 * locateItems for an indented package read from a file through a window of `windowSize` bytes, so the file never
 * has to be in memory at once: `each(window, from, to)` gets each item's bytes while they are in the window.
 * `undefined` when the file is not an indented package as locatePretty reads them (the caller then reads it whole).
 */
export function streamPrettyItems(fd: number, size: number, key: string, each: (window: Buffer, from: number, to: number) => void, windowSize = 1 << 20): StreamedList | undefined {
  const w = new FileWindow(fd, size, windowSize);
  w.ensure(0, windowSize);
  let open = locateListOpen(w.view, key);
  // A head larger than the window: read on until the list opens (or the whole file says it never does).
  while (open === undefined && !w.whole) {
    w.ensure(0, w.filled * 2);
    open = locateListOpen(w.view, key);
  }
  if (open === undefined) return undefined;
  const at = (i: number): number => { w.ensure(open as number, i + 1); return i < size ? w.buf[i - w.base] : -1; };
  const head = w.buf.toString('utf8', 0, open);
  const wholeDocument = onlyWhitespace(w.buf, 0, open);
  let first = open + 1;
  while (isSpace(at(first))) first++;
  let close: number;
  const starts: number[] = [];
  const ends: number[] = [];
  if (at(first) === 0x5d) close = first;
  else {
    const line = w.buf.lastIndexOf(0x0a, first - w.base) + w.base;
    if (line <= open || at(first) !== 0x7b) return undefined;
    const indent = Buffer.from(w.buf.subarray(line + 1 - w.base, first - w.base));
    if (!indent.every((c) => c === 0x20 || c === 0x09)) return undefined;
    const closing = Buffer.concat([Buffer.from([0x0a]), indent, Buffer.from([0x7d])]);
    let start = first;
    let from = first;
    for (;;) {
      const found = indexOfLine(w.view, closing, from - w.base);
      if (found < 0) {
        if (w.base + w.filled >= size) return undefined;
        // Keep the item begun and fill the window behind it (it grows only for an item larger than itself); look
        // again from where a match could still start.
        const searched = w.base + w.filled - closing.length + 1;
        w.ensure(start, start > w.base ? start + w.buf.length : w.base + w.filled + windowSize);
        from = Math.max(from, searched);
        continue;
      }
      const end = found + w.base + closing.length;
      w.ensure(start, end + indent.length + 3);
      const next = end + 2 + indent.length;
      if (at(end) === COMMA && at(end + 1) === 0x0a && w.buf.compare(indent, 0, indent.length, end + 2 - w.base, next - w.base) === 0 && at(next) === 0x7b) {
        each(w.buf, start - w.base, end - w.base);
        starts.push(start);
        ends.push(end);
        start = from = next;
        continue;
      }
      // Not followed by another item: the list must end here.
      let after = end;
      while (isSpace(at(after))) after++;
      if (at(after) !== 0x5d) return undefined;
      w.ensure(start, end);
      each(w.buf, start - w.base, end - w.base);
      starts.push(start);
      ends.push(end);
      close = after;
      break;
    }
  }
  w.ensure(close, size);
  const tail = w.buf.subarray(close + 1 - w.base, w.filled);
  let t = 0;
  while (t < tail.length && isSpace(tail[t])) t++;
  if (!(wholeDocument ? t === tail.length : tail[t] === 0x7d && onlyWhitespace(tail, t + 1, tail.length))) return undefined;
  return { starts, ends, head, tail: tail.toString('utf8') };
}
