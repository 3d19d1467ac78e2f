/**
 * Release- and project-level fields the sheets do not carry, derived by fixed, documented rules (see README.md).
 * A value the sheet does carry (plain flatten-tool workbooks often have `id`, `date`, `tag`) is kept as it is.
 *
 * Releases (OCDS 1.1.5 release schema requires ocid, id, date, tag, initiationType):
 * - `initiationType`: `tender` (the only code OCDS defines);
 * - `language`: `es`;
 * - `tag`: the stages present, in OCDS order — `planning` (planning object), `tender` (tender object), `award`
 *   (awards), `contract` (contracts), `implementation` (a contract with implementation); `planning` if none.
 *   A tender whose status is `planning` or `planned` is not one: OCDS's releaseTag `planning` is a proposed
 *   process, its tender section describing what is planned, and `tender` a call for proposals;
 * - `date`: `options.now` (the conversion time, ISO 8601);
 * - `id`: `{ocid}-{h}`, h = FNV-1a 32-bit (8 hex) of the canonical JSON of the release without `id` and `date`,
 *   so the same content always gets the same release id and a change gets a new one (OCDS: release ids are
 *   unique within an ocid).
 * - tender `procurementMethod`, `mainProcurementCategory`, `numberOfTenderers` when blank (derive-tender.ts).
 * Projects (OC4IDS): `updated` = `options.now` when absent.
 */
import { canonicalHash } from './content-hash';
import { deriveTender } from './derive-tender';
import { PLANNED_TENDER } from '../checks/past-planning';

function nonEmptyArray(v: unknown): v is unknown[] {
  return Array.isArray(v) && v.length > 0;
}

export function releaseStages(release: Record<string, unknown>): string[] {
  const tags: string[] = [];
  if (release.planning !== undefined) tags.push('planning');
  const tender = release.tender;
  const status = tender !== null && typeof tender === 'object' ? (tender as Record<string, unknown>).status : undefined;
  if (tender !== undefined && !(typeof status === 'string' && PLANNED_TENDER.has(status))) tags.push('tender');
  if (nonEmptyArray(release.awards)) tags.push('award');
  if (nonEmptyArray(release.contracts)) {
    tags.push('contract');
    if (release.contracts.some((c) => c !== null && typeof c === 'object' && (c as Record<string, unknown>).implementation !== undefined)) tags.push('implementation');
  }
  return tags.length ? tags : ['planning'];
}

export function deriveRelease(release: Record<string, unknown>, now: string): Record<string, unknown> {
  const { ocid, id, date, tag, initiationType, language, ...rest } = release;
  const body: Record<string, unknown> = {
    ocid,
    tag: tag ?? releaseStages(release),
    initiationType: initiationType ?? 'tender',
    language: language ?? 'es',
    ...rest,
  };
  if (rest.tender !== undefined) body.tender = deriveTender(rest.tender);
  const derivedId = id ?? `${String(ocid)}-${canonicalHash(body)}`;
  const { tag: t, initiationType: it, language: l, ...tail } = body;
  return { ocid, id: derivedId, date: date ?? now, tag: t, initiationType: it, language: l, ...tail };
}

export function deriveProject(project: Record<string, unknown>, now: string): Record<string, unknown> {
  if (project.updated !== undefined) return project;
  const { id, ...rest } = project;
  return { id, updated: now, ...rest };
}
