/** The header's search and filters over the dashboard's rows (dashboard/src/data/filters.ts). */
import { filterDataset, matchesPublisherSearch, parseFilters } from '../../dashboard/src/data/filters';
import type { ProcessRow, ProjectRow } from '../../dashboard/src/data/rows';
import type { Dataset } from '../../dashboard/src/data/types';

const owner = { publisherId: 'mty', publisherName: 'Municipio de Monterrey', state: 'Nuevo León' };
const project = (id: string, title: string, ocids: string[]): ProjectRow => ({ ...owner, id, title, status: 'implementation', sector: [], ocids } as unknown as ProjectRow);
const process = (ocid: string, title: string, supplier: string, projectIds: string[]): ProcessRow =>
  ({ ...owner, ocid, title, suppliers: [{ id: 'MX-RFC-CCN050314H72', name: supplier }], contracts: [], projectIds, method: 'open', band: 'unknown' } as unknown as ProcessRow);

const ds: Dataset = {
  publishers: [],
  projects: [project('oc4ids-mty-1', 'Puente vehicular', ['ocds-mty-1']), project('oc4ids-mty-2', 'Parque lineal', ['ocds-mty-2'])],
  processes: [process('ocds-mty-1', 'Licitación del puente', 'Constructora Cumbres', ['oc4ids-mty-1']), process('ocds-mty-2', 'Obra del parque', 'Jardines del Norte', ['oc4ids-mty-2'])],
};
const search = (q: string) => {
  const sel = filterDataset(ds, parseFilters(new URLSearchParams({ q })));
  return [sel.projects.map((p) => p.id), sel.processes.map((p) => p.ocid)];
};

test("the search finds a project by its processes' contractors and ids, as it finds the processes", () => {
  expect(search('cumbres')).toEqual([['oc4ids-mty-1'], ['ocds-mty-1']]);
  expect(search('ccn050314h72')).toEqual([['oc4ids-mty-1', 'oc4ids-mty-2'], ['ocds-mty-1', 'ocds-mty-2']]);
  expect(search('ocds-mty-2')).toEqual([['oc4ids-mty-2'], ['ocds-mty-2']]);
  // By its own words, a project brings its processes along.
  expect(search('parque lineal')).toEqual([['oc4ids-mty-2'], ['ocds-mty-2']]);
  expect(search('xqzvvbn')).toEqual([[], []]);
});

test('the search finds a process by the number of its contract or procedure, and by its contractor\'s RFC when its id is a hash', () => {
  const numbered: Dataset = { ...ds, processes: [
    { ...ds.processes[0], numbers: ['LO-819039985-E3-2024', 'A-014/2016'], suppliers: [{ id: '940ac598', name: 'Tiendas', identifier: 'TCM951030A17' }] },
    ds.processes[1],
  ] };
  const found = (q: string) => filterDataset(numbered, parseFilters(new URLSearchParams({ q }))).processes.map((p) => p.ocid);
  expect(found('A-014/2016')).toEqual(['ocds-mty-1']);
  expect(found('lo-819039985-e3-2024')).toEqual(['ocds-mty-1']);
  expect(found('TCM951030A17')).toEqual(['ocds-mty-1']);
});

test('quotation marks around the words, as a web search engine takes them, do not keep them from being found', () => {
  expect(search('"parque lineal"')).toEqual([['oc4ids-mty-2'], ['ocds-mty-2']]);
  expect(search('“Cumbres”')).toEqual([['oc4ids-mty-1'], ['ocds-mty-1']]);
  expect(search('«puente» "licitación"')).toEqual([['oc4ids-mty-1'], ['ocds-mty-1']]);
  // Quotation marks alone are no search: everything, as an empty box.
  expect(search('""')).toEqual(search(''));
  expect(parseFilters(new URLSearchParams({ q: ' "" ' })).q).toBeUndefined();
});

