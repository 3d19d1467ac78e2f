/**
 * «No future dates» judged on the publisher's calendar: a date typed in Tijuana is compared with today in Tijuana,
 * near midnight too, and tomorrow is the future (a day of slack for every date let it pass).
 */
import { validate } from '../validate';

const future = (dateSigned: string, now: string): boolean => validate({
  releases: [{ ocid: 'ocds-abc123-1', id: '1', date: '2024-01-01T00:00:00-08:00', tag: ['contract'], initiationType: 'tender', contracts: [{ id: 'C1', awardID: 'A1', status: 'active', dateSigned }] }],
}, undefined, { now }).some((f) => f.code === 'date.future');

test('a date with its offset is in the future when its day is after today at that offset', () => {
  // 23:30 of 31/12/2024 in Tijuana (UTC−8) is 07:30 of 01/01/2025 in UTC.
  const now = '2025-01-01T07:30:00Z';
  expect(future('2024-12-31T00:00:00-08:00', now)).toBe(false);
  expect(future('2024-12-31T23:59:00-08:00', now)).toBe(false);
  expect(future('2025-01-01T00:00:00-08:00', now)).toBe(true);
  // The same instant is already 01/01/2025 in Cancún (UTC−5): a date of that day there is today.
  expect(future('2025-01-01T00:00:00-05:00', now)).toBe(false);
  expect(future('2025-01-02T00:00:00-05:00', now)).toBe(true);
  // Without an offset, the day of slack as before.
  expect(future('2025-01-02', now)).toBe(false);
  expect(future('2025-01-03', now)).toBe(true);
});
