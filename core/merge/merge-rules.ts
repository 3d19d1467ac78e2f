/**
 * OCDS merge rules per unindexed path, read from the schema profile (OCDS 1.1 "Merging",
 * https://standard.open-contracting.org/1.1/en/schema/merging/), with the same derivations as the reference
 * implementation (ocds-merge `get_merge_rules`):
 * - `omitWhenMerged` fields are dropped ("Discarded fields");
 * - arrays marked `wholeListMerge`, arrays of non-objects, and arrays of objects whose items have no `id`
 *   property are replaced whole ("Whole list merge");
 * - every other array of objects is merged item by item on `id` ("Identifier merge").
 * Paths not in the profile (additional fields) fall back to the data: arrays holding any non-object are whole.
 */
import type { Profile } from '../profile/types';

export type MergeRule = 'omit' | 'whole';
export type MergeRules = ReadonlyMap<string, MergeRule>;

const cache = new WeakMap<Profile, MergeRules>();

export function mergeRules(profile: Profile): MergeRules {
  let rules = cache.get(profile);
  if (!rules) {
    const map = new Map<string, MergeRule>();
    for (const [path, info] of Object.entries(profile.fields)) {
      if (info.omitWhenMerged) map.set(path, 'omit');
      else if (info.types.includes('array') && (info.wholeListMerge || (info.items !== undefined && info.items !== 'object')
        || (info.items === 'object' && !profile.fields[`${path}/id`]))) map.set(path, 'whole');
    }
    rules = map;
    cache.set(profile, rules);
  }
  return rules;
}
