/**
 * `id` must be unique within its array: OCDS merging identifies array items by `id` (OCDS 1.1 "Merging",
 * "Identifier merge"), so a repeated id silently overwrites the earlier item. The same holds in OC4IDS.
 * `array.duplicateId` (error) on the repeated item, naming the first one.
 * Not in arrays merged whole (`wholeListMerge`), whose items' `id` is not an identifier: a budget line's `measures`
 * repeat their accounting moment (`accrued`…) once per movement, each with its own date (budget lines extension),
 * and Nuevo León publishes them so.
 */
import { mergeRules } from '../merge/merge-rules';
import { PROFILES } from '../profile/profiles';
import { isArray, isObject } from './json';
import type { ValueCheck } from './types';

/** Arrays up to this length are compared pairwise: a Map for each small list (every list of every release) cost more. */
const PAIRWISE = 16;

function idOf(item: unknown): string | undefined {
  return isObject(item) && (typeof item.id === 'string' || typeof item.id === 'number') ? String(item.id) : undefined;
}

export const duplicateIds: ValueCheck = {
  on: 'array',
  fields: (field, standard) => mergeRules(PROFILES[standard]).get(field) !== 'whole',
  visitor: ({ report }) => (value, p) => {
    if (!isArray(value) || value.length < 2) return;
    if (value.length <= PAIRWISE) {
      // The same findings as the Map below: each repeat names the first item with its id.
      for (let i = 1; i < value.length; i++) {
        const id = idOf(value[i]);
        if (id === undefined) continue;
        for (let j = 0; j < i; j++) {
          if (idOf(value[j]) === id) {
            report('array.duplicateId', 'error', `${p()}/${i}/id`, { value: id, first: j + 1, position: i + 1, firstPointer: `${p()}/${j}/id` });
            break;
          }
        }
      }
      return;
    }
    const seen = new Map<string, number>();
    value.forEach((item, i) => {
      const id = idOf(item);
      if (id !== undefined) {
        const first = seen.get(id);
        if (first === undefined) seen.set(id, i);
        else report('array.duplicateId', 'error', `${p()}/${i}/id`, { value: id, first: first + 1, position: i + 1, firstPointer: `${p()}/${first}/id` });
      }
    });
  },
};
