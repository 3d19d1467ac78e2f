/**
 * A budget split by formulas (`=$H$4/7`) is published part by part in cents, as each cell shows it (parse-value.ts
 * moneyAmount): the parts then add up to a few cents off the total, half a cent per figure at most, and that is no
 * mismatch. A difference beyond what rounding explains is still told.
 */
import { budgetBreakdownTotal } from './budget-breakdown-total';
import type { JsonObject } from './types';

function mismatches(total: number, parts: number[]): string[] {
  const release: JsonObject = {
    planning: { budget: { amount: { amount: total, currency: 'MXN' }, budgetBreakdown: parts.map((amount, i) => ({ id: String(i + 1), amount: { amount, currency: 'MXN' } })) } },
  };
  const found: string[] = [];
  budgetBreakdownTotal({ releases: [{ data: release, pointer: '/releases/0' }], projects: [], settings: {}, now: 0, report: (code, _s, pointer) => found.push(`${code} ${pointer}`) });
  return found;
}

test('seven parts of a million, each rounded to its cent (142,857.14), are no mismatch; two are off by what rounding cannot explain', () => {
  const seventh = Math.round((1_000_000 / 7) * 100) / 100;
  expect(mismatches(1_000_000, Array(7).fill(seventh))).toEqual([]);
  expect(mismatches(1_000_000, [500_000, 499_999.9])).toEqual(['amount.breakdownMismatch /releases/0/planning/budget/amount/amount']);
  // One part, as before: a cent is the most a rounded figure and its total can differ.
  expect(mismatches(1000, [999.99])).toEqual([]);
  expect(mismatches(1000, [999.98])).toEqual(['amount.breakdownMismatch /releases/0/planning/budget/amount/amount']);
});
