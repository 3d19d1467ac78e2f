/**
 * The releases an implementer already published elsewhere (release packages, record packages whose records embed
 * their releases, releases published one per file), gathered as they were published so that they can be laid down
 * as the first publication here (`infra-abierta history`), keeping their ids, dates, tags and content: they are
 * already public, and OCDS fixes a release once published.
 *
 * A record that links its releases by address (linked releases) brings them from their documents, fetched or found
 * among the files by the shell (linked-releases.ts): they are laid down and compiled as the embedded ones are.
 *
 * What is refused (errors) is only what the store or the API cannot hold: a release without `ocid` or `id` (they
 * key it), without a `date` (the record orders its releases by it), the same id in one process with two different
 * contents (one of them would be lost), an ocid outside the publisher's prefix (another publisher's process), and a
 * linked release that could not be had or is not the record's (the history would lack it), unless the official
 * accepted publishing without those (then a warning each). Two changes are made to the ocid, each said: its prefix
 * written in capitals is published in lower case, the registered prefix, and a version a record's release adds to
 * the record's ocid (Nuevo León) is left out. Everything else is kept as published and reported as a
 * warning: the findings of today's profile (EDCA-MX) with their JSON path in the file, and projects (they are
 * published with the workbook).
 */
import { finding, type Finding } from '../findings/finding';
import { canonicalJson } from '../unflatten/content-hash';
import { isObject } from '../json/json-values';
import { validateDocument } from '../validate/validate-package';
import { otherScriptLetters } from '../identifiers/other-script-letters';
import { failureFinding, isLinkedRelease, linkAt, linkDocument, releasesAtLink, type LinkedDocument } from './linked-releases';
import { unversionedOcid, versionsNamedByProjects } from './unversioned-ocid';
import './import-messages';

type JsonObject = Record<string, unknown>;

export interface PublishedRelease {
  ocid: string;
  id: string;
  date: string;
  release: JsonObject;
}

/** A finding in one of the files read: its pointer is a JSON path in that file. */
export interface FileFinding {
  file: string;
  finding: Finding;
}

export interface PublishedHistory {
  releases: PublishedRelease[];
  findings: FileFinding[];
}

/**
 * A release found in a document, with the file it came from (a record's file, or a linked release's address) and its
 * JSON path there; `recordOcid`: the ocid of the record that lists it, if a record does.
 */
interface Found { file: string; pointer: string; release: unknown; recordOcid?: string }

/** How linked releases are had: the documents at their addresses (linked-releases.ts), and whether failing ones may be left out. */
export interface HistoryLinks {
  documents: ReadonlyMap<string, LinkedDocument>;
  acceptMissing: boolean;
}

/**
 * The releases a record lists: those it embeds, and those it links, from their documents when `links` has them;
 * `packageUri`: the record package's own address, which a relative link is relative to.
 */
function recordReleases(record: unknown, r: number, file: string, packageUri: unknown, links: HistoryLinks | undefined, out: FileFinding[]): Found[] {
  const releases = isObject(record) && Array.isArray(record.releases) ? record.releases : [];
  const recordOcid = isObject(record) ? String(record.ocid ?? '') : '';
  const found: Found[] = [];
  const unfetched: string[] = [];
  releases.forEach((release, n) => {
    const pointer = `/records/${r}/releases/${n}`;
    if (!isLinkedRelease(release)) return void found.push({ file, pointer, release, recordOcid });
    const link = linkAt(file, pointer, recordOcid, release.url, packageUri);
    const doc = links?.documents.get(linkDocument(link.url));
    if (!doc) return void unfetched.push(link.url);
    if ('failure' in doc) return void out.push({ file, finding: failureFinding(link, doc.failure, links?.acceptMissing === true) });
    const at = releasesAtLink(link, doc, links?.acceptMissing === true);
    if ('finding' in at) return void out.push({ file, finding: at.finding });
    // Said as coming from where they were read: the address, or the official's file that is its document.
    for (const x of at.releases) found.push({ file: doc.given ?? linkDocument(link.url), pointer: x.pointer, release: x.release, recordOcid });
  });
  // Without the documents (a caller that fetches nothing): their content is not in the file. Said once per record.
  if (unfetched.length) out.push({ file, finding: finding('history.linked-releases', 'warning', { file, ocid: recordOcid, count: unfetched.length, url: unfetched[0] }, { pointer: `/records/${r}/releases` }) });
  return found;
}

