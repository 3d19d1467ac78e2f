/**
 * Completeness (DESIGN §5): the share of the program's fields (every non-key column of the template) that a
 * process or project fills. A field of a child sheet counts once it is filled in any of its rows.
 */
import type { Standard } from '../profile/types';
import type { TemplateSpec } from '../template/spec';
import { templateSpec } from '../template/template-spec';
import { isFilled, isObject, objectsAlong, stringAt, valueAtSegments } from '../checks/json';
import type { Documents } from './validate';

export interface CompletenessScore { filled: number; total: number; share: number }
export interface DocumentCompleteness extends CompletenessScore { pointer: string; id: string; missing: string[] }
export interface CompletenessReport {
  releases: DocumentCompleteness[];
  projects: DocumentCompleteness[];
  /** Per publisher: every field of every document it holds, pooled. */
  publisher: CompletenessScore;
}

/** A field, its path under its sheet's rows, and its place in the template (the order `missing` lists it in). */
interface FieldSlot { field: string; segments: string[]; order: number }

/**
 * The program's fields of one standard grouped by the sheet's array (`''` for the root document): each array's
 * items are gathered once per document, not once per field (the ~300 OCDS fields of a process were each walking
 * the same `awards`, `contracts/implementation/transactions`… again: a third of a publication's derive step).
 */
function slotGroups(spec: TemplateSpec, standard: Standard): { array: string; slots: FieldSlot[] }[] {
  const seen = new Set<string>();
  const groups = new Map<string, FieldSlot[]>();
  for (const sheet of spec.sheets) {
    if (sheet.standard !== standard) continue;
    for (const column of sheet.columns) {
      if (column.key || seen.has(column.field)) continue;
      seen.add(column.field);
      const path = sheet.array ? column.field.slice(sheet.array.length + 1) : column.field;
      const group = groups.get(sheet.array) ?? [];
      group.push({ field: column.field, segments: path.split('/'), order: seen.size - 1 });
      groups.set(sheet.array, group);
    }
  }
  return [...groups].map(([array, slots]) => ({ array, slots }));
}

function score(filled: number, total: number): CompletenessScore {
  return { filled, total, share: total === 0 ? 0 : Math.round((filled / total) * 1000) / 1000 };
}

function scoreDocs(items: unknown[] | undefined, root: string, key: string, groups: { array: string; slots: FieldSlot[] }[]): DocumentCompleteness[] {
  const fields = groups.flatMap((g) => g.slots).sort((a, b) => a.order - b.order).map((slot) => slot.field);
  const total = fields.length;
  return (items ?? []).map((data, i) => {
    const unfilled: number[] = [];
    for (const { array, slots } of groups) {
      // Rows of the field's sheet in this document: a field counts once any of them fills it.
      const rows = !isObject(data) ? [] : array ? objectsAlong(data, array) : [data];
      for (const slot of slots) if (!rows.some((row) => isFilled(valueAtSegments(row, slot.segments)))) unfilled.push(slot.order);
    }
    const missing = unfilled.sort((a, b) => a - b).map((order) => fields[order]);
    return { pointer: `/${root}/${i}`, id: stringAt(data, key) ?? '', missing, ...score(total - missing.length, total) };
  });
}

export function completeness(documents: Documents, spec: TemplateSpec = templateSpec()): CompletenessReport {
  const releases = scoreDocs(documents.releases, 'releases', 'ocid', slotGroups(spec, 'ocds'));
  const projects = scoreDocs(documents.projects, 'projects', 'id', slotGroups(spec, 'oc4ids'));
  const all = [...releases, ...projects];
  return { releases, projects, publisher: score(all.reduce((n, d) => n + d.filled, 0), all.reduce((n, d) => n + d.total, 0)) };
}
