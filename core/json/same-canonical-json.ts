/** Equality of JSON values by their canonical text, exactly (not by a hash of it): release tags and release content. */
type Obj = Record<string, unknown>;

/**
 * Whether `a` and `b` have the same canonical JSON (core/unflatten/content-hash: keys sorted, undefined fields left
 * out, undefined in a list and non-finite numbers written as null), compared in place: building both texts was
 * most of a publication's tagging time (every stage of every changed process, twice).
 */
export function sameCanonicalJson(a: unknown, b: unknown): boolean {
  if (a === b && typeof a !== 'number') return true;
  const objectA = typeof a === 'object' && a !== null;
  const objectB = typeof b === 'object' && b !== null;
  if (!objectA || !objectB) {
    // A primitive's canonical text is never a list's or an object's.
    if (objectA || objectB) return false;
    if (typeof a === 'string' && typeof b === 'string') return false;
    return (JSON.stringify(a) ?? 'null') === (JSON.stringify(b) ?? 'null');
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameCanonicalJson(a[i], b[i])) return false;
    return true;
  }
  const x = a as Obj;
  const y = b as Obj;
  let count = 0;
  for (const key of Object.keys(x)) {
    if (x[key] === undefined) continue;
    count++;
    if (y[key] === undefined || !Object.prototype.hasOwnProperty.call(y, key) || !sameCanonicalJson(x[key], y[key])) return false;
  }
  for (const key of Object.keys(y)) if (y[key] !== undefined) count--;
  return count === 0;
}
