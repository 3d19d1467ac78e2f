/**
 * A contract published with its amount only as `valueWithTax` (the amount with VAT, a field of EDCA-MX that the SHCP's
 * federal publication uses instead of `value`). Its amount is counted as contracted and said to include VAT wherever
 * it is shown or summed (publication-index.ts `contractedWithTax`, the dashboard's pages and CSVs): left out, such a
 * contract read «Sin dato» though its amount was published.
 */
import { isObject } from '../json/json-values';

const amountOf = (money: unknown): number | undefined => {
  const a = isObject(money) ? money.amount : undefined;
  return typeof a === 'number' && Number.isFinite(a) ? a : undefined;
};

/**
 * Whether `contract`'s amount is to be read from `valueWithTax`: it publishes no `value` amount and has that one. A
 * contract with both is read by `value`, the amount the template asks for (with taxes, says its help); `valueWithTax`
 * is then no second amount to count.
 */
export function contractWithTax(contract: Record<string, unknown>): boolean {
  return amountOf(contract.value) === undefined && amountOf(contract.valueWithTax) !== undefined;
}

/** The Money a contract's amount is read from: `valueWithTax` when contractWithTax, else `value`. */
export function contractMoney(contract: Record<string, unknown>): unknown {
  return contractWithTax(contract) ? contract.valueWithTax : contract.value;
}
