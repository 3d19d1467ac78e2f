/**
 * Assembles documents from rows: roots by key, array items by their `id` within their parent (Maps, so 200k rows
 * stay linear), values by relative path. The first value written at a pointer wins; a different later value is a
 * conflict reported by the caller with both cells. Every written value gets its cell in the source map.
 */
import { escapePointerSegment, type CellRef } from '../findings/finding';
import type { Anchor, SourceMap, SourceRow } from '../findings/source-map';

export interface DocNode {
  obj: Record<string, unknown>;
  /** Where the source map records the values of this object; its `pointer` is the object's (built when asked). */
  anchor: Anchor;
  /** For an item made with an id: its array field and id. */
  field?: string;
  id?: string;
  /**
   * The items made with an id below this node, in order. Most objects have a handful (a process's parties,
   * items, awards…): a scan from the end beats two Maps per object, which were a sixth of the conversion's live
   * memory. A long list gets the Maps too (array field → id → node), kept from then on.
   */
  kids?: DocNode[];
  byId?: Map<string, Map<string, DocNode>>;
}

/** Items scanned one by one before a node indexes its items by id. */
const FEW_ITEMS = 16;

/** A column's path below its row's object, prepared once per column (this runs for every cell). */
export interface RelPath {
  segments: readonly string[];
  /** `segments` as escaped pointer segments joined by `/`. */
  pointer: string;
  /** `segments.length`. */
  depth: number;
  /** Whether each segment holds an array (the next one is a position in a scalar array, `coordinates/1`). */
  holdsArray: readonly boolean[];
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

export function relPath(segments: readonly string[]): RelPath {
  return { segments, pointer: pointerOf('', segments).slice(1), depth: segments.length, holdsArray: segments.map((_, i) => /^\d+$/.test(segments[i + 1] ?? '')) };
}

export class DocumentSet {
  readonly docs: Record<string, unknown>[] = [];
  private readonly roots = new Map<string, DocNode>();
  /** The row each document's key was first read from (its sheet too: a copy of a root sheet repeats its keys). */
  private readonly rootRows = new Map<string, SourceRow>();

  /**
   * Items whose row was not read because its parent was not found (or its key was missing): by array and id, the rows
   * that had them, with the document key each named. A row below one of them («Proveedores adjudicados» of an award
   * whose row named a wrong OCID) was told its award «no existe en la hoja «Adjudicaciones»», where the official
   * could see it.
   */
  private readonly dropped = new Map<string, { sheet: string; row: number; rootKey: string | undefined }[]>();

  constructor(readonly collection: 'releases' | 'projects', readonly rootKey: string, readonly sourceMap: SourceMap) {}

  /** Remembers that the row `at` had item `id` of `arrayField` (full unindexed path) and was not read. */
  dropItem(arrayField: string, id: string, at: { sheet: string; row: number; rootKey: string | undefined }): void {
    const key = `${arrayField}\u0000${id}`;
    const rows = this.dropped.get(key);
    if (!rows) this.dropped.set(key, [at]);
    else if (rows.length < 8) rows.push(at);
  }

  /**
   * The unread row that had item `id` of `arrayField` for a row of document `rootKey`: one of the same document, or
   * one naming no document (a mistyped or missing key, most likely this document's). Not one of another document
   * that exists: ids like «1» repeat across processes.
   */
  droppedItem(arrayField: string, id: string, rootKey: string): { sheet: string; row: number } | undefined {
    const rows = this.dropped.get(`${arrayField}\u0000${id}`);
    const at = rows?.find((d) => d.rootKey === rootKey) ?? rows?.find((d) => d.rootKey === undefined || !this.roots.has(d.rootKey));
    return at && { sheet: at.sheet, row: at.row };
  }

  root(key: string): DocNode | undefined {
    return this.roots.get(key);
  }

  /**
   * Document keys by their text in small letters, made when a row first names a document that does not exist (an
   * error's path only) and kept up to date from then on.
   */
  private foldedRoots: Map<string, string> | undefined;

  /**
   * The key of a document that `key` names in other capitals («OCDS-ABC-0001» for «ocds-abc-0001»), or with other
   * spaces or line breaks inside («DOP-003-\nC1», a cell pasted from a PDF, for «DOP-003-C1»: foldKey), for a row whose
   * document does not exist: the official is told it is a typing difference. Keys stay case-sensitive (OCDS ids are):
   * this only names the near one.
   */
  rootInOtherCase(key: string): string | undefined {
    if (!this.foldedRoots) {
      this.foldedRoots = new Map();
      for (const k of this.roots.keys()) if (!this.foldedRoots.has(foldKey(k))) this.foldedRoots.set(foldKey(k), k);
    }
    return this.foldedRoots.get(foldKey(key));
  }

  /** As rootInOtherCase, for the item of `arrayField` below `parent` that `id` names in other capitals. */
  childInOtherCase(parent: DocNode, arrayField: string, id: string): DocNode | undefined {
    const kids = parent.kids;
    if (!kids) return undefined;
    const folded = foldKey(id);
    for (const k of kids) if (k.field === arrayField && k.id !== undefined && foldKey(k.id) === folded) return k;
    return undefined;
  }

