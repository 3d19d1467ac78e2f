/**
 * A process's budget worth 0 while its tender is estimated at more is a value never captured: Nuevo León's capture
 * tool wrote `planning.budget.amount.amount: 0` for every process it had no budget for, and the dashboard showed
 * «Presupuesto $0.00» beside a tender estimated at $19,940,687.07, as if the works had been budgeted at nothing. As
 * with a contract worth 0 (contract-value.ts), an unknown value is left blank. Compared only within one currency. A
 * budget broken down into parts is said by budget-breakdown-total (its parts' sum is the figure to write): one message
 * on the cell.
 * `amount.budgetZero` (warning).
 */
import { numberAt, objectAt, objectsAlong, stringAt } from './json';
import type { Check } from './types';

export const budgetZero: Check = ({ releases, report }) => {
  for (const { data, pointer } of releases) {
    const budget = objectAt(objectAt(objectAt(data, 'planning'), 'budget'), 'amount');
    if (numberAt(budget, 'amount') !== 0) continue;
    const estimate = objectAt(objectAt(data, 'tender'), 'value');
    const estimated = numberAt(estimate, 'amount');
    const currency = stringAt(estimate, 'currency');
    if (estimated === undefined || estimated <= 0 || currency === undefined || stringAt(budget, 'currency') !== currency) continue;
    if (objectsAlong(data, 'planning/budget/budgetBreakdown').some((part) => (numberAt(objectAt(part, 'amount'), 'amount') ?? 0) > 0)) continue;
    report('amount.budgetZero', 'warning', `${pointer}/planning/budget/amount/amount`, { estimated, currency });
  }
};
