/**
 * Mexican postal codes (códigos postales, SEPOMEX) have exactly five digits, leading zero included (Mexico City's
 * start with 0); the capture tool's form demanded five characters (rules.md R-23). Checked on every address in
 * Mexico — one with no country or with México as country. `address.postalCode` (error) on the postal code.
 */
import { isObject, stringAt } from './json';
import type { ValueCheck } from './types';

const MEXICO = new Set(['mexico', 'méxico', 'mx', 'mex', 'estados unidos mexicanos']);

/** An address in Mexico, as this check and the import's restored zero (core/import/postal-code-zero) read it. */
export function addressInMexico(address: Record<string, unknown>): boolean {
  const country = stringAt(address, 'countryName');
  return country === undefined || MEXICO.has(country.trim().toLowerCase());
}

export const postalCode: ValueCheck = {
  on: 'object',
  visitor: ({ report }) => (value, p) => {
    if (!isObject(value) || value.postalCode === undefined) return;
    if (!addressInMexico(value)) return;
    const code = value.postalCode;
    const text = typeof code === 'number' ? String(code) : typeof code === 'string' ? code.trim() : undefined;
    if (text === undefined || text === '') return;
    if (!/^\d{5}$/.test(text)) report('address.postalCode', 'error', `${p()}/postalCode`, { value: text });
  },
};
