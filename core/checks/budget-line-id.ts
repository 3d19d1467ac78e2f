/**
 * A budget line's id is its whole *clave presupuestaria*: the budget lines extension defines it as "the
 * concatenation of every code contained in the components array", and the capture tool built it that way (year +
 * keys, rules.md R-35). An id that differs from its components' codes, joined in their order, names another key —
 * a typo in one of the two. `budget.lineId` (warning) on the line's id. Lines without components or without an id
 * are left alone.
 */
import { isObject } from './json';
import type { ValueCheck } from './types';

/** A budget line's key as its components make it: their codes, trimmed, joined in order ('' when none has one). */
export function budgetLineKey(components: unknown): string {
  let key = '';
  for (const c of Array.isArray(components) ? components : []) {
    const code = isObject(c) ? c.code : undefined;
    if (typeof code === 'string' || typeof code === 'number') key += String(code).trim();
  }
  return key;
}

export const budgetLineId: ValueCheck = {
  on: 'object',
  fields: (field) => field.endsWith('budgetLines'),
  visitor: ({ report }) => (value, p, field) => {
    if (!field.endsWith('budgetLines') || !isObject(value) || !Array.isArray(value.components)) return;
    const id = value.id;
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') return;
    const key = budgetLineKey(value.components);
    if (key !== '' && key !== String(id).trim()) report('budget.lineId', 'warning', `${p()}/id`, { value: String(id), expected: key });
  },
};
