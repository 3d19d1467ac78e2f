/**
 * The compiled release — and, when asked, the versioned release — built straight as objects, for the plain case:
 * the same documents as the flat engine (flat-document.ts) gives, key for key and in the same order, without its
 * path nodes, entry lists and maps. Compiling 1,000 ocids spent most of its merge time in that bookkeeping
 * (issue 17); a publication builds both releases of every record, and the flat engine's flattening, two flat maps
 * and two rebuilds were most of its merge time too, where one walk of each release here places every value in both.
 *
 * Why the order is the same: the flat engine places a field when the first value below it comes (fields and
 * array items in the order their first value appeared; a value met again keeps its place). Here a new object or
 * array item is merged apart and attached only once something was placed in it, so it takes its place at that
 * same moment; an empty one is never attached, as the flat engine never places it. The versioned release has the
 * compiled one's paths (every value placed in one has its history in the other, an item's `id` aside, which both
 * write when the item is made), so its objects and items are made and attached alongside, at the same moments.
 *
 * Not plain, and left to the flat engine (`undefined`): a `null` (it removes what was below, or places empty
 * objects), a path that holds a value in one release and an object or list of items in another, and a field
 * named like a property every object inherits (`__proto__`, `constructor`…), which the flat engine skips.
 */
import { isArray, isObject, cloneJson, deepEqual } from '../json/json-values';
import { childShape, hasNonObject, type Shape } from './flat-document';
import type { MergeRules } from './merge-rules';
import { compiledReleaseId, type Release } from './sort-releases';

/** One entry of a field's history in a versioned release (OCDS 1.1 "Versioned data"). */
export interface Version {
  releaseID: unknown;
  releaseDate: unknown;
  releaseTag: unknown;
  value: unknown;
}

type Obj = Record<string, unknown>;

/** Not the plain case: thrown from deep in the merge, caught once per ocid. */
const NOT_PLAIN: unique symbol = Symbol('not plain');

class DirectMerge {
  /** The objects and arrays this merge made: any other value in the result is a value (copied from a release). */
  private readonly containers = new Set<object>();
  /** Each list of items made here: its items by identifier (`String(id)`, as the flat engine's item nodes), with their versioned twins. */
  private readonly itemsById = new Map<unknown[], Map<string, { item: Obj; versioned: Obj | undefined }>>();
  /** The release being merged, for the versions it adds. */
  release: Release = {};

  constructor(private readonly rules: MergeRules) {}

  /**
   * Merges the fields of `source` into `target` (skipping `skip` at the top level), and their histories into
   * `versioned` — `target`'s twin in the versioned release — when one is being built.
   */
  object(target: Obj, versioned: Obj | undefined, source: Obj, shape: Shape, skip: ReadonlySet<string> | undefined): void {
    for (const key of Object.keys(source)) {
      if (skip?.has(key)) continue;
      const value = source[key];
      if (value === undefined) continue;
      const child = childShape(this.rules, shape, key);
      if (child.rule === 'omit') continue;
      if (value === null || key === '__proto__') throw NOT_PLAIN;
      const existing = target[key];
      if (typeof existing === 'function') throw NOT_PLAIN;
      if (child.rule === 'whole' || typeof value !== 'object' || (isArray(value) && hasNonObject(value))) {
        // A value: it replaces the previous one in its place; never an object or list this merge made.
        if (typeof existing === 'object' && existing !== null && this.containers.has(existing)) throw NOT_PLAIN;
        target[key] = typeof value === 'object' ? cloneJson(value) : value;
        if (versioned) this.version(versioned, key, value);
      } else if (!isArray(value)) {
        if (existing === undefined) {
          const made: Obj = {};
          this.containers.add(made);
          const twin = versioned && this.made({});
          this.object(made, twin, value as Obj, child, undefined);
          if (hasKeys(made)) {
            target[key] = made;
            if (versioned) versioned[key] = twin;
          }
        } else if (isObject(existing) && this.containers.has(existing)) this.object(existing, versioned && (versioned[key] as Obj), value as Obj, child, undefined);
        else throw NOT_PLAIN;
      } else if (existing === undefined) {
        const made: unknown[] = [];
        this.containers.add(made);
        this.itemsById.set(made, new Map());
        const twin = versioned && this.made([]);
        this.items(made, twin, value as Obj[], child);
        if (made.length > 0) {
          target[key] = made;
          if (versioned) versioned[key] = twin;
        }
      } else if (isArray(existing) && this.containers.has(existing)) this.items(existing, versioned && (versioned[key] as unknown[]), value as Obj[], child);
      else throw NOT_PLAIN;
    }
  }

