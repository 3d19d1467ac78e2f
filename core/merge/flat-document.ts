/**
 * The merge engine's working form (as in the reference implementation, ocds-merge): a document flattened into
 * an ordered map from paths to leaf values, where array items are addressed by their `id` instead of their
 * position. Merging releases is then "later paths overwrite earlier ones", and a map keeps first-seen order,
 * so arrays keep the order in which their items first appeared.
 *
 * Paths are interned nodes of one `PathTree` per merge instead of strings: every release of an ocid reaches the
 * same node for the same path, so no path string is built per leaf, a merge rule is looked up once per path,
 * and the map is keyed by node identity.
 */
import { cloneJson, isObject } from '../json/json-values';
import type { MergeRule, MergeRules } from './merge-rules';

/** One path: a field of an object, or an array item addressed by identifier (`id` is the item's original `id`). */
export interface PathNode {
  parent: PathNode | undefined;
  /** Field name, or the identifier of an array item (absent `id` → anonymous, never merged with another). */
  name: string;
  item: boolean;
  id?: unknown;
  /** The unindexed path (for rule look-ups) and its merge rule. */
  rulePath: string;
  rule: MergeRule | undefined;
  fields?: Map<string, PathNode>;
  items?: Map<string, PathNode>;
  /** Something was flattened below this node: only then can it have descendants (a hint for `descendants`). */
  interior: boolean;
  /** Its unindexed path's shape, shared between merges (see Shape). */
  shape: Shape;
  /** Bit per FlatMap of this tree that holds a value here (see FlatMap.bit). */
  held?: number;
}

export interface FlatEntry<V = unknown> {
  node: PathNode;
  value: V;
}

/**
 * An unindexed path and its merge rule, shared by every merge with the same rules and base: compiling 1,000 ocids
 * built each path string and looked its rule up once per ocid (issue 17). Data may carry any field name, so a
 * table stops growing at SHAPES_MAX paths and further paths are made per merge, as before.
 */
export interface Shape { rulePath: string; rule: MergeRule | undefined; fields?: Map<string, Shape>; count: { n: number } }

const SHAPES_MAX = 20_000;
/** FlatMaps made on each tree (by its root), to give each its own `held` bit. */
const mapsPerTree = new WeakMap<PathNode, number>();
const shapeRoots = new WeakMap<MergeRules, Map<string, Shape>>();

export function rootShape(rules: MergeRules, base: string): Shape {
  let byBase = shapeRoots.get(rules);
  if (!byBase) shapeRoots.set(rules, (byBase = new Map()));
  let shape = byBase.get(base);
  if (!shape) byBase.set(base, (shape = { rulePath: base, rule: undefined, count: { n: 0 } }));
  return shape;
}

/** The shape of field `name` below `parent` (made, and kept while the table is not full, on first use). */
export function childShape(rules: MergeRules, parent: Shape, name: string): Shape {
  let shape = parent.fields?.get(name);
  if (!shape) {
    const rulePath = parent.rulePath ? `${parent.rulePath}/${name}` : name;
    shape = { rulePath, rule: rules.get(rulePath), count: parent.count };
    if (parent.count.n < SHAPES_MAX) {
      (parent.fields ??= new Map()).set(name, shape);
      parent.count.n++;
    }
  }
  return shape;
}

/** True when some item of `list` is not an object: the array is then a value of its own, not items to merge. */
export function hasNonObject(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (!isObject(list[i])) return true;
  return false;
}

/** The paths of one merge; `base` is the unindexed path of the documents within their standard. */
export class PathTree {
  readonly root: PathNode;
  /** Mints identifiers for array items without an `id`: such items never merge with others (ocds-merge uses uuid4). */
  private anonymous = 0;

  constructor(private readonly rules: MergeRules, base = '') {
    this.root = { parent: undefined, name: '', item: false, rulePath: base, rule: undefined, interior: false, shape: rootShape(rules, base), held: 0 };
  }

  field(parent: PathNode, name: string): PathNode {
    const fields = (parent.fields ??= new Map());
    let node = fields.get(name);
    if (!node) {
      const shape = childShape(this.rules, parent.shape, name);
      node = { parent, name, item: false, rulePath: shape.rulePath, rule: shape.rule, interior: false, shape, held: 0 };
      fields.set(name, node);
    }
    return node;
  }

  item(parent: PathNode, id: unknown): PathNode {
    const scalar = typeof id === 'string' || typeof id === 'number';
    const identifier = scalar ? String(id) : `\u0000${this.anonymous++}`;
    const items = (parent.items ??= new Map());
    let node = items.get(identifier);
    if (!node) {
      node = { parent, name: identifier, item: true, id: scalar ? id : undefined, rulePath: parent.rulePath, rule: undefined, interior: false, shape: parent.shape, held: 0 };
      items.set(identifier, node);
    }
    return node;
  }

