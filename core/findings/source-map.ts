/**
 * JSON Pointer → cell of the value (flatten-tool's cell source map, one location per value).
 *
 * Built for a million values (10,000 processes): instead of one pointer string and one CellRef object per value,
 * values are recorded under an *anchor* — an object rows write into (a root document, an array item) — as the
 * value's path below it (a string shared by the whole column), the row and the column number. Pointers and
 * CellRefs are only built for the few values a finding asks about. The anchors form a tree (item under document),
 * so "the value nearest to this pointer" walks one document instead of sorting every key. Entries added by pointer
 * alone (`set`, `fromRecord`) live under their document's anchor.
 *
 * The entries themselves are numbers in one typed array (path id, source id, column, next entry of the same
 * anchor): a million values are 16 MB the garbage collector never walks, where an array of triplets per anchor
 * was a quarter of the conversion's live memory and copied at every young-generation collection.
 */
import type { CellRef } from './finding';
import { columnField } from './pointer';

/** A sheet values were read from: its name and each column's header (0-based index). */
export interface SourceSheet { readonly name: string; readonly headers: readonly (string | undefined)[] }

/** A row of a sheet, shared by every value read from it (1-based row number, as the user sees it). */
export interface SourceRow { readonly sheet: SourceSheet; readonly row: number }

/** An object rows write values into: its pointer, its values and the anchors below it. */
export interface Anchor {
  readonly pointer: string;
  /** Segments of `pointer` (`/releases/3` has 2). */
  readonly depth: number;
  /** First and last of this anchor's entries in its map's store (-1: none), in the order they were recorded. */
  firstEntry: number;
  lastEntry: number;
  readonly parent?: Anchor;
  children?: Anchor[];
}

/** Children scanned one by one when looking for the anchor holding a pointer; a longer list is looked up by hash. */
const FEW = 32;

/**
 * An anchor at `{parent's pointer}/{tail}/{index}` (a root: `/{tail}/{index}`), its pointer text built only when
 * asked. The conversion makes one anchor per array item (250,000 for 10,000 processes): building and flattening
 * each pointer was a tenth of the conversion's time and memory, and lookups find an item by `tail` and `index`
 * without it.
 */
class ItemAnchor implements Anchor {
  private text?: string;
  firstEntry = -1;
  lastEntry = -1;
  children?: Anchor[];
  /** Children by tail (their positions in the array are their indexes), built for a long list on first lookup. */
  byTail?: Map<string, (ItemAnchor | undefined)[]>;
  /**
   * Its children that are not array items, kept with `byTail`: a pointer under no item of a long list (the tender's
   * own fields beside 16,000 documents) scanned every child, once per finding — 3 s of 8 for such a process.
   */
  others?: Anchor[];

  constructor(readonly parent: Anchor | undefined, readonly tail: string, readonly index: number, readonly depth: number) {}

  get pointer(): string {
    return (this.text ??= `${this.parent ? this.parent.pointer : ''}/${this.tail}/${this.index}`);
  }
}

/** The array position written at `i` in `pointer` (digits, no leading zero, then `/` or the end); -1 if none. */
function indexAt(pointer: string, i: number): number {
  const start = i;
  let n = 0;
  for (let c = pointer.charCodeAt(i); c >= 48 && c <= 57; c = pointer.charCodeAt(++i)) n = n * 10 + (c - 48);
  if (i === start || (pointer.charCodeAt(start) === 48 && i - start > 1)) return -1;
  return i === pointer.length || pointer.charCodeAt(i) === 47 ? n : -1;
}

/** Digits of a (valid) array position. */
function digits(n: number): number {
  let d = 1;
  while (n >= 10) { n = Math.floor(n / 10); d++; }
  return d;
}

/**
 * Where `anchor` ends in `pointer` when `pointer` is it or lies below it, given that `pointer` continues the
 * anchor's parent from `at` (a `/`, or the end); -1 otherwise.
 */