  /**
   * Takes `target`, a document this merge could have made (a compiled release read back), as made here: its objects
   * and lists of items become this merge's own, to merge more into in place. Declines (NOT_PLAIN) what a merge never
   * makes, or makes only in the flat engine: a null, an empty object or list of items (left where every field below
   * was one the flat engine drops), a field the rules omit, an inherited name, an item id met twice.
   */
  adopt(target: Obj, shape: Shape, skip: ReadonlySet<string> | undefined): void {
    this.containers.add(target);
    let fields = 0;
    for (const key of Object.keys(target)) {
      if (skip?.has(key)) continue;
      fields++;
      const value = target[key];
      const child = childShape(this.rules, shape, key);
      if (child.rule === 'omit' || value === null || value === undefined || key in Object.prototype) throw NOT_PLAIN;
      if (child.rule === 'whole' || typeof value !== 'object' || (isArray(value) && hasNonObject(value))) continue;
      if (!isArray(value)) {
        this.adopt(value as Obj, child, undefined);
        continue;
      }
      if (value.length === 0 || childShape(this.rules, child, 'id').rule === 'omit') throw NOT_PLAIN;
      this.containers.add(value);
      const byId = new Map<string, { item: Obj; versioned: Obj | undefined }>();
      this.itemsById.set(value, byId);
      for (const item of value as Obj[]) {
        const id = item.id;
        const scalar = typeof id === 'string' || typeof id === 'number';
        if (scalar) {
          if (byId.has(String(id))) throw NOT_PLAIN;
          byId.set(String(id), { item, versioned: undefined });
        }
        this.adopt(item, child, scalar ? ID : undefined);
      }
    }
    // An object below the release with no field is never made (an item holds at least its id, the release its own).
    if (fields === 0 && skip === undefined) throw NOT_PLAIN;
  }

  private made<T extends object>(container: T): T {
    this.containers.add(container);
    return container;
  }

  /** Adds `value` to the history of `key` in `versioned`, unless it is the value the history ends with. */
  private version(versioned: Obj, key: string, value: unknown): void {
    const history = versioned[key];
    if (history !== undefined) {
      if (!isArray(history) || this.containers.has(history)) throw NOT_PLAIN;
      if (deepEqual((history[history.length - 1] as Version).value, value)) return;
    }
    const release = this.release;
    // Leaf values may be whole lists: the versioned release gets its own copy, apart from the compiled one.
    const entry: Version = { releaseID: release.id ?? null, releaseDate: release.date ?? null, releaseTag: release.tag ?? null, value: typeof value === 'object' ? cloneJson(value) : value };
    if (history === undefined) versioned[key] = [entry];
    else history.push(entry);
  }

  /** Merges a list of items into `target` (and `versioned`, its twin) by `id`; an item without a string or number `id` is always new. */
  private items(target: unknown[], versioned: unknown[] | undefined, source: readonly Obj[], shape: Shape): void {
    const byId = this.itemsById.get(target) as Map<string, { item: Obj; versioned: Obj | undefined }>;
    // An item's `id` left out by the rules would leave the flat engine's `{ id }` without its value first.
    if (childShape(this.rules, shape, 'id').rule === 'omit') throw NOT_PLAIN;
    for (const item of source) {
      const id = item.id;
      const scalar = typeof id === 'string' || typeof id === 'number';
      const known = scalar ? byId.get(String(id)) : undefined;
      if (known) {
        // Its `id` stays the one it was made with (the flat engine never overwrites an item's `id`, nor versions it).
        this.object(known.item, known.versioned, item, shape, ID);
        continue;
      }
      // The flat engine makes an item as `{ id }` first, and fills in the rest below it.
      const made: Obj = scalar ? { id } : {};
      this.containers.add(made);
      const twin = versioned && this.made<Obj>(scalar ? { id } : {});
      this.object(made, twin, item, shape, scalar ? ID : undefined);
      if (hasKeys(made)) {
        target.push(made);
        versioned?.push(twin);
        if (scalar) byId.set(String(id), { item: made, versioned: twin });
      }
    }
  }
}

const ID: ReadonlySet<string> = new Set(['id']);

function hasKeys(o: Obj): boolean {
  for (const key in o) if (Object.prototype.hasOwnProperty.call(o, key)) return true;
  return false;
}

/**
 * The compiled release of `sorted` (releases in date order) with `rules` from `root` — and its versioned release
 * when `versioned` — or `undefined` when they are not the plain case. `skip`: the top-level fields the caller sets
 * itself (the versioned release has none of them but `ocid`).
 */
