/**
 * An amount means nothing without its currency (OCDS 1.1 Value: "amount" and "currency" go together; the
 * Data Review Tool flags amounts without currency). Applies to every object with a numeric `amount`.
 * `amount.currencyMissing` (error) on the currency cell of the amount.
 */
import { isObject, stringAt } from './json';
import type { ValueCheck } from './types';

export const valueCurrency: ValueCheck = {
  on: 'object',
  visitor: ({ report }) => (value, p) => {
    if (isObject(value) && typeof value.amount === 'number' && stringAt(value, 'currency') === undefined) {
      report('amount.currencyMissing', 'error', `${p()}/currency`, { amount: value.amount });
    }
  },
};