function matchAt(anchor: Anchor, pointer: string, at: number): number {
  if (!(anchor instanceof ItemAnchor)) return holds(anchor, pointer, true) ? anchor.pointer.length : -1;
  const tail = anchor.tail;
  const i = at + 1 + tail.length;
  if (pointer.charCodeAt(at) !== 47 || pointer.charCodeAt(i) !== 47 || !pointer.startsWith(tail, at + 1)) return -1;
  return indexAt(pointer, i + 1) === anchor.index ? i + 1 + digits(anchor.index) : -1;
}

/** The child of `anchor` that is or holds `pointer` (which continues `anchor` from `at`), and where it ends there. */
/** An item anchor in its parent's lookup by tail (the first of an index wins, as in the list of children). */
function byTailAdd(byTail: Map<string, (ItemAnchor | undefined)[]>, c: ItemAnchor): void {
  let list = byTail.get(c.tail);
  if (!list) byTail.set(c.tail, (list = []));
  list[c.index] ??= c;
}

function childAt(anchor: Anchor, pointer: string, at: number): { child: Anchor; end: number } | undefined {
  const children = anchor.children;
  if (!children) return undefined;
  if (children.length > FEW && anchor instanceof ItemAnchor) {
    // A long list (a document with hundreds of items): its item anchors by tail and index, built once.
    if (!anchor.byTail) {
      const byTail = new Map<string, (ItemAnchor | undefined)[]>();
      for (const c of children) if (c instanceof ItemAnchor) byTailAdd(byTail, c);
      anchor.byTail = byTail;
      anchor.others = children.filter((c) => !(c instanceof ItemAnchor));
    }
    for (const [tail, list] of anchor.byTail) {
      if (!pointer.startsWith(tail, at + 1) || pointer.charCodeAt(at + 1 + tail.length) !== 47) continue;
      const child = list[indexAt(pointer, at + 2 + tail.length)];
      const end = child ? matchAt(child, pointer, at) : -1;
      if (child && end >= 0) return { child, end };
    }
    for (const child of anchor.others ?? []) {
      const end = matchAt(child, pointer, at);
      if (end >= 0) return { child, end };
    }
    return undefined;
  }
  for (const child of children) {
    const end = matchAt(child, pointer, at);
    if (end >= 0) return { child, end };
  }
  return undefined;
}

const NOT_AN_ITEM = Symbol('not an item');

/** Whether `path` lies strictly below `prefix` (`a/b/c` below `a/b`), without building `${prefix}/`. */
function isBelow(path: string, prefix: string): boolean {
  return path.length > prefix.length && path.charCodeAt(prefix.length) === 47 && path.startsWith(prefix);
}

/** Whether `pointer` lies strictly below `anchor` (or is it, with `orSelf`). */
function holds(anchor: Anchor, pointer: string, orSelf: boolean): boolean {
  return pointer.length === anchor.pointer.length ? orSelf && pointer === anchor.pointer : isBelow(pointer, anchor.pointer);
}

interface Position { column?: number; header?: string }

/** The best value found so far by `atOrUnder` (entry -1: none yet), preferring `sheet`. */
interface Nearest { anchor: Anchor; entry: number; depth: number; inSheet: boolean; readonly sheet: string | undefined }

function segmentCount(pointer: string): number {
  let n = 0;
  for (let i = 0; i < pointer.length; i++) if (pointer.charCodeAt(i) === 47 /* / */) n++;
  return n;
}

/** Fields of an entry in the store (STRIDE numbers each); a column of -1 means the source is a CellRef. */
const PATH = 0;
const SOURCE = 1;
const COLUMN = 2;
const NEXT = 3;
const STRIDE = 4;

