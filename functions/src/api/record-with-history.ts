/**
 * A process's record as `/api/ocds/records/{ocid}` serves it: the stored record (links to its releases and its
 * compiled release) with its versioned release — every field's history, OCDS 1.1 "Versioned data" — built here
 * from the publication's releases of that process.
 *
 * Publications store records without it (publication/publish.ts): the versioned release is optional in a record
 * (record schema, `versionedRelease`), it was ~80 % of a stored record's bytes and about a fifth of a publication's
 * time (issue 16), and a long-lived process's history kept growing towards the store's 1 MB per document. Record
 * pages and bulk files carry the compiled release; this one answer, the one a reader opens for a process, adds the
 * history. Records stored before that change carry theirs and are served as they are.
 */
import { versionedRelease, type Release } from '../../../core/merge';
import type { Store } from '../store/store';
import { readAll } from '../store/read-all';

export async function recordWithHistory(store: Store, publicationId: string, ocid: string, stored: Buffer): Promise<Buffer> {
  const record = JSON.parse(stored.toString('utf8')) as Record<string, unknown>;
  if (record.versionedRelease !== undefined) return stored;
  const releases = await readAll((after) => store.listDocumentTexts('releases', { publicationId, ocid, after, limit: 1000 }));
  if (!releases.length) return stored;
  const history = versionedRelease(releases.map((r) => JSON.parse(r.text) as Release));
  return Buffer.from(JSON.stringify({ ...record, versionedRelease: history }), 'utf8');
}
