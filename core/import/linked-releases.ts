/**
 * Releases a record lists by address only. OCDS lets a record's `releases` be «linked releases» (`url`, `date`,
 * `tag`): the release is published elsewhere, at `url` — «the URL of the package with the release `id` appended
 * using a fragment identifier» (record package schema). Nuevo León, the INAI and Jalisco publish their records so
 * (the INAI's has 86 links in one record), and the history laid down by `history` had none of those releases.
 *
 * What is pure is here: which links the files hold, which of the files given is the document a link points to
 * (when offline, or when the official downloaded them), and which releases of that document are the linked one,
 * checked against the record that links it. Fetching the documents is the shell's (cli/linked-documents.ts); a
 * failure to get one comes here as a typed `LinkFailure`, and every problem becomes a finding that names the
 * record's file, the link's JSON path there and the address.
 */
import { finding, type Finding } from '../findings/finding';
import { isObject } from '../json/json-values';
import { lowerOcidPrefix } from '../identifiers/lower-ocid-prefix';
import { unversionedOcid } from './unversioned-ocid';
import './import-messages';

/**
 * One linked release of a record: where the link is (file, JSON path) and the record it belongs to. `url` is the
 * address an OCDS reader takes it for: a relative one resolved against the package's `uri` (linkAt), `written` then
 * keeping it as the file writes it, to name it so.
 */
export interface ReleaseLink {
  file: string;
  pointer: string;
  recordOcid: string;
  url: string;
  written?: string;
}

/** Why a linked document could not be had (the shell's words for it, typed). */
export type LinkFailure =
  | { kind: 'unreachable'; detail: string }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'status'; status: number; detail: string }
  | { kind: 'too-big'; megabytes: number }
  | { kind: 'not-json' }
  | { kind: 'bad-url' }
  | { kind: 'relative' }
  | { kind: 'offline' };

/** What came for a document's address: its parsed JSON and where it came from (`given`: a file of the user's), or why not. */
export type LinkedDocument = { value: unknown; given?: string } | { failure: LinkFailure };

/** The address of the document a link points to: its URL without the fragment (which names the release in it). */
export function linkDocument(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

/** The release id a link names by its fragment, decoded; undefined without one. */
function linkFragment(url: string): string | undefined {
  const hash = url.indexOf('#');
  if (hash < 0 || hash === url.length - 1) return undefined;
  const raw = url.slice(hash + 1);
  try { return decodeURIComponent(raw); } catch { return raw; }
}

/** Whether a release entry of a record is a link (url, no content: no ocid). */
export function isLinkedRelease(release: unknown): release is { url: string } {
  return isObject(release) && release.ocid === undefined && typeof release.url === 'string';
}

/** Whether an address names its scheme (`https:`, `ftp:`…): anything else is relative to the document it is in. */
function absolute(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url);
}

/**
 * A link as an OCDS reader takes it: a relative address (`releases/abc.json`, `../release/abc`) is relative to the
 * package it is written in, whose own address is its `uri` (RFC 3986 resolution). Left as written when the package
 * has no http(s) `uri` to resolve it against: then only a file given with its name can be the document (givenDocument).
 */
export function linkAt(file: string, pointer: string, recordOcid: string, url: string, packageUri: unknown): ReleaseLink {
  const link: ReleaseLink = { file, pointer, recordOcid, url };
  if (absolute(url) || typeof packageUri !== 'string' || !fetchable(packageUri)) return link;
  let resolved: string;
  try { resolved = new URL(url, packageUri).href; } catch { return link; }
  return { ...link, url: resolved, written: url };
}

/** Whether a link is still relative: written so in a package with no `uri` to resolve it against. */
export function unresolved(link: ReleaseLink): boolean {
  return !absolute(link.url);
}

/**
 * Every linked release of the files' record packages, in the order they are listed; with `uncompiledOnly`, only those
 * of records that bring no content of their own (no compiled release, no embedded release): all `import` needs, as
 * it takes a record's state from its compiled release.
 */
export function releaseLinks(files: readonly { file: string; value: unknown }[], uncompiledOnly = false): ReleaseLink[] {
  const links: ReleaseLink[] = [];
  for (const { file, value } of files) {
    if (!isObject(value) || !Array.isArray(value.records)) continue;
    value.records.forEach((record, r) => {
      if (!isObject(record) || !Array.isArray(record.releases)) return;
      if (uncompiledOnly && (isObject(record.compiledRelease) || record.releases.some((x) => !isLinkedRelease(x)))) return;
      record.releases.forEach((release, n) => {
        if (isLinkedRelease(release)) links.push(linkAt(file, `/records/${r}/releases/${n}`, String(record.ocid ?? ''), release.url, value.uri));
      });
    });
  }
  return links;
}

