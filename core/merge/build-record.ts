/**
 * An OCDS record (OCDS 1.1 "Records"): the ocid, its releases — embedded, or linked as {url, date, tag} when
 * the caller gives `releaseUrl` — plus the compiled and versioned releases. Releases are listed in the order
 * given (the worked examples do not sort them); merging itself sorts by date.
 */
import { PROFILES } from '../profile/profiles';
import type { Profile } from '../profile/types';
import { cloneJson } from '../json/json-values';
import type { Release } from './sort-releases';
import { mergeReleases } from './merge-releases';

export interface LinkedRelease { url: string; date: unknown; tag: unknown }

/**
 * Names what `buildRecord` makes of a given list of releases (the merge rules, the links, which parts a record
 * holds). Bumped whenever that changes: a publication carries an unchanged process's stored record over only when
 * it was built under the same version (functions/src/publication/publish.ts), so a change here reaches every
 * record on the next publication.
 */
export const RECORD_FORMAT_VERSION = 'links-compiled-1';

export interface OcdsRecord {
  ocid: string;
  releases: Release[] | LinkedRelease[];
  compiledRelease: Release;
  versionedRelease?: Release;
  /** Plain JSON: lets a record be stored or passed where a JSON object is expected. */
  [field: string]: unknown;
}

export interface RecordOptions {
  /** The EDCA-MX profile by default (its merge rules). */
  profile?: Profile;
  /** Where each release is published (by release id); when given, releases are linked instead of embedded. */
  releaseUrl?: (releaseId: string) => string;
  /** Leave out the versioned release (it is optional in a record and the largest part). Default: included. */
  versioned?: boolean;
  /**
   * Embed copies of the releases (default), so the record shares nothing mutable with its inputs. `false`: embed
   * the releases given, for a caller that serializes the record at once (the CLI's compile) and so saves a copy.
   */
  copyReleases?: boolean;
}

export function buildRecord(ocid: string, releases: readonly Release[], options: RecordOptions = {}): OcdsRecord {
  const { releaseUrl, profile = PROFILES.ocds } = options;
  const merged = mergeReleases(releases, profile, { compiled: true, versioned: options.versioned !== false });
  const record: OcdsRecord = {
    ocid,
    releases: releaseUrl
      ? releases.map((r) => ({ url: releaseUrl(String(r.id)), date: r.date, tag: r.tag }))
      : options.copyReleases === false ? [...releases] : releases.map((r) => cloneJson(r)),
    compiledRelease: merged.compiled as Release,
  };
  if (merged.versioned) record.versionedRelease = merged.versioned;
  return record;
}
