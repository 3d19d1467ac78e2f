/**
 * A Mexican postal code published with four digits: Ciudad de México's SEFIN wrote «6720» and «3730» for 06720 and
 * 03730 (its capture went through a number, which keeps no leading zero). Mexican codes have five digits (SEPOMEX), so
 * four digits in an address in Mexico can only be that lost zero; the workbook got «6720», and `validate` then refused
 * a value the official never typed. The import writes it back (`import.postal-code-zero`, one note per column, with an
 * example). Only here: what an official types in the sheet is still checked as typed (core/checks/postal-code.ts),
 * since there a four-digit code may as well be a digit missing anywhere.
 */
import { addressInMexico } from '../checks/postal-code';

/** The code with its zero back, or undefined when it is not a four-digit code of an address in Mexico. */
export function restoredPostalCode(address: Record<string, unknown>, code: string): string | undefined {
  return /^\d{4}$/.test(code) && addressInMexico(address) ? `0${code}` : undefined;
}
