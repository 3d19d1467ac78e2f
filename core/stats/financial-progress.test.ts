import { computedFinancialProgress } from './financial-progress';
import { processEntry } from './publication-index';

const mxn = (amount: number) => ({ amount, currency: 'MXN' });
const paid = (amount: number, currency = 'MXN') => ({ implementation: { transactions: [{ id: 't', value: { amount, currency } }] } });

describe('a project\'s financial progress calculated from its processes', () => {
  // A contract published as CompraNet writes it (value without VAT, valueWithTax with it) and paid in full, with VAT;
  // one published only with VAT, half paid; one in dollars. Divided by «Contratado» (1,000,000 + 232,000) the
  // payments read 56.5 %, and the first contract alone 116 %.
  const processes = [
    processEntry({ ocid: 'a', compiledRelease: { contracts: [{ id: 'k', status: 'active', value: mxn(1000000), valueWithTax: mxn(1160000), ...paid(1160000) }] } }),
    processEntry({ ocid: 'b', compiledRelease: { contracts: [{ id: 'k', status: 'active', valueWithTax: mxn(232000), ...paid(116000) }] } }),
    processEntry({ ocid: 'c', compiledRelease: { contracts: [{ id: 'k', status: 'active', value: { amount: 50000, currency: 'USD' }, ...paid(10000, 'USD') }] } }),
  ];

  test('divides the payments, with VAT, by the contracts\' amounts with VAT, in pesos', () => {
    expect(processes.map((p) => [p.contracted, p.contractedInclTax, p.paid])).toEqual([[1000000, 1160000, 1160000], [232000, undefined, 116000], [undefined, undefined, undefined]]);
    expect(computedFinancialProgress([processes[0]])?.share).toBe(1);
    expect(computedFinancialProgress(processes)).toEqual({ paid: 1276000, contractedInclTax: 1392000, share: 1276000 / 1392000 });
  });

  test('leaves a cancelled contract\'s amount out, as «Contratado» does, and is nothing without a payment or an amount', () => {
    const cancelled = processEntry({ ocid: 'd', compiledRelease: { contracts: [{ id: 'k', status: 'cancelled', value: mxn(10), valueWithTax: mxn(11.6) }, { id: 'l', status: 'active', value: mxn(100), valueWithTax: mxn(116), ...paid(58) }] } });
    expect([cancelled.contracted, cancelled.contractedInclTax]).toEqual([100, 116]);
    expect(computedFinancialProgress([cancelled])?.share).toBe(0.5);
    expect(computedFinancialProgress([processes[2]])).toBeUndefined();
    expect(computedFinancialProgress([{ contracted: 100 }])).toBeUndefined();
    expect(computedFinancialProgress([{ paid: 5 }])).toBeUndefined();
  });
});
