/**
 * *Mis envíos* lists an official's sends by their latest activity, newest first: the send just returned with
 * comments, or sent again as a new version, comes first. The store lists sends by when each was first created
 * (their sort key never changes, on SQLite and Firestore alike), so a send created months ago and corrected today sat
 * at the bottom, under sends untouched since. Pure: no I/O.
 */
import { sentAt } from './contract';

type Dated = { id: string; createdAt: string; updatedAt: string; snapshot: { takenAt: string } | null };

/** When anything last happened to it: its latest history step (`updatedAt`), or its latest version, whichever is later. */
export function latestActivity(s: Dated): string {
  const sent = sentAt(s);
  return Date.parse(sent) > Date.parse(s.updatedAt) ? sent : s.updatedAt;
}

/** Newest activity first; the same instant by the latest version sent, then by id (one order on every store). */
export function byLatestActivity<T extends Dated>(sends: readonly T[]): T[] {
  const sent = (s: T): number => Date.parse(sentAt(s));
  return [...sends].sort((a, b) => Date.parse(latestActivity(b)) - Date.parse(latestActivity(a)) || sent(b) - sent(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
