import { isKnownTimeZone, utcOffset } from './time-zone';

test.each([
  ['America/Mexico_City', 2024, 7, 1, '-06:00'],
  ['America/Mexico_City', 2021, 7, 1, '-05:00'],
  ['America/Mexico_City', 2021, 4, 4, '-06:00'], // first Sunday of April: midnight is before the 02:00 change
  ['America/Mexico_City', 2021, 4, 5, '-05:00'],
  ['America/Mexico_City', 2021, 10, 31, '-05:00'], // last Sunday of October: midnight still summer time
  ['America/Mexico_City', 2021, 11, 1, '-06:00'],
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
  ['UTC', 2024, 1, 1, '+00:00'],
])('%s %i-%i-%i → %s', (zone, y, m, d, offset) => expect(utcOffset(zone as string, y as number, m as number, d as number)).toBe(offset));

test('zones outside the table are unknown', () => {
  expect(isKnownTimeZone('Europe/Madrid')).toBe(false);
  expect(utcOffset('Europe/Madrid', 2024, 1, 1)).toBeUndefined();
});
