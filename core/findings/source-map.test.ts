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
