/**
 * Test helper: what the public reads of a publication compared field by field with what the implementer published
 * before (an implementer moving its history here must find every value it published, unchanged).
 *
 * Both documents are walked together, leaf by leaf. A list of objects that all carry an `id` is matched by it
 * (`parties[id=MX-RFC-…]/name`; a repeated id by its occurrence, `[id=X#2]`), as OCDS merges them, so order does not
 * count; a list of distinct texts or numbers is a set (`roles{tenderer}`); any other list is matched by position
 * (`[0]`). Empty lists and objects leave no leaf; null is a value (use `withoutNulls` for a compiled release, which
 * drops it).
 */

/** One leaf that differs: its path, and its value in the original (`before`) and in ours (`after`). */
export interface Difference { path: string; before?: unknown; after?: unknown }

export interface PathDiff {
  /** Leaves of the original missing from ours. */
  lost: Difference[];
  /** Leaves present in both with another value. */
  changed: Difference[];
  /** Leaves of ours the original did not have. */
  added: Difference[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function idKeys(list: unknown[]): string[] | undefined {
  const ids = list.map((x) => (isPlainObject(x) && (typeof x.id === 'string' || typeof x.id === 'number') ? String(x.id) : undefined));
  if (!list.length || ids.some((id) => id === undefined)) return undefined;
  // A repeated id (a measure per date, a party listed twice) is told apart by its occurrence: `[id=X#2]`.
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = (seen.get(id as string) ?? 0) + 1;
    seen.set(id as string, n);
    return n === 1 ? `[id=${id}]` : `[id=${id}#${n}]`;
  });
}

const isScalarSet = (list: unknown[]): boolean => list.every((x) => typeof x === 'string' || typeof x === 'number') && new Set(list).size === list.length;

/**
 * The keys of two lists at the same path: by `id` when every object of both has one (a list given ids by the import
 * is compared by position, as the original could only be read), as a set when both hold distinct texts or numbers,
 * else by position.
 */
function pairKeys(a: unknown[], b: unknown[]): [string[], string[]] {
  const [ia, ib] = [idKeys(a), idKeys(b)];
  if ((ia || !a.length) && (ib || !b.length)) return [ia ?? [], ib ?? []];
  if (isScalarSet(a) && isScalarSet(b)) return [a.map((x) => `{${String(x)}}`), b.map((x) => `{${String(x)}}`)];
  return [a.map((_, i) => `[${i}]`), b.map((_, i) => `[${i}]`)];
}

/** Every leaf of a document under a prefix (for what only one side has). */
function leavesUnder(doc: unknown, prefix: string, out: Difference[], side: 'before' | 'after'): void {
  if (Array.isArray(doc)) {
    const keys = pairKeys(doc, doc)[0];
    doc.forEach((x, i) => (keys[i].startsWith('{') ? out.push({ path: `${prefix}${keys[i]}`, [side]: x }) : leavesUnder(x, `${prefix}${keys[i]}`, out, side)));
  } else if (isPlainObject(doc)) {
    for (const [k, v] of Object.entries(doc)) leavesUnder(v, prefix ? `${prefix}/${k}` : k, out, side);
  } else if (doc !== undefined) {
    out.push({ path: prefix, [side]: doc });
  }
}

function walk(a: unknown, b: unknown, path: string, diff: PathDiff): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) return leavesUnder(b, path, diff.added, 'after');
  if (b === undefined) return leavesUnder(a, path, diff.lost, 'before');
  if (Array.isArray(a) && Array.isArray(b)) {
    const [ka, kb] = pairKeys(a, b);
    const byKey = new Map(kb.map((k, i) => [k, b[i]] as const));
    ka.forEach((k, i) => {
      if (k.startsWith('{')) { if (!byKey.has(k)) diff.lost.push({ path: `${path}${k}`, before: a[i] }); } else walk(a[i], byKey.get(k), `${path}${k}`, diff);
    });
    const inA = new Set(ka);
    kb.forEach((k, i) => {
      if (inA.has(k)) return;
      if (k.startsWith('{')) diff.added.push({ path: `${path}${k}`, after: b[i] }); else leavesUnder(b[i], `${path}${k}`, diff.added, 'after');
    });
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], path ? `${path}/${k}` : k, diff);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    // A leaf that became a list or an object (or the reverse) is a change of its value too.
    diff.changed.push({ path, before: a, after: b });
  }
}

export function diffPaths(original: unknown, ours: unknown): PathDiff {
  const diff: PathDiff = { lost: [], changed: [], added: [] };
  walk(original, ours, '', diff);
  return diff;
}

/**
 * A document as its compiled release shows it: OCDS merging drops null (it removes a field) and the empty lists and
 * objects that leaves.
 */
export function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) {
    const list = v.map(withoutNulls).filter((x) => x !== undefined);
    return list.length ? list : undefined;
  }
  if (v === null) return undefined;
  if (!isPlainObject(v)) return v;
  const entries = Object.entries(v).map(([k, x]) => [k, withoutNulls(x)] as const).filter(([, x]) => x !== undefined);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** A path with its array keys replaced by `[]`, to count the fields a difference touches rather than each element. */
export function fieldOf(path: string): string {
  return path.replace(/\[[^\]]*\]|\{[^}]*\}/g, '[]');
}