/** Whether an address can be fetched at all (http or https). */
export function fetchable(url: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(url);
}

/** The last segment of an address's path, decoded ('' when it has none). */
function lastSegment(url: string): string {
  const pathOnly = linkDocument(url).replace(/[?].*$/, '').replace(/^[a-z]+:\/\/[^/]*/i, '');
  const segment = pathOnly.slice(pathOnly.lastIndexOf('/') + 1);
  try { return decodeURIComponent(segment); } catch { return segment; }
}

/**
 * Which of the files given is the document at `url`: a package whose `uri` is that address, or a file named as the
 * address's last segment (Nuevo León's …/Release-ocds-7wj9x5-…-contract.json), or that name and «.json» (Jalisco's
 * …/OCApi/release/ocds-xs1qbl-…-planning has no extension). Undefined when none is.
 */
export function givenDocument<T extends { file: string; value: unknown }>(url: string, files: readonly T[]): T | undefined {
  const address = linkDocument(url);
  const byUri = files.find((f) => isObject(f.value) && typeof f.value.uri === 'string' && f.value.uri === address);
  if (byUri) return byUri;
  const name = lastSegment(url).toLowerCase();
  if (!name) return undefined;
  return files.find((f) => { const own = f.file.toLowerCase(); return own === name || own === `${name}.json`; });
}

/** Whether `releaseOcid` is the process of the record `recordOcid` (the prefix's case aside; Nuevo León's version). */
function sameProcess(recordOcid: string, releaseOcid: unknown): boolean {
  if (typeof releaseOcid !== 'string') return false;
  const norm = (ocid: string): string => lowerOcidPrefix(ocid) ?? ocid;
  return norm(recordOcid) === norm(releaseOcid) || unversionedOcid(recordOcid, releaseOcid) !== undefined;
}

/** A finding about a link: at the link (its file and JSON path), naming the address, and the user's file when it came from one. */
function linkFinding(link: ReleaseLink, code: string, params: Finding['params'], given: string | undefined, accepted: boolean): Finding {
  // A relative address is named as resolved, and as the file writes it (`written`, rendered by `{url!l}`).
  const all = { ...params, url: link.url, ...(link.written !== undefined ? { written: link.written } : {}), ocid: link.recordOcid, file: link.file, ...(given !== undefined ? { given } : {}) };
  return finding(given !== undefined ? `${code}-given` : code, accepted ? 'warning' : 'error', all, { pointer: link.pointer });
}

/** The finding of a document that could not be had. */
export function failureFinding(link: ReleaseLink, failure: LinkFailure, accepted: boolean): Finding {
  const { kind, ...params } = failure;
  return linkFinding(link, `history.link-${kind}`, params, undefined, accepted);
}

/**
 * The releases of `doc` that are the linked one: with a fragment, the release of that id; without one (Nuevo León,
 * the INAI and Jalisco link a file per release, with no fragment), the document's releases of the record's process.
 * The document is a release package (OCDS) or a release published alone (as some servers answer); anything else, a
 * fragment no release has, or releases of another process are refused with a finding (an error, or a warning when
 * the official accepted publishing without the releases that cannot be had: `accepted`).
 */
export function releasesAtLink(link: ReleaseLink, doc: { value: unknown; given?: string }, accepted = false): { releases: { pointer: string; release: unknown }[] } | { finding: Finding } {
  const { value, given } = doc;
  let candidates: { pointer: string; release: unknown }[];
  if (isObject(value) && Array.isArray(value.releases) && value.releases.length && !Array.isArray(value.records)) candidates = value.releases.map((release, n) => ({ pointer: `/releases/${n}`, release }));
  else if (isObject(value) && typeof value.ocid === 'string' && value.releases === undefined && value.records === undefined) candidates = [{ pointer: '', release: value }];
  else return { finding: linkFinding(link, 'history.link-not-a-package', {}, given, accepted) };
  const id = linkFragment(link.url);
  if (id !== undefined) {
    candidates = candidates.filter((c) => isObject(c.release) && String(c.release.id) === id);
    if (!candidates.length) return { finding: linkFinding(link, 'history.link-id-missing', { id }, given, accepted) };
  }
  const mine = candidates.filter((c) => !isObject(c.release) || sameProcess(link.recordOcid, c.release.ocid));
  if (!mine.length) {
    const other = candidates.map((c) => (isObject(c.release) ? c.release.ocid : undefined)).find((o) => typeof o === 'string');
    return { finding: linkFinding(link, 'history.link-other-ocid', { found: typeof other === 'string' ? other : '' }, given, accepted) };
  }
  return { releases: mine };
}
