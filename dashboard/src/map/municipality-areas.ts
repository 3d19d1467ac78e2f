/**
 * Municipality areas drawn from the data's own coordinates. No maintained package of Mexico's municipal
 * boundaries is available to this project offline (the state outlines come from @svg-maps/mexico; INEGI's
 * Marco Geoestadístico would have to be converted into a file at build time), so each municipality that has
 * two or more located projects (at distinct points) of the selection gets the convex hull of its projects' points — where the
 * works are, not the official limit, and the page says so. Points are grouped by the project's state and its
 * address/locality (the municipality filter).
 */
import type { Located } from './cluster';

export interface Area { state: string; municipality: string; points: { x: number; y: number }[]; hull: { x: number; y: number }[]; x: number; y: number }

const cross = (o: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): number => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/** Andrew's monotone chain: the hull in counter-clockwise order, without repeated points; O(n log n). */
export function convexHull(points: { x: number; y: number }[]): { x: number; y: number }[] {
  const ps = [...points].sort((a, b) => a.x - b.x || a.y - b.y).filter((p, i, all) => i === 0 || p.x !== all[i - 1].x || p.y !== all[i - 1].y);
  if (ps.length < 3) return ps;
  const lower: { x: number; y: number }[] = [];
  for (const p of ps) { while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop(); lower.push(p); }
  const upper: { x: number; y: number }[] = [];
  for (let i = ps.length - 1; i >= 0; i--) { const p = ps[i]; while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop(); upper.push(p); }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** One area per (state, municipality) with at least two located points; projects without a municipality are left out. */
export function municipalityAreas<T extends { state: string; municipality?: string }>(located: Located<T>[]): Area[] {
  const groups = new Map<string, Area>();
  for (const l of located) {
    const m = l.item.municipality;
    if (!m) continue;
    const key = `${l.item.state}\u0000${m}`;
    let a = groups.get(key);
    if (!a) groups.set(key, (a = { state: l.item.state, municipality: m, points: [], hull: [], x: 0, y: 0 }));
    a.points.push({ x: l.x, y: l.y });
  }
  const out: Area[] = [];
  for (const a of groups.values()) {
    if (a.points.length < 2) continue;
    a.hull = convexHull(a.points);
    // All its projects on one spot: the marker says it already.
    if (a.hull.length < 2) continue;
    a.x = a.hull.reduce((n, p) => n + p.x, 0) / a.hull.length;
    a.y = a.hull.reduce((n, p) => n + p.y, 0) / a.hull.length;
    out.push(a);
  }
  return out;
}
