/**
 * Budget breakdowns as some Mexican publishers wrote them, upgraded to the fields EDCA-MX declares
 * (schemas/extensions/edca-mx-budget and ocds_budget_breakdown_extension):
 * - `budgetclassifications` (lower case; its `Measures`, `level` and `classifications`) → `budgetClassification`
 *   with `measures`, `levelId` and `classification`: the names the same publisher (Federal Public Administration)
 *   uses in `contracts/implementation/budgetBreakdown`, so one set of sheets holds both.
 * - `url` → `uri` (the extension's link to the budget entry), when the breakdown has no `uri`.
 * Each change is an info finding at the breakdown it changed, so the official sees it before re-publishing.
 */
import { finding, type Finding } from '../findings/finding';
import { isObject } from '../json/json-values';

type Obj = Record<string, unknown>;

/** Renames `from` to `to` on `obj` when `to` is absent; true when it did. */
function rename(obj: Obj, from: string, to: string): boolean {
  if (!(from in obj) || to in obj) return false;
  obj[to] = obj[from];
  delete obj[from];
  return true;
}

function upgradeBreakdown(breakdown: unknown, pointer: string, findings: Finding[]): void {
  if (!isObject(breakdown)) return;
  if (rename(breakdown, 'url', 'uri')) findings.push(finding('import.budget-url', 'info', {}, { pointer: `${pointer}/uri` }));
  if (!rename(breakdown, 'budgetclassifications', 'budgetClassification')) return;
  const levels = breakdown.budgetClassification;
  if (Array.isArray(levels)) {
    for (const level of levels) {
      if (!isObject(level)) continue;
      rename(level, 'Measures', 'measures');
      rename(level, 'level', 'levelId');
      rename(level, 'classifications', 'classification');
    }
  }
  findings.push(finding('import.budget-classification', 'info', {}, { pointer: `${pointer}/budgetClassification` }));
}

export function upgradeBudgetBreakdowns(release: Obj, pointer: string, findings: Finding[]): void {
  const planning = release.planning;
  const budget = isObject(planning) ? planning.budget : undefined;
  const planned = isObject(budget) ? budget.budgetBreakdown : undefined;
  if (Array.isArray(planned)) planned.forEach((b, i) => upgradeBreakdown(b, `${pointer}/planning/budget/budgetBreakdown/${i}`, findings));
  (Array.isArray(release.contracts) ? release.contracts : []).forEach((contract, c) => {
    const implementation = isObject(contract) ? contract.implementation : undefined;
    const parts = isObject(implementation) ? implementation.budgetBreakdown : undefined;
    if (Array.isArray(parts)) parts.forEach((b, i) => upgradeBreakdown(b, `${pointer}/contracts/${c}/implementation/budgetBreakdown/${i}`, findings));
  });
}