export class SourceMap {
  private readonly roots: Anchor[] = [];
  /** Anchors by pointer, built on the first lookup: a clean workbook converted and validated never needs it. */
  private index?: Map<string, Anchor>;
  /** The anchor the last lookup found: findings come in runs over one document, so the next is usually near. */
  private recent?: Anchor;
  /** `sheet \0 column field` → where that column is (registered with the sheet, or by the first value set). */
  private readonly positions = new Map<string, Position>();
  /** The documents' anchors made by `rootAnchor`, by collection and position: a lookup starts there. */
  private readonly items = new Map<string, (ItemAnchor | undefined)[]>();
  private count = 0;
  /** The entries, STRIDE numbers each (see PATH…NEXT); `used` of them taken, deleted ones included. */
  private store = new Int32Array(STRIDE * 1024);
  private used = 0;
  /** Entry paths (below their anchor, pointer syntax) by id: one per column, shared by its values. */
  private readonly paths: string[] = [];
  private readonly pathIds = new Map<string, number>();
  /** Entry sources by id: a SourceRow (once per run of values recorded from it) or a CellRef. */
  private readonly sources: (SourceRow | CellRef)[] = [];
  private lastRow?: SourceRow;
  /** Where the anchor the last `container` call found ends in the pointer it was asked about. */
  private foundEnd = 0;

  /** A source map holding a plain `pointer → cell` object (tests, data that crossed a JSON boundary). */
  static fromRecord(record: Record<string, CellRef>): SourceMap {
    const map = new SourceMap();
    for (const pointer of Object.keys(record)) map.set(pointer, record[pointer]);
    return map;
  }

  get size(): number {
    return this.count;
  }

  /** No anchor at all (a package read from JSON): no pointer can have a cell, so callers need not ask per finding. */
  get empty(): boolean {
    return this.roots.length === 0;
  }

  /** Registers a sheet; `columns` gives each bound column's 0-based index, header and column field. */
  addSheet(name: string, columns: readonly { index: number; header: string; field: string }[]): SourceSheet {
    const headers: (string | undefined)[] = [];
    for (const c of columns) {
      headers[c.index] = c.header;
      const key = `${name}\u0000${c.field}`;
      if (!this.positions.has(key)) this.positions.set(key, { column: c.index + 1, header: c.header });
    }
    return { name, headers };
  }

  /**
   * Room for `entries` values in all, taken at once when the caller knows about how many are coming (unflatten: the
   * cells of its sheets). Doubling from 1,024 touched each smaller store on the way and copied it: at 10,000
   * processes some 54 MB of first-touched pages for 22 MB of entries (issue 17). A generous figure costs nothing:
   * the zero-filled pages never written are never touched.
   */
  reserve(entries: number): void {
    if (entries * STRIDE <= this.store.length) return;
    const bigger = new Int32Array(entries * STRIDE);
    bigger.set(this.store.subarray(0, this.used * STRIDE));
    this.store = bigger;
  }

  /** A new anchor at `pointer` (not yet anchored), under `parent`, or a root document without one. */
  anchor(pointer: string, parent?: Anchor): Anchor {
    const a: Anchor = { pointer, depth: segmentCount(pointer), firstEntry: -1, lastEntry: -1, parent };
    if (parent) {
      (parent.children ??= []).push(a);
      // Kept in step with the lookup lists when they are built (childAt).
      if (parent instanceof ItemAnchor) parent.others?.push(a);
    } else this.roots.push(a);
    this.index?.set(pointer, a);
    return a;
  }

  /** The anchor of document `index` of `collection` (`/releases/3`), its pointer built only when asked. */
  rootAnchor(collection: string, index: number): Anchor {
    const a = new ItemAnchor(undefined, collection, index, 2);
    this.roots.push(a);
    let list = this.items.get(collection);
    if (!list) this.items.set(collection, (list = []));
    list[index] ??= a;
    if (this.index) this.index.set(a.pointer, a);
    return a;
  }

