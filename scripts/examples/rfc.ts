/**
 * Mexican RFCs for the example data: 3 letters (personas morales) or 4 (personas físicas), the date of
 * incorporation/birth as YYMMDD, and a 3-character homoclave whose last character is the SAT check digit — computed
 * and checked by the program's own RFC rule (core/checks/rfc.ts), so every example party passes it.
 */
import { rfcCheckDigit, rfcProblem } from '../../core/checks/rfc';

/** Builds a valid RFC from its letters, date (YYMMDD) and the first two homoclave characters. */
export function makeRfc(letters: string, yymmdd: string, homoclave: string): string {
  const base = `${letters}${yymmdd}${homoclave}`;
  const rfc = base + rfcCheckDigit(base);
  if (rfcProblem(rfc) !== undefined) throw new Error(`RFC mal formado: ${rfc}`);
  return rfc;
}
