/**
 * What the contract amendments of a publication's processes changed (core/summary/amendment-changes.ts), kept with
 * the publication — in its stored index, never served (publication-indexes.ts drops it) — so that the next
 * publication takes them for a process it carries instead of parsing every release of it again: told only by the
 * releases, they were ~350 ms of CPU per publication for 1,000 amended processes × 3 releases, all of them carried.
 * Each is kept with the ids of the releases it was told from, in order: a process carried with the same releases
 * (same ids, so the same stored texts, under the same derivation) has the same changes; any other is told again.
 */
import { AMENDMENT_CHANGES_VERSION, type AmendmentChange } from '../../../core/summary';
import { isObject, type JsonObject } from '../../../core/json/json-values';

export interface ToldChanges { releases: string[]; changes: AmendmentChange[] }

/** The index's `amendments`, as written. */
export function storedAmendmentChanges(byOcid: ReadonlyMap<string, ToldChanges>): JsonObject {
  return { version: AMENDMENT_CHANGES_VERSION, byOcid: Object.fromEntries(byOcid) } as unknown as JsonObject;
}

/** The changes a stored index kept, by ocid; empty when it kept none, or kept them by another version. */
export function readAmendmentChanges(index: unknown): Map<string, ToldChanges> {
  const kept = isObject(index) ? index.amendments : undefined;
  if (!isObject(kept) || kept.version !== AMENDMENT_CHANGES_VERSION || !isObject(kept.byOcid)) return new Map();
  const out = new Map<string, ToldChanges>();
  for (const [ocid, told] of Object.entries(kept.byOcid)) {
    if (isObject(told) && Array.isArray(told.releases) && Array.isArray(told.changes)) out.set(ocid, told as unknown as ToldChanges);
  }
  return out;
}

/** The changes kept for exactly these releases (ids in order), else undefined. */
export function changesFor(told: ToldChanges | undefined, releaseIds: readonly string[]): AmendmentChange[] | undefined {
  if (!told || told.releases.length !== releaseIds.length || told.releases.some((id, n) => id !== releaseIds[n])) return undefined;
  return told.changes;
}
