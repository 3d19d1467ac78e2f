/**
 * The spreadsheet's locale decides how Google Sheets reads a date typed by hand: with one that reads month first
 * (the United States', in English or in Spanish), 01/04/2024 is stored as 4 January, a valid date that no check of
 * the values can tell from the 1 April the official meant (31/03/2024 stays text and is read right, so the sheet
 * looks fine). It decides how numbers are shown and read too: with one that writes a decimal comma (Spain's,
 * Argentina's, Colombia's, Brazil's…), the amounts read 1.234.567,89 and an amount typed the Mexican way is not the
 * number meant. «Crear plantilla» sets Mexico's, but a spreadsheet made before it did, or set back since, keeps its
 * own. Only the add-on sees the locale, so it says so beside the findings of the values.
 */
import { finding, type Finding } from '../../../core/findings/finding';
import type { SpreadsheetPort } from '../sheet-port';

/** Sheets locales whose dates read month/day/year (en_US, es_US, es_PR, en_PH, fil_PH). */
const MONTH_FIRST = new Set(['en_US', 'es_US', 'es_PR', 'en_PH', 'fil_PH']);

/**
 * Sheets locales whose numbers take a decimal comma and a point (or a space) between thousands: the Spanish- and
 * Portuguese-speaking ones an official in Mexico may have (a spreadsheet copied from a colleague abroad, an account
 * set up in Spain) and the common European ones. A list, not `Intl`: Apps Script's runtime need not carry every
 * locale's data, and a warning that depended on it could go silent there.
 */
const DECIMAL_COMMA = new Set([
  'es_ES', 'es_AR', 'es_BO', 'es_CL', 'es_CO', 'es_CR', 'es_EC', 'es_PY', 'es_UY', 'es_VE', 'ca_ES', 'gl_ES', 'eu_ES',
  'pt_BR', 'pt_PT', 'fr_FR', 'fr_CA', 'de_DE', 'de_AT', 'it_IT', 'nl_NL',
]);

export function readsMonthFirst(locale: string): boolean {
  return MONTH_FIRST.has(locale);
}

export function writesDecimalComma(locale: string): boolean {
  return DECIMAL_COMMA.has(locale);
}

export function localeFindings(ss: SpreadsheetPort): Finding[] {
  const locale = ss.locale();
  if (readsMonthFirst(locale)) return [finding('workbook.month-first-locale', 'warning', { locale })];
  if (writesDecimalComma(locale)) return [finding('workbook.decimal-comma-locale', 'warning', { locale })];
  return [];
}
