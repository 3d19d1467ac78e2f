/**
 * Content hash for derived release ids: FNV-1a 32-bit over the UTF-8 bytes of canonical JSON (object keys sorted,
 * no whitespace). Pure and tiny so Apps Script, Cloud Functions and the CLI derive the same id from the same content.
 */
export function canonicalJson(value: unknown): string {
  // String concatenation (V8 ropes) instead of pushing millions of tiny parts: the derived release ids hash every
  // release, and this was a tenth of the conversion time at 10,000 processes.
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) s += (i ? ',' : '') + canonicalJson(value[i]);
    return s + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = sortedKeys(Object.keys(obj));
  let s = '{';
  let first = true;
  for (const k of keys) {
    if (obj[k] === undefined) continue;
    s += (first ? '' : ',') + JSON.stringify(k) + ':' + canonicalJson(obj[k]);
    first = false;
  }
  return s + '}';
}

const FNV_OFFSET = 0x811c9dc5;
// Local aliases of the builtins called per character: in a vm context (bench:validate's Apps Script stand-in) each
// global lookup goes through an interceptor, which made hashing ten times slower there.
const imul = Math.imul;
const isArray = Array.isArray;
const keysOf = Object.keys;
const isFinite = Number.isFinite;

/** Folds the UTF-8 bytes of `text` into an FNV-1a 32-bit state (inline: this runs over every character of every release). */
function fold(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) { hash = imul(hash ^ c, 0x01000193); continue; }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00); i++; }
    }
    if (c < 0x800) {
      hash = imul(hash ^ (0xc0 | (c >> 6)), 0x01000193);
    } else if (c < 0x10000) {
      hash = imul(hash ^ (0xe0 | (c >> 12)), 0x01000193);
      hash = imul(hash ^ (0x80 | ((c >> 6) & 63)), 0x01000193);
    } else {
      hash = imul(hash ^ (0xf0 | (c >> 18)), 0x01000193);
      hash = imul(hash ^ (0x80 | ((c >> 12) & 63)), 0x01000193);
      hash = imul(hash ^ (0x80 | ((c >> 6) & 63)), 0x01000193);
    }
    hash = imul(hash ^ (0x80 | (c & 63)), 0x01000193);
  }
  return hash;
}

function hex(hash: number): string {
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** FNV-1a 32-bit of the UTF-8 encoding of `text`, as 8 lowercase hex characters. */
export function fnv1a32(text: string): string {
  return hex(fold(FNV_OFFSET, text));
}

/**
 * Folds JSON.stringify(s) in one pass over `s`: `"`, the UTF-8 bytes, `"`. The loop handles what Spanish text is
 * made of — ASCII and the two-byte characters (á, ñ, ü…) — and nothing else: with the three- and four-byte cases
 * (and the surrogate pairs that move the index) in the same loop, V8 compiled it to run at about two thirds of this
 * speed (hashing the 1,000 releases of the publication bench: ~158 → ~122 ms). A string with anything else is folded
 * again from its start by foldStringFull; one JSON escapes (quote, backslash, control character) by its escaped text.
 */
function foldString(start: number, s: string): number {
  let hash = imul(start ^ 34, 0x01000193);
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c < 0x20 || c === 34 || c === 92) return fold(start, JSON.stringify(s));
      hash = imul(hash ^ c, 0x01000193);
    } else if (c < 0x800) {
      hash = imul(imul(hash ^ (0xc0 | (c >> 6)), 0x01000193) ^ (0x80 | (c & 63)), 0x01000193);
    } else {
      return foldStringFull(start, s);
    }
  }
  return imul(hash ^ 34, 0x01000193);
}

/** foldString for any text: every UTF-8 length, surrogate pairs, and lone surrogates (escaped by JSON.stringify). */
function foldStringFull(start: number, s: string): number {
  let hash = imul(start ^ 34, 0x01000193);
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c < 0x20 || c === 34 || c === 92) return fold(start, JSON.stringify(s));
      hash = imul(hash ^ c, 0x01000193);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const lo = c <= 0xdbff && i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (lo < 0xdc00 || lo > 0xdfff) return fold(start, JSON.stringify(s));
      c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
      i++;
      hash = imul(hash ^ (0xf0 | (c >> 18)), 0x01000193);
      hash = imul(hash ^ (0x80 | ((c >> 12) & 63)), 0x01000193);
      hash = imul(hash ^ (0x80 | ((c >> 6) & 63)), 0x01000193);
    } else if (c < 0x800) {
      hash = imul(hash ^ (0xc0 | (c >> 6)), 0x01000193);
    } else {
      hash = imul(hash ^ (0xe0 | (c >> 12)), 0x01000193);
      hash = imul(hash ^ (0x80 | ((c >> 6) & 63)), 0x01000193);
    }
    hash = imul(hash ^ (0x80 | (c & 63)), 0x01000193);
  }
  return imul(hash ^ 34, 0x01000193);
}

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

function foldByte(hash: number, byte: number): number {
  return imul(hash ^ byte, 0x01000193);
}

/**
 * `keys.sort()` in place, for the fresh array Object.keys gives. Most objects have a handful of keys: an insertion
 * sort allocates nothing, where Array.prototype.sort's work arrays were a third of the conversion's allocation
 * (37 MiB for 1,000 releases). Keys are distinct, so the order is the same as sort's (UTF-16 code units).
 */
function sortedKeys(keys: string[]): string[] {
  if (keys.length > 24) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > k) { keys[j + 1] = keys[j]; j--; }
    keys[j + 1] = k;
  }
  return keys;
}

function foldCanonical(hash: number, value: unknown): number {
  if (typeof value === 'string') return foldString(hash, value);
  // Numbers and booleans as JSON.stringify writes them, without calling it for each (a finite number is its
  // String(); NaN and ±Infinity are `null`); anything else (null, undefined, a BigInt's TypeError) through it.
  if (typeof value === 'number') return fold(hash, isFinite(value) ? String(value) : 'null');
  if (typeof value === 'boolean') return fold(hash, value ? 'true' : 'false');
  if (value === null || typeof value !== 'object') return fold(hash, JSON.stringify(value) ?? 'null');
  if (isArray(value)) {
    hash = foldByte(hash, OPEN_BRACKET);
    for (let i = 0; i < value.length; i++) {
      if (i) hash = foldByte(hash, COMMA);
      hash = foldCanonical(hash, value[i]);
    }
    return foldByte(hash, CLOSE_BRACKET);
  }
  const obj = value as Record<string, unknown>;
  const keys = sortedKeys(keysOf(obj));
  hash = foldByte(hash, OPEN_BRACE);
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    // Read once: a keyed load on documents of every shape is one of this walk's larger costs.
    const v = obj[k];
    if (v === undefined) continue;
    if (!first) hash = foldByte(hash, COMMA);
    hash = foldByte(foldString(hash, k), COLON);
    hash = foldCanonical(hash, v);
    first = false;
  }
  return foldByte(hash, CLOSE_BRACE);
}

/**
 * `fnv1a32(canonicalJson(value))` without building the text: the bytes are folded into the hash as they would be
 * written (deriving the ids of 10,000 releases built some 200 MB of strings).
 */
export function canonicalHash(value: unknown): string {
  return hex(foldCanonical(FNV_OFFSET, value));
}
