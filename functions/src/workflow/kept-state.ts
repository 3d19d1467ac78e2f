/**
 * Work that outlasts the request asking for it (a send's preview, prepared-preview.ts; a send's check,
 * send-check.ts): what it is doing, then what it answered, kept in the store as a small JSON text under a key and the
 * publisher (a preview's: Store.putPreparedPreview; a send check's: Store.putSendCheck), for the next request to find;
 * and the request's wait for it, bounded.
 */
import type { Store } from '../store/store';

/** A kept state: `format` names its shape, so one written by another version (an upgrade) is not misread. */
export interface Versioned { format: number }

/** A kept state's text read back, or undefined (none, unreadable, or of another `format`). */
export function parseKept<T extends Versioned>(text: string | undefined, format: number): T | undefined {
  if (text === undefined) return undefined;
  try {
    const kept = JSON.parse(text) as T;
    return kept.format === format ? kept : undefined;
  } catch {
    return undefined;
  }
}

/** The preview state kept under `key` for `publisherId` (parseKept). */
export const readKept = async <T extends Versioned>(store: Store, key: string, publisherId: string, format: number): Promise<T | undefined> =>
  parseKept<T>(await store.getPreparedPreview(key, publisherId), format);

export const keepState = (store: Store, key: string, publisherId: string, kept: Versioned): Promise<void> => store.putPreparedPreview(key, publisherId, JSON.stringify(kept));

/**
 * `job`'s value if it settles within `budgetMs` (its rejection thrown), otherwise 'late' — at once for a budget of 0.
 * The budget's timer is cleared either way: one left pending kept a process that was done (a test, a server closing)
 * waiting for it.
 */
export async function withinBudget<T>(job: Promise<T>, budgetMs: number): Promise<T | 'late'> {
  if (budgetMs <= 0) return 'late';
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), budgetMs); });
  try {
    return await Promise.race([job, late]);
  } finally {
    clearTimeout(timer);
  }
}
