/**
 * direct-compile.ts gives the flat engine's compiled and versioned releases, key for key and in the same order, or declines:
 * checked on thousands of generated sets of releases (a fixed seed, so a failure can be replayed) that mix what
 * merging has to handle — items merged by id (number and string ids that are the same identifier, items without
 * id), whole lists, omitted fields, empty objects and lists, nulls, a value in one release and an object in
 * another, fields named like inherited properties. compileAfter (a history's compiled release and one more release)
 * is checked the same way against compiling the whole history, and on every history of the standard's examples.
 */
import * as fs from 'fs';
import * as path from 'path';
import { STANDARDS_DIR, hasStandards } from '../../test/standards';
import { PROFILES } from '../profile/profiles';
import { compileAfter, compileRelease } from './compile-release';
import { mergeDirect, overlayDirect } from './direct-compile';
import { overlayFlat } from './overlay';
import { rootShape } from './flat-document';
import { mergeFlat, RELEASE_METADATA } from './merge-releases';
import { mergeRules } from './merge-rules';
import { sortReleases, type Release } from './sort-releases';
import { prng } from '../../scripts/examples/prng'; // seeded (mulberry32): a failure can be replayed


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
    const next = prng(plain ? 17 : 42);
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
    const next = prng(plain ? 23 : 47);
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
      const next = prng(plain ? 29 : 53);
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

/** A history as publication holds it: the earlier ones as stored (JSON text) and their compiled release read back from its record. */
function incremental(releases: Release[]): { next: string | undefined; full: string } | undefined {
  const earlier = releases.slice(0, -1);
  // The caller's part (publish.ts): no earlier release holds a null.
  if (earlier.length === 0 || JSON.stringify(earlier).includes('null')) return undefined;
  const previous = JSON.parse(JSON.stringify(compileRelease(earlier))) as Release;
  const next = compileAfter(previous, releases[releases.length - 1]);
  return { next: next && JSON.stringify(next), full: JSON.stringify(compileRelease(releases)) };
}

describe('compileAfter', () => {
  it.each([true, false])('gives the compiled release of the whole history, or declines (plain data: %s)', (plain) => {
    const next = prng(plain ? 31 : 59);
    let folded = 0;
    for (let n = 0; n < 1000; n++) {
      const releases = generate(next, plain);
      const before = JSON.stringify(releases);
      const result = incremental(releases);
      if (result?.next === undefined) continue;
      folded++;
      if (result.next !== result.full) throw new Error(`releases ${before}: ${result.next} ≠ ${result.full}`);
      expect(JSON.stringify(releases)).toBe(before);
    }
    expect(folded).toBeGreaterThan(plain ? 350 : 50);
  });

  it('declines a release dated before the history, and an empty object the flat engine left in the compiled release', () => {
    const base = { ocid: 'o', tag: ['tender'] };
    const previous = compileRelease([{ ...base, id: '1', date: '2024-01-02T00:00:00Z', tender: { title: 'a' } }]);
    expect(compileAfter(previous, { ...base, id: '2', date: '2024-01-01T00:00:00Z', tender: { title: 'b' } })).toBeUndefined();
    expect(compileAfter(previous, { ...base, id: '2', date: '2024-01-02T00:00:00Z', tender: { title: 'b' } })).toEqual({ tag: ['compiled'], id: 'o-2024-01-02T00:00:00Z', date: '2024-01-02T00:00:00Z', ocid: 'o', tender: { title: 'b' } });
    // A field named like an inherited property: the flat engine drops it, and leaves its object empty.
    const odd = compileRelease([JSON.parse('{"ocid":"o","id":"1","date":"2024-01-01T00:00:00Z","planning":{"constructor":1},"tender":{"title":"a"}}') as Release]);
    expect(odd.planning).toEqual({});
    expect(compileAfter(odd, { ...base, id: '2', date: '2024-01-02T00:00:00Z', tender: { title: 'b' } })).toBeUndefined();
  });

  it('needs the caller\'s part: after a null, a field set again keeps its first place in the whole history', () => {
    const base = { ocid: 'o', tag: ['tender'] };
    const releases: Release[] = [
      { ...base, id: '1', date: '2024-01-01T00:00:00Z', tender: { title: 'a', status: 'active' } },
      { ...base, id: '2', date: '2024-01-02T00:00:00Z', tender: { title: null } },
      { ...base, id: '3', date: '2024-01-03T00:00:00Z', tender: { title: 'c' } },
    ];
    const next = compileAfter(compileRelease(releases.slice(0, 2)), releases[2]);
    expect(Object.keys((compileRelease(releases).tender as Release))).toEqual(['title', 'status']);
    expect(Object.keys((next?.tender as Release))).toEqual(['status', 'title']);
  });

  (hasStandards ? it : it.skip)('gives the compiled release of every history in the standard\'s examples', () => {
    const byOcid = new Map<string, Release[]>();
    const add = (release: unknown): void => {
      if (release === null || typeof release !== 'object' || typeof (release as Release).ocid !== 'string' || typeof (release as Release).id !== 'string') return;
      const list = byOcid.get((release as Release).ocid as string) ?? [];
      if (!list.some((r) => r.id === (release as Release).id)) list.push(release as Release);
      byOcid.set((release as Release).ocid as string, list);
    };
    const visit = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(file);
        else if (entry.name.endsWith('.json')) {
          let doc: { releases?: unknown[]; records?: { releases?: unknown[] }[] };
          try { doc = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof doc; } catch { continue; }
          for (const release of doc.releases ?? []) add(release);
          for (const record of doc.records ?? []) for (const release of record.releases ?? []) add(release);
        }
      }
    };
    for (const folder of ['ocds', 'real-mx']) visit(path.join(STANDARDS_DIR, 'examples', folder));
    let folded = 0;
    for (const list of byOcid.values()) {
      // In date order, as publication appends each new release, and each prefix in turn.
      const sorted = sortReleases(list);
      for (let k = 2; k <= sorted.length; k++) {
        const result = incremental(sorted.slice(0, k));
        if (result?.next === undefined) continue;
        folded++;
        expect(result.next).toBe(result.full);
      }
    }
    expect(folded).toBeGreaterThan(10);
  });
});
