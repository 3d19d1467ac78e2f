/**
 * The budget breakdown splits the budget by source (OCDS budget breakdown extension: "the budget breakdown
 * of the amount"; OC4IDS budget.budgetBreakdowns), so the parts in the budget's currency should add up to the
 * budget amount. `amount.breakdownMismatch` (warning) on the budget amount.
 */
import { itemsAlong, numberAt, objectAt, stringAt } from './json';
import type { Check, JsonObject, Report } from './types';

function compare(budget: JsonObject | undefined, budgetPointer: string, parts: { item: JsonObject }[], report: Report): void {
  const amount = numberAt(objectAt(budget, 'amount'), 'amount');
  const currency = stringAt(objectAt(budget, 'amount'), 'currency');
  if (amount === undefined || currency === undefined || parts.length === 0) return;
  let sum = 0;
  let counted = 0;
  for (const { item } of parts) {
    const part = objectAt(item, 'amount');
    if (stringAt(part, 'currency') === currency) { sum += numberAt(part, 'amount') ?? 0; counted++; }
  }
  // Each figure may be rounded to the cent it shows, by up to half a cent: a budget split by formulas into parts
  // (`=$H$4/7`, published in cents as its cell shows it, parse-value.ts moneyAmount) adds up to a few cents off the
  // total, which is no mismatch to report. A cent at least, as before; the float noise of the sum aside.
  const tolerance = Math.max(0.01, 0.005 * (counted + 1)) + 1e-9;
  if (Math.abs(sum - amount) > tolerance) report('amount.breakdownMismatch', 'warning', `${budgetPointer}/amount/amount`, { value: amount, sum: Math.round(sum * 100) / 100, currency });
}

export const budgetBreakdownTotal: Check = ({ releases, projects, report }) => {
  for (const { data, pointer } of releases) {
    const budget = objectAt(objectAt(data, 'planning'), 'budget');
    compare(budget, `${pointer}/planning/budget`, itemsAlong(data, 'planning/budget/budgetBreakdown', pointer), report);
  }
  for (const { data, pointer } of projects) {
    compare(objectAt(data, 'budget'), `${pointer}/budget`, itemsAlong(data, 'budget/budgetBreakdowns/budgetBreakdown', pointer), report);
  }
};
