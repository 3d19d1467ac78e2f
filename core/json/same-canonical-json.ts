/** Equality of JSON values by their canonical text, exactly (not by a hash of it): release tags and release content. */
type Obj = Record<string, unknown>;

/**
 * Whether `a` and `b` have the same canonical JSON (core/unflatten/content-hash: keys sorted, undefined fields left
 * out, undefined in a list and non-finite numbers written as null), compared in place: building both texts was
 * most of a publication's tagging time (every stage of every changed process, twice). With `lineEndings: 'any'`, two
 * texts that differ only in how their lines end (`\r\n`, `\r` or `\n`) are the same: see sameLines.
 */
export function sameCanonicalJson(a: unknown, b: unknown, lineEndings: 'exact' | 'any' = 'exact'): boolean {
  if (a === b && typeof a !== 'number') return true;
  const objectA = typeof a === 'object' && a !== null;
  const objectB = typeof b === 'object' && b !== null;
  if (!objectA || !objectB) {
    // A primitive's canonical text is never a list's or an object's.
    if (objectA || objectB) return false;
    if (typeof a === 'string' && typeof b === 'string') return lineEndings === 'any' && sameLines(a, b);
    return (JSON.stringify(a) ?? 'null') === (JSON.stringify(b) ?? 'null');
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameCanonicalJson(a[i], b[i], lineEndings)) return false;
    return true;
  }
  const x = a as Obj;
  const y = b as Obj;
  let count = 0;
  for (const key of Object.keys(x)) {
    if (x[key] === undefined) continue;
    count++;
    if (y[key] === undefined || !Object.prototype.hasOwnProperty.call(y, key) || !sameCanonicalJson(x[key], y[key], lineEndings)) return false;
  }
  for (const key of Object.keys(y)) if (y[key] !== undefined) count--;
  return count === 0;
}

/**
 * Whether two texts are the same once their line endings are all `\n`. A spreadsheet cell keeps no `\r`: .xlsx is
 * XML, whose readers turn `\r\n` and `\r` into `\n` (exceljs does), so a description published with Windows line
 * endings (the INAI's) comes back from its imported workbook with `\n`. OCDS gives line endings no meaning.
 */
function sameLines(a: string, b: string): boolean {
  if (!a.includes('\r') && !b.includes('\r')) return false;
  return a.replace(/\r\n?/g, '\n') === b.replace(/\r\n?/g, '\n');
}