test('a sign typed between the words («&», «-») is not a word the rows must have; signs alone are no search', () => {
  expect(search('parque & lineal')).toEqual([['oc4ids-mty-2'], ['ocds-mty-2']]);
  expect(search('puente - cumbres')).toEqual([['oc4ids-mty-1'], ['ocds-mty-1']]);
  expect(parseFilters(new URLSearchParams({ q: ' & ' })).q).toBeUndefined();
  // Signs within a word are kept: ids and RFCs are searched whole.
  expect(search('ocds-mty-2')).toEqual([['oc4ids-mty-2'], ['ocds-mty-2']]);
});

test('a project found through one of its processes brings that process only, not the other contractors\' processes of the same works', () => {
  const works: Dataset = {
    publishers: [],
    projects: [project('oc4ids-mty-3', 'Calle 60', ['ocds-mty-3', 'ocds-mty-4'])],
    processes: [process('ocds-mty-3', 'Obra de la calle', 'Constructora Cumbres', ['oc4ids-mty-3']),
      { ...process('ocds-mty-4', 'Supervisión de la obra', 'Supervisora Peninsular', ['oc4ids-mty-3']), suppliers: [{ id: 'MX-RFC-SPE010101AB1', name: 'Supervisora Peninsular' }] } as ProcessRow],
  };
  const found = (q: string, more: Record<string, string> = {}) => {
    const sel = filterDataset(works, parseFilters(new URLSearchParams({ q, ...more })));
    return [sel.projects.map((p) => p.id), sel.processes.map((p) => p.ocid)];
  };
  expect(found('cumbres')).toEqual([['oc4ids-mty-3'], ['ocds-mty-3']]);
  expect(found('spe010101ab1')).toEqual([['oc4ids-mty-3'], ['ocds-mty-4']]);
  // With a filter on the projects too (its status), the same.
  expect(found('cumbres', { status: 'implementation' })).toEqual([['oc4ids-mty-3'], ['ocds-mty-3']]);
  // By the project's own words, both.
  expect(found('calle 60')).toEqual([['oc4ids-mty-3'], ['ocds-mty-3', 'ocds-mty-4']]);
});

test('the search finds every word wherever it is, as a reader types them: not only the words as one piece', () => {
  // Titles as Nuevo León publishes them (../shared/standards/examples/real-mx): the comma kept «galeana nuevo leon» from
  // finding the works, and «drenaje higueras» the process, though both words are in their titles.
  const real: Dataset = {
    publishers: [],
    projects: [project('oc4ids-gx3fo2-000001', 'Construcción de una Esfera Cultural en el municipio de Galeana, Nuevo León', [])],
    processes: [process('ocds-7wj9x5-SINL-CPE-021-2018', 'Construcción de red de drenaje sanitario en diversas calles de la Col. Ruperto Martínez, en el municipio de Higueras, N.L.', 'M T EXCAVA Y CONSTRUYE, S.A. DE C.V.', [])],
  };
  const found = (q: string) => {
    const sel = filterDataset(real, parseFilters(new URLSearchParams({ q })));
    return [sel.projects.map((p) => p.id), sel.processes.map((p) => p.ocid)];
  };
  expect(found('galeana nuevo leon')).toEqual([['oc4ids-gx3fo2-000001'], []]);
  expect(found('Galeana, Nuevo León')).toEqual([['oc4ids-gx3fo2-000001'], []]);
  expect(found('drenaje higueras')).toEqual([[], ['ocds-7wj9x5-SINL-CPE-021-2018']]);
  expect(found('drenaje galeana')).toEqual([[], []]);
});

test('on the pages of implementers (Seguimiento, Calidad, Descargas) the search finds one by its key too, as the administration registered it', () => {
  const finds = (q: string, id: string): boolean => matchesPublisherSearch(parseFilters(new URLSearchParams({ q })), { name: 'Secretaría de Movilidad y Planeación Urbana', state: 'Nuevo León' }, id);
  // The key the CLI, users list, the Bitácora and the CSV's «clave» name it by: it found nobody.
  expect(finds('nl-infra', 'nl-infra')).toBe(true);
  expect(finds('NL-INFRA', 'nl-infra')).toBe(true);
  expect(finds('movilidad nuevo leon', 'nl-infra')).toBe(true);
  expect(finds('nl-infra', 'mty')).toBe(false);
});
