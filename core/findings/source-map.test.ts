import { SourceMap } from './source-map';

function unflattenLike(): SourceMap {
  const map = new SourceMap();
  const main = map.addSheet('Contrataciones', [{ index: 0, header: 'OCID', field: 'ocid' }, { index: 3, header: 'Título', field: 'tender/title' }]);
  const items = map.addSheet('Artículos', [{ index: 1, header: 'Id', field: 'tender/items/id' }, { index: 2, header: 'Descripción', field: 'tender/items/description' }]);
  const root = map.anchor('/releases/0');
  map.record(root, 'ocid', { sheet: main, row: 3 }, 0);
  map.record(root, 'tender/title', { sheet: main, row: 3 }, 3);
  const item = map.anchor('/releases/0/tender/items/0', root);
  map.record(item, 'id', { sheet: items, row: 5 }, 1);
  map.record(item, 'description', { sheet: items, row: 5 }, 2);
  return map;
}

describe('SourceMap', () => {
  it('answers pointers of values recorded per row object', () => {
    const map = unflattenLike();
    expect(map.size).toBe(4);
    expect(map.get('/releases/0/tender/title')).toEqual({ sheet: 'Contrataciones', row: 3, column: 4, header: 'Título' });
    expect(map.get('/releases/0/tender/items/0/description')).toEqual({ sheet: 'Artículos', row: 5, column: 3, header: 'Descripción' });
    expect(map.get('/releases/0/tender/items/0/quantity')).toBeUndefined();
    expect(map.get('/releases/1/ocid')).toBeUndefined();
  });

  it('a long list looked up while it grows (the conversion does so) finds every item and every other child, the first of an index winning', () => {
    const map = new SourceMap();
    const sheet = map.addSheet('Documentos', [{ index: 0, header: 'Id', field: 'tender/documents/id' }, { index: 1, header: 'Título', field: 'tender/title' }]);
    const root = map.rootAnchor('releases', 0);
    for (let i = 0; i < 200; i++) {
      map.record(map.childAnchor(root, 'tender/documents', 2, i), 'id', { sheet, row: 3 + i }, 0);
      // Looked up between additions: the lookup lists are built on the way, and must take what comes after.
      expect(map.get(`/releases/0/tender/documents/${i}/id`)).toMatchObject({ row: 3 + i });
      if (i === 100) map.record(map.anchor('/releases/0/tender', root), 'title', { sheet, row: 2 }, 1);
    }
    map.record(map.childAnchor(root, 'tender/documents', 2, 7), 'title', { sheet, row: 999 }, 1);
    for (let i = 0; i < 200; i++) expect(map.get(`/releases/0/tender/documents/${i}/id`)).toMatchObject({ row: 3 + i });
    expect(map.get('/releases/0/tender/title')).toMatchObject({ row: 2, column: 2 });
    expect(map.get('/releases/0/tender/documents/7/title')).toBeUndefined();
  });

  it('keeps answering for anchors added after the first lookup, and supports set and delete', () => {
    const map = unflattenLike();
    expect(map.get('/releases/0/ocid')).toBeDefined();
    const next = map.anchor('/releases/1');
    map.record(next, 'ocid', { sheet: map.addSheet('Contrataciones', []), row: 4 }, 0);
    expect(map.get('/releases/1/ocid')).toMatchObject({ row: 4, column: 1 });
    map.set('/releases/0/tender/items/0/quantity', { sheet: 'Artículos', row: 5, column: 9, header: 'Cantidad' });
    expect(map.get('/releases/0/tender/items/0/quantity')).toEqual({ sheet: 'Artículos', row: 5, column: 9, header: 'Cantidad' });
    expect(map.delete('/releases/0/tender/title')).toBe(true);
    expect(map.get('/releases/0/tender/title')).toBeUndefined();
    expect(map.size).toBe(5);
  });

  it('finds the nearest value under a pointer, preferring a sheet, and knows bound columns', () => {
    const map = unflattenLike();
    expect(map.nearestUnder('/releases/0', undefined)).toMatchObject({ sheet: 'Contrataciones', row: 3 });
    // Equal depth: the first in pointer order (`…/description` before `…/id`), as a sorted key list gave.
    expect(map.nearestUnder('/releases/0', 'Artículos')).toMatchObject({ sheet: 'Artículos', row: 5, column: 3 });
    expect(map.nearestUnder('/releases/0/tender', undefined)).toMatchObject({ sheet: 'Contrataciones', column: 4 });
    expect(map.nearestUnder('/releases/0/tender/items/0', 'Contrataciones')).toMatchObject({ sheet: 'Artículos', column: 3 });
    expect(map.nearestUnder('/releases/0/buyer', undefined)).toBeUndefined();
    expect(map.columnPosition('Artículos', 'tender/items/description')).toEqual({ column: 3, header: 'Descripción' });
    expect(map.columnPosition('Contrataciones', 'tender/items/description')).toBeUndefined();
  });

  it('round-trips a plain pointer → cell record, ordering ties by pointer', () => {
    const record = {
      '/projects/0/locations/0/geometry/coordinates/1': { sheet: 'Ubicaciones', row: 3, column: 4, header: 'Latitud' },
      '/projects/0/locations/0/geometry/coordinates/0': { sheet: 'Ubicaciones', row: 3, column: 5, header: 'Longitud' },
      '/projects/0/id': { sheet: 'Proyectos', row: 3, column: 1, header: 'Id' },
    };
    const map = SourceMap.fromRecord(record);
    expect(map.toRecord()).toEqual(record);
    expect(map.nearestUnder('/projects/0/locations/0/geometry/coordinates', undefined)).toMatchObject({ header: 'Longitud' });
    expect(map.columnPosition('Ubicaciones', 'locations/geometry/coordinates/1')).toEqual({ column: 4, header: 'Latitud' });
  });
});

