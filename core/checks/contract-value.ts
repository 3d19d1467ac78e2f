/**
 * A contract implements an award (`contracts.awardID`), so its value should not exceed the awarded value
 * (OCDS 1.1 Contract.value; a larger value needs an amendment that explains it: with one recorded in
 * `contracts.amendments`, nothing is said — the message asks for exactly that, and an official who had registered the
 * amendment kept being told to register it, with nothing left to do), and the payments recorded in
 * `implementation.transactions` should not exceed the contract value. Compared only within one currency.
 * A contract worth 0 under an award worth more is almost always a value not yet captured, typed as 0 (a $0 public
 * works contract read on the dashboard as signed for nothing): an unknown value is left blank.
 * `amount.contractExceedsAward`, `amount.contractZero`, `amount.transactionsExceedContract` (warnings).
 */
import { itemsAt, numberAt, objectAt, objectsAlong, objectsAt, stringAt } from './json';
import type { Check } from './types';

function money(holder: unknown, key: string): { amount: number; currency: string } | undefined {
  const value = objectAt(holder, key);
  const amount = numberAt(value, 'amount');
  const currency = stringAt(value, 'currency');
  return amount !== undefined && currency !== undefined ? { amount, currency } : undefined;
}

/** A contract with an amendment recorded (OCDS 1.1 `amendments`, or 1.0's single `amendment` an import may bring). */
function amended(contract: unknown): boolean {
  return objectsAt(contract, 'amendments').length > 0 || objectAt(contract, 'amendment') !== undefined;
}

export const contractValue: Check = ({ releases, report }) => {
  for (const { data, pointer } of releases) {
    const awards = new Map<string, { amount: number; currency: string }>();
    for (const item of objectsAt(data, 'awards')) {
      const id = stringAt(item, 'id');
      const value = money(item, 'value');
      if (id !== undefined && value) awards.set(id, value);
    }
    for (const { item: contract, pointer: p } of itemsAt(data, 'contracts', pointer)) {
      const value = money(contract, 'value');
      if (!value) continue;
      const award = awards.get(stringAt(contract, 'awardID') ?? '');
      const sameCurrency = award !== undefined && award.currency === value.currency;
      if (sameCurrency && value.amount > award.amount && !amended(contract)) {
        report('amount.contractExceedsAward', 'warning', `${p}/value/amount`, { value: value.amount, awardValue: award.amount, currency: value.currency });
      }
      if (sameCurrency && value.amount === 0 && award.amount > 0) {
        // Its payments then exceed it too: one message on the cell, the one that says what to write.
        report('amount.contractZero', 'warning', `${p}/value/amount`, { awardValue: award.amount, currency: value.currency });
        continue;
      }
      let paid = 0;
      for (const tx of objectsAlong(contract, 'implementation/transactions')) {
        const txValue = money(tx, 'value');
        if (txValue?.currency === value.currency) paid += txValue.amount;
      }
      // Cents of rounding across many payments are not a finding.
      if (paid - value.amount > 0.01) {
        report('amount.transactionsExceedContract', 'warning', `${p}/value/amount`, { value: value.amount, paid: Math.round(paid * 100) / 100, currency: value.currency });
      }
    }
  }
};
