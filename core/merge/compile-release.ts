/** The compiled release: the latest value of every field across an ocid's releases (see merge-releases.ts). */
import { PROFILES } from '../profile/profiles';
import type { Profile } from '../profile/types';
import { mergeReleases, RELEASE_METADATA } from './merge-releases';
import { mergeRules } from './merge-rules';
import { rootShape } from './flat-document';
import { compileNext } from './direct-compile';
import type { Release } from './sort-releases';

export function compileRelease(releases: readonly Release[], profile: Profile = PROFILES.ocds): Release {
  return mergeReleases(releases, profile, { compiled: true }).compiled as Release;
}

/**
 * compileRelease of an ocid's releases followed by `release`, given the compiled release of those (`previous`):
 * the same document, built without the earlier releases — or `undefined` when it cannot be told so (compile them
 * all). The caller vouches that no earlier release held a `null` (direct-compile.ts compileNext says why).
 * `previous` is consumed: merged into in place (a compiled release read back for this, not one held elsewhere).
 */
export function compileAfter(previous: Release, release: Release, profile: Profile = PROFILES.ocds): Release | undefined {
  const rules = mergeRules(profile);
  return compileNext(previous, release, rules, rootShape(rules, ''), RELEASE_METADATA);
}
