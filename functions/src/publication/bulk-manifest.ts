/**
 * A folder of bulk files' manifest, `huellas.json`: the size and SHA-256 of every file, written once with them
 * (bulk-files.ts writeBulkFiles), before datos.xlsx, the last. With it a journalist or an auditor who downloaded a
 * file shows later that it is what the platform published (`infra-abierta verificar`, docs/operations.md). For one
 * publisher's publication it also names the publication's entry in the audit log's hash chain (audit/audit-chain.ts),
 * whose `servedSha256` — taken by publish() as it wrote the data — must be the hashes of its `.jsonl` files here: the
 * manifest, written later (after the publication, or by a download, or again after an upgrade), is thus checked
 * against what was sealed the day it was published.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import type { Store } from '../store/store';
import { bulkRedactions, type ServedRedaction } from '../api/redaction-notes';
import type { BulkSet } from './bulk-files';

/** The manifest's file name, beside the files it describes. */
export const MANIFEST_FILE = 'huellas.json';

export interface FileFingerprint { name: string; bytes: number; sha256: string }

export interface BulkManifest {
  /** What this is, in Spanish, for whoever opens it. */
  note: string;
  /** The form of the files (bulk-files.ts BULK_FORM). */
  form: number;
  writtenAt: string;
  publications: { publisherId: string; publicationId: string; publishedAt: string; audit?: { seq: number; hash: string; servedSha256?: unknown } }[];
  files: FileFingerprint[];
  /**
   * The releases and projects of these files that `publications redact` changed after publication, as the packages
   * (releases.json, records.json, projects.json) list them: the `.jsonl` files are one document a line, with no
   * package to say it, and their reader may download only them and this manifest. Present only when there are any.
   */
  redactions?: ServedRedaction[];
}

export async function fingerprintOf(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * The chained audit entry that published `publication` (made at its creation time, publish.ts), if any: entries
 * written before the chain, or a publication laid down before it, have none.
 */
async function publicationEntry(store: Store, set: BulkSet): Promise<BulkManifest['publications'][number]['audit']> {
  const { items } = await store.listAudit({ publisherId: set.publisher.id, since: set.publication.createdAt, limit: 50 });
  const entry = items.find((e) => e.target === `publication/${set.publication.id}`);
  if (!entry || typeof entry.seq !== 'number' || typeof entry.hash !== 'string') return undefined;
  return { seq: entry.seq, hash: entry.hash, ...(entry.details.servedSha256 !== undefined ? { servedSha256: entry.details.servedSha256 } : {}) };
}

/** Of the releases (which records.json's records list too) and of the projects. */
function redactionsOf(sets: BulkSet[]): Pick<BulkManifest, 'redactions'> {
  const found = [...(bulkRedactions(sets, 'releases').redactions ?? []), ...(bulkRedactions(sets, 'projects').redactions ?? [])];
  return found.length ? { redactions: found } : {};
}

export async function bulkManifest(store: Store, sets: BulkSet[], form: number, files: FileFingerprint[]): Promise<BulkManifest> {
  // One publisher's files name its publication's audit entry (one read); the files of all publishers together do
  // not look up hundreds of entries: each publication is found in the chain by its id.
  const audit = sets.length === 1 ? await publicationEntry(store, sets[0]) : undefined;
  return {
    note: 'Huellas SHA-256 de los archivos de descarga de esta publicación, escritas una sola vez, al escribir los archivos. Compruebe un archivo descargado con «infra-abierta verificar ARCHIVO --huellas huellas.json», o compare su SHA-256 (sha256sum, Get-FileHash) con el de aquí.',
    form,
    writtenAt: new Date().toISOString(),
    publications: sets.map((s, i) => ({ publisherId: s.publisher.id, publicationId: s.publication.id, publishedAt: s.publication.createdAt, ...(i === 0 && audit ? { audit } : {}) })),
    files,
    ...redactionsOf(sets),
  };
}
