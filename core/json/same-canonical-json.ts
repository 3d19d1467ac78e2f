/** Equality of JSON values by their canonical text, exactly (not by a hash of it): release tags and release content. */
type Obj = Record<string, unknown>;

/**
 * Whether `a` and `b` have the same canonical JSON (core/unflatten/content-hash: keys sorted, undefined fields left
 * out, undefined in a list and non-finite numbers written as null), compared in place: building both texts was
 * most of a publication's tagging time (every stage of every changed process, twice). With `asCells: 'cell'`, what a
 * workbook cell gives back for a value is the value: two texts that differ only in how their lines end (`\r\n`, `\r`
 * or `\n`) are the same (see sameLines), and so are an integer and its text (sameIntegerText).
 */
export function sameCanonicalJson(a: unknown, b: unknown, asCells: 'exact' | 'cell' = 'exact'): boolean {
  if (a === b && typeof a !== 'number') return true;
  const objectA = typeof a === 'object' && a !== null;
  const objectB = typeof b === 'object' && b !== null;
  if (!objectA || !objectB) {
    // A primitive's canonical text is never a list's or an object's.
    if (objectA || objectB) return false;
    if (typeof a === 'string' && typeof b === 'string') return asCells === 'cell' && sameLines(a, b);
    if (asCells === 'cell' && sameIntegerText(a, b)) return true;
    return (JSON.stringify(a) ?? 'null') === (JSON.stringify(b) ?? 'null');
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameCanonicalJson(a[i], b[i], asCells)) return false;
    return true;
  }
  const x = a as Obj;
  const y = b as Obj;
  let count = 0;
  for (const key of Object.keys(x)) {
    if (x[key] === undefined) continue;
    count++;
    if (y[key] === undefined || !Object.prototype.hasOwnProperty.call(y, key) || !sameCanonicalJson(x[key], y[key], asCells)) return false;
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

/**
 * Whether one is an integer and the other its decimal text (1 and «1»). Where the schema takes either (a budget line
 * component's level and code, ids), the template's column is text, so that what an official types reads the same
 * whether the sheet keeps it as a number or as text; a number published elsewhere (the INAI's «"level":1») comes back
 * from its imported workbook as «"1"», and a process sent back unchanged was a new release for that alone. Where the
 * schema takes one type only, a value of the other is invalid and never reaches a comparison of published releases.
 */
function sameIntegerText(a: unknown, b: unknown): boolean {
  const [n, t] = typeof a === 'number' ? [a, b] : [b, a];
  return typeof n === 'number' && Number.isSafeInteger(n) && typeof t === 'string' && t === String(n);
}
