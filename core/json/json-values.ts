/** Plain-JSON helpers shared by the whole core (no structuredClone: it is missing in Apps Script). */
export type JsonObject = Record<string, unknown>;

/** Local alias for hot loops: in a vm context (the Apps Script stand-in) each global lookup goes through an interceptor. */
export const isArray = Array.isArray;

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !isArray(value);
}

/** The strings of a JSON list, such as a release's `tag` (none when it is not a list; anything else in it left out). */
export function stringsOf(value: unknown): string[] {
  return isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Structural equality of JSON values (object key order ignored, array order significant). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** What JSON.stringify leaves out of an object (and writes as null in a list). */
const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * Whether JSON.stringify gives `a` and `b` the same text (key order counts), compared in place: building both texts
 * of large documents only to compare them was most of the time it took, and all of its garbage.
 */
export function sameJsonText(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  // Finite numbers are written as themselves (0 and -0 alike).
  if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b)) return a === b;
  // Anything else but two plain objects or lists as JSON.stringify writes it; a toJSON (a Date) writes something else
  // than the object's fields.
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null
    || typeof (a as { toJSON?: unknown }).toJSON === 'function' || typeof (b as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(a) === JSON.stringify(b);
  if (isArray(a) || isArray(b)) {
    if (!isArray(a) || !isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJsonText(omitted(a[i]) ? null : a[i], omitted(b[i]) ? null : b[i])) return false;
    return true;
  }
  const x = a as JsonObject;
  const y = b as JsonObject;
  const xs = Object.keys(x);
  const ys = Object.keys(y);
  let j = 0;
  for (const key of xs) {
    if (omitted(x[key])) continue;
    while (j < ys.length && omitted(y[ys[j]])) j++;
    if (j >= ys.length || ys[j] !== key || !sameJsonText(x[key], y[key])) return false;
    j++;
  }
  while (j < ys.length && omitted(y[ys[j]])) j++;
  return j === ys.length;
}

/** Deep copy of a JSON value, so outputs never share mutable parts with inputs. */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as unknown as T;
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneJson(v);
    return out as T;
  }
  return value;
}
