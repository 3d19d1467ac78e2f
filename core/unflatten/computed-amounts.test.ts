/**
 * An amount computed by a formula (`=H3/1.16`) is published in cents, as its cell shows it ($110,689,844.28), not
 * with every digit of the quotient; a typed or imported amount keeps its digits (published unit prices have four).
 */
import { templateSpec } from '../template/template-spec';
import { columnLetter } from '../workbook/model';
import { unflatten } from './index';
import { moneyAmount, pastCents } from './parse-value';
import { templateSheet } from '../../test/template-sheets';

test('moneyAmount rounds as the sheet shows it, half away from zero on the decimal digits; pastCents finds what it changes', () => {
  expect([moneyAmount(128400219.37 / 1.16), moneyAmount(1.005), moneyAmount(-1.005), moneyAmount(1500000), moneyAmount(2964000.0000000005)]).toEqual([110689844.28, 1.01, -1.01, 1500000, 2964000]);
  expect(Object.is(moneyAmount(-0.004), 0)).toBe(true);
  expect([pastCents(128400219.37 / 1.16), pastCents(27317.8168), pastCents(1234.56), pastCents(0.1 + 0.2), pastCents(1500000), pastCents('1.234')]).toEqual([true, true, false, false, false, false]);
});

test('a money column\'s amount computed by a formula is published in cents; typed (no formula), it keeps its digits', () => {
  const columns = templateSpec().sheets.find((s) => s.name === 'Contrataciones')!.columns;
  const letter = (field: string) => columnLetter(columns.findIndex((c) => c.field === field) + 1);
  const computed = 128400219.37 / 1.16;
  const sheet = templateSheet('Contrataciones', [
    { ocid: 'ocds-abc123-0001', 'tender/id': 'T1', 'tender/value/amount': computed, 'tender/minValue/amount': 27317.8168 },
    { ocid: 'ocds-abc123-0002', 'tender/id': 'T2', 'tender/value/amount': computed },
  ]);
  const formulas = { [`${letter('tender/value/amount')}3`]: '=M3/1.16', [`${letter('tender/minValue/amount')}3`]: '' };
  const out = unflatten({ sheets: [{ ...sheet, formulas }] }, { now: '2024-06-01T12:00:00-06:00' });
  const tenders = out.releases.map((r) => (r as { tender: { value?: { amount: number }; minValue?: { amount: number } } }).tender);
  expect(tenders.map((t) => [t.value?.amount, t.minValue?.amount])).toEqual([[110689844.28, 27317.8168], [computed, undefined]]);
});
