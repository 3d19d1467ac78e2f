import { deriveTender } from './derive-tender';

describe('tender fields the capture tool derived', () => {
  it('fills method, main category and number of tenderers when blank', () => {
    expect(deriveTender({
      procurementMethodDetails: 'Invitación a cuando menos tres personas', additionalProcurementCategories: ['worksRelatedServices'],
      tenderers: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    })).toEqual({
      procurementMethodDetails: 'Invitación a cuando menos tres personas', additionalProcurementCategories: ['worksRelatedServices'],
      tenderers: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], procurementMethod: 'selective', mainProcurementCategory: 'services', numberOfTenderers: 3,
    });
  });

  it('keeps what the official typed, and derives nothing from unknown or mixed values', () => {
    const typed = { procurementMethodDetails: 'Adjudicación directa', procurementMethod: 'open', mainProcurementCategory: 'goods', numberOfTenderers: 0, additionalProcurementCategories: ['works'], tenderers: [{ id: 'a' }] };
    expect(deriveTender(typed)).toBe(typed);
    const unknown = { procurementMethodDetails: 'Convenio', additionalProcurementCategories: ['works', 'goodsLease'] };
    expect(deriveTender(unknown)).toBe(unknown);
  });
});
