/**
 * Tender fields the program's capture tool computed, derived here when the sheet leaves them blank (a typed value
 * is kept: the official may override, and the checks tender.methodMismatch / tender.categoryMismatch say when the
 * two disagree). rules.md:
 * - R-11 `procurementMethod` from the Mexican procedure type (`procurementMethodDetails`);
 * - R-13 `mainProcurementCategory` from the additional categories, when they all point to one main category;
 * - R-24 `numberOfTenderers` = the number of tenderers listed.
 * Without these, blank cells showed as «Sin dato» in the dashboard's method and competition figures.
 */
import { METHOD_OF_DETAILS } from '../checks/procurement-method';
import { MAIN_OF_ADDITIONAL } from '../checks/procurement-category';
import { isObject } from '../json/json-values';

const own = (table: Readonly<Record<string, string>>, key: unknown): string | undefined =>
  typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key.trim()) ? table[key.trim()] : undefined;

/** The tender with its derivable fields filled; the same object when nothing is derived. */
export function deriveTender(tender: unknown): unknown {
  if (!isObject(tender)) return tender;
  const out: Record<string, unknown> = { ...tender };
  let changed = false;
  if (out.procurementMethod === undefined) {
    const method = own(METHOD_OF_DETAILS, out.procurementMethodDetails);
    if (method) { out.procurementMethod = method; changed = true; }
  }
  if (out.mainProcurementCategory === undefined && Array.isArray(out.additionalProcurementCategories)) {
    const mains = new Set(out.additionalProcurementCategories.map((c) => own(MAIN_OF_ADDITIONAL, c)));
    const [main] = [...mains];
    if (mains.size === 1 && main) { out.mainProcurementCategory = main; changed = true; }
  }
  if (out.numberOfTenderers === undefined && Array.isArray(out.tenderers) && out.tenderers.length > 0) {
    out.numberOfTenderers = out.tenderers.length;
    changed = true;
  }
  return changed ? out : tender;
}
