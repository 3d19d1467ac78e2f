/** duplicatePair: the pair ajv's `uniqueItems` loop reports, in one pass (unique-items.ts). */
import equal from './json-equal';
import { duplicatePair } from './unique-items';

/** ajv's loop, as its generated code runs it. */
function pairwise(items: readonly unknown[]): [number, number] | undefined {
  for (let i = items.length; i--;) for (let j = i; j--;) if (equal(items[i], items[j])) return [i, j];
  return undefined;
}

test('the same pair as ajv\'s loop, for lists short and long, with repeats anywhere', () => {
  let seed = 7;
  const random = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
  const value = (): unknown => [{ id: `x${random(40)}`, amount: random(3) }, { amount: random(3), id: `x${random(40)}` }, `t${random(50)}`, random(30), null, [random(4), { a: random(2) }]][random(6)];
  for (let round = 0; round < 400; round++) {
    const items = Array.from({ length: 1 + random(60) }, value);
    expect(duplicatePair(items, equal)).toEqual(pairwise(items));
  }
  // Keys in another order are the same item; a missing key is not an undefined one.
  expect(duplicatePair([...Array.from({ length: 20 }, (_v, i) => ({ id: i })), { b: 1, a: 2 }, { a: 2, b: 1 }], equal)).toEqual([21, 20]);
  expect(duplicatePair([...Array.from({ length: 20 }, (_v, i) => ({ id: i })), { a: 1, b: undefined }, { a: 1 }], equal)).toBeUndefined();
});

test('a long list without repeats costs no comparison at all (ajv\'s loop: n(n-1)/2, 512 million for 32,000 items)', () => {
  let calls = 0;
  const counting = (a: unknown, b: unknown): boolean => { calls++; return equal(a, b); };
  const items = Array.from({ length: 32_000 }, (_v, i) => ({ id: `I${i}`, description: `Artículo ${i}`, quantity: 1 }));
  expect(duplicatePair(items, counting)).toBeUndefined();
  expect(calls).toBe(0);
  items.push({ quantity: 1, description: 'Artículo 5', id: 'I5' });
  expect(duplicatePair(items, counting)).toEqual([32_000, 5]);
  expect(calls).toBe(1);
});
