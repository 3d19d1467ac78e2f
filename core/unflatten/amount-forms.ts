/**
 * Amounts and counts as officials type them beside the number: a currency before or after an amount («MXN 1,234.50»,
 * «1,234.50 USD», «$1,234.50 M.N.»), an apostrophe grouping millions or thousands, as old Mexican forms and
 * typewriters wrote them («$1'234,567.89»), a unit after a duration («30 días»), and the three decimals of «1.234»,
 * which in a peso amount is almost always a thousand typed with the dot. Only the shapes: parse-value reads the number
 * and says how it was read (parseTyped).
 */
import { PROFILES } from '../profile/profiles';
import { codeAlias } from '../profile/code-aliases';
import { normalizeLabel } from './normalize-label';

let currencies: ReadonlySet<string> | undefined;

/** The ISO 4217 code a word beside an amount names («USD», «usd», «pesos», «M.N.»); undefined for any other word. */
export function currencyOf(word: string): string | undefined {
  currencies ??= new Set(PROFILES.ocds.codelists.currency?.codes ?? []);
  const code = word.toUpperCase();
  return currencies.has(code) ? code : codeAlias('currency', normalizeLabel(word));
}

// A word of letters (and the dots of «M.N.», the «$» of «US$») before or after the figure. Bounded, so that a long
// text costs one pass: parse-value refuses texts longer than a number can be before it gets here.
const WORD_BEFORE = /^([a-z][a-z.$]{0,15}|[a-z]{2,}\s+[a-z]{2,}(?:\s+[a-z]{2,})?)\s*(?=[$\d(+-])(.+)$/i;
const WORD_AFTER = /^(.*?\d\)?)\s*([a-z][a-z.$]{0,15}|[a-z]{2,}\s+[a-z]{2,}(?:\s+[a-z]{2,})?)$/i;

/**
 * The amount and the currency a cell writes around it: «MXN 1,234.50», «USD$ 1,234», «1,234.50 USD», «1,500 pesos»,
 * «$1,234 M.N.», «1,234 pesos mexicanos». Undefined when no currency of the list (or a name of one) is there.
 */
export function currencyAround(text: string): { number: string; currency: string } | undefined {
  const t = text.trim();
  const before = WORD_BEFORE.exec(t);
  const currencyBefore = before ? currencyOf(before[1].replace(/\$$/, '')) ?? currencyOf(before[1]) : undefined;
  if (before && currencyBefore !== undefined) return { number: before[2].trim(), currency: currencyBefore };
  const after = WORD_AFTER.exec(t);
  const currencyAfter = after ? currencyOf(after[2]) : undefined;
  return after && currencyAfter !== undefined ? { number: after[1].trim(), currency: currencyAfter } : undefined;
}

/**
 * Groups of three digits after apostrophes, then commas, with the decimals after a point: «1'234,567.89» (the
 * apostrophe marks the millions), «1'234'567.89», «$ 12'500.00» (also the typographic ’ a word processor makes of it).
 * The same text with commas in their place («1,234,567.89»), for the number reader; undefined for any other text.
 */
const APOSTROPHE_GROUPS = /^([+-]?\s*\$?\s*[+-]?\s*)(\d{1,3}(?:['’]\d{3})+(?:,\d{3})*)(\.\d+)?$/;

export function apostropheGroups(text: string): string | undefined {
  const m = APOSTROPHE_GROUPS.exec(text.trim());
  return m ? `${m[1]}${m[2].replace(/['’]/g, ',')}${m[3] ?? ''}` : undefined;
}

/**
 * Thousands grouped with spaces and a decimal comma, «$ 1 234 567,89», as French and Spanish (Spain) documents write
 * them: the number as es-MX writes it («1,234,567.89»), for the message that asks for it; undefined for any other text.
 * Only with one or two decimals: «1 234,567» could be either.
 */
const SPACE_GROUPS_DECIMAL_COMMA = /^([+-]?)\s*\$?\s*([+-]?)\s*(\d{1,3}(?:[ \u2009]\d{3})+),(\d{1,2})$/;

export function spaceGroupsDecimalComma(text: string): string | undefined {
  const m = SPACE_GROUPS_DECIMAL_COMMA.exec(text.trim());
  return m ? `${m[1] === '-' || m[2] === '-' ? '-' : ''}${m[3].replace(/[ \u2009]/g, ',')}.${m[4]}` : undefined;
}

/**
 * An amount of money with exactly three decimals and one to three figures before them (1.234, 12.500, 999.999): in
 * pesos and cents a thousand typed with the dot, as Spain and much of Latin America group thousands. The number meant
 * read so (1.234 → 1234); undefined for any other. Only this shape: 1234.567 has no reading with a thousands dot.
 */
export function thousandsDotMeant(n: number): number | undefined {
  const a = Math.abs(n);
  if (a < 1 || a >= 1000 || Number.isInteger(a)) return undefined;
  const thousandths = a * 1000;
  const whole = Math.round(thousandths);
  if (Math.abs(thousandths - whole) > 1e-6 || whole % 10 === 0) return undefined;
  return n < 0 ? -whole : whole;
}

/** Ways of writing «días» after a duration: días, dias, día, d, d., días naturales, días de calendario. */
const DAYS = /^(?:d[ií]as?|d\.?)(?:\s+(?:naturales|de\s+calendario|calendario))?$/i;
const BUSINESS_DAYS = /^d[ií]as?\s+h[aá]biles$/i;
const OTHER_UNITS = /^(?:mes(?:es)?|semanas?|a[ñn]os?|horas?|hrs?\.?)$/i;
const NUMBER_THEN_WORDS = /^(.*?\d)\s*([a-záéíóúñ][a-záéíóúñ. ]{0,30})$/i;

export type DurationUnit = { number: string; unit: 'days' } | { number: string; unit: 'business-days' | 'other'; word: string };

/**
 * The number and the unit written after it in a column of days: days (what the column counts), business days (which
 * are not), or another unit of time («meses», «semanas», «años»). Undefined when the word is no unit of time.
 */
export function durationUnit(text: string): DurationUnit | undefined {
  const m = NUMBER_THEN_WORDS.exec(text.trim());
  if (!m) return undefined;
  const word = m[2].trim().replace(/\s+/g, ' ');
  if (DAYS.test(word)) return { number: m[1], unit: 'days' };
  if (BUSINESS_DAYS.test(word)) return { number: m[1], unit: 'business-days', word };
  return OTHER_UNITS.test(word) ? { number: m[1], unit: 'other', word } : undefined;
}