  /**
   * The anchor of item `index` of the array at `tail` below `parent` (`tail` in pointer syntax, `tailDepth`
   * segments): `${parent.pointer}/${tail}/${index}`, its pointer built only when asked.
   */
  childAnchor(parent: Anchor, tail: string, tailDepth: number, index: number): Anchor {
    const a = new ItemAnchor(parent, tail, index, parent.depth + tailDepth + 1);
    (parent.children ??= []).push(a);
    // Added to the lookup by tail when it is built, not thrown away: the conversion looks items up while it adds
    // them, and building it again after each added item was quadratic (32,000 documents of a process: 25 s).
    if (parent instanceof ItemAnchor && parent.byTail) byTailAdd(parent.byTail, a);
    if (this.index) this.index.set(a.pointer, a);
    return a;
  }

  /** The value at `${anchor.pointer}/${path}` came from `column` (0-based) of `row`. The path must be new. */
  record(anchor: Anchor, path: string, row: SourceRow, column: number): void {
    if (row !== this.lastRow) {
      this.sources.push(row);
      this.lastRow = row;
    }
    this.append(anchor, path, this.sources.length - 1, column);
  }

  private append(anchor: Anchor, path: string, source: number, column: number): void {
    let id = this.pathIds.get(path);
    if (id === undefined) {
      id = this.paths.length;
      this.paths.push(path);
      this.pathIds.set(path, id);
    }
    if (this.used * STRIDE === this.store.length) this.reserve(this.used * 2);
    const e = this.used++;
    const at = e * STRIDE;
    this.store[at + PATH] = id;
    this.store[at + SOURCE] = source;
    this.store[at + COLUMN] = column;
    this.store[at + NEXT] = -1;
    if (anchor.lastEntry < 0) anchor.firstEntry = e;
    else this.store[anchor.lastEntry * STRIDE + NEXT] = e;
    anchor.lastEntry = e;
    this.count++;
  }

  private pathOf(e: number): string {
    return this.paths[this.store[e * STRIDE + PATH]];
  }

  private cellAt(e: number): CellRef {
    const column = this.store[e * STRIDE + COLUMN];
    const source = this.sources[this.store[e * STRIDE + SOURCE]];
    if (column < 0) return source as CellRef;
    const { sheet, row } = source as SourceRow;
    return { sheet: sheet.name, row, column: column + 1, header: sheet.headers[column] as string };
  }

  private sheetOf(e: number): string {
    const source = this.sources[this.store[e * STRIDE + SOURCE]];
    return this.store[e * STRIDE + COLUMN] < 0 ? (source as CellRef).sheet : (source as SourceRow).sheet.name;
  }

  get(pointer: string): CellRef | undefined {
    const found = this.locate(pointer);
    return found ? this.cellAt(found.entry) : undefined;
  }

  has(pointer: string): boolean {
    return this.locate(pointer) !== undefined;
  }

  set(pointer: string, cell: CellRef): void {
    const found = this.locate(pointer);
    this.lastRow = undefined;
    this.sources.push(cell);
    if (found) {
      this.store[found.entry * STRIDE + SOURCE] = this.sources.length - 1;
      this.store[found.entry * STRIDE + COLUMN] = -1;
      return;
    }
    const root = pointer.split('/', 3).join('/');
    const anchor = this.container(pointer) ?? this.anchors().get(root) ?? this.anchor(root);
    this.append(anchor, pointer.slice(anchor.pointer.length + 1), this.sources.length - 1, -1);
    const key = `${cell.sheet}\u0000${columnField(pointer)}`;
    if (!this.positions.has(key)) this.positions.set(key, { column: cell.column, header: cell.header });
  }

  delete(pointer: string): boolean {
    const found = this.locate(pointer);
    if (!found) return false;
    const { anchor, entry, previous } = found;
    const next = this.store[entry * STRIDE + NEXT];
    if (previous < 0) anchor.firstEntry = next;
    else this.store[previous * STRIDE + NEXT] = next;
    if (anchor.lastEntry === entry) anchor.lastEntry = previous;
    this.count--;
    return true;
  }

