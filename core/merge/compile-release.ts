/** The compiled release: the latest value of every field across an ocid's releases (see merge-releases.ts). */
import { PROFILES } from '../profile/profiles';
import type { Profile } from '../profile/types';
import { mergeReleases } from './merge-releases';
import type { Release } from './sort-releases';

export function compileRelease(releases: readonly Release[], profile: Profile = PROFILES.ocds): Release {
  return mergeReleases(releases, profile, { compiled: true }).compiled as Release;
}
