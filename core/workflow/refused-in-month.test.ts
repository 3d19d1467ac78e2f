import { refusedAttempts, refusedStretch } from './refused-in-month';

const WEEK = 7 * 86_400_000;
const at = (iso: string): number => Date.parse(iso);

test('a month under way counts from its start or a week ago, whichever is later, up to now', () => {
  expect(refusedStretch('2026-12-01T06:00:00.000Z', '2027-01-01T06:00:00.000Z', at('2026-12-03T12:00:00.000Z'), WEEK))
    .toEqual({ from: '2026-12-01T06:00:00.000Z', to: '2026-12-03T12:00:00.000Z' });
  expect(refusedStretch('2026-12-01T06:00:00.000Z', '2027-01-01T06:00:00.000Z', at('2026-12-20T12:00:00.000Z'), WEEK))
    .toEqual({ from: '2026-12-13T12:00:00.000Z', to: '2026-12-20T12:00:00.000Z' });
});

test('a month just over counts its last days still kept; one over for longer than a week, none (not 0)', () => {
  expect(refusedStretch('2026-11-01T06:00:00.000Z', '2026-12-01T06:00:00.000Z', at('2026-12-03T12:00:00.000Z'), WEEK))
    .toEqual({ from: '2026-11-26T12:00:00.000Z', to: '2026-12-01T06:00:00.000Z' });
  expect(refusedStretch('2026-11-01T06:00:00.000Z', '2026-12-01T06:00:00.000Z', at('2026-12-08T06:00:00.000Z'), WEEK)).toBeNull();
});

test('attempts are counted per implementer within the stretch only (its start included, its end not)', () => {
  const stretch = { from: '2026-11-26T12:00:00.000Z', to: '2026-12-01T06:00:00.000Z' };
  const counts = refusedAttempts([
    { publisherId: 'mer', at: '2026-11-26T12:00:00.000Z' },
    { publisherId: 'mer', at: '2026-11-30T23:59:59.999Z' },
    { publisherId: 'mer', at: '2026-12-01T06:00:00.000Z' },
    { publisherId: 'cam', at: '2026-11-26T11:59:59.999Z' },
    { publisherId: 'mty', at: '2026-11-28T10:00:00.000Z' },
  ], stretch);
  expect([...counts]).toEqual([['mer', 2], ['mty', 1]]);
});
