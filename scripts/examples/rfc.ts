/**
 * Mexican RFC (Registro Federal de Contribuyentes): 3 letters (personas morales) or 4 (personas físicas),
 * the date of incorporation/birth as YYMMDD, and a 3-character homoclave whose last character is the SAT check digit.
 */

/** SAT's value table for the check digit: a character's value is its index here (the space pads personas morales). */
const ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';

const RFC_PATTERN = /^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})([A-Z0-9]{2})([0-9A])$/;

/**
 * Check digit of an RFC given without it (11 characters for a persona moral, 12 for a persona física).
 * SAT algorithm: pad to 12 characters with a leading space, weight the values 13…2, and take 11 − (sum mod 11),
 * where 11 becomes "0" and 10 becomes "A".
 */
export function rfcCheckDigit(withoutDigit: string): string {
  const padded = withoutDigit.length === 11 ? ` ${withoutDigit}` : withoutDigit;
  if (padded.length !== 12) throw new Error(`RFC sin dígito verificador de longitud inválida: ${withoutDigit}`);
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const value = ALPHABET.indexOf(padded[i]);
    if (value < 0) throw new Error(`Carácter inválido en RFC: ${padded[i]}`);
    sum += value * (13 - i);
  }
  const digit = 11 - (sum % 11);
  return digit === 11 ? '0' : digit === 10 ? 'A' : String(digit);
}

function isCalendarDate(yy: string, mm: string, dd: string): boolean {
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12 || day < 1) return false;
  // The century is unknown; a leap day is valid whenever YY is divisible by 4 (2000 was a leap year too).
  const daysInMonth = new Date(Date.UTC(2000 + Number(yy), month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** True for a well-formed RFC: shape, real date, and matching check digit. */
export function isValidRfc(rfc: string): boolean {
  const m = RFC_PATTERN.exec(rfc);
  if (!m) return false;
  if (!isCalendarDate(m[2], m[3], m[4])) return false;
  return rfcCheckDigit(rfc.slice(0, -1)) === m[6];
}

/** Builds a valid RFC from its letters, date (YYMMDD) and the first two homoclave characters. */
export function makeRfc(letters: string, yymmdd: string, homoclave: string): string {
  const base = `${letters}${yymmdd}${homoclave}`;
  const rfc = base + rfcCheckDigit(base);
  if (!isValidRfc(rfc)) throw new Error(`RFC mal formado: ${rfc}`);
  return rfc;
}
