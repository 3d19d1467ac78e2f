/**
 * direct-compile.ts gives the flat engine's compiled and versioned releases, key for key and in the same order, or declines:
 * checked on thousands of generated sets of releases (a fixed seed, so a failure can be replayed) that mix what
 * merging has to handle — items merged by id (number and string ids that are the same identifier, items without
 * id), whole lists, omitted fields, empty objects and lists, nulls, a value in one release and an object in
 * another, fields named like inherited properties.
 */
import { PROFILES } from '../profile/profiles';
import { mergeDirect, overlayDirect } from './direct-compile';
import { overlayFlat } from './overlay';
import { rootShape } from './flat-document';
import { mergeFlat, RELEASE_METADATA } from './merge-releases';
import { mergeRules } from './merge-rules';
import { sortReleases, type Release } from './sort-releases';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Keys from the profile (so its merge rules apply: `items` and `awards` merge by id, `submissionMethod`,
// `roles` and `additionalIdentifiers` are whole lists) and others it does not know.
const KEYS = ['tender', 'items', 'awards', 'title', 'value', 'amount', 'submissionMethod', 'roles', 'additionalIdentifiers', 'parties', 'description', 'extra', 'nota', 'constructor', '__proto__', '2', 'id'];

function generate(next: () => number, plain: boolean): Release[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const leaf = (): unknown => pick<unknown>(plain ? ['a', 'b', 1, 2.5, true, ['x', 'y']] : ['a', 'b', 1, 2.5, true, null, ['x', 'y'], [], {}, [{ id: 1 }, 'z']]);
  const id = (): unknown => pick<unknown>(plain ? ['1', '2', 1, 3, 'b'] : ['1', '2', 1, 3, 'b', undefined, null, true, { n: 1 }]);
  // Plain data gives a field the same kind of value in every release (as a schema does).
  const kinds = new Map<string, number>();
  const value = (depth: number, key: string): unknown => {
    let r = next();
    if (plain) {
      const known = kinds.get(`${depth}/${key}`);
      if (known === undefined) kinds.set(`${depth}/${key}`, r);
      else r = known;
    }
    if (depth > 3 || r < 0.4) return leaf();
    if (r < 0.75) return object(depth + 1);
    return Array.from({ length: Math.floor(next() * 4) }, () => {
      const item = object(depth + 1) as Record<string, unknown>;
      const itemId = id();
      if (itemId !== undefined) item.id = itemId;
      return item;
    });
  };
  const object = (depth: number): unknown => {
    const keys = plain ? KEYS.filter((k) => k !== 'constructor' && k !== '__proto__' && k !== 'nota') : KEYS;
    const o: Record<string, unknown> = {};
    const count = Math.floor(next() * 5);
    for (let k = 0; k < count; k++) {
      const key = pick(keys);
      o[key] = value(depth, key);
    }
    return o;
  };
  const ocid = 'ocds-x-1';
  return Array.from({ length: 1 + Math.floor(next() * 4) }, (_, k) => {
    const release = { ocid, id: `r${k}`, date: `2024-01-0${1 + Math.floor(next() * 3)}T00:00:00Z`, tag: ['tender'], ...(object(0) as Record<string, unknown>) };
    if (!plain && next() < 0.1) delete (release as Partial<Release>).date;
    // Through JSON text, as compile reads releases: `__proto__` becomes a field of its own.
    return JSON.parse(JSON.stringify(release).replace(/"nota":/g, '"__proto__":')) as Release;
  });
}

const profile = PROFILES.ocds;
const rules = mergeRules(profile);
const flat = (releases: Release[]): string => JSON.stringify(mergeFlat(sortReleases(releases), rules, { compiled: true, versioned: true }).compiled);

describe('mergeDirect', () => {
  it.each([true, false])('gives the flat engine\'s compiled release or declines (plain data: %s)', (plain) => {
    const next = random(plain ? 17 : 42);
    let direct = 0;
    for (let n = 0; n < 3000; n++) {
      const releases = generate(next, plain);
      const before = JSON.stringify(releases);
      const compiled = mergeDirect(sortReleases(releases), rules, rootShape(rules, ''), RELEASE_METADATA, false)?.compiled;
      if (compiled === undefined) continue;
      direct++;
      if (JSON.stringify(compiled) !== flat(releases)) throw new Error(`releases ${before}: ${JSON.stringify(compiled)} ≠ ${flat(releases)}`);
      // Nothing shared with the input: a change to the result leaves the releases as they were.
      for (const v of Object.values(compiled)) if (Array.isArray(v)) v.push('x');
      expect(JSON.stringify(releases)).toBe(before);
    }
    // Most plain sets are compiled directly; the others are still often enough to mean something.
    expect(direct).toBeGreaterThan(plain ? 2000 : 300);
  });

  it.each([true, false])('gives the flat engine\'s versioned release along with the compiled one, or declines (plain data: %s)', (plain) => {
    const next = random(plain ? 23 : 47);
    let direct = 0;
    for (let n = 0; n < 3000; n++) {
      const releases = generate(next, plain);
      const before = JSON.stringify(releases);
      const sorted = sortReleases(releases);
      const merged = mergeDirect(sorted, rules, rootShape(rules, ''), RELEASE_METADATA, true);
      if (merged === undefined) continue;
      direct++;
      const expected = mergeFlat(sorted, rules, { compiled: true, versioned: true });
      if (JSON.stringify(merged) !== JSON.stringify(expected)) throw new Error(`releases ${before}: ${JSON.stringify(merged)} ≠ ${JSON.stringify(expected)}`);
      // Nothing shared with the input but a version's `releaseID`, `releaseDate` and `releaseTag` (the release's own, as the flat engine gives).
      const arrays = (v: unknown): unknown[][] => (Array.isArray(v) ? [v, ...v.flatMap(arrays)] : v !== null && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => (k.startsWith('release') ? [] : arrays(x))) : []);
      for (const list of [...arrays(merged.compiled), ...arrays(merged.versioned)]) list.push('x');
      expect(JSON.stringify(releases)).toBe(before);
    }
    expect(direct).toBeGreaterThan(plain ? 2000 : 300);
  });

  it.each([
    [PROFILES.ocds, ''],
    [PROFILES.oc4ids, 'contractingProcesses/summary'],
  ])('overlays documents as the flat engine does, or declines (%#)', (docProfile, base) => {
    const docRules = mergeRules(docProfile);
    for (const plain of [true, false]) {
      const next = random(plain ? 29 : 53);
      let direct = 0;
      for (let n = 0; n < 2000; n++) {
        const documents = generate(next, plain);
        const before = JSON.stringify(documents);
        const merged = overlayDirect(documents, docRules, rootShape(docRules, base));
        if (merged === undefined) continue;
        direct++;
        const expected = overlayFlat(documents, docProfile, base);
        if (JSON.stringify(merged) !== JSON.stringify(expected)) throw new Error(`documents ${before}: ${JSON.stringify(merged)} ≠ ${JSON.stringify(expected)}`);
      }
      expect(direct).toBeGreaterThan(plain ? 1300 : 200);
    }
  });

  it('declines what it leaves to the flat engine', () => {
    const base = { ocid: 'o', id: '1', date: '2024-01-01T00:00:00Z', tag: ['tender'] };
    const decline = (...releases: Record<string, unknown>[]): unknown => mergeDirect(releases, rules, rootShape(rules, ''), RELEASE_METADATA, false)?.compiled;
    expect(decline({ ...base, tender: null })).toBeUndefined();
    expect(decline({ ...base, tender: 'x' }, { ...base, id: '2', tender: { title: 't' } })).toBeUndefined();
    expect(decline({ ...base, tender: { items: [{ id: 1 }] } }, { ...base, id: '2', tender: { items: ['x'] } })).toBeUndefined();
    expect(decline(JSON.parse('{"ocid":"o","constructor":{"a":1}}') as Record<string, unknown>)).toBeUndefined();
    expect(decline({ ...base, tender: { title: 't', items: [{ id: 1, quantity: 2 }] } })).toEqual({ tag: ['compiled'], id: 'o-2024-01-01T00:00:00Z', date: '2024-01-01T00:00:00Z', ocid: 'o', tender: { title: 't', items: [{ id: 1, quantity: 2 }] } });
  });
});
