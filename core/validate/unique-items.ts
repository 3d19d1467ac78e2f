/**
 * ajv's `uniqueItems` on a list of objects compares every pair (n² deep comparisons): a process with 32,000 items (a
 * 624 KB workbook) took 82 s to validate, 128,000 about 20 minutes, all of it for a list with no repeat. This gives
 * the pair ajv's loop reports, in one pass: items are grouped by their canonical JSON (equal items have the same), and
 * only items of a group are compared, with ajv's own equality. The bundles' validators call it in place of the loop
 * (scripts/validator-code.ts).
 */
import { canonicalJson } from '../unflatten/content-hash';

/** Lists up to this long are compared pairwise, as ajv does: cheaper than writing each item out. */
const PAIRWISE = 16;

/**
 * The repeated pair ajv's loop finds, `[i, j]` with j < i: the last item that repeats an earlier one, and the last
 * earlier item it repeats; undefined when no item repeats another.
 */
export function duplicatePair(items: readonly unknown[], equal: (a: unknown, b: unknown) => boolean): [number, number] | undefined {
  const n = items.length;
  if (n <= PAIRWISE) {
    for (let i = n; i--;) for (let j = i; j--;) if (equal(items[i], items[j])) return [i, j];
    return undefined;
  }
  const groups = new Map<string, number[]>();
  let found: [number, number] | undefined;
  for (let i = 0; i < n; i++) {
    const key = canonicalJson(items[i]);
    const earlier = groups.get(key);
    if (earlier === undefined) {
      groups.set(key, [i]);
      continue;
    }
    for (let k = earlier.length; k--;) {
      if (equal(items[i], items[earlier[k]])) {
        found = [i, earlier[k]];
        break;
      }
    }
    earlier.push(i);
  }
  return found;
}
