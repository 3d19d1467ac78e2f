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

/**
 * The Money of a contract's amount with VAT, what its payments are compared with (financial-progress.ts): its
 * `valueWithTax` when it publishes one in the currency of its `value` (or has no `value`), else its `value`, which the
 * template asks with taxes. A contract whose `value` is without VAT (CompraNet's) then counts by the amount with
 * VAT its payments include; divided by `value`, its paid share read 16 % too high.
 */
export function contractMoneyWithTax(contract: Record<string, unknown>): unknown {
  const currency = (m: unknown): unknown => (isObject(m) ? m.currency : undefined);
  if (amountOf(contract.valueWithTax) === undefined) return contract.value;
  return amountOf(contract.value) === undefined || currency(contract.value) === currency(contract.valueWithTax) ? contract.valueWithTax : contract.value;
}

/** Mexico's VAT rates: the general 16 % and the northern and southern border regions' 8 %. */
const VAT_RATES = [0.16, 0.08];

/**
 * Whether `contract` publishes both amounts and its `value` is, by its own `valueWithTax`, without VAT: the second is
 * the first plus one of Mexico's VAT rates, to within one part in a thousand (VAT rounded per item or per payment). As the
 * SHCP's CompraNet data writes them. Its `value` stays the contract's amount everywhere (the rule above, and every sum:
 * a heuristic must not move a figure), but the process page says beside it that it is without VAT and gives the
 * amount with VAT, so a reader comparing it with a budget or a payment (with taxes, as the template asks) does not
 * take a 16 % gap for a saving. Anything else (equal amounts, another gap, other currencies) is said nothing of.
 */
export function valueWithoutTax(contract: Record<string, unknown>): boolean {
  const value = amountOf(contract.value);
  const withTax = amountOf(contract.valueWithTax);
  if (value === undefined || withTax === undefined || value <= 0) return false;
  const currency = (m: unknown): unknown => (isObject(m) ? m.currency : undefined);
  if (currency(contract.value) !== currency(contract.valueWithTax)) return false;
  return VAT_RATES.some((rate) => Math.abs(withTax - value * (1 + rate)) <= Math.max(0.01, value * (1 + rate) * 0.001));
}
