/**
 * The versioned release (OCDS 1.1 "Merging" → "Versioned data"): every field becomes the list of its values
 * over time, `{releaseID, releaseDate, releaseTag, value}`, with an entry only when the value changes.
 * `ocid` and the `id` of array items are not versioned; release `id`, `date` and `tag` only appear inside
 * the history entries.
 */
import { PROFILES } from '../profile/profiles';
import type { Profile } from '../profile/types';
import { RELEASE_METADATA } from './compile-release';
import { entryFor, FlatMap, flattenDocument, type AnonymousIds, type FlatEntry } from './flat-document';
import { deepEqual } from './json';
import { mergeRules } from './merge-rules';
import { sortReleases, type Release } from './sort-releases';

export interface Version {
  releaseID: unknown;
  releaseDate: unknown;
  releaseTag: unknown;
  value: unknown;
}

export function versionedRelease(releases: readonly Release[], profile: Profile = PROFILES.ocds): Release {
  const rules = mergeRules(profile);
  const anonymous: AnonymousIds = { next: 0 };
  const merged = new FlatMap<unknown>();
  for (const release of sortReleases(releases)) {
    merged.put(entryFor(['ocid'], release.ocid ?? null));
    const version = (value: unknown): Version => ({
      releaseID: release.id ?? null, releaseDate: release.date ?? null, releaseTag: release.tag ?? null, value,
    });
    const record = (entry: FlatEntry, value: unknown): void => {
      const existing = merged.get(entry.key) as FlatEntry<Version[]> | undefined;
      if (existing) {
        if (!deepEqual(existing.value[existing.value.length - 1].value, value)) existing.value.push(version(value));
      } else {
        merged.put(entryFor(entry.segments, [version(value)]));
      }
    };
    for (const entry of flattenDocument(release, rules, anonymous, RELEASE_METADATA)) {
      const children = entry.value === null ? merged.descendants(entry.key) : [];
      // `null` over an object: each of its fields is recorded as removed, instead of one null at the object.
      if (children.length > 0) for (const child of children) record(child, null);
      else record(entry, entry.value);
    }
  }
  return merged.unflatten(false);
}
