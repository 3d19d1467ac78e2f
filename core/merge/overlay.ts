/**
 * Merges documents in order with the compiled-release rules (later values win, objects recursively, arrays of
 * objects by `id`, whole-list arrays replaced, `null` removes): the same engine as compileRelease, for parts of
 * documents such as an OC4IDS contracting-process summary laid over what the sheet typed. `base` is the
 * unindexed path of the documents in the profile (e.g. `contractingProcesses/summary`), for the merge rules.
 */
import type { Profile } from '../profile/types';
import { FlatMap, flattenDocument, type AnonymousIds, type FlatEntry } from './flat-document';
import { mergeRules } from './merge-rules';

/** Applies one flattened document onto a compiled-style flat map. */
export function mergeEntries(merged: FlatMap<unknown>, entries: readonly FlatEntry[]): void {
  for (const entry of entries) {
    if (entry.value === null) for (const child of merged.descendants(entry.key)) merged.delete(child.key);
    merged.put(entry);
  }
}

export function overlay(documents: readonly Record<string, unknown>[], profile: Profile, base = ''): Record<string, unknown> {
  const rules = mergeRules(profile);
  const anonymous: AnonymousIds = { next: 0 };
  const merged = new FlatMap<unknown>();
  for (const doc of documents) mergeEntries(merged, flattenDocument(doc, rules, anonymous, new Set(), base));
  return merged.unflatten(true);
}
