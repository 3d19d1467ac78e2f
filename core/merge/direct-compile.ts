/**
 * The compiled release built straight as objects, for the plain case: the same document as the flat engine
 * (flat-document.ts) gives, key for key and in the same order, without its path nodes, entry lists and maps.
 * Compiling 1,000 ocids spent most of its merge time in that bookkeeping (issue 17), which the versioned release
 * needs (every path's history) and the compiled one does not.
 *
 * Why the order is the same: the flat engine places a field when the first value below it comes (fields and
 * array items in the order their first value appeared; a value met again keeps its place). Here a new object or
 * array item is merged apart and attached only once something was placed in it, so it takes its place at that
 * same moment; an empty one is never attached, as the flat engine never places it.
 *
 * Not plain, and left to the flat engine (`undefined`): a `null` (it removes what was below, or places empty
 * objects), a path that holds a value in one release and an object or list of items in another, and a field
 * named like a property every object inherits (`__proto__`, `constructor`…), which the flat engine skips.
 */
import { isArray, isObject, cloneJson } from '../json/json-values';
import { childShape, hasNonObject, type Shape } from './flat-document';
import type { MergeRules } from './merge-rules';
import type { Release } from './sort-releases';

type Obj = Record<string, unknown>;

/** Not the plain case: thrown from deep in the merge, caught once per ocid. */
const NOT_PLAIN: unique symbol = Symbol('not plain');

class DirectMerge {
  /** The objects and arrays this merge made: any other value in the result is a value (copied from a release). */
  private readonly containers = new Set<object>();
  /** Each list of items made here: its items by identifier (`String(id)`, as the flat engine's item nodes). */
  private readonly itemsById = new Map<unknown[], Map<string, Obj>>();

  constructor(private readonly rules: MergeRules) {}

  /** Merges the fields of `source` into `target` (skipping `skip` at the top level). */
  object(target: Obj, source: Obj, shape: Shape, skip: ReadonlySet<string> | undefined): void {
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
      } else if (!isArray(value)) {
        if (existing === undefined) {
          const made: Obj = {};
          this.containers.add(made);
          this.object(made, value as Obj, child, undefined);
          if (hasKeys(made)) target[key] = made;
        } else if (isObject(existing) && this.containers.has(existing)) this.object(existing, value as Obj, child, undefined);
        else throw NOT_PLAIN;
      } else if (existing === undefined) {
        const made: unknown[] = [];
        this.containers.add(made);
        this.itemsById.set(made, new Map());
        this.items(made, value as Obj[], child);
        if (made.length > 0) target[key] = made;
      } else if (isArray(existing) && this.containers.has(existing)) this.items(existing, value as Obj[], child);
      else throw NOT_PLAIN;
    }
  }

  /** Merges a list of items into `target` by `id`; an item without a string or number `id` is always new. */
  private items(target: unknown[], source: readonly Obj[], shape: Shape): void {
    const byId = this.itemsById.get(target) as Map<string, Obj>;
    // An item's `id` left out by the rules would leave the flat engine's `{ id }` without its value first.
    if (childShape(this.rules, shape, 'id').rule === 'omit') throw NOT_PLAIN;
    for (const item of source) {
      const id = item.id;
      const scalar = typeof id === 'string' || typeof id === 'number';
      const known = scalar ? byId.get(String(id)) : undefined;
      if (known) {
        // Its `id` stays the one it was made with (the flat engine never overwrites an item's `id`).
        this.itemFields(known, item, shape);
        continue;
      }
      // The flat engine makes an item as `{ id }` first, and fills in the rest below it.
      const made: Obj = scalar ? { id } : {};
      this.containers.add(made);
      if (scalar) this.itemFields(made, item, shape);
      else this.object(made, item, shape, undefined);
      if (hasKeys(made)) {
        target.push(made);
        if (scalar) byId.set(String(id), made);
      }
    }
  }

  private itemFields(target: Obj, item: Obj, shape: Shape): void {
    this.object(target, item, shape, ID);
  }
}

const ID: ReadonlySet<string> = new Set(['id']);

function hasKeys(o: Obj): boolean {
  for (const key in o) if (Object.prototype.hasOwnProperty.call(o, key)) return true;
  return false;
}

/**
 * The compiled release of `sorted` (releases in date order) with `rules` from `root`; `undefined` when they are
 * not the plain case. `skip`: the top-level fields the caller sets itself.
 */
export function compileDirect(sorted: readonly Release[], rules: MergeRules, root: Shape, skip: ReadonlySet<string>): Obj | undefined {
  const merge = new DirectMerge(rules);
  const last = sorted[sorted.length - 1];
  // As the flat engine places them: `tag` first, then the last release's `id`, `date` and `ocid` (a null dropped).
  const out: Obj = { tag: ['compiled'] };
  if (last !== undefined) {
    out.id = `${String(last.ocid)}-${String(last.date)}`;
    if (last.date !== undefined && last.date !== null) out.date = last.date;
    if (last.ocid !== undefined && last.ocid !== null) out.ocid = last.ocid;
  }
  try {
    for (const release of sorted) merge.object(out, release, root, skip);
  } catch (e) {
    if (e === NOT_PLAIN) return undefined;
    throw e;
  }
  return out;
}
