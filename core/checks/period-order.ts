/**
 * A period cannot end before it starts (OCDS 1.1 Period: `startDate` … `endDate`; the capture tool's pickers
 * enforce end ≥ start for every period, rules.md R-50). Applies to every object holding both dates.
 * `date.periodOrder` (error) on the end date.
 */
import { isObject, stringAt, timeAt } from './json';
import type { ValueCheck } from './types';

export const periodOrder: ValueCheck = {
  on: 'object',
  visitor: ({ report }) => (value, p) => {
    if (!isObject(value) || value.endDate === undefined) return;
    const start = timeAt(value, 'startDate');
    const end = timeAt(value, 'endDate');
    if (start !== undefined && end !== undefined && end < start) {
      report('date.periodOrder', 'error', `${p()}/endDate`, { start: stringAt(value, 'startDate') ?? '', end: stringAt(value, 'endDate') ?? '' });
    }
  },
};
