/**
 * `id` must be unique within its array: OCDS merging identifies array items by `id` (OCDS 1.1 "Merging",
 * "Identifier merge"), so a repeated id silently overwrites the earlier item. The same holds in OC4IDS.
 * `array.duplicateId` (error) on the repeated item, naming the first one.
 */
import { escapePointerSegment } from '../findings/finding';
import { isObject } from './json';
import type { Check, Report } from './types';

function scan(value: unknown, pointer: string, report: Report): void {
  if (Array.isArray(value)) {
    const seen = new Map<string, number>();
    value.forEach((item, i) => {
      if (isObject(item) && (typeof item.id === 'string' || typeof item.id === 'number')) {
        const id = String(item.id);
        const first = seen.get(id);
        if (first === undefined) seen.set(id, i);
        else report('array.duplicateId', 'error', `${pointer}/${i}/id`, { value: id, first: first + 1, position: i + 1 });
      }
      scan(item, `${pointer}/${i}`, report);
    });
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) if (typeof v === 'object' && v !== null) scan(v, `${pointer}/${escapePointerSegment(k)}`, report);
  }
}

export const duplicateIds: Check = ({ releases, projects, report }) => {
  for (const { data, pointer } of [...releases, ...projects]) scan(data, pointer, report);
};
