/**
 * The wire form of `/api/stats` (docs/api.md, «La forma de /api/stats»). Each implementer's data quality lists the
 * program's ~580 fields with their titles: sent as stored, the titles were most of the answer (about 75 KB of each
 * implementer's 78 KB), the same text once per implementer. Here the fields (standard, path, title) travel once, in
 * `fields`, and each implementer's quality carries only its counts, in that table's order (`fieldCounts`); likewise
 * the CoST IDS points' ids, once in `costIds`, and each implementer's counts of them (`costIdCounts`). The dashboard rebuilds the stored shape (unpackStats), so its pages read what they read before.
 */
import type { FieldCoverage } from './quality-stats';

/** Raised when the answer's shape changes; a reader that finds another value reads `publishers` as they come. */
export const STATS_FORMAT = 2;

/** One field of the table: `[standard, field path, its title in the template]`. */
export type StatsField = [standard: FieldCoverage['standard'], field: string, title: string];

/** What a publisher entry carries; the rest of it (name, state, figures) passes through untouched. */
interface Entry { data: object | null }

export interface PackedStats<T> { format: number; fields: StatsField[]; costIds: string[]; publishers: T[] }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A list of counts as two numbers per entry of a shared table, in the table's order: `[a0, b0, a1, b1, …]`, `null`
 * for both of an entry this list lacks (figures judged by an earlier template may lack a field of another's). The
 * table grows with every list's entries not in it yet, in the order they first come.
 */
class CountTable<Row> {
  readonly rows: Row[] = [];
  private readonly position = new Map<string, number>();
  constructor(private readonly rowOf: (item: Record<string, unknown>) => Row, private readonly keyOf: (item: Record<string, unknown>) => string) {}
  counts(items: readonly Record<string, unknown>[], a: string, b: string): (number | null)[] {
    const counts: (number | null)[] = [];
    for (const item of items) {
      const key = this.keyOf(item);
      let at = this.position.get(key);
      if (at === undefined) {
        at = this.rows.length;
        this.position.set(key, at);
        this.rows.push(this.rowOf(item));
      }
      while (counts.length < 2 * at) counts.push(null);
      counts[2 * at] = item[a] as number;
      counts[2 * at + 1] = item[b] as number;
    }
    return counts;
  }
}

/** Each entry's `data.quality.fields` as `fieldCounts` (filled, total) and `costIds` as `costIdCounts` (disclosed, total). */
export function packStats<T extends Entry>(entries: readonly T[]): PackedStats<T> {
  const fields = new CountTable<StatsField>((f) => [f.standard as StatsField[0], String(f.field), String(f.title)], (f) => `${String(f.standard)}\u0000${String(f.field)}`);
  const costIds = new CountTable<string>((c) => String(c.id), (c) => String(c.id));
  const publishers = entries.map((entry) => {
    const quality = (entry.data as { quality?: unknown } | null)?.quality;
    if (!isObject(quality) || !Array.isArray(quality.fields) || !Array.isArray(quality.costIds)) return entry;
    const { fields: listed, costIds: points, ...rest } = quality;
    // `costIds: []`: a tab of the dashboard opened before this format searches each implementer's `costIds`, and its
    // page failed where the list was missing; empty, it says «Sin dato» until reloaded (docs/api.md).
    const packed = { ...rest, costIds: [], fieldCounts: fields.counts(listed as Record<string, unknown>[], 'filled', 'total'), costIdCounts: costIds.counts(points as Record<string, unknown>[], 'disclosed', 'total') };
    return { ...entry, data: { ...entry.data, quality: packed } };
  });
  return { format: STATS_FORMAT, fields: fields.rows, costIds: costIds.rows, publishers };
}

/**
 * The publishers of an answer of `/api/stats` with each quality's `fields` and `costIds` as stored (in the tables'
 * order, only those it counts); an answer without the tables (another format) as it came.
 */
export function unpackStats<T extends Entry>(answer: { format?: unknown; fields?: unknown; costIds?: unknown; publishers: T[] }): T[] {
  if (answer.format !== STATS_FORMAT || !Array.isArray(answer.fields) || !Array.isArray(answer.costIds)) return answer.publishers;
  const fieldTable = answer.fields as StatsField[];
  const costIdTable = answer.costIds as string[];
  return answer.publishers.map((entry) => {
    const quality = (entry.data as { quality?: unknown } | null)?.quality;
    if (!isObject(quality) || !Array.isArray(quality.fieldCounts) || !Array.isArray(quality.costIdCounts)) return entry;
    const { fieldCounts, costIdCounts, ...rest } = quality;
    const fields = unpacked(fieldTable, fieldCounts, ([standard, field, title], filled, total): FieldCoverage => ({ standard, field, title, filled, total }));
    const costIds = unpacked(costIdTable, costIdCounts, (id, disclosed, total) => ({ id, disclosed, total }));
    return { ...entry, data: { ...entry.data, quality: { ...rest, fields, costIds } } };
  });
}

function unpacked<Row, Item>(table: readonly Row[], counts: readonly unknown[], item: (row: Row, a: number, b: number) => Item): Item[] {
  const items: Item[] = [];
  table.forEach((row, i) => {
    const a = counts[2 * i];
    const b = counts[2 * i + 1];
    if (typeof a === 'number' && typeof b === 'number') items.push(item(row, a, b));
  });
  return items;
}
