import { SourceMap } from '../findings/source-map';
import { DocumentSet, relPath } from './document-builder';

describe('DocumentSet items by id', () => {
  const setUp = () => {
    const map = new SourceMap();
    const sheet = map.addSheet('Hoja', [{ index: 0, header: 'Id', field: 'awards/id' }]);
    const docs = new DocumentSet('releases', 'ocid', map);
    return { docs, map, root: docs.createRoot('ocds-1', { sheet, row: 2 }, 0), row: { sheet, row: 3 } };
  };

  it.each([3, 16, 17, 40])('finds the item last made with an id among %i items of two arrays, before and after it has many', (n) => {
    const { docs, root, row } = setUp();
    const awards = relPath(['awards']);
    const items = relPath(['tender', 'items']);
    const made = [];
    for (let i = 0; i < n; i++) {
      made.push(docs.createChild(root, 'awards', awards, `a${i % 5}`, row, 0));
      docs.createChild(root, 'tender/items', items, `a${i % 5}`, row, 0);
      expect(docs.child(root, 'awards', `a${i % 5}`)).toBe(made[i]);
    }
    for (let k = 0; k < Math.min(n, 5); k++) {
      const last = made[n - 1 - ((n - 1 - k) % 5)];
      expect(docs.child(root, 'awards', `a${k}`)).toBe(last);
      expect(docs.child(root, 'tender/items', `a${k}`)).not.toBe(last);
      expect(docs.child(root, 'tender/items', `a${k}`)?.anchor.pointer).toBe(`/releases/0/tender/items/${n - 1 - ((n - 1 - k) % 5)}`);
    }
    expect(docs.child(root, 'awards', 'a9')).toBeUndefined();
    expect(docs.child(root, 'contracts', 'a0')).toBeUndefined();
    const noId = docs.createChild(root, 'awards', awards, undefined, row, undefined);
    expect(noId?.anchor.pointer).toBe(`/releases/0/awards/${n}`);
    expect(docs.child(root, 'awards', undefined as unknown as string)).not.toBe(noId);
    expect((docs.docs[0].awards as unknown[]).length).toBe(n + 1);
  });
});
