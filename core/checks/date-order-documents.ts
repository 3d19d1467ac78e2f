/**
 * The date pairs the capture tool's pickers kept in order besides periods (rules.md R-50): a document is modified
 * on or after it was published (OCDS Document `datePublished` … `dateModified`), and an OC4IDS budget is approved
 * on or after it was requested (`budget.requestDate` … `approvalDate`). Periods are `period-order.ts`.
 * `date.modifiedBeforePublished`, `date.approvalBeforeRequest` (errors) on the later date.
 */
import { isObject, stringAt, timeAt } from './json';
import type { ValueCheck } from './types';

const PAIRS: [first: string, second: string, code: string][] = [
  ['datePublished', 'dateModified', 'date.modifiedBeforePublished'],
  ['requestDate', 'approvalDate', 'date.approvalBeforeRequest'],
];

export const dateOrderDocuments: ValueCheck = {
  on: 'object',
  visitor: ({ report }) => (value, p) => {
    if (!isObject(value)) return;
    for (const [first, second, code] of PAIRS) {
      if (value[second] === undefined) continue;
      const a = timeAt(value, first);
      const b = timeAt(value, second);
      if (a !== undefined && b !== undefined && b < a) report(code, 'error', `${p()}/${second}`, { first: stringAt(value, first) ?? '', second: stringAt(value, second) ?? '' });
    }
  },
};
