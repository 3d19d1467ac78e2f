/** Small readers over untyped JSON: checks run on documents the schema may have rejected, so nothing is trusted. */
import { escapePointerSegment as escapeSlow } from '../findings/finding';
import type { Doc, JsonObject } from './types';
import { isArray, isObject } from '../json/json-values';

/** RFC 6901 escaping with a fast path: almost no key holds `~` or `/`, and this runs for every value. */
export function escapePointerSegment(segment: string): string {
  return segment.includes('~') || segment.includes('/') ? escapeSlow(segment) : segment;
}

export { isArray, isObject } from '../json/json-values';

/** `table[key]` for own keys only: a cell typed `constructor` or `toString` must not reach Object.prototype. */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const v = value[key];
  return isObject(v) ? v : undefined;
}

export function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const v = value[key];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

export function numberAt(value: unknown, key: string): number | undefined {
  if (!isObject(value)) return undefined;
  const v = value[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Value at a "/"-separated path; numeric segments index arrays. */
export function valueAt(value: unknown, path: string): unknown {
  return valueAtSegments(value, path.split('/'));
}

/** `valueAt` for a path split once beforehand (checks that read the same paths in every document). */
export function valueAtSegments(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

/** A value a person filled in: not missing, not blank text, not an empty list. */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (isArray(value)) return value.length > 0;
  return true;
}

export function pointerJoin(pointer: string, path: string): string {
  return path === '' ? pointer : `${pointer}/${path.split('/').map(escapePointerSegment).join('/')}`;
}

/** Object items of the array at `key`, with their pointers (non-objects are the schema's business). */
export function itemsAt(value: unknown, key: string, pointer: string): { item: JsonObject; pointer: string }[] {
  const arr = isObject(value) ? value[key] : undefined;
  if (!Array.isArray(arr)) return [];
  const out: { item: JsonObject; pointer: string }[] = [];
  const prefix = `${pointer}/${escapePointerSegment(key)}/`;
  for (let i = 0; i < arr.length; i++) {
    const item: unknown = arr[i];
    if (isObject(item)) out.push({ item, pointer: prefix + i });
  }
  return out;
}

/**
 * Each object party (`parties`) of each document, by index: no list of the parties and their pointers is built for
 * every document (issue 17). `at(path)` is a pointer under the party (`/releases/3/parties/1/identifier/id`), made only
 * when a check reports.
 */
export function forEachParty(docs: readonly Doc[], visit: (party: JsonObject, at: (path: string) => string) => void): void {
  for (const { data, pointer } of docs) {
    const parties = data.parties;
    if (!Array.isArray(parties)) continue;
    for (let i = 0; i < parties.length; i++) {
      const party: unknown = parties[i];
      if (isObject(party)) visit(party, (path) => `${pointer}/parties/${i}/${path}`);
    }
  }
}

/**
 * Object items reached through a path of arrays and objects, e.g. `contracts/implementation/transactions`:
 * every segment that holds an array fans out over its items.
 */
export function itemsAlong(root: JsonObject, path: string, pointer: string): { item: JsonObject; pointer: string }[] {
  let level: { item: JsonObject; pointer: string }[] = [{ item: root, pointer }];
  for (const segment of path.split('/')) {
    const next: { item: JsonObject; pointer: string }[] = [];
    for (const { item, pointer: p } of level) {
      const v = item[segment];
      if (Array.isArray(v)) next.push(...itemsAt(item, segment, p));
      else if (isObject(v)) next.push({ item: v, pointer: `${p}/${escapePointerSegment(segment)}` });
    }
    level = next;
  }
  return level;
}

/** The object items `itemsAt` gives, without their pointers: for checks that only read them. */
export function objectsAt(value: unknown, key: string): JsonObject[] {
  const arr = isObject(value) ? value[key] : undefined;
  if (!isArray(arr)) return [];
  const out: JsonObject[] = [];
  for (const item of arr) if (isObject(item)) out.push(item);
  return out;
}

/** The object items `itemsAlong` gives, without their pointers: for checks that only read them. */
const SEGMENTS = new Map<string, string[]>();

export function objectsAlong(root: JsonObject, path: string): readonly JsonObject[] {
  // The checks pass a few fixed paths, for every document: each is split once.
  let segments = SEGMENTS.get(path);
  if (!segments) SEGMENTS.set(path, (segments = path.split('/')));
  let level: JsonObject[] = [root];
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s];
    // Made only when something is found: completeness asks every document for every sheet's rows (~60 paths), most
    // of which it does not have — an array per level of each was most of what scoring a publication allocated.
    let next: JsonObject[] | undefined;
    for (let i = 0; i < level.length; i++) {
      const v = level[i][segment];
      if (isArray(v)) { for (let j = 0; j < v.length; j++) { const x = v[j]; if (isObject(x)) (next ??= []).push(x); } } else if (isObject(v)) (next ??= []).push(v);
    }
    if (!next) return NO_OBJECTS;
    level = next;
  }
  return level;
}

/** What objectsAlong gives when there is nothing along the path: one frozen list, never written to. */
const NO_OBJECTS: readonly JsonObject[] = Object.freeze([]);

function someFrom(item: JsonObject, segments: readonly string[], at: number, test: (item: JsonObject) => boolean): boolean {
  if (at === segments.length) return test(item);
  const v = item[segments[at]];
  if (isArray(v)) {
    for (const x of v) if (isObject(x) && someFrom(x, segments, at + 1, test)) return true;
    return false;
  }
  return isObject(v) && someFrom(v, segments, at + 1, test);
}

/**
 * Whether `test` holds for one of the object items `objectsAlong` gives (asked in the same order, up to the first
 * that passes), without building their lists: the checks ask this of every document (issue 17).
 */
export function someAlong(root: JsonObject, path: string, test: (item: JsonObject) => boolean): boolean {
  let segments = SEGMENTS.get(path);
  if (!segments) SEGMENTS.set(path, (segments = path.split('/')));
  return someFrom(root, segments, 0, test);
}

/** Unindexed field paths, interned as a tree: each distinct field is one string, built once per walk of a document set. */
export interface FieldTree<T = unknown> {
  path: string;
  children?: Map<string, FieldTree<T>>;
  /** What the walk keeps for this field (run-checks: the visitors that look at it), worked out once. */
  memo?: T;
}

/** The node of field `key` under `node` (made on first use). */
export function fieldChild<T>(node: FieldTree<T>, key: string): FieldTree<T> {
  const children = (node.children ??= new Map());
  let child = children.get(key);
  if (!child) children.set(key, (child = { path: node.path ? `${node.path}/${key}` : key }));
  return child;
}

/** ISO 8601 date text. Only this: `Date.parse` also reads "10/03/2024" (as 3 October), which would invent findings. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

const TIMES = new Map<string, number>();
const MAX_TIMES = 20_000;

/**
 * Date.parse, remembered per text (bounded): a package repeats the same dates over and over — 661 distinct among the
 * 16,000 dates of 1,000 releases (issue 17) — and the answer depends on the text alone.
 */
export function parseTime(text: string): number {
  let t = TIMES.get(text);
  if (t === undefined) {
    t = Date.parse(text);
    if (TIMES.size >= MAX_TIMES) TIMES.clear();
    TIMES.set(text, t);
  }
  return t;
}

/** Epoch ms of an ISO 8601 date or date-time; undefined when absent or unparsable (the schema reports the format). */
export function timeAt(value: unknown, key: string): number | undefined {
  const s = stringAt(value, key);
  if (s === undefined || !ISO_DATE.test(s)) return undefined;
  const t = parseTime(s);
  return Number.isNaN(t) ? undefined : t;
}
