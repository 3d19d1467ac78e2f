/** Clustering of the Inicio map: every point lands in exactly one cluster, zooming in (smaller cells) splits them, and no two markers overlap; municipality areas are the hulls of their projects' points. */
import { clusterPoints, fitBox, groupCount, separate } from '../../dashboard/src/map/cluster';
import { convexHull, municipalityAreas } from '../../dashboard/src/map/municipality-areas';

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
  it('merges clusters whose markers would overlap, until none do, keeping every point once', () => {
    // Two grid cells' centroids 3 units apart across their shared edge; a third group clear of both, not of the
    // merged one (larger, moved); one far away.
    const cells = [{ x: 19, y: 10, items: ['a', 'b'] }, { x: 22, y: 10, items: ['c'] }, { x: 25.5, y: 14.5, items: ['d'] }, { x: 80, y: 80, items: ['e'] }];
    const reach = (n: number): number => (n === 1 ? 2 : 4);
    const out = separate(cells, reach);
    expect(out.map((c) => c.items.sort().join('')).sort()).toEqual(['abcd', 'e']);
    expect(out.find((c) => c.items.includes('a'))).toMatchObject({ x: 21.375, y: 11.125 });
    for (const a of out) for (const b of out) if (a !== b) expect(Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y))).toBeGreaterThanOrEqual(reach(a.items.length) + reach(b.items.length));
    // The clusters given are left as they were.
    expect(cells[0].items).toEqual(['a', 'b']);
    // Markers whose squares only meet diagonally far enough apart stay apart.
    expect(separate([{ x: 0, y: 0, items: [1] }, { x: 4, y: 4, items: [2] }], () => 2)).toHaveLength(2);
  });
  it('fits a box around points, never smaller than the minimum nor larger than the whole map', () => {
    const full = { x: 0, y: 0, w: 800, h: 500 };
    const b = fitBox([{ x: 100, y: 100 }], 1.6, 40, full);
    expect(b).toEqual({ x: 80, y: 87.5, w: 40, h: 25 });
    expect(fitBox([{ x: 0, y: 0 }, { x: 5000, y: 0 }], 1.6, 40, full).w).toBe(800);
  });
  it('writes a group\'s count in Spanish, short enough for its marker', () => {
    expect([7, 1234, 9999, 12_345, 250_000].map(groupCount)).toEqual(['7', '1,234', '9,999', '12 mil', '250 mil']);
  });
});

describe('municipality areas from the projects\' coordinates', () => {
  it('the convex hull keeps the outer points only, counter-clockwise, without repeats', () => {
    const square = [{ x: 0, y: 0 }, { x: 2, y: 0 }, { x: 2, y: 2 }, { x: 0, y: 2 }, { x: 1, y: 1 }, { x: 2, y: 2 }, { x: 1, y: 0 }];
    expect(convexHull(square)).toEqual([{ x: 0, y: 0 }, { x: 2, y: 0 }, { x: 2, y: 2 }, { x: 0, y: 2 }]);
    expect(convexHull([{ x: 1, y: 1 }, { x: 1, y: 1 }])).toEqual([{ x: 1, y: 1 }]);
  });
  it('one area per state and municipality with two distinct points; projects without a municipality, or on one spot, get none', () => {
    const at = (x: number, y: number, state: string, municipality?: string) => ({ x, y, item: { state, municipality } });
    const areas = municipalityAreas([
      at(0, 0, 'Yucatán', 'Mérida'), at(4, 0, 'Yucatán', 'Mérida'), at(2, 3, 'Yucatán', 'Mérida'),
      at(9, 9, 'Chiapas', 'Mérida'), at(9, 9, 'Chiapas', 'Mérida'),
      at(5, 5, 'Jalisco'), at(6, 6, 'Jalisco'),
      at(1, 1, 'Oaxaca', 'Oaxaca de Juárez'), at(3, 1, 'Oaxaca', 'Oaxaca de Juárez'),
    ]);
    expect(areas.map((a) => `${a.state}/${a.municipality}/${a.hull.length}`)).toEqual(['Yucatán/Mérida/3', 'Oaxaca/Oaxaca de Juárez/2']);
    expect(areas[0]).toMatchObject({ x: 2, y: 1 });
  });
});
