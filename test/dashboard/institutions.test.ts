/** Instituciones' totals (dashboard/src/data/institutions.ts): what an institution published, and «Sin dato» for what it did not. */
import { institutionTotals } from '../../dashboard/src/data/institutions';
import type { ProcessRow, ProjectRow } from '../../dashboard/src/data/rows';

const owner = { publisherId: 'inai', publisherName: 'INAI', state: 'Ciudad de México' };
const unit = { id: 'MX-INAI-610', name: 'DGVCCEF' };
const process = (ocid: string, contracted: number | undefined, paid: number | undefined, buyer = unit): ProcessRow =>
  ({ ...owner, ocid, title: ocid, buyer, suppliers: [], contracts: [], projectIds: [], method: 'direct', band: 'low', contracted, paid } as unknown as ProcessRow);
const project = (id: string, budget: number | undefined): ProjectRow =>
  ({ ...owner, id, title: id, status: 'implementation', sector: [], ocids: [], authority: unit, budget } as unknown as ProjectRow);

test('a buyer with no projects has no budget of its own («Sin dato»), not a budget of $0', () => {
  const [t] = institutionTotals([], [process('ocds-g4facg-OA-C033-18', 1589200, 1589200)]);
  expect(t.contracted).toBe(1589200);
  expect(t.paid).toBe(1589200);
  expect(t.budget).toBeUndefined();
});

test('an institution whose processes publish no payments has paid «Sin dato»; a published $0 stays $0', () => {
  const [t] = institutionTotals([], [process('ocds-7wj9x5-SINL-AD-009-2020', 0, undefined)]);
  expect(t.contracted).toBe(0);
  expect(t.paid).toBeUndefined();
  const [u] = institutionTotals([project('oc4ids-x-1', undefined), project('oc4ids-x-2', 1000.5)], [process('ocds-x-1', undefined, undefined)]);
  expect(u.budget).toBe(1000.5);
  expect(u.contracted).toBeUndefined();
});

test('institutions are listed by amount contracted, those without one last', () => {
  const list = institutionTotals([], [process('a', undefined, undefined, { id: 'A', name: 'Alfa' }), process('b', 5, 5, { id: 'B', name: 'Beta' }), process('c', 0, 0, { id: 'C', name: 'Gama' })]);
  expect(list.map((t) => t.name)).toEqual(['Beta', 'Gama', 'Alfa']);
});
