/**
 * ajv's deep equality (`ajv/dist/runtime/equal`: fast-deep-equal) with the keys and items compared first to last.
 * The compiled validators call it for `uniqueItems` on lists of objects — every pair of parties, items, awards… of
 * every release. fast-deep-equal compares an object's keys last to first: two parties that differ in their `id`
 * (first) but share their address and contact point (last) were compared in full before the ids. The answer is
 * the same either way (the same tests, in another order); every bundle that carries the validators
 * (CLI, Cloud Functions, add-on) points them here (scripts/validator-code.ts).
 */
export default function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (a.constructor !== b.constructor) return false;
    if (Array.isArray(a)) {
      const other = b as unknown[];
      if (a.length !== other.length) return false;
      for (let i = 0; i < a.length; i++) if (!equal(a[i], other[i])) return false;
      return true;
    }
    if (a.constructor === RegExp) return (a as RegExp).source === (b as RegExp).source && (a as RegExp).flags === (b as RegExp).flags;
    if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
    if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    for (const key of keys) if (!equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
    return true;
  }
  // true if both NaN, false otherwise
  return a !== a && b !== b;
}
