/** Clustering of the Inicio map: every point lands in exactly one cluster, and zooming in (smaller cells) splits them. */
import { clusterPoints, fitBox } from '../../dashboard/src/map/cluster';

describe('map clustering', () => {
  const points = [{ x: 1, y: 1, item: 'a' }, { x: 2, y: 3, item: 'b' }, { x: 50, y: 50, item: 'c' }, { x: 52, y: 51, item: 'd' }, { x: 300, y: 10, item: 'e' }];
  it('groups nearby points and keeps every point once', () => {
    const clusters = clusterPoints(points, 20);
    expect(clusters.map((c) => c.items.sort().join('')).sort()).toEqual(['ab', 'cd', 'e']);
    expect(clusters.find((c) => c.items.includes('a'))).toMatchObject({ x: 1.5, y: 2 });
  });
  it('splits clusters when the cell shrinks', () => {
    expect(clusterPoints(points, 1.5).length).toBe(5);
    expect(clusterPoints(points, 1000).length).toBe(1);
  });
  it('fits a box around points, never smaller than the minimum nor larger than the whole map', () => {
    const full = { x: 0, y: 0, w: 800, h: 500 };
    const b = fitBox([{ x: 100, y: 100 }], 1.6, 40, full);
    expect(b).toEqual({ x: 80, y: 87.5, w: 40, h: 25 });
    expect(fitBox([{ x: 0, y: 0 }, { x: 5000, y: 0 }], 1.6, 40, full).w).toBe(800);
  });
});
