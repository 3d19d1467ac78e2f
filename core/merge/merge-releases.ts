/**
 * OCDS merging (OCDS 1.1 "Merging") of one ocid's releases in a single pass: each release is flattened once and
 * applied to both the compiled release (latest value of every field) and the versioned release (every field's
 * history), which share their paths and merge rules.
 *
 * Compiled release — as in the worked examples and ocds-merge: `tag` is ["compiled"], `id` is
 * `{ocid}-{date of the last release}`, `date` is the last release's date. A `null` removes the field, and
 * everything under it when an earlier release held an object there (the standard's rule; ocds-merge keeps
 * such children — the one deliberate difference).
 *
 * Versioned release ("Versioned data"): every field becomes the list of its values over time,
 * `{releaseID, releaseDate, releaseTag, value}`, with an entry only when the value changes. `ocid` and the `id`
 * of array items are not versioned; release `id`, `date` and `tag` only appear inside the history entries.
 */
import { PROFILES } from '../profile/profiles';
import type { Profile } from '../profile/types';
import { FlatMap, mergeEntries, PathTree, rootShape, type PathNode } from './flat-document';
import { cloneJson, deepEqual } from '../json/json-values';
import { mergeRules, type MergeRules } from './merge-rules';
import { compiledReleaseId, sortReleases, type Release } from './sort-releases';
import { mergeDirect, type Version } from './direct-compile';

/** Top-level fields the merge sets itself (they are `omitWhenMerged` or handled specially). */
export const RELEASE_METADATA: ReadonlySet<string> = new Set(['id', 'date', 'tag', 'ocid']);

export type { Version };

export interface MergeOptions {
  compiled?: boolean;
  versioned?: boolean;
}

export function mergeReleases(releases: readonly Release[], profile: Profile = PROFILES.ocds, wanted: MergeOptions = { compiled: true, versioned: true }): { compiled?: Release; versioned?: Release } {
  const rules = mergeRules(profile);
  const sorted = sortReleases(releases);
  // The plain case: built straight as objects (direct-compile.ts); the compiled release leads that walk, so it is
  // built even when only the versioned one is wanted.
  const direct = mergeDirect(sorted, rules, rootShape(rules, ''), RELEASE_METADATA, wanted.versioned === true);
  if (direct) return { ...(wanted.compiled ? { compiled: direct.compiled } : {}), ...(wanted.versioned ? { versioned: direct.versioned } : {}) };
  return mergeFlat(sorted, rules, wanted);
}

/** The flat engine (flat-document.ts) on releases in date order: any data, the plain case included. */
export function mergeFlat(sorted: readonly Release[], rules: MergeRules, wanted: MergeOptions): { compiled?: Release; versioned?: Release } {
  const tree = new PathTree(rules);
  const root = tree.root;
  const [tag, id, date, ocid] = ['tag', 'id', 'date', 'ocid'].map((name) => tree.field(root, name));
  const compiled = wanted.compiled ? new FlatMap<unknown>(root) : undefined;
  const versioned = wanted.versioned ? new FlatMap<Version[] | unknown>(root) : undefined;
  compiled?.put(tag, ['compiled']);
  for (const release of sorted) {
    const entries = tree.flatten(release, RELEASE_METADATA);
    if (compiled) {
      compiled.put(id, compiledReleaseId(release));
      compiled.put(date, release.date ?? null);
      compiled.put(ocid, release.ocid ?? null);
      mergeEntries(compiled, entries);
    }
    if (versioned) {
      versioned.put(ocid, release.ocid ?? null);
      const record = (node: PathNode, value: unknown): void => {
        const history = versioned.get(node) as Version[] | undefined;
        if (history && deepEqual(history[history.length - 1].value, value)) return;
        // Leaf values may be whole lists: the versioned release gets its own copy, apart from the compiled one.
        const version: Version = { releaseID: release.id ?? null, releaseDate: release.date ?? null, releaseTag: release.tag ?? null, value: cloneJson(value) };
        if (history) history.push(version);
        else versioned.put(node, [version]);
      };
      for (const { node, value } of entries) {
        const children = value === null ? versioned.descendants(node) : [];
        // `null` over an object: each of its fields is recorded as removed, instead of one null at the object.
        if (children.length > 0) for (const child of children) record(child, null);
        else record(node, value);
      }
    }
  }
  return { compiled: compiled?.unflatten(true), versioned: versioned?.unflatten(false) };
}
