/**
 * The releases an implementer already published elsewhere (release packages, record packages whose records embed
 * their releases, releases published one per file), gathered as they were published so that they can be laid down
 * as the first publication here (`infra-abierta history`), keeping their ids, dates, tags and content: they are
 * already public, and OCDS fixes a release once published.
 *
 * What is refused (errors) is only what the store or the API cannot hold: a release without `ocid` or `id` (they
 * key it), without a `date` (the record orders its releases by it), the same id in one process with two different
 * contents (one of them would be lost), or an ocid outside the publisher's prefix (another publisher's process).
 * Everything else is kept as published and reported as a warning: the findings of today's profile (EDCA-MX) with
 * their JSON path in the file, records that only link a release (its content is not in the file), and projects
 * (they are published with the workbook).
 */
import { finding, type Finding } from '../findings/finding';
import { canonicalJson } from '../unflatten/content-hash';
import { isObject } from '../json/json-values';
import { validateDocument } from '../validate/validate-package';
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

/** The releases of one document (a package, a record package or a single release), with their JSON path in the file. */
function releasesOf(value: unknown, file: string, out: FileFinding[]): { pointer: string; release: unknown }[] {
  if (!isObject(value)) {
    out.push({ file, finding: finding('history.not-a-package', 'error', { file }) });
    return [];
  }
  if (Array.isArray(value.releases)) return value.releases.map((release, n) => ({ pointer: `/releases/${n}`, release }));
  if (Array.isArray(value.records)) {
    const found: { pointer: string; release: unknown }[] = [];
    value.records.forEach((record, r) => {
      const releases = isObject(record) && Array.isArray(record.releases) ? record.releases : [];
      // A linked release (url, date, tag): its content was published elsewhere, not in this file. Said once per record.
      const linked = releases.flatMap((release, n) => (isObject(release) && release.ocid === undefined && typeof release.url === 'string' ? [{ n, url: release.url }] : []));
      if (linked.length) out.push({ file, finding: finding('history.linked-releases', 'warning', { file, ocid: isObject(record) ? String(record.ocid ?? '') : '', count: linked.length, url: linked[0].url }, { pointer: `/records/${r}/releases` }) });
      const skip = new Set(linked.map((l) => l.n));
      releases.forEach((release, n) => { if (!skip.has(n)) found.push({ pointer: `/records/${r}/releases/${n}`, release }); });
    });
    return found;
  }
  if (Array.isArray(value.projects) || (value.ocid === undefined && typeof value.id === 'string' && 'updated' in value)) {
    out.push({ file, finding: finding('history.project-skipped', 'warning', { file }) });
    return [];
  }
  if (value.ocid !== undefined || value.tag !== undefined) return [{ pointer: '', release: value }];
  out.push({ file, finding: finding('history.not-a-package', 'error', { file }) });
  return [];
}

/**
 * Every release of the documents (`files`, parsed), checked as said above; `ocidPrefix` is the publisher's. A
 * release found twice with the same content (in a release package and in a record, say) is kept once.
 */
export function publishedHistory(files: { file: string; value: unknown }[], ocidPrefix: string): PublishedHistory {
  const findings: FileFinding[] = [];
  const upperSaid = new Set<string>();
  const byKey = new Map<string, { file: string; pointer: string; text: string; release: PublishedRelease }>();
  for (const { file, value } of files) {
    for (const { pointer, release } of releasesOf(value, file, findings)) {
      const at = { pointer: pointer || '/' };
      if (!isObject(release)) {
        findings.push({ file, finding: finding('history.not-a-release', 'error', { file }, at) });
        continue;
      }
      const { ocid, id, date } = release;
      if (typeof ocid !== 'string' || ocid === '') { findings.push({ file, finding: finding('history.no-ocid', 'error', { file }, at) }); continue; }
      // A number is an id too (capture tools wrote 1386): kept in the release as published, keyed as text.
      if ((typeof id !== 'string' && typeof id !== 'number') || id === '') { findings.push({ file, finding: finding('history.no-id', 'error', { file, ocid }, at) }); continue; }
      if (typeof date !== 'string' || Number.isNaN(Date.parse(date))) { findings.push({ file, finding: finding('history.no-date', 'error', { file, ocid, id: String(id) }, at) }); continue; }
      // Prefixes are case-insensitive (the OCP registers them in lower case; some publishers wrote them in capitals).
      if (!ocid.toLowerCase().startsWith(`${ocidPrefix.toLowerCase()}-`)) { findings.push({ file, finding: finding('history.other-prefix', 'error', { file, ocid, prefix: ocidPrefix }, at) }); continue; }
      // Kept as published; but the workbook asks for the prefix in lower case, and that ocid is another process's record.
      if (!ocid.startsWith(`${ocidPrefix}-`) && !upperSaid.has(ocid)) {
        upperSaid.add(ocid);
        findings.push({ file, finding: finding('history.prefix-case', 'warning', { ocid, lower: `${ocidPrefix}${ocid.slice(ocidPrefix.length)}` }, at) });
      }
      const key = `${ocid}\u0000${String(id)}`;
      const text = canonicalJson(release);
      const seen = byKey.get(key);
      if (seen) {
        if (seen.text !== text) findings.push({ file, finding: finding('history.duplicate-id', 'error', { file, ocid, id: String(id), other: seen.file, otherPointer: seen.pointer || '/' }, at) });
        continue;
      }
      byKey.set(key, { file, pointer, text, release: { ocid, id: String(id), date, release } });
      // Today's profile: what the release lacks or has wrong is said, never changed (it is already public).
      for (const f of validateDocument(release)?.findings ?? []) {
        if (f.severity === 'info') continue;
        findings.push({ file, finding: { ...f, severity: 'warning', pointer: `${pointer}${f.pointer ?? ''}` || '/' } });
      }
    }
  }
  return { releases: [...byKey.values()].map((r) => r.release), findings };
}
