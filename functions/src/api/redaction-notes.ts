/**
 * What a package says of the releases and projects in it that `publications redact` changed after they were
 * published (publication/redact.ts): OCDS 1.1.5 treats a release as immutable, and a reader who compares a download
 * made before with one made after finds a release with the same id and date whose text changed — a journalist would
 * read it as the platform rewriting history. The package says which, when, and which fields; never the texts.
 *
 * Package-level, as `redactions`: the release and project schemas have nowhere for it, and a field added inside a
 * release would itself change every redacted release again, be compiled into the record's compiled release and
 * versioned release as if the publisher had published it, and travel with the release into other systems as the
 * publisher's statement; the package is the platform's statement about what it serves (as `publishedDate`,
 * `publisher` and `links` are), and the OCDS and OC4IDS package schemas allow additional properties. Present only in
 * a package that holds a redacted release, record or project, so that every other answer is as before.
 * docs/operations.md «Retirar datos personales ya publicados» documents it.
 */
import type { Publication, RedactionNote } from '../store/store';

/** One changed release (`releaseID` of process `ocid`) or project (`projectID`): when, and its fields as JSON Pointers. */
export type ServedRedaction =
  | { ocid: string; releaseID: string; redactedDate: string; fields: string[] }
  | { projectID: string; redactedDate: string; fields: string[] };

interface Notes {
  releases: Map<string, ServedRedaction[]>;
  byOcid: Map<string, ServedRedaction[]>;
  projects: Map<string, ServedRedaction[]>;
}

/** A publication, or a bulk file set's (publication/bulk-files.ts BulkSet): its redactions are all that is read. */
type Redactable = Pick<Publication, 'redactions'>;

const NONE: Notes = { releases: new Map(), byOcid: new Map(), projects: new Map() };
/** Built once per publication read (publications are immutable once complete). */
const built = new WeakMap<Redactable, Notes>();
const releaseKey = (ocid: string, id: string): string => `${ocid}\u0000${id}`;

function push<K>(map: Map<K, ServedRedaction[]>, key: K, entry: ServedRedaction): void {
  const list = map.get(key);
  if (list) list.push(entry); else map.set(key, [entry]);
}

function notesOf(publication: Redactable): Notes {
  const redactions: RedactionNote[] | undefined = publication.redactions;
  if (!redactions?.length) return NONE;
  let notes = built.get(publication);
  if (notes) return notes;
  notes = { releases: new Map(), byOcid: new Map(), projects: new Map() };
  for (const r of redactions) {
    for (const release of r.releases) {
      const entry: ServedRedaction = { ocid: release.ocid, releaseID: release.id, redactedDate: r.at, fields: release.pointers };
      push(notes.releases, releaseKey(release.ocid, release.id), entry);
      push(notes.byOcid, release.ocid, entry);
    }
    for (const project of r.projects) push(notes.projects, project.id, { projectID: project.id, redactedDate: r.at, fields: project.pointers });
  }
  built.set(publication, notes);
  return notes;
}

/** The notes of the publications of `sets` that have any. */
const notesIn = (sets: readonly { publication: Redactable }[]): Notes[] => sets.map((s) => notesOf(s.publication)).filter((n) => n !== NONE);

const listed = (found: ServedRedaction[]): { redactions?: ServedRedaction[] } => (found.length ? { redactions: found } : {});

/** Of a release package: the redactions of the releases it holds (`key` the ocid, `id` the release id). */
export function releaseRedactions(sets: readonly { publication: Redactable }[], releases: readonly { key: string; id?: string }[]): { redactions?: ServedRedaction[] } {
  const all = notesIn(sets);
  return listed(releases.flatMap((r) => all.flatMap((n) => n.releases.get(releaseKey(r.key, r.id ?? '')) ?? [])));
}

/** Of a record package: those of the releases of the processes it holds (a record lists every release of its process). */
export function recordRedactions(sets: readonly { publication: Redactable }[], ocids: readonly string[]): { redactions?: ServedRedaction[] } {
  const all = notesIn(sets);
  return listed(ocids.flatMap((ocid) => all.flatMap((n) => n.byOcid.get(ocid) ?? [])));
}

/** Of a project package: those of the projects it holds. */
export function projectRedactions(sets: readonly { publication: Redactable }[], ids: readonly string[]): { redactions?: ServedRedaction[] } {
  const all = notesIn(sets);
  return listed(ids.flatMap((id) => all.flatMap((n) => n.projects.get(id) ?? [])));
}

/**
 * Of a bulk file of `kind` (publication/bulk-service.ts): every redaction of the releases (releases.json and
 * records.json, which hold every release or link every one) or the projects (projects.json) of its publications. The
 * JSON Lines files are one document a line, with no package to say it: their `.json` and the `huellas.json` beside
 * them do (bulk-manifest.ts).
 */
export function bulkRedactions(sets: readonly { publication: Redactable }[], kind: 'releases' | 'records' | 'projects'): { redactions?: ServedRedaction[] } {
  return listed(notesIn(sets).flatMap((n) => [...(kind === 'projects' ? n.projects : n.releases).values()].flat()));
}
