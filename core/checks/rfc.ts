/**
 * Mexican RFC (Registro Federal de Contribuyentes), the identifier of every EDCA-MX party (scheme `MX-RFC`,
 * rules.md ): 12 characters for companies (3 letters + date YYMMDD + homoclave) or 13 for people
 * (4 letters + date + homoclave); the last character is SAT's check digit over the preceding ones.
 * `rfc.length`, `rfc.format`, `rfc.date` are errors, and so is `rfc.lowercase`: SAT writes RFCs in capitals, and one typed
 * in lowercase was published so, and named a party (`MX-RFC-…`) that its references in capitals did not match. A sheet's
 * RFC no longer reaches it so: the reader writes it in capitals, with a note (core/unflatten/read-rows.ts,
 * `cell.rfc-uppercased`); it remains for parties that arrive as JSON. `rfc.checkDigit` is a warning, because a small share of
 * RFCs genuinely issued by SAT carry a check digit that does not verify, and the official is not to blame.
 */
import { forEachParty, isObject, stringAt } from './json';
import type { Check } from './types';

export type RfcProblem = 'length' | 'format' | 'date' | 'lowercase' | 'checkDigit';

/** SAT's ordering for the check digit: digits, A–N, &, O–Z, space, Ñ; value = position. */
const CHECK_ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';

/** Check digit over the RFC without its last character, right-aligned on 12 positions (companies pad with a space). */
export function rfcCheckDigit(body: string): string {
  const padded = body.padStart(12, ' ');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += CHECK_ALPHABET.indexOf(padded[i]) * (13 - i);
  const digit = (11 - (sum % 11)) % 11;
  return CHECK_ALPHABET[digit];
}

function validDate(yymmdd: string): boolean {
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12 || day < 1) return false;
  // Any century: February 29 is fine for 00 (2000), so test against a leap-year-aware calendar with 2000+yy.
  const daysInMonth = new Date(Date.UTC(2000 + Number(yymmdd.slice(0, 2)), month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** SAT's generic RFCs (general public, foreign residents) are valid by definition although their digit does not verify. */
const GENERIC_RFCS = new Set(['XAXX010101000', 'XEXX010101000']);

/**
 * The RFC's scheme written otherwise than its code, MX-RFC (org-id.guide's code for SAT's register): «RFC», as Nuevo
 * León's capture tool publishes it, and «R.F.C.», any case. `infra-abierta import` writes these as MX-RFC
 * (import.scheme-rfc); typed in a sheet, the official is told to write MX-RFC (party.schemeRfcSpelling).
 */
export function isRfcSchemeSpelling(scheme: string): boolean {
  return /^r\.?\s*f\.?\s*c\.?$/i.test(scheme.trim());
}

/** One of SAT's generic RFCs: shared by companies and people alike, so its length says nothing about who holds it. */
export function isGenericRfc(rfc: string | undefined): boolean {
  return rfc !== undefined && GENERIC_RFCS.has(rfc.trim().toUpperCase());
}

/** 3 letters (companies) or 4 (people), the date, the homoclave and the check digit. */
const COMPANY = /^[A-ZÑ&]{3}\d{6}[A-Z0-9]{2}[A0-9]$/;
const PERSON = /^[A-ZÑ&]{4}\d{6}[A-Z0-9]{2}[A0-9]$/;

/**
 * The answer for each RFC seen, bounded: a package names the same buyers and suppliers in release after release, and
 * the answer depends on the text alone (issue 17).
 */
const ANSWERS = new Map<string, RfcProblem | null>();
const MAX_ANSWERS = 20_000;

export function rfcProblem(rfc: string): RfcProblem | undefined {
  let answer = ANSWERS.get(rfc);
  if (answer === undefined) {
    answer = problemOf(rfc) ?? null;
    if (ANSWERS.size >= MAX_ANSWERS) ANSWERS.clear();
    ANSWERS.set(rfc, answer);
  }
  return answer ?? undefined;
}

function problemOf(rfc: string): RfcProblem | undefined {
  const value = rfc.toUpperCase();
  if (GENERIC_RFCS.has(value)) return undefined;
  if (value.length !== 12 && value.length !== 13) return 'length';
  const letters = value.length - 9;
  if (!(letters === 3 ? COMPANY : PERSON).test(value)) return 'format';
  if (!validDate(value.slice(letters, letters + 6))) return 'date';
  if (value !== rfc) return 'lowercase';
  if (rfcCheckDigit(value.slice(0, -1)) !== value.slice(-1)) return 'checkDigit';
  return undefined;
}

export const rfc: Check = ({ releases, projects, report }) => {
  // A party's pointer is made only for an RFC with a problem (issue 17).
  forEachParty([...releases, ...projects], (party, at) => {
    const identifier = party.identifier;
    if (!isObject(identifier) || stringAt(identifier, 'scheme') !== 'MX-RFC') return;
    const id = stringAt(identifier, 'id');
    if (id === undefined) return;
    const problem = rfcProblem(id.trim());
    if (problem) report(`rfc.${problem}`, problem === 'checkDigit' ? 'warning' : 'error', at('identifier/id'), { value: id, length: id.trim().length, upper: id.trim().toUpperCase() });
  });
};