describe('SourceMap item anchors (pointer text built only when asked)', () => {
  /**
   * The same documents twice: anchors made from their pointer text, and item anchors found by tail and index.
   * A document with more items than are scanned one by one, an escaped tail, and tails that share a prefix.
   */
  function build(lazy: boolean): SourceMap {
    const map = new SourceMap();
    const sheet = map.addSheet('Hoja', [{ index: 0, header: 'A', field: 'a' }, { index: 1, header: 'B', field: 'b' }]);
    for (let d = 0; d < 12; d++) {
      const root = lazy ? map.rootAnchor('releases', d) : map.anchor(`/releases/${d}`);
      map.record(root, 'ocid', { sheet, row: d + 2 }, 0);
      map.record(root, 'tender/title', { sheet, row: d + 2 }, 1);
      const items = d === 3 ? 40 : 2;
      for (let i = 0; i < items; i++) {
        for (const [tail, depth] of [['tender/items', 2], ['items', 1], ['a~1b', 1]] as const) {
          const item = lazy ? map.childAnchor(root, tail, depth, i) : map.anchor(`/releases/${d}/${tail}/${i}`, root);
          map.record(item, 'id', { sheet, row: 100 + i }, 0);
          const sub = lazy ? map.childAnchor(item, 'classifications', 1, 0) : map.anchor(`${item.pointer}/classifications/0`, item);
          map.record(sub, 'scheme', { sheet, row: 100 + i }, 1);
        }
      }
    }
    return map;
  }

  it('answers every lookup as anchors made from pointers do', () => {
    const eager = build(false);
    const lazy = build(true);
    const pointers: string[] = [];
    for (const d of [0, 3, 11, 12]) {
      const r = `/releases/${d}`;
      pointers.push(r, `${r}/ocid`, `${r}/tender`, `${r}/tender/title`, `${r}/tender/items`, `/releases/0${d}/ocid`, `/projects/${d}/id`);
      for (const i of [0, 1, 2, 10, 39, 40]) {
        for (const tail of ['tender/items', 'items', 'a~1b', 'tender/itemsx', 'item']) {
          const p = `${r}/${tail}/${i}`;
          pointers.push(p, `${p}/id`, `${p}/nothing`, `${p}/classifications/0`, `${p}/classifications/0/scheme`, `${p}/classifications/1/scheme`, `${r}/${tail}/0${i}/id`, `${p}x/id`);
        }
      }
    }
    expect(lazy.size).toBe(eager.size);
    for (const p of pointers) {
      expect([p, lazy.get(p)]).toEqual([p, eager.get(p)]);
      expect([p, lazy.nearestUnder(p, 'Hoja')]).toEqual([p, eager.nearestUnder(p, 'Hoja')]);
      expect([p, lazy.nearestUnder(p, undefined)]).toEqual([p, eager.nearestUnder(p, undefined)]);
      // The one-walk lookup the cell locator uses finds the value itself as `get` does.
      for (const map of [lazy, eager]) expect([p, map.atOrUnder(p, 'Hoja').at]).toEqual([p, map.get(p)]);
    }
    expect([...lazy.entries()]).toEqual([...eager.entries()]);
  });

  it('set and delete find item anchors too, and anchors added after a lookup are found', () => {
    const map = build(true);
    expect(map.delete('/releases/3/tender/items/35/classifications/0/scheme')).toBe(true);
    expect(map.get('/releases/3/tender/items/35/classifications/0/scheme')).toBeUndefined();
    map.set('/releases/3/tender/items/35/quantity', { sheet: 'Hoja', row: 7, column: 3, header: 'C' });
    expect(map.get('/releases/3/tender/items/35/quantity')).toEqual({ sheet: 'Hoja', row: 7, column: 3, header: 'C' });
    const root = map.rootAnchor('releases', 12);
    const late = map.childAnchor(root, 'tender/items', 2, 0);
    map.record(late, 'id', { sheet: map.addSheet('Otra', [{ index: 4, header: 'E', field: 'tender/items/id' }]), row: 9 }, 4);
    expect(map.get('/releases/12/tender/items/0/id')).toEqual({ sheet: 'Otra', row: 9, column: 5, header: 'E' });
    expect(late.pointer).toBe('/releases/12/tender/items/0');
    expect(late.depth).toBe(5);
  });
});

