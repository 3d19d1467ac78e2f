/**
 * A submission's history is bounded, so that its document never outgrows the store's limit (DESIGN §7) however
 * many times it is returned and sent again: the first entry (how it started) and the newest ones stay; older
 * entries are dropped from the submission and counted in `earlierEntries`. Nothing is lost: every decision that
 * writes a history entry also writes the append-only audit log, which keeps them all.
 */
import type { HistoryEntry, Submission } from './store';

/** Entries kept in a submission (the first one included). */
export const MAX_HISTORY_ENTRIES = 50;
/**
 * Bytes of history JSON kept. A return comment may be 5000 characters, up to 30 KB once escaped, so the count
 * alone would not bound the size; this leaves most of the 1 MB document for the findings sample and the rest.
 */
export const MAX_HISTORY_BYTES = 256 * 1024;

const bytesOf = (entry: HistoryEntry): number => Buffer.byteLength(JSON.stringify(entry)) + 1;

export function appendHistory(submission: Pick<Submission, 'history' | 'earlierEntries'>, entry: HistoryEntry): Pick<Submission, 'history' | 'earlierEntries'> {
  const [first, ...rest] = [...submission.history, entry];
  let bytes = bytesOf(first);
  let kept = 0;
  // Newest first, while both limits hold (the newest entry is always kept).
  for (let i = rest.length - 1; i >= 0; i--) {
    const size = bytesOf(rest[i]);
    if (kept > 0 && (kept + 1 >= MAX_HISTORY_ENTRIES || bytes + size > MAX_HISTORY_BYTES)) break;
    bytes += size;
    kept += 1;
  }
  const dropped = rest.length - kept;
  const earlier = (submission.earlierEntries ?? 0) + dropped;
  return { history: [first, ...rest.slice(rest.length - kept)], ...(earlier ? { earlierEntries: earlier } : {}) };
}

/**
 * How many entries the submission's history has ever had, dropped ones included: a version number that only
 * grows, for compare-and-set writes (`ifVersion`). The kept history's length stops growing at the bound.
 */
export function historyVersion(submission: Pick<Submission, 'history' | 'earlierEntries'>): number {
  return submission.history.length + (submission.earlierEntries ?? 0);
}
