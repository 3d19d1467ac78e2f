/** The «Municipio» filter identifies a municipality with its state when its name repeats (dashboard/src/data/municipality.ts). */
import { filterDataset, parseFilters } from '../../dashboard/src/data/filters';
import { municipalityOptions } from '../../dashboard/src/data/municipality';
import type { ProjectRow } from '../../dashboard/src/data/rows';
import type { Dataset } from '../../dashboard/src/data/types';

const project = (id: string, state: string, municipality?: string): ProjectRow =>
  ({ publisherId: id.split('-')[1], publisherName: id, state, id, title: id, status: 'implementation', sector: [], ocids: [], municipality } as unknown as ProjectRow);
const projects = [project('p-chih-1', 'Chihuahua', 'Juárez'), project('p-nl-1', 'Nuevo León', 'Juárez'), project('p-nl-2', 'Nuevo León', 'Monterrey'), project('p-nl-3', 'Nuevo León')];
const ds: Dataset = { publishers: [], projects, processes: [] };
const chosen = (q: Record<string, string>): string[] => filterDataset(ds, parseFilters(new URLSearchParams(q))).projects.map((p) => p.id);
const compare = new Intl.Collator('es-MX').compare;

test('a name that several states share is offered once per state, named with it; a unique name stays bare', () => {
  expect(municipalityOptions(projects, projects, undefined, compare)).toEqual([['Juárez (Chihuahua)', 'Juárez (Chihuahua)'], ['Juárez (Nuevo León)', 'Juárez (Nuevo León)'], ['Monterrey', 'Monterrey']]);
  // With Nuevo León chosen, its Juárez keeps its state: the value does not change when the state filter does.
  const nl = projects.filter((p) => p.state === 'Nuevo León');
  expect(municipalityOptions(projects, nl, undefined, compare).map(([v]) => v)).toEqual(['Juárez (Nuevo León)', 'Monterrey']);
});

test('choosing one state\'s Juárez selects that state\'s projects only', () => {
  expect(chosen({ municipality: 'Juárez (Chihuahua)' })).toEqual(['p-chih-1']);
  expect(chosen({ municipality: 'Juárez (Nuevo León)' })).toEqual(['p-nl-1']);
  expect(chosen({ municipality: 'Monterrey' })).toEqual(['p-nl-2']);
});

test('a link made with the name alone still works: it selects every municipality of that name, and says so', () => {
  expect(chosen({ municipality: 'Juárez' })).toEqual(['p-chih-1', 'p-nl-1']);
  expect(chosen({ municipality: 'Juárez', state: 'Nuevo León' })).toEqual(['p-nl-1']);
  expect(municipalityOptions(projects, projects, 'Juárez', compare)).toContainEqual(['Juárez', 'Juárez (todos los estados)']);
});
