/**
 * The additional (extended) procurement categories refine the main one (OCDS extendedProcurementCategory
 * extension; capture tool rules.md ): goodsAcquisition/goodsLease → goods, services/consultingServices/
 * worksRelatedServices → services, works → works. `tender.categoryMismatch` (error) on the additional category.
 */
import { objectAt, ownValue, stringAt } from './json';
import type { Check } from './types';
import { codeTitle } from './code-label';

export const MAIN_OF_ADDITIONAL: Readonly<Record<string, string>> = {
  goods: 'goods', goodsAcquisition: 'goods', goodsLease: 'goods',
  services: 'services', consultingServices: 'services', worksRelatedServices: 'services',
  works: 'works',
};

export const procurementCategory: Check = ({ releases, report }) => {
  for (const { data, pointer } of releases) {
    const tender = objectAt(data, 'tender');
    const main = stringAt(tender, 'mainProcurementCategory');
    const additional = tender?.additionalProcurementCategories;
    if (main === undefined || !Array.isArray(additional)) continue;
    additional.forEach((code, i) => {
      const expected = typeof code === 'string' ? ownValue(MAIN_OF_ADDITIONAL, code) : undefined;
      if (expected && expected !== main) {
        // Codes by their Spanish titles: the official picks them from drop-downs.
        report('tender.categoryMismatch', 'error', `${pointer}/tender/additionalProcurementCategories/${i}`, {
          value: codeTitle('extendedProcurementCategory', code as string), main: codeTitle('procurementCategory', main), expected: codeTitle('procurementCategory', expected),
        });
      }
    });
  }
};
