import { isKnownTimeZone, localDateTime, utcOffset, wallClock } from './time-zone';
import { parseDate } from './parse-value';
import { readSettings } from './settings-reader';
import type { Finding } from '../findings/finding';

test.each([
  ['America/Mexico_City', 2024, 7, 1, '-06:00'],
  ['America/Mexico_City', 2021, 7, 1, '-05:00'],
  ['America/Mexico_City', 2021, 4, 4, '-06:00'], // first Sunday of April: midnight is before the 02:00 change
  ['America/Mexico_City', 2021, 4, 5, '-05:00'],
  ['America/Mexico_City', 2021, 10, 31, '-05:00'], // last Sunday of October: midnight still summer time
  ['America/Mexico_City', 2021, 11, 1, '-06:00'],
  ['America/Mexico_City', 2022, 10, 30, '-05:00'], // the last change (02:00): its midnight was still summer time
  ['America/Cancun', 2015, 2, 1, '-06:00'], // -05:00 from 02:00 of that day
  ['America/Monterrey', 2024, 1, 1, '-06:00'],
  ['America/Cancun', 2024, 7, 1, '-05:00'],
  ['America/Cancun', 2014, 1, 1, '-06:00'],
  ['America/Hermosillo', 2024, 7, 1, '-07:00'],
  ['America/Mazatlan', 2024, 7, 1, '-07:00'],
  ['America/Chihuahua', 2024, 7, 1, '-06:00'],
  ['America/Tijuana', 2024, 1, 15, '-08:00'],
  ['America/Tijuana', 2024, 3, 10, '-08:00'], // second Sunday of March
  ['America/Tijuana', 2024, 3, 11, '-07:00'],
  ['America/Tijuana', 2024, 11, 3, '-07:00'], // first Sunday of November
  ['America/Tijuana', 2024, 11, 4, '-08:00'],
  ['America/Matamoros', 2024, 7, 1, '-05:00'],
  ['America/Ojinaga', 2024, 1, 1, '-06:00'],
  // The month of 2022 Chihuahua's border followed its reform (-06:00 all year) before going back to the US rule.
  ['America/Ciudad_Juarez', 2022, 11, 15, '-06:00'],
  ['America/Ciudad_Juarez', 2022, 12, 15, '-07:00'],
  ['America/Ciudad_Juarez', 2023, 7, 1, '-06:00'],
  ['America/Ojinaga', 2022, 11, 15, '-06:00'],
  ['America/Chihuahua', 2023, 7, 1, '-06:00'],
  ['America/Chihuahua', 2022, 1, 15, '-07:00'],
  ['UTC', 2024, 1, 1, '+00:00'],
])('%s %i-%i-%i → %s', (zone, y, m, d, offset) => expect(utcOffset(zone as string, y as number, m as number, d as number)).toBe(offset));

test('zones outside the table are unknown', () => {
  expect(isKnownTimeZone('Europe/Madrid')).toBe(false);
  expect(utcOffset('Europe/Madrid', 2024, 1, 1)).toBeUndefined();
});

test('wallClock: an instant as the clock time it shows in a zone, given in UTC (how a file gives a date cell)', () => {
  const at = (iso: string, zone: string): string | undefined => { const t = wallClock(Date.parse(iso), zone); return t === undefined ? undefined : new Date(t).toISOString(); };
  expect(at('2024-03-31T12:00:00Z', 'America/Mexico_City')).toBe('2024-03-31T06:00:00.000Z');
  // UTC midnight is 18:00 of the day before in Mexico City, 19:00 in Cancún.
  expect(at('2024-03-31T00:00:00Z', 'America/Mexico_City')).toBe('2024-03-30T18:00:00.000Z');
  expect(at('2024-03-31T00:00:00Z', 'America/Cancun')).toBe('2024-03-30T19:00:00.000Z');
  // Summer time: Tijuana is UTC−7 in July, UTC−8 in January.
  expect(at('2024-07-01T07:00:00Z', 'America/Tijuana')).toBe('2024-07-01T00:00:00.000Z');
  expect(at('2024-01-15T08:00:00Z', 'America/Tijuana')).toBe('2024-01-15T00:00:00.000Z');
  expect(at('2024-03-31T06:00:00Z', 'Europe/Madrid')).toBeUndefined();
});

test('a time of day on a day the clocks change has the offset of that hour, not of the midnight', () => {
  // Tijuana (US rule): summer time from 02:00 of 10/03/2024 to 02:00 of 03/11/2024.
  expect(localDateTime('America/Tijuana', 2024, 3, 10, 1, 30, 0)).toBe('2024-03-10T01:30:00-08:00');
  expect(localDateTime('America/Tijuana', 2024, 3, 10, 12, 0, 0)).toBe('2024-03-10T12:00:00-07:00');
  expect(localDateTime('America/Tijuana', 2024, 11, 3, 23, 59, 0)).toBe('2024-11-03T23:59:00-08:00');
  expect(localDateTime('America/Mexico_City', 2021, 10, 31, 18, 0, 0)).toBe('2021-10-31T18:00:00-06:00');
  expect(localDateTime('America/Tijuana', 2024, 12, 31, 23, 59, 0)).toBe('2024-12-31T23:59:00-08:00');
  // Typed as text or as an ISO date-time without offset, the same.
  expect(parseDate('03/11/2024 23:59', 'America/Tijuana')).toBe('2024-11-03T23:59:00-08:00');
  expect(parseDate('2024-11-03T23:59', 'America/Tijuana')).toBe('2024-11-03T23:59:00-08:00');
});

test('wallClock on a day the clocks change: the clock that gives the instant back', () => {
  const at = (iso: string): string => new Date(wallClock(Date.parse(iso), 'America/Tijuana') as number).toISOString().slice(0, 16);
  expect(at('2024-11-04T07:59:00Z')).toBe('2024-11-03T23:59'); // 23:59 -08:00 (was 04/11 00:59)
  expect(at('2024-03-10T10:00:00Z')).toBe('2024-03-10T03:00'); // 03:00 -07:00 (was 02:00)
  expect(at('2024-03-10T09:59:00Z')).toBe('2024-03-10T01:59');
  expect(at('2024-11-03T08:30:00Z')).toBe('2024-11-03T01:30');
  expect(at('2024-11-03T09:30:00Z')).toBe('2024-11-03T01:30'); // the repeated hour, now -08:00
});

test('Configuración: a zone in other capitals, with spaces or by an older name is that zone; any other text is said', () => {
  const read = (typed: string): [string, string[]] => {
    const findings: Finding[] = [];
    const settings = readSettings({ name: 'Configuración', rows: [['Parámetro', 'Valor', 'clave'], ['Zona horaria', typed, 'timeZone']] }, findings);
    return [settings.timeZone, findings.map((f) => f.code)];
  };
  expect(read('America/Tijuana')).toEqual(['America/Tijuana', []]);
  expect(read(' america/mexico city ')).toEqual(['America/Mexico_City', []]);
  expect(read('Mexico/BajaNorte')).toEqual(['America/Tijuana', []]);
  expect(read('America/Ensenada')).toEqual(['America/Tijuana', []]);
  expect(read('Hora del centro')).toEqual(['America/Mexico_City', ['settings.unknown-time-zone']]);
});
