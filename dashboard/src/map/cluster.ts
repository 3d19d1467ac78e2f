/**
 * Grid clustering of projected points: points falling in the same square cell (in drawing units) become one
 * cluster at their centroid. Linear in the number of points, so 5,000 projects cluster in a few milliseconds on
 * every zoom; a smaller cell (zooming in) splits clusters.
 */
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
