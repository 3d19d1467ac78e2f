import { refusedStretch } from './refused-in-month';

const at = (iso: string): number => Date.parse(iso);
const NOV = ['2026-11-01T06:00:00.000Z', '2026-12-01T06:00:00.000Z'] as const;

test('a month after counting began is counted whole, however long ago it ended; one under way, up to now', () => {
  expect(refusedStretch(...NOV, at('2027-06-03T12:00:00.000Z'), '2026-10-20T00:00:00.000Z'))
    .toEqual({ from: NOV[0], to: NOV[1] });
  expect(refusedStretch(...NOV, at('2026-11-20T12:00:00.000Z'), '2026-10-20T00:00:00.000Z'))
    .toEqual({ from: NOV[0], to: '2026-11-20T12:00:00.000Z' });
});

test('the month counting began in is counted from then; one over before it, or with no counting yet, none (not 0)', () => {
  expect(refusedStretch(...NOV, at('2027-01-03T12:00:00.000Z'), '2026-11-26T12:00:00.000Z'))
    .toEqual({ from: '2026-11-26T12:00:00.000Z', to: NOV[1] });
  expect(refusedStretch(...NOV, at('2027-01-03T12:00:00.000Z'), NOV[1])).toBeNull();
  expect(refusedStretch(...NOV, at('2027-01-03T12:00:00.000Z'), undefined)).toBeNull();
});