  *entries(): IterableIterator<[string, CellRef]> {
    for (const anchor of this.anchors().values()) {
      for (let e = anchor.firstEntry; e >= 0; e = this.store[e * STRIDE + NEXT]) yield [`${anchor.pointer}/${this.pathOf(e)}`, this.cellAt(e)];
    }
  }

  toRecord(): Record<string, CellRef> {
    const out: Record<string, CellRef> = {};
    for (const [pointer, cell] of this.entries()) out[pointer] = cell;
    return out;
  }

  /** Where the column of `field` (a column field, `tender/value/amount`) is in `sheet`, when known. */
  columnPosition(sheet: string, field: string): Position | undefined {
    return this.positions.get(`${sheet}\u0000${field}`);
  }

  /**
   * The value closest below `prefix` (fewest segments below it), in `sheet` when one is there; among equals the
   * first in pointer order. Only the document holding `prefix` is walked.
   */
  nearestUnder(prefix: string, sheet: string | undefined): CellRef | undefined {
    return this.atOrUnder(prefix, sheet).under;
  }

  /**
   * `get(pointer)` and `nearestUnder(pointer, sheet)` in one walk of the document: a finding's cell is looked for
   * at each level above a missing value, and each level asked both (cell-locator.ts).
   */
  atOrUnder(prefix: string, sheet: string | undefined): { at?: CellRef; under?: CellRef } {
    const home = this.container(prefix, true);
    if (!home) return {};
    const best: Nearest = { anchor: home, entry: -1, depth: 0, inSheet: false, sheet };
    let at: CellRef | undefined;
    if (home.pointer === prefix) {
      // An anchor is an object written into by rows, never itself a value of its parent's entries, but `set` may
      // have put one there: asked the usual way.
      at = this.get(prefix);
      this.visitNearest(home, best);
    } else {
      // `prefix` lies inside the anchor's object: the value at it, its values under `prefix`, and the items below.
      const own = prefix.slice(home.pointer.length + 1);
      const ownId = this.pathIds.get(own);
      for (let e = home.firstEntry; e >= 0; e = this.store[e * STRIDE + NEXT]) {
        const id = this.store[e * STRIDE + PATH];
        if (id === ownId) { at ??= this.cellAt(e); continue; }
        const path = this.paths[id];
        if (isBelow(path, own)) this.considerNearest(home, e, home.depth + segmentCount(path) + 1, best);
      }
      for (const child of home.children ?? []) if (isBelow(child.pointer, prefix)) this.visitNearest(child, best);
    }
    const found: { at?: CellRef; under?: CellRef } = {};
    if (at) found.at = at;
    if (best.entry >= 0) found.under = this.cellAt(best.entry);
    return found;
  }

  private considerNearest(anchor: Anchor, e: number, depth: number, best: Nearest): void {
    const inSheet = this.sheetOf(e) === best.sheet;
    if (best.entry >= 0) {
      if (best.inSheet && !inSheet || best.inSheet === inSheet && best.depth < depth) return;
      // Pointer order among equals; within one anchor the paths alone decide (no pointer text built for a tie).
      if (best.inSheet === inSheet && best.depth === depth
        && (best.anchor === anchor ? this.pathOf(e) >= this.pathOf(best.entry) : `${anchor.pointer}/${this.pathOf(e)}` >= `${best.anchor.pointer}/${this.pathOf(best.entry)}`)) return;
    }
    best.anchor = anchor;
    best.entry = e;
    best.depth = depth;
    best.inSheet = inSheet;
  }

