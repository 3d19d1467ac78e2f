/**
 * sameJsonText answers what comparing JSON.stringify's texts answers, on generated pairs of values that differ in
 * one place or not at all, with what JSON leaves out or rewrites: undefined fields, functions, NaN and Infinity
 * (null), -0 (0), dates (their toJSON), keys in another order.
 */
import { sameJsonText } from './json-values';
import { prng } from '../../scripts/examples/prng'; // seeded (mulberry32): a failure can be replayed


const LEAVES: unknown[] = ['a', 'b', '', 0, -0, 1, 2.5, NaN, Infinity, true, false, null, undefined, () => 1, new Date(Date.UTC(2024, 0, 1)), '2024-01-01T00:00:00.000Z'];

describe('sameJsonText', () => {
  it('is JSON.stringify(a) === JSON.stringify(b)', () => {
    const next = prng(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    const value = (depth: number): unknown => {
      const r = next();
      if (depth > 3 || r < 0.5) return pick(LEAVES);
      if (r < 0.75) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (let k = Math.floor(next() * 5); k > 0; k--) o[pick(['x', 'y', 'z', 'id', 'updated'])] = value(depth + 1);
      return o;
    };
    // A copy with one change somewhere, or none; keys sometimes reordered (a different text when both are written).
    const variant = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map((x) => (next() < 0.2 ? variant(x) : x));
      if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
        const entries = Object.entries(v).map(([k, x]): [string, unknown] => [k, next() < 0.3 ? variant(x) : x]);
        if (next() < 0.1) entries.reverse();
        if (next() < 0.1) entries.push([pick(['x', 'w']), pick(LEAVES)]);
        return Object.fromEntries(entries);
      }
      return next() < 0.3 ? pick(LEAVES) : v;
    };
    let same = 0;
    for (let n = 0; n < 5000; n++) {
      const a = value(0);
      const b = variant(a);
      const expected = JSON.stringify(a) === JSON.stringify(b);
      if (expected) same++;
      if (sameJsonText(a, b) !== expected || sameJsonText(b, a) !== expected) throw new Error(`${JSON.stringify(a)} / ${JSON.stringify(b)}: ${String(!expected)}`);
    }
    expect(same).toBeGreaterThan(500);
    expect(5000 - same).toBeGreaterThan(500);
  });
});
