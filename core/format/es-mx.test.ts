import { calendarDate, formatDuration, compactParts, formatFileSize, formatCompact, formatCount, formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, formatShare, formatList, formatTimestamp } from './es-mx';

describe('formatMoney and formatNumber', () => {
  it('write es-MX amounts, the minus before the sign of the currency', () => {
    expect(formatMoney(1234567.891)).toBe('$1,234,567.89');
    expect(formatMoney(-1500)).toBe('-$1,500.00');
    expect(formatMoney(2500, 'USD')).toBe('$2,500.00 USD');
    // A currency not written with «$» keeps its code alone: «$» before euros would read as pesos or dollars.
    expect(formatMoney(-2500, 'EUR')).toBe('-2,500.00 EUR');
    expect(formatNumber(-1234.5, 1)).toBe('-1,234.5');
  });

  it('show no minus on a value that rounds to zero (a difference of -0.001 is «$0.00», not «-$0.00»)', () => {
    expect(formatMoney(-0.001)).toBe('$0.00');
    expect(formatMoney(-0.004, 'USD')).toBe('$0.00 USD');
    expect(formatNumber(-0.4, 0)).toBe('0');
    expect(formatMoney(-0.01)).toBe('-$0.01');
  });
});

describe('formatCount', () => {
  it('agrees the words with the count, and groups thousands as es-MX does', () => {
    expect(formatCount(1, 'contratación nueva', 'contrataciones nuevas')).toBe('1 contratación nueva');
    expect(formatCount(0, 'contratación nueva', 'contrataciones nuevas')).toBe('0 contrataciones nuevas');
    expect(formatCount(1204, 'error', 'errores')).toBe('1,204 errores');
  });
});

describe('formatDuration', () => {
  it('says a length in days in years and months, as a reader says it («Vida útil»: 14,600 días is «40 años»)', () => {
    expect(formatDuration(14600)).toBe('40 años');
    expect(formatDuration(365)).toBe('1 año');
    expect(formatDuration(913)).toBe('2 años y 6 meses');
    expect(formatDuration(396)).toBe('1 año y 1 mes');
    expect(formatDuration(240)).toBe('8 meses');
    expect(formatDuration(30)).toBe('1 mes');
    expect(formatDuration(10)).toBe('10 días');
    expect(formatDuration(1)).toBe('1 día');
  });
});

describe('formatDate and formatDateTime', () => {
  it("keep a date published with its offset as written (the publisher's calendar, Cancún's or Tijuana's too)", () => {
    expect(formatDate('2024-03-20T00:00:00-06:00')).toBe('20/03/2024');
    expect(formatDate('2024-03-20T00:00:00-05:00')).toBe('20/03/2024');
    expect(formatDateTime('2024-03-01T09:30:15.250-05:00')).toBe('01/03/2024 09:30');
    expect(formatDate('2024-03-20')).toBe('20/03/2024');
  });

  it('show a UTC instant on the clock of Mexico City: an evening publication is not dated the next day', () => {
    expect(formatDate('2026-12-04T03:37:43Z')).toBe('03/12/2026');
    expect(formatDateTime('2026-12-04T03:37:43.120Z')).toBe('03/12/2026 21:37');
    expect(formatDate('2026-12-04T18:00:00Z')).toBe('04/12/2026');
    // UTC midnight is a date written as UTC, not an instant.
    expect(formatDate('2024-03-01T00:00:00Z')).toBe('01/03/2024');
    expect(formatDate('0001-01-01T00:00:00Z')).toBe('01/01/0001');
  });
});

describe('formatTimestamp', () => {
  it("says when something happened on the platform on Mexico City's clock, with the seconds, as es-MX's Intl writes it", () => {
    const cases = ['2026-12-04T19:21:07.120Z', '2026-12-04T06:05:09Z', '2026-12-04T18:05:09Z', '2026-12-04T05:59:59Z', '2021-07-01T12:00:00Z', '2024-02-29T23:59:59Z'];
    for (const iso of cases) {
      const intl = new Date(iso).toLocaleString('es-MX', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'America/Mexico_City' });
      expect(formatTimestamp(iso)).toBe(intl.replace(/\s(?=[ap]\.)/, '\u00a0'));
    }
    expect(formatTimestamp('2026-12-04T19:21:07.120Z')).toBe('04/12/2026, 01:21:07\u00a0p.m.');
    expect(formatTimestamp('2026-12-04T06:05:09Z')).toBe('04/12/2026, 12:05:09\u00a0a.m.');
    expect(formatTimestamp('no es una fecha')).toBe('no es una fecha');
  });
});

