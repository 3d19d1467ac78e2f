/** What each publication of a process changed, as «Historial de publicaciones» names it (dashboard/src/data/release-changes.ts). */
import { changes } from '../../dashboard/src/data/release-changes';
import { mergeReleases } from '../../core/merge/merge-releases';

const contract = (extra: Record<string, unknown>) => ({ id: 'C1', status: 'active', value: { amount: 128406219.37, currency: 'MXN' }, ...extra });
const release = (id: string, date: string, k: Record<string, unknown>) => ({ ocid: 'ocds-mid001-LP-3', id, date, tag: ['contract'], contracts: [contract(k)] });

test('a month\'s payment, a convenio modificatorio and a milestone added later are named by the release that added them', () => {
  const pay = (id: string, date: string, amount: number) => ({ id, date, value: { amount, currency: 'MXN' } });
  const versioned = mergeReleases([
    release('r1', '2025-05-01T00:00:00Z', { implementation: { transactions: [pay('P01', '2024-08-18', 38521865.81)] } }),
    // June: a payment, a milestone met and the convenio; the contract's value amended with it.
    release('r2', '2025-06-20T00:00:00Z', {
      value: { amount: 140000000, currency: 'MXN' },
      amendments: [{ id: 'CM-01', date: '2025-06-01T00:00:00-06:00', description: 'Convenio de monto y plazo' }],
      implementation: { transactions: [pay('P01', '2024-08-18', 38521865.81), pay('P12', '2025-06-14T00:00:00-06:00', 6553878.29)], milestones: [{ id: 'M2', title: 'Avance físico del 50 %', status: 'met' }] },
    }),
  ], undefined, { versioned: true }).versioned as Record<string, unknown>;
  const june = changes(versioned).filter((c) => c.release === 'r2').map((c) => c.text);
  expect(june).toEqual(expect.arrayContaining([
    'Monto del contrato C1: de $128,406,219.37 a $140,000,000.00',
    'Convenio modificatorio CM-01 del contrato C1 del 01/06/2025: Convenio de monto y plazo',
    'Pago P12 del contrato C1 del 14/06/2025: $6,553,878.29',
    'Hito del contrato C1: Avance físico del 50 % (Cumplido)',
  ]));
  // The first publication's payment is not «added» later.
  expect(changes(versioned).filter((c) => c.text?.startsWith('Pago P01'))).toEqual([expect.objectContaining({ release: 'r1' })]);
});
