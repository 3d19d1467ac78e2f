/**
 * A bench's starting state written where it is cheap, then copied as rows into the store the bench measures. The
 * audit log of bench:daily and bench:monthly-report is appended one entry at a time, as the workflow writes it (each
 * append takes the next place of the log's hash chain: a read of the head, an insert and a note of the new head) —
 * against the Firestore emulator a few round trips per entry through firebase-admin, which cost the seeding of
 * bench:daily's smoke test ~6 CPU-seconds (the bench and the emulator) for its ~200 entries, more than the runs it
 * measures. The same appends into an in-memory SQLite store make the same rows (document-store.ts builds them for
 * both kinds), copied here in batches as `infra-abierta transfer` copies a database: ids, sort keys, fields and
 * bodies as written. The store measured then holds what the appends would have left in it.
 */
import { COLLECTIONS, type CollectionName } from '../../functions/src/store/collections';
import { copyCollection } from '../../functions/src/store/copy-collection';
import type { DocumentBackend } from '../../functions/src/store/document-backend';
import type { Store } from '../../functions/src/store/store';

/** Rows read and written at a time (a Firestore batch holds up to 500). */
const PAGE = 500;

/** Every row of every collection of `source` written into `target`, as it is. */
export async function copyRows(source: DocumentBackend, target: DocumentBackend): Promise<number> {
  let copied = 0;
  for (const collection of Object.keys(COLLECTIONS) as CollectionName[]) copied += await copyCollection(source, target, collection, PAGE);
  return copied;
}

/** An entry of the audit log as the workflow appends it. */
export type LogEntry = Parameters<Store['appendAudit']>[0];

/**
 * Entries of the log left out of the copy and appended to the measured store itself: its reads, inserts and
 * transactions (and firebase-admin's) have run before the first figure is timed, as after appending every entry.
 */
export const APPENDED_LAST = 10;

/**
 * Appended one at a time, in order: appends at once all race for the chain's next place (document-store appendAudit)
 * and retry (64 at once, ~32 times each: 297 entries took 13.9 s against 3.9 s in order).
 */
export async function appendInOrder(store: Store, entries: readonly LogEntry[]): Promise<void> {
  for (const e of entries) await store.appendAudit(e);
}