/** The releases of one document (a package, a record package or a single release), with their JSON path in the file. */
function releasesOf(value: unknown, file: string, links: HistoryLinks | undefined, out: FileFinding[]): Found[] {
  if (!isObject(value)) {
    out.push({ file, finding: finding('history.not-a-package', 'error', { file }) });
    return [];
  }
  if (Array.isArray(value.releases)) return value.releases.map((release, n) => ({ file, pointer: `/releases/${n}`, release }));
  if (Array.isArray(value.records)) return value.records.flatMap((record, r) => recordReleases(record, r, file, value.uri, links, out));
  if (Array.isArray(value.projects) || (value.ocid === undefined && typeof value.id === 'string' && 'updated' in value)) {
    out.push({ file, finding: finding('history.project-skipped', 'warning', { file }) });
    return [];
  }
  if (value.ocid !== undefined || value.tag !== undefined) return [{ file, pointer: '', release: value }];
  out.push({ file, finding: finding('history.not-a-package', 'error', { file }) });
  return [];
}

/** The project ids a release names (EDCA-MX): its JSON path in the release and the id. */
function projectIds(release: JsonObject): [string, string][] {
  const planning = isObject(release.planning) ? release.planning : undefined;
  const project = isObject(planning?.project) ? planning.project.id : undefined;
  const budget = isObject(planning?.budget) ? planning.budget.projectID : undefined;
  const out: [string, string][] = [];
  if (typeof project === 'string') out.push(['/planning/project/id', project]);
  if (typeof budget === 'string') out.push(['/planning/budget/projectID', budget]);
  return out;
}

/**
 * What a history's warnings must never leave unsaid, whatever their number: an id with look-alike letters, a link
 * that is not a web link, a compiled release among the releases. They are listed first and never cut.
 */
const ALWAYS_SHOWN = new Set(['identifier.otherScript', 'url.scheme', 'url.localFile', 'history.compiled-release']);

/** The warnings of one file to list (`limit` of them, more if more must be shown) and how many are left out. */
export function historyWarningsShown(warnings: readonly FileFinding[], limit: number): { shown: FileFinding[]; left: number } {
  const first = warnings.filter((f) => ALWAYS_SHOWN.has(f.finding.code));
  const rest = warnings.filter((f) => !ALWAYS_SHOWN.has(f.finding.code));
  const shown = [...first, ...rest.slice(0, Math.max(0, limit - first.length))];
  return { shown, left: warnings.length - shown.length };
}

/**
 * Every release of the documents (`files`, parsed), checked as said above; `ocidPrefix` is the publisher's. A
 * release found twice with the same content (in a release package and in a record, say) is kept once. A record's
 * linked releases come from `links` (the documents at their addresses); without it they are only reported.
 * An ocid whose prefix is in capitals is published with the registered one (`ocidPrefix`, lower case): see below.
 */
