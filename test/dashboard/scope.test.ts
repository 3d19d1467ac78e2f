/** What the dashboard loads (dashboard/src/data/scope.ts): all the data while it is small, else one state's, else one implementer's. */
import { publishedRows, scopeOf, scopeQuery, stateTotals } from '../../dashboard/src/data/scope';
import type { PublisherInfo } from '../../dashboard/src/data/types';

function publisher(id: string, state: string, projects: number, records: number, published = true): PublisherInfo {
  return {
    id, name: id, state, ocidPrefix: `ocds-${id}`, projectIdPrefix: `oc4ids-${id}`, commitment: { projects: 5, periodicityDays: 90 }, license: null, publicationPolicy: null, registeredAt: null,
    currentPublication: published ? { id: `${id}-1`, createdAt: '2025-01-01T00:00:00Z', counts: { releases: records, records, projects } } : null,
    links: { releases: '', records: '', projects: '' },
  };
}

const PUBLISHERS = [publisher('abc', 'Yucatán', 10, 30), publisher('abc1', 'Chiapas', 5, 5), publisher('xyz', 'Yucatán', 2, 3), publisher('nuevo', 'Campeche', 0, 0, false)];

describe('scopeOf', () => {
  it('loads everything up to the budget of rows (projects + processes published)', () => {
    expect(publishedRows(PUBLISHERS)).toBe(55);
    expect(scopeOf(PUBLISHERS, {}, '', [], 55)).toEqual({ kind: 'all' });
    expect(scopeOf(PUBLISHERS, { state: 'Chiapas' }, 'proyectos', [], 55)).toEqual({ kind: 'all' });
  });

  it('above it: the state filtered, else the filtered implementer\'s, else the state of the project or process linked, else a choice', () => {
    expect(scopeOf(PUBLISHERS, {}, '', [], 54)).toEqual({ kind: 'choose' });
    expect(scopeOf(PUBLISHERS, { state: 'Chiapas', publisher: 'abc' }, 'proyectos', [], 54)).toEqual({ kind: 'state', state: 'Chiapas' });
    expect(scopeOf(PUBLISHERS, { publisher: 'xyz' }, 'contrataciones', [], 54)).toEqual({ kind: 'state', state: 'Yucatán' });
    expect(scopeOf(PUBLISHERS, { publisher: 'nadie' }, 'contrataciones', [], 54)).toEqual({ kind: 'choose' });
    // The longest registered prefix followed by a hyphen, as the API resolves documents: «abc1» is Chiapas.
    expect(scopeOf(PUBLISHERS, {}, 'proyecto', ['oc4ids-abc1-P-1'], 54)).toEqual({ kind: 'state', state: 'Chiapas' });
    expect(scopeOf(PUBLISHERS, {}, 'contratacion', ['ocds-abc-0001'], 54)).toEqual({ kind: 'state', state: 'Yucatán' });
    expect(scopeOf(PUBLISHERS, {}, 'contratacion', ['ocds-abcd-0001'], 54)).toEqual({ kind: 'choose' });
    // Supplier and institution pages span states: they are chosen like the lists.
    expect(scopeOf(PUBLISHERS, {}, 'contratista', ['MX-RFC-X'], 54)).toEqual({ kind: 'choose' });
  });

  it('Calidad de datos also counts the implementers whose statistics it would show (one column each)', () => {
    // 3 implementers have published: within 55 rows, but more than 2 statistics at once.
    expect(scopeOf(PUBLISHERS, {}, 'calidad', [], 55, 2)).toEqual({ kind: 'choose' });
    expect(scopeOf(PUBLISHERS, {}, 'proyectos', [], 55, 2)).toEqual({ kind: 'all' });
    expect(scopeOf(PUBLISHERS, { state: 'Yucatán' }, 'calidad', [], 55, 2)).toEqual({ kind: 'state', state: 'Yucatán' });
    expect(scopeOf(PUBLISHERS, { state: 'Yucatán' }, 'calidad', [], 55, 1)).toEqual({ kind: 'choose', state: 'Yucatán' });
  });

  it('a state above the budget itself: its implementers to choose from, or the one filtered or owning the document', () => {
    // Yucatán holds 45 rows, Chiapas 10.
    expect(scopeOf(PUBLISHERS, { state: 'Yucatán' }, 'proyectos', [], 40)).toEqual({ kind: 'choose', state: 'Yucatán' });
    expect(scopeOf(PUBLISHERS, { state: 'Chiapas' }, 'proyectos', [], 40)).toEqual({ kind: 'state', state: 'Chiapas' });
    expect(scopeOf(PUBLISHERS, { publisher: 'xyz' }, 'proyectos', [], 40)).toEqual({ kind: 'publisher', state: 'Yucatán', publisherId: 'xyz' });
    expect(scopeOf(PUBLISHERS, { state: 'Yucatán', publisher: 'xyz' }, '', [], 40)).toEqual({ kind: 'publisher', state: 'Yucatán', publisherId: 'xyz' });
    expect(scopeOf(PUBLISHERS, {}, 'proyecto', ['oc4ids-abc-P-9'], 40)).toEqual({ kind: 'publisher', state: 'Yucatán', publisherId: 'abc' });
    // An implementer of another state than the one filtered is not loaded in its place.
    expect(scopeOf(PUBLISHERS, { state: 'Yucatán', publisher: 'abc1' }, '', [], 40)).toEqual({ kind: 'choose', state: 'Yucatán' });
    expect(scopeQuery({ kind: 'publisher', state: 'Yucatán', publisherId: 'xyz' })).toBe('?publisher=xyz');
    expect(scopeQuery({ kind: 'state', state: 'Yucatán' })).toBe('?state=Yucat%C3%A1n');
    expect(scopeQuery({ kind: 'all' })).toBe('');
  });
});

it('stateTotals: the states with something published, in Spanish order, with their implementers and rows', () => {
  expect(stateTotals(PUBLISHERS)).toEqual([
    { state: 'Chiapas', publishers: 1, projects: 5, processes: 5 },
    { state: 'Yucatán', publishers: 2, projects: 12, processes: 33 },
  ]);
});