export function mergeDirect(sorted: readonly Release[], rules: MergeRules, root: Shape, skip: ReadonlySet<string>, versioned: boolean): { compiled: Obj; versioned?: Obj } | undefined {
  const merge = new DirectMerge(rules);
  const last = sorted[sorted.length - 1];
  // As the flat engine places them: `tag` first, then the last release's `id`, `date` and `ocid` (a null dropped).
  const out: Obj = { tag: ['compiled'] };
  if (last !== undefined) {
    out.id = compiledReleaseId(last);
    if (last.date !== undefined && last.date !== null) out.date = last.date;
    if (last.ocid !== undefined && last.ocid !== null) out.ocid = last.ocid;
  }
  // The flat engine's versioned release starts with the `ocid` every release sets (the last one's, null if absent).
  if (versioned && last === undefined) return undefined;
  const history: Obj | undefined = versioned ? { ocid: last.ocid ?? null } : undefined;
  const plain = ifPlain(() => {
    for (const release of sorted) {
      merge.release = release;
      merge.object(out, history, release, root, skip);
    }
  });
  if (!plain) return undefined;
  return history ? { compiled: out, versioned: history } : { compiled: out };
}

/** Runs a merge; false when it met data that is not the plain case (NOT_PLAIN, thrown from deep in it). */
function ifPlain(run: () => void): boolean {
  try {
    run();
    return true;
  } catch (e) {
    if (e === NOT_PLAIN) return false;
    throw e;
  }
}

/**
 * The compiled release of a history followed by `release`, from the history's compiled release (`previous`) instead
 * of its releases, or `undefined` when that might not be the document compiling them all gives (the caller compiles
 * them all). `previous` is merged into in place (and returned): it is consumed. Compiling is a fold: the flat engine's
 * map after the earlier releases holds what `previous` holds, in an order that places every field and item where
 * `previous` has it; merging `previous` as a release into an empty one rebuilds it, and the new release then updates
 * values in place and appends what is new, in both. Holds when:
 * - `release` sorts last (its date is not before `previous`'s, the latest of the history; a tie keeps it last);
 * - the merge of the two is plain (no `null` in `release`, nothing that is a value in one and an object or items in
 *   the other, no inherited names), `previous` has no empty object or list of items (left by the flat engine where
 *   every field below was one it drops), and
 * - (the caller's part) no earlier release held a `null`: a field removed and set again keeps its first place
 *   when every release is merged, where `previous`, without it, would give it the last.
 */
export function compileNext(previous: Obj, release: Release, rules: MergeRules, root: Shape, skip: ReadonlySet<string>): Obj | undefined {
  const before = typeof previous.date === 'string' ? previous.date : '';
  const date = typeof release.date === 'string' ? release.date : '';
  if (date < before) return undefined;
  // The fields the merge sets itself lead, as it places them for `release`: `tag`, `id`, then `date` and `ocid` when
  // `release` has them. `previous` merged into its own copy again would be the same document: it is merged into in
  // place instead (adopt), with those fields set anew.
  const lead = ['tag', 'id', ...(release.date !== undefined && release.date !== null ? ['date'] : []), ...(release.ocid !== undefined && release.ocid !== null ? ['ocid'] : [])];
  // Integer-like keys ("2") are listed first in any object, whenever added: they take no place among the others.
  const keys = Object.keys(previous).filter((key) => !isIndex(key));
  const tag = previous.tag;
  if (lead.some((key, n) => keys[n] !== key) || keys.slice(lead.length).some((key) => skip.has(key)) || !isArray(tag) || tag.length !== 1 || tag[0] !== 'compiled') return undefined;
  const merge = new DirectMerge(rules);
  const plain = ifPlain(() => {
    merge.adopt(previous, root, skip);
    merge.object(previous, undefined, release, root, skip);
  });
  if (!plain) return undefined;
  previous.id = compiledReleaseId(release);
  if (lead.includes('date')) previous.date = release.date;
  if (lead.includes('ocid')) previous.ocid = release.ocid;
  return previous;
}

/** Whether `key` is an array index, which JavaScript lists before an object's other keys. */
function isIndex(key: string): boolean {
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && n < 4294967295 && String(n) === key;
}

/**
 * Documents merged in order with the compiled release's rules from `root` (overlay.ts: no release fields of its
 * own), or `undefined` when they are not the plain case.
 */
export function overlayDirect(documents: readonly Obj[], rules: MergeRules, root: Shape): Obj | undefined {
  const merge = new DirectMerge(rules);
  const out: Obj = {};
  return ifPlain(() => { for (const doc of documents) merge.object(out, undefined, doc, root, undefined); }) ? out : undefined;
}
