/**
 * Which fields of a change are money, and where their currency is: an OCDS Value's `amount`, and the `netAmount` the
 * template's «… sin impuestos» columns fill beside it (awards, contracts, items, transactions). The coordinator's
 * preview writes them as money («$41,000,000.00»); `netAmount` alone read «41000000». Shared by the preview's diff
 * (change-preview.ts) and the page that shows it (dashboard/src/review/review-pages.ts).
 */
const MONEY = /(^|\/)(amount|netAmount)$/;

export const isMoneyPath = (path: string): boolean => MONEY.test(path);

/** The currency beside a money field: `…/value/netAmount` → `…/value/currency`. */
export const currencyPathOf = (path: string): string => path.replace(/(amount|netAmount)$/, 'currency');
