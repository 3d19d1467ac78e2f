/** Contratistas' grouping (dashboard/src/data/suppliers.ts): one contractor per RFC, never per generic RFC. */
import { supplierTotals } from '../../dashboard/src/data/suppliers';
import type { Party, ProcessRow } from '../../dashboard/src/data/rows';

const process = (ocid: string, publisherName: string, supplier: Party, value: number): ProcessRow =>
  ({ publisherId: publisherName, publisherName, state: 'Yucatán', ocid, title: ocid, suppliers: [supplier], contracts: [{ value, suppliers: [0] }], projectIds: [], method: 'open', band: '1' } as unknown as ProcessRow);

test('the same RFC under two implementers\' keys and spellings is one contractor, with both names', () => {
  const list = supplierTotals([
    process('a', 'Mérida', { id: 'MX-RFC-CCN050314H72', name: 'Constructora Cumbres del Norte, S.A. de C.V.', identifier: 'CCN050314H72', scheme: 'MX-RFC' }, 10),
    process('b', 'Tuxtla', { id: '7f3a', name: 'CONSTRUCTORA CUMBRES DEL NORTE SA DE CV', identifier: 'CCN050314H72', scheme: 'RFC' }, 5),
  ]);
  expect(list.map((t) => [t.key, t.contracts, t.amount, t.names.length, t.publishers])).toEqual([['MX-RFC-CCN050314H72', 2, 15, 2, ['Mérida', 'Tuxtla']]]);
});

test('foreign companies under SAT\'s generic RFC stay apart, told by their names', () => {
  const list = supplierTotals([
    process('a', 'Mérida', { id: 'MX-RFC-XEXX010101000', name: 'Acme GmbH', identifier: 'XEXX010101000', scheme: 'MX-RFC' }, 10),
    process('b', 'Tuxtla', { id: 'MX-RFC-XEXX010101000', name: 'Foo Ltd', identifier: 'XEXX010101000', scheme: 'MX-RFC' }, 5),
  ]);
  expect(list.map((t) => [t.name, t.contracts])).toEqual([['Acme GmbH', 1], ['Foo Ltd', 1]]);
});
