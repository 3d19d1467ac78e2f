/**
 * Grid clustering of projected points: points falling in the same square cell (in drawing units) become one
 * cluster at their centroid. Linear in the number of points, so 5,000 projects cluster in a few milliseconds on
 * every zoom; a smaller cell (zooming in) splits clusters. `separate` then merges the clusters whose markers would
 * overlap on screen.
 */
import { formatNumber } from '../../../core/format/es-mx';

export interface Located<T> { x: number; y: number; item: T }
export interface Cluster<T> { x: number; y: number; items: T[] }

export function clusterPoints<T>(points: Located<T>[], cell: number): Cluster<T>[] {
  const cells = new Map<string, { sx: number; sy: number; items: T[] }>();
  for (const p of points) {
    const key = `${Math.floor(p.x / cell)}:${Math.floor(p.y / cell)}`;
    const c = cells.get(key);
    if (c) { c.sx += p.x; c.sy += p.y; c.items.push(p.item); } else cells.set(key, { sx: p.x, sy: p.y, items: [p.item] });
  }
  return [...cells.values()].map((c) => ({ x: c.sx / c.items.length, y: c.sy / c.items.length, items: c.items }));
}

/**
 * Merges clusters whose markers would overlap: `reach(n)` is half the side of the square a marker of n projects
 * takes (its target ring and a margin), in the points' units. Grid cells alone let two neighbouring cells' centroids
 * fall a few pixels apart (points near their shared edge), and their markers were drawn over each other. Squares,
 * not circles, so the markers' boxes never overlap either. Merged clusters sit at the centroid of all their points,
 * which can meet another cluster: repeated until none do. Quadratic in the clusters, which the grid keeps to a few
 * hundred (one per cell at most).
 */
export function separate<T>(clusters: Cluster<T>[], reach: (n: number) => number): Cluster<T>[] {
  // Largest first: a big group takes in its small neighbours, and stays about where its projects are.
  const list = clusters.map((c) => ({ x: c.x, y: c.y, items: c.items.slice() })).sort((a, b) => b.items.length - a.items.length);
  for (let merged = true; merged;) {
    merged = false;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        const d = reach(a.items.length) + reach(b.items.length);
        if (Math.abs(a.x - b.x) >= d || Math.abs(a.y - b.y) >= d) continue;
        const n = a.items.length + b.items.length;
        a.x = (a.x * a.items.length + b.x * b.items.length) / n;
        a.y = (a.y * a.items.length + b.y * b.items.length) / n;
        for (const item of b.items) a.items.push(item);
        list.splice(j, 1);
        // `a` grew and moved: every other cluster is compared with it again.
        j = i;
        merged = true;
      }
    }
  }
  return list;
}

/** A group's count on its marker, in Spanish and short enough for it: 1,234; from ten thousand, «12 mil» (not «12k»). */
export function groupCount(n: number): string {
  return n < 10_000 ? formatNumber(n, 0) : `${formatNumber(Math.round(n / 1000), 0)} mil`;
}

export interface Box { x: number; y: number; w: number; h: number }

/** The box around `points` with a margin, at least `min` wide, with the given width/height ratio. */
export function fitBox(points: { x: number; y: number }[], ratio: number, min: number, full: Box): Box {
  if (!points.length) return full;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  let w = Math.max(min, (Math.max(...xs) - Math.min(...xs)) * 1.4, (Math.max(...ys) - Math.min(...ys)) * 1.4 * ratio);
  w = Math.min(w, full.w);
  const hh = w / ratio;
  return { x: cx - w / 2, y: cy - hh / 2, w, h: hh };
}
