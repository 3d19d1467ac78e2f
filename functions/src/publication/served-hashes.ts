/**
 * The SHA-256 of a publication's content as served: of its releases, records and projects as JSON Lines, each
 * document's stored text on a line of its own, in the order the store lists them (releases by ocid, date and id;
 * records by ocid; projects by id) — byte for byte the publication's `releases.jsonl`, `records.jsonl` and
 * `projects.jsonl` (bulk-files.ts writeKind), and what the API's packages splice in. publish() hashes the texts it
 * writes, as it writes them (no second serialization), and puts the three hashes in the publication's audit entry,
 * which the chain seals (audit/audit-chain.ts): a reader's download is then checked against what was published
 * that day, not against a manifest written later. `contentHash` (publish.ts hashContent) is another thing: the
 * idempotency key, taken before summaries are derived.
 */
import { createHash, type Hash } from 'crypto';
import type { BulkKind } from '../../../core/packages/bulk-contents';

export type ServedHashes = Record<BulkKind, string>;

/** The store's order (collections.ts sortKey): JSON texts of the key parts compared as strings. */
export const storeOrder = (key: string): string => JSON.stringify(key);

export class ServedHasher {
  private readonly hashes: Record<BulkKind, Hash> = { releases: createHash('sha256'), records: createHash('sha256'), projects: createHash('sha256') };
  private readonly newline = Buffer.from('\n');

  /** One document's stored text, in the store's order. */
  add(kind: BulkKind, text: string | Buffer): void {
    const hash = this.hashes[kind];
    hash.update(text);
    hash.update(this.newline);
  }

  digests(): ServedHashes {
    return { releases: this.hashes.releases.digest('hex'), records: this.hashes.records.digest('hex'), projects: this.hashes.projects.digest('hex') };
  }
}
