/**
 * Whether a contracting process has gone past planning: it has an award or a contract, or a tender that is more
 * than planned.
 *
 * OCDS 1.1.5 lets a process be published while it is only planned: the release schema requires ocid, id, date, tag
 * and initiationType, not `tender`; the releaseTag codelist's `planning` is «a contracting process is proposed or
 * planned», whose tender section, if any, «describes the proposed process», with tender.status `planning` or
 * `planned` (tenderStatus codelist: not yet taking place). A municipality's «Programa anual de obra pública» lists
 * each planned work with its budget and rationale before any tender exists. INAI's capture tool asks for the
 * tender's fields when its tender form is saved (the «2. LICITACIÓN» section of
 * ../shared/standards/edca-mx/captured-fields-ocds.csv), not at planning. A tender without a status counts as
 * started: its status is then what is asked for first.
 */
import { isArray, isObject, type JsonObject } from '../json/json-values';

/** tenderStatus codes of a process not yet taking place. */
export const PLANNED_TENDER = new Set(['planning', 'planned']);

export function pastPlanning(release: JsonObject): boolean {
  if ((isArray(release.awards) && release.awards.length > 0) || (isArray(release.contracts) && release.contracts.length > 0)) return true;
  const tender = release.tender;
  if (tender === undefined) return false;
  const status = isObject(tender) ? tender.status : undefined;
  return !(typeof status === 'string' && PLANNED_TENDER.has(status));
}

/** Whether any value in `v` is filled (blank text, empty lists and objects are not). */
function anyFilled(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() !== '';
  if (isArray(v)) return v.some(anyFilled);
  if (isObject(v)) return Object.values(v).some(anyFilled);
  return v !== undefined && v !== null;
}

/** Whether the release says anything of its planning (a rationale, a budget, a document, a unit…). */
export function hasPlanning(release: JsonObject): boolean {
  return anyFilled(release.planning);
}
