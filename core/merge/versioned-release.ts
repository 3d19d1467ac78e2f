/** The versioned release: every field's history across an ocid's releases (see merge-releases.ts). */
import { PROFILES } from '../profile/profiles';
import type { Profile } from '../profile/types';
import { mergeReleases } from './merge-releases';
import type { Release } from './sort-releases';

export { type Version } from './merge-releases';

export function versionedRelease(releases: readonly Release[], profile: Profile = PROFILES.ocds): Release {
  return mergeReleases(releases, profile, { versioned: true }).versioned as Release;
}
