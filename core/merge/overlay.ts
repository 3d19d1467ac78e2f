/**
 * Merges documents in order with the compiled-release rules (later values win, objects recursively, arrays of
 * objects by `id`, whole-list arrays replaced, `null` removes): the same engine as compileRelease, for parts of
 * documents such as an OC4IDS contracting-process summary laid over what the sheet typed. `base` is the
 * unindexed path of the documents in the profile (e.g. `contractingProcesses/summary`), for the merge rules.
 */
import type { Profile } from '../profile/types';
import { FlatMap, mergeEntries, PathTree, rootShape } from './flat-document';
import { mergeRules } from './merge-rules';
import { overlayDirect } from './direct-compile';

export function overlay(documents: readonly Record<string, unknown>[], profile: Profile, base = ''): Record<string, unknown> {
  const rules = mergeRules(profile);
  // The plain case built straight as objects (direct-compile.ts); the flat engine otherwise.
  return overlayDirect(documents, rules, rootShape(rules, base)) ?? overlayFlat(documents, profile, base);
}

/** overlay() by the flat engine (flat-document.ts): any documents. */
export function overlayFlat(documents: readonly Record<string, unknown>[], profile: Profile, base = ''): Record<string, unknown> {
  const tree = new PathTree(mergeRules(profile), base);
  const merged = new FlatMap<unknown>(tree.root);
  for (const doc of documents) mergeEntries(merged, tree.flatten(doc));
  return merged.unflatten(true);
}
