/**
 * The merge engine's working form (as in the reference implementation, ocds-merge): a document flattened into
 * an ordered map from paths to leaf values, where array items are addressed by their `id` instead of their
 * position. Merging releases is then "later paths overwrite earlier ones", and a map keeps first-seen order,
 * so arrays keep the order in which their items first appeared.
 */
import { cloneJson, isObject } from './json';
import type { MergeRules } from './merge-rules';

/** An array item addressed by identifier; `id` is the original value of the item's `id` (absent → anonymous). */
export interface ItemSegment { identifier: string; id?: unknown }
export type Segment = string | ItemSegment;

export interface FlatEntry<V = unknown> {
  key: string;
  segments: Segment[];
  /** `key` is `encoded.join(SEP)`; kept to compute ancestor keys cheaply. */
  encoded: string[];
  value: V;
}

/** JSON.stringify escapes control characters, so this separator never occurs inside an encoded segment. */
const SEP = '\u0001';

function encode(segment: Segment): string {
  return typeof segment === 'string' ? JSON.stringify(segment) : `#${JSON.stringify(segment.identifier)}`;
}

export function entryFor<V>(segments: Segment[], value: V): FlatEntry<V> {
  const encoded = segments.map(encode);
  return { key: encoded.join(SEP), segments, encoded, value };
}

/** Mints identifiers for array items without an `id`: such items never merge with others (ocds-merge uses uuid4). */
export interface AnonymousIds { next: number }

/**
 * Flattens one document. `skip` lists top-level fields handled by the caller; `base` is the unindexed path of
 * the document within its standard (for rule look-ups); empty objects and arrays contribute nothing, except
 * whole-list arrays, which are values.
 */
export function flattenDocument(doc: Record<string, unknown>, rules: MergeRules, anonymous: AnonymousIds,
  skip: ReadonlySet<string> = new Set(), base = ''): FlatEntry[] {
  const out: FlatEntry[] = [];
  // Segments, their encodings and the joined key grow together, so nothing is re-encoded per leaf.
  const walk = (obj: Record<string, unknown>, segments: Segment[], encoded: string[], rulePath: string, top: boolean): void => {
    for (const [key, value] of Object.entries(obj)) {
      if (top && skip.has(key)) continue;
      const path = rulePath ? `${rulePath}/${key}` : key;
      const rule = rules.get(path);
      if (rule === 'omit' || value === undefined) continue;
      const here = [...segments, key];
      const hereEncoded = [...encoded, encode(key)];
      if (rule === 'whole' || (!isObject(value) && !Array.isArray(value)) || (Array.isArray(value) && value.some((item) => !isObject(item)))) {
        out.push({ key: hereEncoded.join(SEP), segments: here, encoded: hereEncoded, value: cloneJson(value) });
      } else if (isObject(value)) {
        walk(value, here, hereEncoded, path, false);
      } else {
        for (const item of value as Record<string, unknown>[]) {
          const id = item.id;
          const scalar = typeof id === 'string' || typeof id === 'number';
          const segment: ItemSegment = scalar ? { identifier: String(id), id } : { identifier: `\u0000${anonymous.next++}` };
          walk(item, [...here, segment], [...hereEncoded, encode(segment)], path, false);
        }
      }
    }
  };
  walk(doc, [], [], base, true);
  return out;
}

/** An ordered flat map with the bookkeeping needed to replace a subtree by a leaf and vice versa. */
export class FlatMap<V> {
  private readonly entries = new Map<string, FlatEntry<V>>();
  /** Keys that have been ancestors of some entry (may be stale after deletions: only a hint for scans). */
  private readonly interior = new Set<string>();

  get(key: string): FlatEntry<V> | undefined {
    return this.entries.get(key);
  }

  /**
   * Sets an entry, keeping its first-seen position. A leaf stored at an ancestor path (e.g. `tender: null`
   * from an earlier release) is dropped: the object that now lives there replaces it.
   */
  put(entry: FlatEntry<V>): void {
    let prefix = '';
    for (let i = 0; i < entry.encoded.length - 1; i++) {
      prefix = i === 0 ? entry.encoded[0] : `${prefix}${SEP}${entry.encoded[i]}`;
      if (this.entries.has(prefix)) this.entries.delete(prefix);
      this.interior.add(prefix);
    }
    const existing = this.entries.get(entry.key);
    if (existing) existing.value = entry.value;
    else this.entries.set(entry.key, entry);
  }

  /** Entries stored under `key` (strictly below it). */
  descendants(key: string): FlatEntry<V>[] {
    if (!this.interior.has(key)) return [];
    const start = key + SEP;
    return [...this.entries.values()].filter((e) => e.key.startsWith(start));
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Rebuilds the JSON document; `null` leaves are dropped when `dropNull` (compiled releases). */
  unflatten(dropNull: boolean): Record<string, unknown> {
    const root: Record<string, unknown> = {};
    const items = new WeakMap<unknown[], Map<string, Record<string, unknown>>>();
    for (const { segments, value } of this.entries.values()) {
      let node: unknown = root;
      for (let i = 0; i < segments.length; i++) {
        const segment = segments[i];
        if (typeof segment !== 'string') {
          if (!Array.isArray(node)) break; // shape conflict in bad data: skip the entry rather than throw
          let index = items.get(node);
          if (!index) items.set(node, (index = new Map()));
          let item = index.get(segment.identifier);
          if (!item) {
            item = segment.id === undefined ? {} : { id: segment.id };
            index.set(segment.identifier, item);
            node.push(item);
          }
          node = item;
          continue;
        }
        if (!isObject(node)) break;
        const last = i === segments.length - 1;
        const existing = node[segment];
        // Already there: an array item's `id`, set when the item was created, is never overwritten or versioned.
        if (existing !== undefined) {
          node = existing;
          continue;
        }
        if (last) {
          if (!(dropNull && value === null)) node[segment] = value;
          continue;
        }
        const child: unknown = typeof segments[i + 1] === 'string' ? {} : [];
        node[segment] = child;
        node = child;
      }
    }
    return root;
  }
}
