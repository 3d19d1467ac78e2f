/** enum-has.ts gives the answer of the compiled validators' loop over an enum with their deep equality. */
import equal from './json-equal';
import { enumHas } from './enum-has';

const loop = (values: readonly unknown[], data: unknown): boolean => values.some((v) => equal(data, v));

describe('enumHas', () => {
  const values: unknown[] = ['MXN', 'USD', 1, 0, null, true, { a: 1 }, ['x'], NaN];
  it.each<[string, unknown]>([
    ['a listed text', 'USD'], ['an unlisted text', 'ZZZ'], ['text of another case', 'mxn'], ['a listed number', 1],
    ['-0 for 0', -0], ['NaN', NaN], ['an unlisted number', 2], ['null', null], ['true', true], ['false', false],
    ['undefined', undefined], ['an equal object', { a: 1 }], ['another object', { a: 2 }], ['an equal array', ['x']],
    ['a number as text', '1'],
  ])('answers as the loop for %s', (_, data) => {
    expect(enumHas(values, data, equal)).toBe(loop(values, data));
    // Asked again: the Set made on the first call gives the same answer.
    expect(enumHas(values, data, equal)).toBe(loop(values, data));
  });
});