test('deleting the first, a middle and the last value of an object keeps the others in order', () => {
  const map = new SourceMap();
  const sheet = map.addSheet('Hoja', [{ index: 0, header: 'A', field: 'a' }]);
  const root = map.rootAnchor('projects', 0);
  for (const [i, path] of ['a', 'b', 'c', 'd', 'e'].entries()) map.record(root, path, { sheet, row: i + 2 }, 0);
  for (const path of ['c', 'a', 'e', 'x']) expect(map.delete(`/projects/0/${path}`)).toBe(path !== 'x');
  map.record(root, 'f', { sheet, row: 9 }, 0);
  map.set('/projects/0/b', { sheet: 'Otra', row: 1, column: 1, header: 'B' });
  map.set('/projects/0/g', { sheet: 'Otra', row: 2, column: 1, header: 'G' });
  expect([...map.entries()].map(([p, c]) => `${p}@${c.sheet}${c.row}`)).toEqual(['/projects/0/b@Otra1', '/projects/0/d@Hoja5', '/projects/0/f@Hoja9', '/projects/0/g@Otra2']);
  expect(map.size).toBe(4);
  for (const path of ['b', 'd', 'f', 'g']) expect(map.delete(`/projects/0/${path}`)).toBe(true);
  expect([...map.entries()]).toEqual([]);
  map.record(root, 'h', { sheet, row: 10 }, 0);
  expect(map.toRecord()).toEqual({ '/projects/0/h': { sheet: 'Hoja', row: 10, column: 1, header: 'A' } });
});
