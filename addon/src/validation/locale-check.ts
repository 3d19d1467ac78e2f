/**
 * The spreadsheet's locale decides how Google Sheets reads a date typed by hand: with one that reads month first
 * (the United States', in English or in Spanish), 01/04/2024 is stored as 4 January, a valid date that no check of
 * the values can tell from the 1 April the official meant (31/03/2024 stays text and is read right, so the sheet
 * looks fine). Only the add-on sees the locale, so it says so beside the findings of the values.
 */
import { finding, type Finding } from '../../../core/findings/finding';
import type { SpreadsheetPort } from '../sheet-port';

/** Sheets locales whose dates read month/day/year (en_US, es_US, es_PR, en_PH, fil_PH). */
const MONTH_FIRST = new Set(['en_US', 'es_US', 'es_PR', 'en_PH', 'fil_PH']);

export function readsMonthFirst(locale: string): boolean {
  return MONTH_FIRST.has(locale);
}

export function localeFindings(ss: SpreadsheetPort): Finding[] {
  const locale = ss.locale();
  return readsMonthFirst(locale) ? [finding('workbook.month-first-locale', 'warning', { locale })] : [];
}
