/**
 * Scale: 10,000 contracting processes (≈ 200k rows: 3 parties, 3 items, 2 documents, 2 tenderers, 2 awards with a
 * supplier, 1 contract with 2 transactions each) and a sheet with a million trailing blank rows. No timed assertion
 * (DESIGN: the benchmark prints figures); this proves the shape of the output at that size.
 */
import { flatten } from '../flatten';
import type { WorkbookModel } from '../workbook/model';
import { unflatten } from './index';

function contractingProcess(i: number): Record<string, unknown> {
  const ocid = `ocds-abc123-${i}`;
  const party = (k: number) => ({ id: `MX-RFC-AAA${i}${k}`, name: `Actor ${k}`, roles: ['supplier'] });
  const value = (amount: number) => ({ amount, currency: 'MXN' });
  return {
    ocid,
    tender: {
      id: `T-${i}`, title: `Obra ${i}`, status: 'active', value: value(1000 + i), tenderPeriod: { startDate: '2024-01-10T00:00:00-06:00' },
      items: [1, 2, 3].map((k) => ({ id: `${k}`, description: `Concepto ${k}`, quantity: k })),
      documents: [1, 2].map((k) => ({ id: `D${k}`, title: `Doc ${k}`, url: `https://x.mx/${i}/${k}` })),
      tenderers: [1, 2].map((k) => ({ id: `MX-RFC-AAA${i}${k}`, name: `Actor ${k}` })),
    },
    parties: [1, 2, 3].map(party),
    awards: [1, 2].map((k) => ({ id: `A${k}`, status: 'active', value: value(500), suppliers: [{ id: `MX-RFC-AAA${i}${k}`, name: `Actor ${k}` }] })),
    contracts: [{ id: 'C1', awardID: 'A1', value: value(500), implementation: { transactions: [1, 2].map((k) => ({ id: `TR${k}`, value: value(250) })) } }],
  };
}

test('10,000 contracting processes', () => {
  const releases = Array.from({ length: 10000 }, (_, i) => contractingProcess(i));
  const workbook = flatten({ releases, projects: [] });
  const rows = workbook.sheets.reduce((n, s) => n + s.rows.length, 0);
  expect(rows).toBeGreaterThan(180000);
  const started = Date.now();
  const out = unflatten(workbook, { now: '2024-06-01T00:00:00Z' });
  const ms = Date.now() - started;
  if (process.env.SHOW_TIMING) console.log(`unflatten ${rows} rows: ${ms} ms`);
  expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(out.releases).toHaveLength(10000);
  expect(out.releases[9999]).toMatchObject({ ocid: 'ocds-abc123-9999', awards: [{ suppliers: [{ id: 'MX-RFC-AAA99991' }] }, {}] });
});

test('a million trailing blank rows', () => {
  const rows: unknown[][] = [['x', 'y'], ['ocid', 'tender/id'], ['ocds-1', 'T1']];
  const blank = new Array(40).fill('');
  for (let i = 0; i < 1_000_000; i++) rows.push(blank);
  const out = unflatten({ sheets: [{ name: 'Contrataciones', rows }] } as WorkbookModel);
  expect(out.releases).toHaveLength(1);
  expect(out.findings).toEqual([]);
});
