/**
 * Every finding of a send, kept with it: the submission document keeps counts and the first 50 (findings-summary.ts:
 * a document has a 1 MiB limit, and a large send's findings run to megabytes), which left a coordinator unable to read
 * or cite the rest. Kept once, at the send, by the snapshot's content hash and the publisher (Store.putSendFindings:
 * chunked like a prepared preview, removed with its snapshot when pruned), in the order the review lists them —
 * errors, then personal data, then the other warnings, then avisos; each in the workbook's reading order — so that
 * what the page and the CSV show is the very verdict the send's counts were made from, not a check run again later
 * against other publications and another day.
 */
import { gunzipSync, gzipSync } from 'zlib';
import type { Finding } from '../../../core/findings/finding';
import type { Store } from '../store/store';
import { rankedFindings } from './findings-summary';

/**
 * The shape kept; another version's is not read (the page then lists the sample, as for a send made before). The
 * list is gzipped (base64): a finding carries its parameters (a project's missing CoST IDS points run to 3,500
 * characters). Measured: the 720 of a send of 400 processes, 0.3 MB of JSON, keep 10 KB; 18,000, 7.8 MB, keep 250 KB
 * (one document) for 53 ms of CPU to write and 57 ms to read back (each page read).
 */
const FORMAT = 1;

export async function keepSendFindings(store: Store, contentHash: string, publisherId: string, findings: readonly Finding[]): Promise<void> {
  await store.putSendFindings(contentHash, publisherId, JSON.stringify({ format: FORMAT, gzip: gzipSync(JSON.stringify(rankedFindings(findings))).toString('base64') }));
}

/** The send's findings as kept, or undefined (a send made before they were kept, or its snapshot pruned). */
export async function readSendFindings(store: Store, contentHash: string, publisherId: string): Promise<Finding[] | undefined> {
  const text = await store.getSendFindings(contentHash, publisherId);
  if (text === undefined) return undefined;
  const kept = JSON.parse(text) as { format?: unknown; gzip?: unknown };
  if (kept.format !== FORMAT || typeof kept.gzip !== 'string') return undefined;
  return JSON.parse(gunzipSync(Buffer.from(kept.gzip, 'base64')).toString('utf8')) as Finding[];
}
