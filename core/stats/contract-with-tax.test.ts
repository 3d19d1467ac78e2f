import { contractMoneyWithTax, valueWithoutTax } from './contract-with-tax';

const mxn = (amount: number) => ({ amount, currency: 'MXN' });

describe('a contract whose value is, by its own valueWithTax, without VAT', () => {
  test('is one whose valueWithTax is its value plus 16 % or the border regions\' 8 %, rounded', () => {
    expect(valueWithoutTax({ value: mxn(763697.08), valueWithTax: mxn(885888.61) })).toBe(true);
    expect(valueWithoutTax({ value: mxn(100000), valueWithTax: mxn(108000.4) })).toBe(true);
  });

  test('is not one with equal amounts, another gap, another currency, or one amount', () => {
    expect(valueWithoutTax({ value: mxn(116), valueWithTax: mxn(116) })).toBe(false);
    expect(valueWithoutTax({ value: mxn(100000), valueWithTax: mxn(112000) })).toBe(false);
    expect(valueWithoutTax({ value: { amount: 100, currency: 'USD' }, valueWithTax: mxn(116) })).toBe(false);
    expect(valueWithoutTax({ valueWithTax: mxn(116) })).toBe(false);
    expect(valueWithoutTax({ value: mxn(0), valueWithTax: mxn(0) })).toBe(false);
  });
});

describe('a contract\'s amount with VAT', () => {
  test('is its valueWithTax where published, beside a value or alone', () => {
    expect(contractMoneyWithTax({ value: mxn(763697.08), valueWithTax: mxn(885888.61) })).toEqual(mxn(885888.61));
    expect(contractMoneyWithTax({ valueWithTax: mxn(116) })).toEqual(mxn(116));
  });

  test('is its value without a valueWithTax, or with one in another currency', () => {
    expect(contractMoneyWithTax({ value: mxn(100) })).toEqual(mxn(100));
    expect(contractMoneyWithTax({ value: mxn(100), valueWithTax: { amount: 7, currency: 'USD' } })).toEqual(mxn(100));
    expect(contractMoneyWithTax({ value: mxn(100), valueWithTax: { currency: 'MXN' } })).toEqual(mxn(100));
  });
});
