/**
 * The compiled release: the latest value of every field across an ocid's releases (OCDS 1.1 "Merging").
 * As in the worked examples and ocds-merge: `tag` is ["compiled"], `id` is `{ocid}-{date of the last release}`,
 * `date` is the last release's date.
 * A `null` removes the field, and everything under it when an earlier release held an object there (the
 * standard's rule; ocds-merge keeps such children — the one deliberate difference).
 */
import { PROFILES } from '../profile/profiles';
import type { Profile } from '../profile/types';
import { entryFor, FlatMap, flattenDocument, type AnonymousIds } from './flat-document';
import { mergeRules } from './merge-rules';
import { mergeEntries } from './overlay';
import { sortReleases, type Release } from './sort-releases';

/** Top-level fields the merge sets itself (they are `omitWhenMerged` or handled specially). */
export const RELEASE_METADATA: ReadonlySet<string> = new Set(['id', 'date', 'tag', 'ocid']);

export function compileRelease(releases: readonly Release[], profile: Profile = PROFILES.ocds): Release {
  const rules = mergeRules(profile);
  const anonymous: AnonymousIds = { next: 0 };
  const merged = new FlatMap<unknown>();
  merged.put(entryFor(['tag'], ['compiled']));
  for (const release of sortReleases(releases)) {
    merged.put(entryFor(['id'], `${String(release.ocid)}-${String(release.date)}`));
    merged.put(entryFor(['date'], release.date ?? null));
    merged.put(entryFor(['ocid'], release.ocid ?? null));
    mergeEntries(merged, flattenDocument(release, rules, anonymous, RELEASE_METADATA));
  }
  return merged.unflatten(true);
}
