/**
 * Seguimiento's «Días sin actualizar», the days late and «Atrasado» count Mexico City calendar days: counted in
 * 24-hour blocks, a publication at 23:30 (Mexico City, UTC−6) was «0 días» at 08:00 the next morning, and an
 * implementer turned «Atrasado» at the hour of its last publication on the due day instead of when the day was over.
 */
import { daysLate, daysSinceUpdate, isLate, updateDueAt, type UpdateClock } from './update-due';

// 2025-03-09 23:30 in Mexico City.
const LATE_EVENING = '2025-03-10T05:30:00Z';
const at = (mexicoCity: string): number => Date.parse(`${mexicoCity}-06:00`);

test('«Días sin actualizar» counts the calendar days since the day of the last update in Mexico City', () => {
  const clock = { lastPublishedAt: LATE_EVENING };
  expect(daysSinceUpdate(clock, at('2025-03-09T23:59:00'))).toBe(0);
  expect(daysSinceUpdate(clock, at('2025-03-10T08:00:00'))).toBe(1);
  expect(daysSinceUpdate(clock, at('2025-03-11T00:05:00'))).toBe(2);
  // An early-morning update is the same day until Mexico City's midnight, though UTC's came first.
  expect(daysSinceUpdate({ lastPublishedAt: '2025-03-10T14:00:00Z' }, at('2025-03-10T23:00:00'))).toBe(0);
});

test('the due date is a calendar day: on time all of it, late (1 day) from the next day\'s midnight', () => {
  const clock: UpdateClock = { lastPublishedAt: LATE_EVENING, registeredAt: '2025-01-01T17:00:00Z', periodicityDays: 30 };
  expect(updateDueAt(clock)).toBe('2025-04-08');
  // The due day's morning: before the hour of the publication a 24-hour count was on time, after it late.
  expect([isLate(clock, at('2025-04-08T23:59:00')), daysLate(clock, at('2025-04-08T23:59:00'))]).toEqual([false, 0]);
  expect([isLate(clock, at('2025-04-09T00:01:00')), daysLate(clock, at('2025-04-09T00:01:00'))]).toEqual([true, 1]);
  expect(daysLate(clock, at('2025-04-11T08:00:00'))).toBe(3);
  // «Días sin actualizar» less the periodicity, as the board says.
  expect(daysSinceUpdate(clock, at('2025-04-11T08:00:00'))! - clock.periodicityDays).toBe(3);
});

test('before its first publication the period runs from the day of registration; without one it is late, uncounted', () => {
  const registered: UpdateClock = { lastPublishedAt: null, registeredAt: LATE_EVENING, periodicityDays: 1 };
  expect(updateDueAt(registered)).toBe('2025-03-10');
  expect(isLate(registered, at('2025-03-10T22:00:00'))).toBe(false);
  expect(daysLate(registered, at('2025-03-11T06:00:00'))).toBe(1);
  const unknown: UpdateClock = { lastPublishedAt: null, registeredAt: null, periodicityDays: 30 };
  expect([updateDueAt(unknown), isLate(unknown, 0), daysLate(unknown, 0), daysSinceUpdate(unknown, 0)]).toEqual([undefined, true, null, null]);
});
