/**
 * An amount means nothing without its currency (OCDS 1.1 Value: "amount" and "currency" go together; the
 * Data Review Tool flags amounts without currency). Applies to every object with a numeric `amount`.
 * `amount.currencyMissing` (error) on the currency cell of the amount.
 */
import { isObject, stringAt, walk } from './json';
import type { Check } from './types';

export const valueCurrency: Check = ({ releases, projects, report }) => {
  for (const { data, pointer } of [...releases, ...projects]) {
    walk(data, pointer, '', (value, p) => {
      if (isObject(value) && typeof value.amount === 'number' && stringAt(value, 'currency') === undefined) {
        report('amount.currencyMissing', 'error', `${p()}/currency`, { amount: value.amount });
      }
    });
  }
};