  /** The row (1-based, with its sheet) whose key created the document `key`. */
  rootRow(key: string): SourceRow | undefined {
    return this.rootRows.get(key);
  }

  /** A new document whose key came from `column` (0-based) of `row`. */
  createRoot(key: string, row: SourceRow, column: number): DocNode {
    const obj: Record<string, unknown> = { [this.rootKey]: key };
    const node: DocNode = { obj, anchor: this.sourceMap.rootAnchor(this.collection, this.docs.length), field: undefined, id: undefined, kids: undefined, byId: undefined };
    this.docs.push(obj);
    this.roots.set(key, node);
    if (this.foldedRoots && !this.foldedRoots.has(foldKey(key))) this.foldedRoots.set(foldKey(key), key);
    this.rootRows.set(key, row);
    this.sourceMap.record(node.anchor, escapePointerSegment(this.rootKey), row, column);
    return node;
  }

  /** The item of `arrayField` below `parent` made last with `id`. */
  child(parent: DocNode, arrayField: string, id: string): DocNode | undefined {
    if (parent.byId) return parent.byId.get(arrayField)?.get(id);
    const kids = parent.kids;
    if (!kids) return undefined;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i];
      if (k.id === id && k.field === arrayField) return k;
    }
    return undefined;
  }

  private indexChild(parent: DocNode, node: DocNode): void {
    const kids = (parent.kids ??= []);
    kids.push(node);
    if (!parent.byId && kids.length <= FEW_ITEMS) return;
    if (!parent.byId) {
      parent.byId = new Map();
      for (const k of kids) this.byIdOf(parent, k.field as string).set(k.id as string, k);
    } else this.byIdOf(parent, node.field as string).set(node.id as string, node);
  }

  private byIdOf(parent: DocNode, field: string): Map<string, DocNode> {
    const index = parent.byId as Map<string, Map<string, DocNode>>;
    let byId = index.get(field);
    if (!byId) index.set(field, (byId = new Map()));
    return byId;
  }

  /** Appends an item to the array at `rel` below `parent`; indexes it by `id` (read from `idRow`/`idColumn`) when it has one. */
  createChild(parent: DocNode, arrayField: string, rel: RelPath, id: string | undefined, idRow: SourceRow, idColumn: number | undefined): DocNode | undefined {
    const segs = rel.segments;
    let cur: Record<string, unknown> = parent.obj;
    for (let i = 0; i < segs.length - 1; i++) {
      const next = cur[segs[i]];
      if (next === undefined) cur = cur[segs[i]] = {};
      else if (isContainer(next) && !Array.isArray(next)) cur = next;
      else return undefined;
    }
    const last = segs[segs.length - 1];
    let arr = cur[last];
    if (arr === undefined) arr = cur[last] = [];
    if (!Array.isArray(arr)) return undefined;
    const obj: Record<string, unknown> = {};
    const node: DocNode = { obj, anchor: this.sourceMap.childAnchor(parent.anchor, rel.pointer, rel.depth, arr.length), field: arrayField, id, kids: undefined, byId: undefined };
    arr.push(obj);
    if (id !== undefined) {
      obj.id = id;
      if (idColumn !== undefined) this.sourceMap.record(node.anchor, 'id', idRow, idColumn);
      this.indexChild(parent, node);
    }
    return node;
  }

  /** Writes `value` at `rel` below `node`, read from `column` (0-based) of `row`. */
  set(node: DocNode, rel: RelPath, value: unknown, row: SourceRow, column: number): SetOutcome {
    const segs = rel.segments;
    let cur: Record<string, unknown> | unknown[] = node.obj;
    for (let i = 0; i < segs.length - 1; i++) {
      const seg = segs[i];
      const slot: unknown = (cur as Record<string, unknown>)[seg];
      if (slot === undefined) {
        const made: Record<string, unknown> | unknown[] = rel.holdsArray[i] ? [] : {};
        (cur as Record<string, unknown>)[seg] = made;
        cur = made;
      } else if (isContainer(slot)) cur = slot;
      else {
        const pointer = pointerOf(node.anchor.pointer, segs.slice(0, i + 1));
        return { kind: 'conflict', first: this.sourceMap.get(pointer), firstValue: slot, pointer };
      }
    }
    const last = segs[segs.length - 1];
    const existing = (cur as Record<string, unknown>)[last];
    if (existing !== undefined) {
      if (sameValue(existing, value)) return SAME;
      const pointer = `${node.anchor.pointer}/${rel.pointer}`;
      return { kind: 'conflict', first: this.sourceMap.get(pointer), firstValue: existing, pointer };
    }
    (cur as Record<string, unknown>)[last] = value;
    this.sourceMap.record(node.anchor, rel.pointer, row, column);
    return SET;
  }
}

/**
 * An id as rootInOtherCase and childInOtherCase compare it: without capitals, nor spaces or line breaks anywhere (a cell
 * pasted from a PDF or Word can keep a break inside; the ends are already trimmed).
 */
function foldKey(id: string): string {
  return id.toLowerCase().replace(/\s+/g, '');
}
