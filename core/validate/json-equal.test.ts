/** json-equal answers as ajv's own deep equality (fast-deep-equal) does, on JSON values that differ every way. */
import fastDeepEqual from 'fast-deep-equal';
import equal from './json-equal';

const party = (id: string, city = 'Monterrey'): Record<string, unknown> => ({ id, name: 'X', roles: ['buyer', 'payer'], address: { locality: city, postalCode: '64000' }, n: [1, 2.5, null, true] });
const VALUES: unknown[] = [
  null, true, false, 0, -0, 1, 2.5, NaN, '', 'a', 'á', [], {}, [1, 2], [2, 1], [1, 2, 3], [[1], [2]], { a: 1 }, { a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1, b: undefined },
  { a: 1, c: 2 }, { a: [1, { b: 2 }] }, { a: [1, { b: 3 }] }, party('1'), party('1'), party('2'), party('1', 'Mérida'), [party('1'), party('2')], [party('2'), party('1')],
  Object.assign(Object.create(null) as object, { a: 1 }),
];

test('the same answer as fast-deep-equal for every pair', () => {
  let equalPairs = 0;
  for (const a of VALUES) {
    for (const b of VALUES) {
      expect(equal(a, b)).toBe(fastDeepEqual(a, b));
      if (fastDeepEqual(a, b)) equalPairs++;
    }
  }
  // Not only the trivial answers: distinct objects found equal too.
  expect(equalPairs).toBeGreaterThan(VALUES.length);
});
