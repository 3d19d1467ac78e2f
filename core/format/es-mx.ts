/** es-MX formats shown to people: $1,234,567.89, 31/03/2024, "5.9 mil millones". Pure, no Intl data needed. */
import { DEFAULT_TIME_ZONE, utcOffset } from '../unflatten/time-zone';

function groupThousands(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatNumber(value: number, decimals = 2): string {
  const digits = Math.abs(value).toFixed(decimals);
  // Signed as shown: a value that rounds to zero (-0.001 → 0.00) is shown without a minus.
  const sign = value < 0 && /[1-9]/.test(digits) ? '-' : '';
  const [int, frac] = digits.split('.');
  return sign + groupThousands(int) + (frac ? `.${frac}` : '');
}

/**
 * Currencies written with the dollar sign besides the peso: «$2,500.00 USD». Any other is written with its code alone
 * after the figure, «2,500.00 EUR»: «$» before euros or yen read as pesos or dollars.
 */
const DOLLAR_SIGN = new Set(['USD', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD']);

export function formatMoney(value: number, currency = 'MXN'): string {
  return moneyText(formatNumber(value), currency);
}

/**
 * The decimals a figure has as it was typed or read, its binary noise aside (15 significant digits, what a spreadsheet
 * keeps: a sum's 0.30000000000000004 has one), and at least `min`: 27317.8168 has 4, 1.234 has 3.
 */
export function ownDecimals(value: number, min = 0): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return min;
  const text = String(Math.abs(Number(value.toPrecision(15))));
  const exponent = /e([+-]\d+)$/.exec(text);
  const mantissa = exponent ? text.slice(0, exponent.index) : text;
  const dot = mantissa.indexOf('.');
  const decimals = (dot < 0 ? 0 : mantissa.length - dot - 1) - (exponent ? Number(exponent[1]) : 0);
  // toFixed takes at most 100; a figure with more than 20 decimals is none a message quotes.
  return Math.min(20, Math.max(min, decimals));
}

/**
 * An amount as a message about that value quotes it: as money, with cents, and with every further decimal it has
 * ($1.234, $27,317.8168 USD). formatMoney rounds to cents, as the dashboard shows totals; a finding that rounded
 * 1.234 to «$1.23» quoted a value the official never typed, and hid the very decimals it warned about.
 */
export function formatAmount(value: number, currency = 'MXN'): string {
  return moneyText(formatNumber(value, ownDecimals(value, 2)), currency);
}

function moneyText(number: string, currency: string): string {
  if (currency !== 'MXN' && !DOLLAR_SIGN.has(currency)) return `${number} ${currency}`;
  const signed = number.startsWith('-') ? `-$${number.slice(1)}` : `$${number}`;
  return currency === 'MXN' ? signed : `${signed} ${currency}`;
}

/** A count and the words that agree with it: «1 contratación modificada», «1,204 contrataciones modificadas». */
export function formatCount(n: number, one: string, many: string): string {
  return `${formatNumber(n, 0)} ${n === 1 ? one : many}`;
}

/** Days in an average month of the Gregorian calendar (365.2425 / 12). */
const DAYS_PER_MONTH = 30.436875;

/**
 * A length in days as a reader says it: «40 años», «2 años y 6 meses», «8 meses»; under a month, its days
 * («20 días»). Rounded to the nearest month, so a length typed as years × 365 (14,600 días) reads «40 años», not
 * «39 años y 11 meses». Who needs the exact figure reads the days beside it (the project page shows both).
 */
export function formatDuration(days: number): string {
  const months = Math.round(days / DAYS_PER_MONTH);
  if (months < 1) return formatCount(days, 'día', 'días');
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const parts = [years ? formatCount(years, 'año', 'años') : '', rest ? formatCount(rest, 'mes', 'meses') : ''].filter(Boolean);
  return parts.join(' y ');
}

/** Items joined as Spanish lists them: «a», «a y b», «a, b y c» (`last`: the word before the last one, «ni» for a negated list). */
export function formatList(items: readonly string[], last = 'y'): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}` : items.join('');
}

const UTC_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?Z$/;

/**
 * A date-time as the reader's clock shows it. Dates published with their offset (`2024-03-20T00:00:00-06:00`, as the
 * converter writes them) are the publisher's own calendar and are kept as written. A UTC instant with a time
 * (`2026-12-04T03:37:43Z`: when something was published or sent) is Mexico City's wall clock: cut as written, an
 * evening publication showed the next day. UTC midnight is a date written as UTC and stays as written.
 */
function wallClock(iso: string): string {
  const m = UTC_INSTANT.exec(iso);
  if (!m || (m[4] === '00' && m[5] === '00' && Number(m[6] ?? 0) === 0 && Number(m[7] ?? 0) === 0)) return iso;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : mexicoCityClock(t).toISOString().slice(0, 16);
}

/** An instant (ms since 1970) as Mexico City's clock shows it, read with the Date's getUTC… methods. */
function mexicoCityClock(t: number): Date {
  const utc = new Date(t);
  const offset = utcOffset(DEFAULT_TIME_ZONE, utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate()) ?? '-06:00';
  return new Date(t + Number(offset.slice(0, 3)) * 3_600_000);
}

/**
 * The calendar day (aaaa-mm-dd) Mexico City is living at an instant: what «today» and «the day it was published» are
 * for a coordinator there. Unlike calendarDate it reads every instant on the wall clock, UTC midnight too.
 */
export function mexicoCityDay(t: number): string {
  return mexicoCityClock(t).toISOString().slice(0, 10);
}

/** ISO 8601 date or date-time → dd/mm/aaaa: the calendar date written in the string, a UTC instant's in Mexico City. */
export function formatDate(iso: string): string {
  const day = calendarDate(iso);
  return day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : iso;
}

/**
 * The calendar date formatDate shows, written aaaa-mm-dd: what a CSV carries, since spreadsheet programs read it as a
 * date in any locale. A date-time with its offset (`2024-09-02T00:00:00-06:00`, the published form) stayed text in
 * Excel. Undefined for what is not a date.
 */
export function calendarDate(iso: string | undefined): string | undefined {
  const m = iso === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(wallClock(iso));
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** An ISO 8601 date or date-time as dd/mm/aaaa, with its hh:mm when it has a time other than midnight. */
export function formatDateTime(iso: string): string {
  const local = wallClock(iso);
  const time = /^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2})/.exec(local);
  return `${formatDate(local)}${time && `${time[1]}:${time[2]}` !== '00:00' ? ` ${time[1]}:${time[2]}` : ''}`;
}

/**
 * When something happened on the platform (a send, an approval, a comment): «04/12/2026, 01:21:07 p.m.», Mexico
 * City's clock, with the seconds — two sends of one workbook within a minute have nothing else to tell them apart —
 * and the «p.m.» held to its time by a no-break space (a phone's line cut «01:25:12» from it). The review pages and
 * the server's messages about sends say times this one way; it writes what es-MX's Intl writes, without Intl.
 */
export function formatTimestamp(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const local = mexicoCityClock(t);
  const two = (n: number): string => String(n).padStart(2, '0');
  const hours = local.getUTCHours();
  return `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${String(local.getUTCFullYear()).padStart(4, '0')}, `
    + `${two(hours % 12 || 12)}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}\u00a0${hours < 12 ? 'a.m.' : 'p.m.'}`;
}

/**
 * A figure as a message quotes it: grouped, with cents only when it has them (3,050,000; 91,168,415.75), and every
 * further decimal it has (1.2345, 0.005: an advance typed 0.5 % and kept as a fraction read «0.01»).
 */
export function formatFigure(value: number): string {
  return formatNumber(value, Number.isInteger(value) ? 0 : ownDecimals(value, 2));
}

/**
 * A file's size as officials see it in Windows' Explorer and Google Drive: MB and KB of 1,024 (what they call MB is
 * 2^20 bytes; «MiB» is a unit nobody in an office knows). At most one decimal; under 1 MB in whole KB, rounded up as
 * Explorer does, so a small file is never «0 MB».
 */
export function formatFileSize(bytes: number): string {
  if (bytes < 2 ** 20) return `${formatNumber(Math.ceil(bytes / 1024), 0)} KB`;
  const tenths = Math.round((bytes / 2 ** 20) * 10);
  return `${formatNumber(tenths / 10, tenths % 10 === 0 ? 0 : 1)} MB`;
}

/**
 * A share (0…1) in percent with at most one decimal, rounded first: 0.29 (28.999… × 100 in floating point) is
 * «29 %», not «29.0 %»; 2/3 is «66.7 %».
 */
export function formatPercent(share: number): string {
  const tenths = Math.round(share * 1000);
  return `${formatNumber(tenths / 10, tenths % 10 === 0 ? 0 : 1)} %`;
}

/**
 * A part of a whole (0…1: fields filled, amount paid of contracted, projects done) as formatPercent writes it, but
 * never rounded to a whole it is not: 1,999 of 2,000 fields is «99.9 %», not «100 %», and 1 of 2,000 is «0.1 %»,
 * not «0 %» — an auditor quoting Calidad de datos read a large implementer's «100 %» as complete. A change between
 * two amounts is not a part of a whole: formatPercent, where a few pesos are «0 %».
 */
export function formatShare(share: number): string {
  if (share > 0.999 && share < 1) return formatPercent(0.999);
  if (share > 0 && share < 0.001) return formatPercent(0.001);
  return formatPercent(share);
}

/** A large amount in words, as its figure and its scale word apart (a layout may let the words wrap, never the figure). */
export interface CompactAmount { figure: string; scale: string }

/**
 * The scale words. Always plural: the figure before them always has a decimal, and a noun counted by a figure with
 * decimals takes the plural — «1.5 millones», and «1.0 millones» too (RAE, Ortografía de la lengua española, 2010,
 * p. 685: «0,5 millones de euros», not «0,5 millón»; only «uno» itself takes the singular: «1 millón»). «1.0 millón»
 * mixed the two.
 */
const SCALES: [number, string][] = [[1e9, 'mil millones'], [1e6, 'millones'], [1e3, 'mil']];

/**
 * Large amounts in words, always with one decimal: {figure: '5.9', scale: 'mil millones'}, '12.3 millones',
 * '1.0 mil millones', '850.0 mil'; below a thousand, the figure alone. One rule for every amount: cards side by side
 * read «$1 mil millones» beside «$2.2 mil millones» when a round tenth dropped its decimal. `prefix` goes after the
 * sign («-$2.5»). Mexican usage: «mil millones», never the English «billion»; past a million of millions the figure
 * grows («1,234.6 mil millones») rather than say «billón», which readers of English-language sources take for 10⁹.
 * A figure that rounds up to a thousand takes the next word (999,960,000 is «1.0 mil millones», not «1,000.0
 * millones»); one million, to the tenth, is «1.0 millones» (SCALES).
 */
export function compactParts(value: number, prefix = ''): CompactAmount {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  for (let i = 0; i < SCALES.length; i++) {
    const [size, words] = SCALES[i];
    if (abs < size) continue;
    const n = Math.round((abs / size) * 10) / 10;
    if (n >= 1000 && i > 0) return compactParts(Math.sign(value) * SCALES[i - 1][0], prefix);
    return { figure: sign + prefix + formatNumber(n, 1), scale: words };
  }
  return { figure: sign + prefix + formatNumber(abs, abs % 1 === 0 ? 0 : 2), scale: '' };
}

/** Large amounts in words: 5.9 mil millones, 12.3 millones, 850.0 mil. */
export function formatCompact(value: number, prefix = ''): string {
  const { figure, scale } = compactParts(value, prefix);
  return scale ? `${figure} ${scale}` : figure;
}