  private visitNearest(anchor: Anchor, best: Nearest): void {
    // Everything below an anchor is deeper than it: skip a subtree that cannot beat an in-sheet best.
    if (best.entry >= 0 && best.inSheet && anchor.depth + 1 > best.depth) return;
    for (let e = anchor.firstEntry; e >= 0; e = this.store[e * STRIDE + NEXT]) this.considerNearest(anchor, e, anchor.depth + segmentCount(this.pathOf(e)) + 1, best);
    if (anchor.children) for (const child of anchor.children) this.visitNearest(child, best);
  }

  private anchors(): Map<string, Anchor> {
    if (!this.index) {
      const index = new Map<string, Anchor>();
      const add = (a: Anchor): void => { index.set(a.pointer, a); for (const c of a.children ?? []) add(c); };
      for (const root of this.roots) add(root);
      this.index = index;
    }
    return this.index;
  }

  /** The innermost anchor strictly above `pointer` (or at it, with `orSelf`). */
  private container(pointer: string, orSelf = false): Anchor | undefined {
    const item = this.itemContainer(pointer, orSelf);
    if (item !== NOT_AN_ITEM) return item;
    const near = this.nearContainer(pointer, orSelf);
    if (near) this.foundEnd = near.pointer.length;
    return near;
  }

  /**
   * `container` for a pointer into a document made by `rootAnchor`: down from the document, matching each item by
   * its tail and index (no pointer text needed). NOT_AN_ITEM when the pointer names no such document.
   */
  private itemContainer(pointer: string, orSelf: boolean): Anchor | undefined | typeof NOT_AN_ITEM {
    if (this.items.size === 0 || pointer.charCodeAt(0) !== 47) return NOT_AN_ITEM;
    const slash = pointer.indexOf('/', 1);
    const list = slash < 0 ? undefined : this.items.get(pointer.slice(1, slash));
    const root = list?.[indexAt(pointer, slash + 1)];
    if (!root) return NOT_AN_ITEM;
    let at = slash + 1 + digits(root.index);
    if (at === pointer.length) {
      this.foundEnd = at;
      return orSelf ? root : undefined;
    }
    let near: Anchor = root;
    for (;;) {
      const next = childAt(near, pointer, at);
      if (next && next.end === pointer.length && orSelf) at = next.end;
      if (!next || next.end === pointer.length) {
        this.foundEnd = at;
        return next && orSelf ? next.child : near;
      }
      near = next.child;
      at = next.end;
    }
  }

  private nearContainer(pointer: string, orSelf: boolean): Anchor | undefined {
    // From the anchor found last: up through parents to one holding `pointer`, then down through few children.
    let near = this.recent;
    while (near && !holds(near, pointer, orSelf)) near = near.parent;
    while (near?.children) {
      if (near.children.length > FEW) { near = undefined; break; }
      const down: Anchor | undefined = near.children.find((c) => holds(c, pointer, orSelf));
      if (!down) break;
      near = down;
    }
    if (near) return (this.recent = near);
    const found = this.lookup(pointer, orSelf);
    if (found) this.recent = found;
    return found;
  }

  private lookup(pointer: string, orSelf: boolean): Anchor | undefined {
    const anchors = this.anchors();
    let p = orSelf ? pointer : pointer.slice(0, pointer.lastIndexOf('/'));
    while (p.length > 0) {
      const a = anchors.get(p);
      if (a) return a;
      p = p.slice(0, p.lastIndexOf('/'));
    }
    return undefined;
  }

  /** The entry at `pointer`, and the one before it in its anchor's list (-1: none). */
  private locate(pointer: string): { anchor: Anchor; entry: number; previous: number } | undefined {
    const anchor = this.container(pointer);
    if (!anchor) return undefined;
    const id = this.pathIds.get(pointer.slice(this.foundEnd + 1));
    if (id === undefined) return undefined;
    let previous = -1;
    for (let e = anchor.firstEntry; e >= 0; previous = e, e = this.store[e * STRIDE + NEXT]) {
      if (this.store[e * STRIDE + PATH] === id) return { anchor, entry: e, previous };
    }
    return undefined;
  }
}