describe('formatCompact and compactParts', () => {
  it('write large amounts as Mexican readers do: «mil millones», never «billones»; one decimal, thousands grouped', () => {
    expect(formatCompact(161_091_560_293, '$')).toBe('$161.1 mil millones');
    expect(formatCompact(8_042_907_920.07)).toBe('8.0 mil millones');
    expect(formatCompact(12_345_678.9)).toBe('12.3 millones');
    expect(formatCompact(850_000)).toBe('850.0 mil');
    expect(formatCompact(912.5, '$')).toBe('$912.50');
    expect(formatCompact(1_234_567_890_123.45)).toBe('1,234.6 mil millones');
  });
  it('say «1.0 millones» (a figure with decimals takes the plural, as «1.5 millones»), and take the next word when rounding reaches a thousand', () => {
    expect(formatCompact(1_000_000)).toBe('1.0 millones');
    expect(formatCompact(1_040_000)).toBe('1.0 millones');
    expect(formatCompact(1_050_000)).toBe('1.1 millones');
    expect(formatCompact(999_960_000)).toBe('1.0 mil millones');
    expect(formatCompact(999_999, '$')).toBe('$1.0 millones');
    expect(compactParts(-1_000_000, '$')).toEqual({ figure: '-$1.0', scale: 'millones' });
  });
  it('always write one decimal, so that amounts side by side follow one rule («$1.0» beside «$2.2 mil millones»)', () => {
    expect(compactParts(1_000_000_000, '$')).toEqual({ figure: '$1.0', scale: 'mil millones' });
    expect(compactParts(2_200_000_000, '$')).toEqual({ figure: '$2.2', scale: 'mil millones' });
    expect(formatCompact(45_000_000, '$')).toBe('$45.0 millones');
    expect(formatCompact(300_000_000_000, '$')).toBe('$300.0 mil millones');
  });
  it('put the sign before the currency symbol, and give the figure and its word apart', () => {
    expect(formatCompact(-2_500_000, '$')).toBe('-$2.5 millones');
    expect(compactParts(365_846_265_058.69, '$')).toEqual({ figure: '$365.8', scale: 'mil millones' });
    expect(compactParts(640, '$')).toEqual({ figure: '$640', scale: '' });
  });
});

test('formatPercent rounds to one decimal and drops a «.0» the rounding leaves (Calidad de datos showed «29.0 %» beside «43 %»)', () => {
  // 0.29 × 100 is 28.999999999999996 in floating point.
  expect([0.29, 0.5699999, 0.43, 0.512, 2 / 3, 1, 0].map(formatPercent)).toEqual(['29 %', '57 %', '43 %', '51.2 %', '66.7 %', '100 %', '0 %']);
  // A part of a whole is never a whole it is not: 1,999 of 2,000 read «100 %» (complete), 1 of 2,000 «0 %» (nothing).
  expect([1999 / 2000, 1 / 2000, 1, 0, 0.999, 2 / 3].map(formatShare)).toEqual(['99.9 %', '0.1 %', '100 %', '0 %', '99.9 %', '66.7 %']);
  expect(formatPercent(1999 / 2000)).toBe('100 %');
});

test('formatList joins items as Spanish lists them', () => {
  expect(formatList([])).toBe('');
  expect(formatList(['«A»'])).toBe('«A»');
  expect(formatList(['«A»', '«B»'])).toBe('«A» y «B»');
  expect(formatList(['a', 'b', 'c'])).toBe('a, b y c');
  expect(formatList(['a', 'b'], 'ni')).toBe('a ni b');
});

describe('calendarDate', () => {
  test('the date formatDate shows, as aaaa-mm-dd: the publisher\'s calendar for a date with its offset, Mexico City\'s for a UTC instant', () => {
    expect(calendarDate('2024-09-02T00:00:00-06:00')).toBe('2024-09-02');
    expect(calendarDate('2024-09-02T00:00:00-05:00')).toBe('2024-09-02'); // Cancún's midnight, not Mexico City's 23:00 of the day before
    expect(calendarDate('2026-12-05T03:37:43Z')).toBe('2026-12-04'); // published on the evening of the 4th in Mexico City
    expect(calendarDate('2024-03-31')).toBe('2024-03-31');
    expect([calendarDate(undefined), calendarDate('pronto')]).toEqual([undefined, undefined]);
  });
});

describe('formatFileSize', () => {
  test('in MB and KB of 1,024, as Windows and Drive show a file: never «MiB», never «0 MB»', () => {
    expect([100 * 2 ** 20, 600 * 2 ** 20, 20.5 * 2 ** 20, 1536 * 2 ** 20, 2 ** 20].map(formatFileSize)).toEqual(['100 MB', '600 MB', '20.5 MB', '1,536 MB', '1 MB']);
    expect([2048, 2049, 300 * 1024, 1].map(formatFileSize)).toEqual(['2 KB', '3 KB', '300 KB', '1 KB']);
  });
});
