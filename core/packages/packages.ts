/**
 * Package envelopes (OCDS 1.1 release and record packages, OC4IDS 0.9 project packages). Metadata comes from
 * the publisher's settings (DESIGN §8). Pagination follows the OCDS convention of a `links` object with `next`
 * (and optionally `prev`) URLs; it is omitted on the last page.
 * The official schemas require at least one release/record/project: an empty page is returned as is (the API
 * decides what an empty result means), so only non-empty packages validate.
 */
import { EDCA_MX_EXTENSIONS } from './extensions';

export interface PackagePublisher {
  name: string;
  scheme?: string;
  uid?: string;
  uri?: string;
}

export interface PackageLinks {
  next?: string;
  prev?: string;
}

export interface PackageMeta {
  uri: string;
  publishedDate: string;
  publisher: PackagePublisher;
  license?: string;
  publicationPolicy?: string;
  /** Default: "1.1" for OCDS packages, "0.9" for OC4IDS. */
  version?: string;
  /** OCDS packages only. Default: the EDCA-MX extensions. */
  extensions?: readonly string[];
  /** OCDS record packages: URLs of the release packages the records draw on. */
  packages?: readonly string[];
  links?: PackageLinks;
  /**
   * Which documents of the package were changed after they were published, to remove personal data
   * (functions/src/api/redaction-notes.ts): the platform's statement, at package level. Absent when none was.
   */
  redactions?: readonly unknown[];
}

export type Package = Record<string, unknown>;

function envelope(meta: PackageMeta, version: string): Package {
  const pkg: Package = { uri: meta.uri, version: meta.version ?? version, publishedDate: meta.publishedDate, publisher: { ...meta.publisher } };
  if (meta.license) pkg.license = meta.license;
  if (meta.publicationPolicy) pkg.publicationPolicy = meta.publicationPolicy;
  if (meta.redactions?.length) pkg.redactions = [...meta.redactions];
  return pkg;
}

function ocdsEnvelope(meta: PackageMeta): Package {
  const pkg = envelope(meta, '1.1');
  const extensions = meta.extensions ?? EDCA_MX_EXTENSIONS;
  if (extensions.length) pkg.extensions = [...extensions];
  return pkg;
}

function withLinks(pkg: Package, links: PackageLinks | undefined): Package {
  if (links && (links.next || links.prev)) {
    pkg.links = { ...(links.next ? { next: links.next } : {}), ...(links.prev ? { prev: links.prev } : {}) };
  }
  return pkg;
}

export function releasePackage(releases: readonly unknown[], meta: PackageMeta): Package {
  return withLinks({ ...ocdsEnvelope(meta), releases: [...releases] }, meta.links);
}

export function recordPackage(records: readonly unknown[], meta: PackageMeta): Package {
  const pkg = ocdsEnvelope(meta);
  if (meta.packages?.length) pkg.packages = [...meta.packages];
  return withLinks({ ...pkg, records: [...records] }, meta.links);
}

export function projectPackage(projects: readonly unknown[], meta: PackageMeta): Package {
  return withLinks({ ...envelope(meta, '0.9'), projects: [...projects] }, meta.links);
}
