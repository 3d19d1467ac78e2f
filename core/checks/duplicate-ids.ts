/**
 * `id` must be unique within its array: OCDS merging identifies array items by `id` (OCDS 1.1 "Merging",
 * "Identifier merge"), so a repeated id silently overwrites the earlier item. The same holds in OC4IDS.
 * `array.duplicateId` (error) on the repeated item, naming the first one.
 */
import { isArray, isObject } from './json';
import type { ValueCheck } from './types';

export const duplicateIds: ValueCheck = {
  on: 'array',
  visitor: ({ report }) => (value, p) => {
    if (!isArray(value) || value.length < 2) return;
    const seen = new Map<string, number>();
    value.forEach((item, i) => {
      if (isObject(item) && (typeof item.id === 'string' || typeof item.id === 'number')) {
        const id = String(item.id);
        const first = seen.get(id);
        if (first === undefined) seen.set(id, i);
        else report('array.duplicateId', 'error', `${p()}/${i}/id`, { value: id, first: first + 1, position: i + 1 });
      }
    });
  },
};