  /**
   * Flattens one document. `skip` lists top-level fields handled by the caller; empty objects and arrays
   * contribute nothing, except whole-list arrays, which are values.
   */
  flatten(doc: Record<string, unknown>, skip?: ReadonlySet<string>): FlatEntry[] {
    const out: FlatEntry[] = [];
    const walk = (obj: Record<string, unknown>, at: PathNode, top: boolean): void => {
      for (const key of Object.keys(obj)) {
        if (top && skip?.has(key)) continue;
        const value = obj[key];
        if (value === undefined) continue;
        const node = this.field(at, key);
        if (node.rule === 'omit') continue;
        if (node.rule === 'whole' || value === null || typeof value !== 'object' || (Array.isArray(value) && hasNonObject(value))) {
          out.push({ node, value: cloneJson(value) });
        } else if (!Array.isArray(value)) {
          node.interior = true;
          walk(value as Record<string, unknown>, node, false);
        } else {
          node.interior = true;
          for (const item of value as Record<string, unknown>[]) {
            const child = this.item(node, item.id);
            child.interior = true;
            walk(item, child, false);
          }
        }
      }
    };
    walk(doc, this.root, true);
    return out;
  }
}

/** An ordered flat map with the bookkeeping needed to replace a subtree by a leaf and vice versa. */
export class FlatMap<V> {
  private readonly entries = new Map<PathNode, V>();
  /**
   * This map's bit in `PathNode.held`, so `put` tells which ancestors hold a value from a property instead of
   * a map deletion per ancestor of every leaf (a fifth of compiling's merge time, issue 17). 0 (beyond 30 maps
   * on one tree): every ancestor is deleted, as before.
   */
  private readonly bit: number;

  constructor(private readonly root: PathNode) {
    const count = (mapsPerTree.get(root) ?? 0) + 1;
    mapsPerTree.set(root, count);
    this.bit = count <= 30 ? 1 << count : 0;
  }

  has(node: PathNode): boolean {
    return this.entries.has(node);
  }

  get(node: PathNode): V | undefined {
    return this.entries.get(node);
  }

  /**
   * Sets a value, keeping its first-seen position. A leaf stored at an ancestor path (e.g. `tender: null`
   * from an earlier release) is dropped: the object that now lives there replaces it.
   */
  put(node: PathNode, value: V): void {
    const bit = this.bit;
    for (let a = node.parent; a !== undefined && a !== this.root; a = a.parent) {
      if (bit === 0) this.entries.delete(a);
      else if (((a.held ?? 0) & bit) !== 0) { this.entries.delete(a); a.held = (a.held ?? 0) & ~bit; }
    }
    this.entries.set(node, value);
    if (bit !== 0) node.held = (node.held ?? 0) | bit;
  }

  /** Nodes with a value strictly below `node`. */
  descendants(node: PathNode): PathNode[] {
    const out: PathNode[] = [];
    const visit = (n: PathNode): void => {
      if (!n.interior) return;
      for (const children of [n.fields, n.items]) {
        if (children) for (const child of children.values()) {
          if (this.entries.has(child)) out.push(child);
          visit(child);
        }
      }
    };
    visit(node);
    return out;
  }

  delete(node: PathNode): void {
    this.entries.delete(node);
    if (this.bit !== 0) node.held = (node.held ?? 0) & ~this.bit;
  }

  /** Rebuilds the JSON document; `null` leaves are dropped when `dropNull` (compiled releases). */
  unflatten(dropNull: boolean): Record<string, unknown> {
    const root: Record<string, unknown> = {};
    // What stands at each node already placed (an object, an array, or a leaf value met in conflicting data).
    const placed = new Map<PathNode, unknown>([[this.root, root]]);
    // The container at `node`, created as an array (items below) or an object (fields below) if absent;
    // undefined when the data gives it another shape: the entry is skipped rather than thrown on.
    const container = (node: PathNode, array: boolean): Record<string, unknown> | unknown[] | undefined => {
      let value = placed.get(node);
      if (value === undefined) {
        const parent = container(node.parent as PathNode, node.item);
        if (parent === undefined) return undefined;
        if (node.item) {
          value = node.id === undefined ? {} : { id: node.id };
          (parent as unknown[]).push(value);
        } else {
          const here = parent as Record<string, unknown>;
          // A field named like an inherited property is skipped, as its leaves are below: `__proto__` would otherwise
          // be Object.prototype itself, and the fields under it written into every object of the process.
          if (!Object.prototype.hasOwnProperty.call(here, node.name) && here[node.name] !== undefined) return undefined;
          value = here[node.name];
          if (value === undefined) here[node.name] = value = array ? [] : {};
        }
        placed.set(node, value);
      }
      return (array ? Array.isArray(value) : isObject(value)) ? (value as Record<string, unknown> | unknown[]) : undefined;
    };
    for (const [node, value] of this.entries) {
      const parent = container(node.parent as PathNode, false) as Record<string, unknown> | undefined;
      // Already there: an array item's `id`, set when the item was created, is never overwritten or versioned.
      if (parent === undefined || parent[node.name] !== undefined) continue;
      if (!(dropNull && value === null)) parent[node.name] = value;
    }
    return root;
  }
}

/** Applies one flattened document onto a compiled-style flat map (`null` removes what was below). */
export function mergeEntries(merged: FlatMap<unknown>, entries: readonly FlatEntry[]): void {
  for (const { node, value } of entries) {
    if (value === null) for (const child of merged.descendants(node)) merged.delete(child);
    merged.put(node, value);
  }
}
