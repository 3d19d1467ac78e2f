/**
 * Completeness (DESIGN §5): the share of the program's fields (every non-key column of the template) that a
 * process or project fills. A field of a child sheet counts once it is filled in any of its rows.
 */
import type { Standard } from '../profile/types';
import type { TemplateSpec } from '../template/spec';
import { templateSpec } from '../template/template-spec';
import { isObject, itemsAlong, stringAt, valueAt } from '../checks/json';
import type { Documents } from './validate';

export interface CompletenessScore { filled: number; total: number; share: number }
export interface DocumentCompleteness extends CompletenessScore { pointer: string; id: string; missing: string[] }
export interface CompletenessReport {
  releases: DocumentCompleteness[];
  projects: DocumentCompleteness[];
  /** Per publisher: every field of every document it holds, pooled. */
  publisher: CompletenessScore;
}

interface FieldSlot { field: string; array: string; path: string }

function slots(spec: TemplateSpec, standard: Standard): FieldSlot[] {
  const seen = new Set<string>();
  const out: FieldSlot[] = [];
  for (const sheet of spec.sheets) {
    if (sheet.standard !== standard) continue;
    for (const column of sheet.columns) {
      if (column.key || seen.has(column.field)) continue;
      seen.add(column.field);
      out.push({ field: column.field, array: sheet.array, path: sheet.array ? column.field.slice(sheet.array.length + 1) : column.field });
    }
  }
  return out;
}

function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function score(filled: number, total: number): CompletenessScore {
  return { filled, total, share: total === 0 ? 0 : Math.round((filled / total) * 1000) / 1000 };
}

function scoreDocs(items: unknown[] | undefined, root: string, key: string, fieldSlots: FieldSlot[]): DocumentCompleteness[] {
  return (items ?? []).map((data, i) => {
    const pointer = `/${root}/${i}`;
    const missing: string[] = [];
    if (isObject(data)) {
      for (const slot of fieldSlots) {
        const rows = slot.array ? itemsAlong(data, slot.array, pointer) : [{ item: data }];
        if (!rows.some((r) => isFilled(valueAt(r.item, slot.path)))) missing.push(slot.field);
      }
    } else missing.push(...fieldSlots.map((s) => s.field));
    return { pointer, id: stringAt(data, key) ?? '', missing, ...score(fieldSlots.length - missing.length, fieldSlots.length) };
  });
}

export function completeness(documents: Documents, spec: TemplateSpec = templateSpec()): CompletenessReport {
  const releases = scoreDocs(documents.releases, 'releases', 'ocid', slots(spec, 'ocds'));
  const projects = scoreDocs(documents.projects, 'projects', 'id', slots(spec, 'oc4ids'));
  const all = [...releases, ...projects];
  return { releases, projects, publisher: score(all.reduce((n, d) => n + d.filled, 0), all.reduce((n, d) => n + d.total, 0)) };
}