export function publishedHistory(files: { file: string; value: unknown }[], ocidPrefix: string, links?: HistoryLinks): PublishedHistory {
  const findings: FileFinding[] = [];
  const loweredSaid = new Set<string>();
  const unversionedSaid = new Set<string>();
  const byKey = new Map<string, { file: string; pointer: string; text: string; release: PublishedRelease }>();
  const found = files.map(({ file, value }) => releasesOf(value, file, links, findings));
  // The ocid a record gives a versioned release's process (below), also for that release read from its own file.
  const processOf = new Map<string, string>();
  for (const { release, recordOcid } of found.flat()) {
    const ocid = isObject(release) ? release.ocid : undefined;
    const unversioned = recordOcid === undefined ? undefined : unversionedOcid(recordOcid, ocid);
    if (unversioned) processOf.set(ocid as string, unversioned);
  }
  // Without its record, the project that lists the release names its process (versionsNamedByProjects): the project
  // itself is not laid down (history.project-skipped), but it is the publisher's word on which process that is.
  const namedIn = new Map<string, string>();
  for (const { file, value } of files) {
    for (const [versioned, ocid] of versionsNamedByProjects([value])) {
      if (processOf.has(versioned)) continue;
      processOf.set(versioned, ocid);
      namedIn.set(versioned, file);
    }
  }
  for (const releases of found) {
    for (const { file, pointer, release: published } of releases) {
      const at = { pointer: pointer || '/' };
      if (!isObject(published)) {
        findings.push({ file, finding: finding('history.not-a-release', 'error', { file }, at) });
        continue;
      }
      const { ocid: asPublished, id, date } = published;
      if (typeof asPublished !== 'string' || asPublished === '') { findings.push({ file, finding: finding('history.no-ocid', 'error', { file }, at) }); continue; }
      // Nuevo León's releases carry the version in their ocid («…-2020-v001», its record «…-2020001»): the process is
      // the ocid without it, as `import` writes the workbook's (upgrade.ts). Laid down as published, each version was a
      // record of its own, and the workbook's next release a third one. Said, as the prefix below.
      const unversioned = processOf.get(asPublished);
      const publishedOcid = unversioned ?? asPublished;
      if (unversioned && !unversionedSaid.has(asPublished)) {
        unversionedSaid.add(asPublished);
        const project = namedIn.get(asPublished);
        findings.push({ file, finding: project === undefined ? finding('history.ocid-unversioned', 'info', { ocid: asPublished, unversioned }, at) : finding('history.ocid-unversioned-project', 'info', { ocid: asPublished, unversioned, project }, at) });
      }
      // A number is an id too (capture tools wrote 1386): kept in the release as published, keyed as text.
      if ((typeof id !== 'string' && typeof id !== 'number') || id === '') { findings.push({ file, finding: finding('history.no-id', 'error', { file, ocid: publishedOcid }, at) }); continue; }
      if (typeof date !== 'string' || Number.isNaN(Date.parse(date))) { findings.push({ file, finding: finding('history.no-date', 'error', { file, ocid: publishedOcid, id: String(id) }, at) }); continue; }
      // Prefixes are case-insensitive (the OCP registers them in lower case; some publishers wrote them in capitals).
      if (!publishedOcid.toLowerCase().startsWith(`${ocidPrefix.toLowerCase()}-`)) { findings.push({ file, finding: finding('history.other-prefix', 'error', { file, ocid: publishedOcid, prefix: ocidPrefix }, at) }); continue; }
      // …but ocids compare as text: «OCDS-87SD3T-…» laid down as published was one record, and the workbook's next
      // release of the process (its ocid in lower case, as validation asks, and as import writes it) another. The
      // process is one (what the implementer expects), so the release is published with the registered prefix; only
      // those characters change, and it is said (info: the release is otherwise as published).
      const ocid = publishedOcid.startsWith(`${ocidPrefix}-`) ? publishedOcid : `${ocidPrefix}${publishedOcid.slice(ocidPrefix.length)}`;
      const release = ocid === asPublished ? published : { ...published, ocid };
      if (ocid !== publishedOcid && !loweredSaid.has(publishedOcid)) {
        loweredSaid.add(publishedOcid);
        findings.push({ file, finding: finding('history.prefix-lowered', 'info', { ocid: publishedOcid, lower: ocid }, at) });
      }
      const key = `${ocid}\u0000${String(id)}`;
      const text = canonicalJson(release);
      const seen = byKey.get(key);
      if (seen) {
        if (seen.text !== text) findings.push({ file, finding: finding('history.duplicate-id', 'error', { file, ocid, id: String(id), other: seen.file, otherPointer: seen.pointer || '/' }, at) });
        continue;
      }
      byKey.set(key, { file, pointer, text, release: { ocid, id: String(id), date, release } });
      // A compiled release (the SHCP's files: one per process, tagged «compiled») is laid down as published, as one
      // release of its record: refusing it would refuse a history that is public; it is said, as the record shows it.
      if ([published.tag].flat().includes('compiled')) findings.push({ file, finding: finding('history.compiled-release', 'warning', { ocid, id: String(id) }, { pointer: pointer ? `${pointer}/tag` : '/tag' }) });
      // Today's profile: what the release lacks or has wrong is said, never changed (it is already public).
      for (const f of validateDocument(release)?.findings ?? []) {
        if (f.severity === 'info') continue;
        findings.push({ file, finding: { ...f, severity: 'warning', pointer: `${pointer}${f.pointer ?? ''}` || '/' } });
      }
      // A release's link to its project (EDCA-MX planning.project.id, planning.budget.projectID): a look-alike letter
      // makes it another project the public cannot tell apart, as the workbook's check says of project ids.
      for (const [at, value] of projectIds(release)) {
        const letters = otherScriptLetters(value);
        if (letters.length) findings.push({ file, finding: finding('identifier.otherScript', 'warning', { value, letters: letters.join(', ') }, { pointer: `${pointer}${at}` }) });
      }
    }
  }
  return { releases: [...byKey.values()].map((r) => r.release), findings };
}
