/**
 * Money amounts cannot be negative, and the amount before taxes cannot exceed the amount with taxes (rules.md
 * the capture tool required award, contract, item and transaction amounts and listed netAmount > amount in
 * its report; OCDS Value: "amount" is the total, "netAmount" the amount excluding taxes). Budget-line measures are
 * left alone, and so are budget-classification measures: the *momentos contables* record reductions as negative
 * adjustments (real Nuevo León publications do).
 * `amount.negative`, `amount.netExceedsAmount` (errors) on the offending amount.
 */
import { isObject, stringAt } from './json';
import type { ValueCheck } from './types';

/** Signed amounts by nature: budget adjustments ("modificado" reductions) in the budget lines' measures. */
const SIGNED = /(?:budgetLines|budgetClassification)\/measures\/value$/;

export const amountSign: ValueCheck = {
  on: 'object',
  fields: (field) => !SIGNED.test(field),
  visitor: ({ report }) => (value, p, field) => {
    if (!isObject(value) || SIGNED.test(field)) return;
    const amount = typeof value.amount === 'number' && Number.isFinite(value.amount) ? value.amount : undefined;
    const net = typeof value.netAmount === 'number' && Number.isFinite(value.netAmount) ? value.netAmount : undefined;
    if (amount === undefined && net === undefined) return;
    const currency = stringAt(value, 'currency') ?? '';
    if (amount !== undefined && amount < 0) report('amount.negative', 'error', `${p()}/amount`, { value: amount, currency });
    if (net !== undefined && net < 0) report('amount.negative', 'error', `${p()}/netAmount`, { value: net, currency });
    else if (net !== undefined && amount !== undefined && amount >= 0 && net - amount > 0.005) {
      report('amount.netExceedsAmount', 'error', `${p()}/netAmount`, { value: net, amount, currency });
    }
  },
};
