/**
 * Assembles documents from rows: roots by key, array items by their `id` within their parent (Maps, so 200k rows
 * stay linear), values by relative path. The first value written at a pointer wins; a different later value is a
 * conflict reported by the caller with both cells. Every written value gets its cell in the source map.
 */
import { escapePointerSegment, type CellRef, type SourceMap } from '../findings/finding';

export interface DocNode {
  obj: Record<string, unknown>;
  pointer: string;
  /** Items of each array below this node, by id: array field → id → node. */
  index?: Map<string, Map<string, DocNode>>;
}

export type SetOutcome = { kind: 'set' } | { kind: 'same' } | { kind: 'conflict'; first?: CellRef; firstValue: unknown; pointer: string };

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return v !== null && typeof v === 'object';
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  return false;
}

const SET: SetOutcome = { kind: 'set' };
const SAME: SetOutcome = { kind: 'same' };

export function pointerOf(base: string, segs: readonly string[]): string {
  let p = base;
  for (const s of segs) p += `/${escapePointerSegment(s)}`;
  return p;
}

export class DocumentSet {
  readonly docs: Record<string, unknown>[] = [];
  private readonly roots = new Map<string, DocNode>();

  constructor(readonly collection: 'releases' | 'projects', readonly rootKey: string, private readonly sourceMap: SourceMap) {}

  root(key: string): DocNode | undefined {
    return this.roots.get(key);
  }

  createRoot(key: string, cell: CellRef): DocNode {
    const obj: Record<string, unknown> = { [this.rootKey]: key };
    const node: DocNode = { obj, pointer: `/${this.collection}/${this.docs.length}` };
    this.docs.push(obj);
    this.roots.set(key, node);
    this.sourceMap[pointerOf(node.pointer, [this.rootKey])] = cell;
    return node;
  }

  child(parent: DocNode, arrayField: string, id: string): DocNode | undefined {
    return parent.index?.get(arrayField)?.get(id);
  }

  /** Appends an item to the array at `rel` below `parent`; indexes it by `id` when it has one. */
  createChild(parent: DocNode, arrayField: string, rel: readonly string[], relPointer: string, id: string | undefined, idCell: CellRef | undefined): DocNode | undefined {
    let cur: Record<string, unknown> = parent.obj;
    for (let i = 0; i < rel.length - 1; i++) {
      const next = cur[rel[i]];
      if (next === undefined) cur = cur[rel[i]] = {};
      else if (isContainer(next) && !Array.isArray(next)) cur = next;
      else return undefined;
    }
    const last = rel[rel.length - 1];
    let arr = cur[last];
    if (arr === undefined) arr = cur[last] = [];
    if (!Array.isArray(arr)) return undefined;
    const obj: Record<string, unknown> = {};
    const node: DocNode = { obj, pointer: `${parent.pointer}/${relPointer}/${arr.length}` };
    arr.push(obj);
    if (id !== undefined) {
      obj.id = id;
      if (idCell) this.sourceMap[`${node.pointer}/id`] = idCell;
      parent.index ??= new Map();
      let byId = parent.index.get(arrayField);
      if (!byId) parent.index.set(arrayField, (byId = new Map()));
      byId.set(id, node);
    }
    return node;
  }

  /** `relPointer` is `rel` as pointer segments (precomputed per column: this runs for every cell). */
  set(node: DocNode, rel: readonly string[], relPointer: string, value: unknown, cell: CellRef): SetOutcome {
    let cur: Record<string, unknown> | unknown[] = node.obj;
    for (let i = 0; i < rel.length - 1; i++) {
      const seg = rel[i];
      const slot: unknown = (cur as Record<string, unknown>)[seg];
      if (slot === undefined) {
        const made: Record<string, unknown> | unknown[] = /^\d+$/.test(rel[i + 1]) ? [] : {};
        (cur as Record<string, unknown>)[seg] = made;
        cur = made;
      } else if (isContainer(slot)) cur = slot;
      else {
        const pointer = pointerOf(node.pointer, rel.slice(0, i + 1));
        return { kind: 'conflict', first: this.sourceMap[pointer], firstValue: slot, pointer };
      }
    }
    const last = rel[rel.length - 1];
    const pointer = `${node.pointer}/${relPointer}`;
    const existing = (cur as Record<string, unknown>)[last];
    if (existing !== undefined) {
      return sameValue(existing, value) ? SAME : { kind: 'conflict', first: this.sourceMap[pointer], firstValue: existing, pointer };
    }
    (cur as Record<string, unknown>)[last] = value;
    this.sourceMap[pointer] = cell;
    return SET;
  }
}
