/**
 * What a new release leaves out that its process's record keeps. OCDS compiles a record by merging its releases
 * (core/merge): an array of objects merges item by item on `id`, and a field a release does not carry keeps its
 * earlier value — only a whole list is replaced, and only a `null` removes. A workbook row deleted (a payment, an
 * actor), or a party whose RFC was corrected (its id is made from the RFC, so the corrected one is another party),
 * therefore stays in the compiled release, on the dashboard and in the OC4IDS summaries: nothing published is lost.
 * The coordinator's preview showed such a row going to «(vacío)» and the official's publication said nothing, so
 * both read it as gone while the public kept seeing it (a contractor listed twice, once with the mistyped RFC).
 *
 * `alignById` lines up the new release's identifier-merged items with the previous release's (by `id`, as the merge
 * does) so that a deleted row is a row going empty, not every later row shifting up a place and «changing»;
 * `keptInRecord` tells which of the previous leaves the record keeps although the new release lacks them.
 */
import { isObject } from '../json/json-values';
import { PROFILES } from '../profile/profiles';
import { mergeRules, type MergeRules } from './merge-rules';
import { overlay } from './overlay';

const withId = (v: unknown): v is Record<string, unknown> => isObject(v) && (typeof v.id === 'string' || typeof v.id === 'number');

function aligned(before: unknown, after: unknown, rules: MergeRules, path: string): unknown {
  if (Array.isArray(after) && Array.isArray(before) && !rules.has(path) && after.every(withId) && before.every(withId)) {
    const at = new Map<string, number>();
    before.forEach((b, i) => { if (!at.has(String(b.id))) at.set(String(b.id), i); });
    // Before's places, left empty (undefined) for an item the new release lacks; its new items after them.
    const out: unknown[] = before.map(() => undefined);
    const added: unknown[] = [];
    for (const item of after) {
      const i = at.get(String(item.id));
      if (i !== undefined && out[i] === undefined) out[i] = aligned(before[i], item, rules, path);
      else added.push(aligned(undefined, item, rules, path));
    }
    return [...out, ...added];
  }
  if (isObject(after)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(after)) out[key] = aligned(isObject(before) ? before[key] : undefined, value, rules, path ? `${path}/${key}` : key);
    return out;
  }
  return after;
}

/** `after` with each identifier-merged array's items in `before`'s places (an item `before` has and `after` lacks: undefined). */
export function alignById(before: unknown, after: unknown): unknown {
  return aligned(before, after, mergeRules(PROFILES.ocds), '');
}

/** Leaf paths (`a/0/b`) of a JSON value, with their values. */
function leafValues(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((v, i) => leafValues(v, prefix ? `${prefix}/${i}` : String(i), out));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) leafValues(v, prefix ? `${prefix}/${k}` : k, out);
  else if (prefix && value !== undefined) out.set(prefix, value);
  return out;
}

/**
 * The leaves of `before` (paths in its places) that `after` lacks and that merging `after` onto `before` keeps: what
 * the record still shows after a release without them. `after` is best aligned (alignById) by the caller when it
 * reads paths of both; it is aligned here for the merge's own order either way.
 */
export function keptInRecord(before: Record<string, unknown>, after: Record<string, unknown>): Map<string, unknown> {
  const now = leafValues(alignById(before, after), '', new Map());
  const gone = [...leafValues(before, '', new Map())].filter(([path]) => !now.has(path));
  const kept = new Map<string, unknown>();
  // Most releases only add or change: merged only when something went missing (publication asks of every process).
  if (gone.length === 0) return kept;
  const merged = leafValues(overlay([before, after], PROFILES.ocds), '', new Map());
  for (const [path, value] of gone) if (merged.has(path) && merged.get(path) === value) kept.set(path, value);
  return kept;
}
