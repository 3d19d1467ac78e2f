import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { hasStandards, STANDARDS_DIR } from '../../test/standards';
import { canonicalHash, canonicalJson, fnv1a32 } from './content-hash';
import { deriveRelease } from './derive-fields';

test('FNV-1a 32-bit reference values', () => {
  expect(fnv1a32('')).toBe('811c9dc5');
  expect(fnv1a32('a')).toBe('e40c292c');
  expect(fnv1a32('foobar')).toBe('bf9cf968');
});

test('canonical JSON sorts keys at every level', () => {
  expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"e":3,"f":2}]},"b":1}');
});

test('the same content gives the same release id whatever the key order or date; other content another id', () => {
  const a = deriveRelease({ ocid: 'ocds-1', tender: { id: 'T', title: 'x' } }, '2024-01-01T00:00:00Z');
  const b = deriveRelease({ tender: { title: 'x', id: 'T' }, ocid: 'ocds-1' }, '2025-01-01T00:00:00Z');
  const c = deriveRelease({ ocid: 'ocds-1', tender: { id: 'T', title: 'y' } }, '2024-01-01T00:00:00Z');
  expect(a.id).toBe(b.id);
  expect(a.id).toMatch(/^ocds-1-[0-9a-f]{8}$/);
  expect(c.id).not.toBe(a.id);
});

test('the streamed hash equals the hash of the canonical JSON text, escapes and non-ASCII included', () => {
  fc.assert(fc.property(fc.oneof(fc.jsonValue(), fc.unicodeJsonValue()), (value) => {
    expect(canonicalHash(value)).toBe(fnv1a32(canonicalJson(value)));
  }), { numRuns: 500 });
  for (const text of ['a"b', 'a\\b', 'línea\nnueva', '\u0001', 'ñandú €', '😀', '\ud800x', 'x\udc00', '\u2028']) {
    const value = { [text]: [text, 1.5, -0, true, null, { z: text, a: undefined }] };
    expect(canonicalHash(value)).toBe(fnv1a32(canonicalJson(value)));
  }
});

test('objects of every size, keys in any order, texts mixing one-, two-, three- and four-byte characters: canonical as sort() orders keys', () => {
  // An independent canonical form: Array.prototype.sort on the keys, JSON.stringify for the rest.
  const reference = (v: unknown): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
    if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
  };
  const texts = ['ñandú', 'ñandú €', 'á😀b', 'Mérida “centro”', 'a\u0301', 'ß\ud800', 'Ω\n', 'zé'];
  for (const size of [0, 1, 2, 24, 25, 40]) {
    const keys = Array.from({ length: size }, (_v, i) => `${texts[i % texts.length]}${(size * 7 + i * 13) % 97}`);
    const value = Object.fromEntries(keys.map((k, i) => [k, i % 3 ? texts[i % texts.length] : { [k]: [k, i, undefined] }]));
    expect(canonicalJson(value)).toBe(reference(value));
    expect(canonicalHash(value)).toBe(fnv1a32(reference(value)));
  }
});

test('the streamed hash equals the canonical text\'s on the shared standards\' examples and on numbers JSON writes otherwise (NaN, Infinity, -0, exponents)', () => {
  const numbers = [0, -0, 1, -1.5, 0.1, 1e21, 1e-7, 123456789012345680000, 5e-324, Number.MAX_VALUE, NaN, Infinity, -Infinity];
  const values: unknown[] = [numbers, { n: numbers, b: [true, false, null], nested: { x: NaN, y: [Infinity, { z: -0 }] } }];
  if (hasStandards) {
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []));
    for (const file of files(path.join(STANDARDS_DIR, 'examples'))) values.push(JSON.parse(fs.readFileSync(file, 'utf8')));
    expect(values.length).toBeGreaterThan(20);
  }
  for (const value of values) expect(canonicalHash(value)).toBe(fnv1a32(canonicalJson(value)));
});
