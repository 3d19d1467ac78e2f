/**
 * Whether `data` is one of an `enum`'s values, as the compiled validators' loop answers it (`equal(data, value)` for
 * each value in turn), with a Set for text, numbers, booleans and null: every validator bundle
 * (scripts/validator-code.ts) puts this in place of that loop. `currency` lists 303 codes and MXN is the 173rd: each amount of each release cost 172 deep
 * comparisons (issue 17). For such data `equal` is `===` (or both NaN), which is what Set.has tests; objects and
 * arrays still go through `equal`.
 */
const SETS = new WeakMap<readonly unknown[], Set<unknown>>();

export function enumHas(values: readonly unknown[], data: unknown, equal: (a: unknown, b: unknown) => boolean): boolean {
  if (data === null || typeof data !== 'object') {
    let set = SETS.get(values);
    if (!set) SETS.set(values, (set = new Set(values)));
    return set.has(data);
  }
  for (const value of values) if (equal(data, value)) return true;
  return false;
}
