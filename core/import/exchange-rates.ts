/**
 * INAI's capture tool writes an exchange rate on every contract value, `[{currency: "MXN"}]`, whether or not anyone
 * typed one (edca-mx/rules.md R-31: the destination currency is a hidden, fixed MXN; rate, date and source stay
 * disabled until the contract's currency is changed). Such an entry names no rate (exchangeRate extension:
 * `ExchangeRate` has no required field, so it is valid, but it converts nothing), and in the template it became a
 * «Tipos de cambio» row that validation then refused for the rate and date the program asks of every row — on a row
 * the official never typed. It is left out on import, with one info note per release (`import.exchange-rate-currency-only`);
 * an entry that carries anything besides its currency is kept as it came. When none is left, `exchangeRates` goes
 * too (the extension asks for at least one entry when the field is present).
 */
import { finding, type Finding } from '../findings/finding';
import { isObject } from '../json/json-values';

type Obj = Record<string, unknown>;

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** An entry whose only content is its currency: every other property absent, null or an empty text. */
function currencyOnly(entry: unknown): entry is Obj & { currency: string } {
  return isObject(entry) && typeof entry.currency === 'string' && !blank(entry.currency)
    && Object.entries(entry).every(([k, v]) => k === 'currency' || blank(v));
}

export function dropCurrencyOnlyExchangeRates(release: Obj, pointer: string, findings: Finding[]): void {
  const contracts = Array.isArray(release.contracts) ? release.contracts : [];
  contracts.forEach((contract, i) => {
    const value = isObject(contract) && isObject(contract.value) ? contract.value : undefined;
    if (!value || !Array.isArray(value.exchangeRates)) return;
    const empty = value.exchangeRates.filter(currencyOnly);
    if (!empty.length) return;
    const kept = value.exchangeRates.filter((e) => !currencyOnly(e));
    if (kept.length) value.exchangeRates = kept;
    else delete value.exchangeRates;
    const currencies = [...new Set(empty.map((e) => e.currency.trim()))].join(', ');
    findings.push(finding('import.exchange-rate-currency-only', 'info', { count: empty.length, currency: currencies }, { pointer: `${pointer}/contracts/${i}/value/exchangeRates` }));
  });
}
