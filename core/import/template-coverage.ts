/**
 * Which values of a document the template can hold, and which it cannot: what an import would otherwise drop
 * without a word. A value is held when a column of the template spec has its field (the unindexed path; GeoJSON
 * coordinates keep their position, as the latitude and longitude columns do). Fields the converter writes by rule
 * (release id, date, tag, initiation type and language; the project's `updated`) are neither: they are written anew;
 * nor is the package metadata some releases carry that Configuración keeps (SETTINGS_FIELDS).
 */
import type { Standard } from '../profile/types';
import type { TemplateSpec } from '../template/spec';
import { isObject } from '../json/json-values';
import { PUBLICATION_DERIVED_FIELDS } from '../template/bulk-readme';

/** Written by the converter on every conversion (core/unflatten/derive-fields), so not carried from the input. */
export const DERIVED_FIELDS: Record<Standard, ReadonlySet<string>> = {
  ocds: new Set(['id', 'date', 'tag', 'initiationType', 'language']),
  oc4ids: new Set(['updated', 'language']),
};

/**
 * What a release from datos.gob.mx's API says of its package (`packageInfo`, not OCDS) and the workbook keeps in
 * Configuración (core/import/settings-from-packages), from where conversion writes it into the package again.
 */
export const SETTINGS_FIELDS: Record<Standard, ReadonlySet<string>> = {
  ocds: new Set(['packageInfo/publisher/name', 'packageInfo/license', 'packageInfo/publicationPolicy']),
  oc4ids: new Set(),
};

/** A leaf value of a document and its template field. */
export interface Leaf { field: string; value: unknown }

/**
 * Unindexed field of a pointer; a Point's positions inside `coordinates` are kept (two columns hold them). A line's or
 * polygon's (`coordinates/0/1`: a list of positions) are `…/coordinates` itself, which no column holds.
 */
export function fieldOf(segments: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s === 'coordinates' && i + 2 < segments.length) { out.push(s); break; }
    if (/^\d+$/.test(s) && segments[i - 1] !== 'coordinates') continue;
    out.push(s);
  }
  return out.join('/');
}

/** Every scalar under `doc` with its field (empty objects and arrays hold no value). */
export function leaves(doc: unknown): Leaf[] {
  const out: Leaf[] = [];
  eachField(doc, (field, value) => out.push({ field, value }));
  return out;
}

export function heldFields(spec: TemplateSpec): Record<Standard, Set<string>> {
  const held: Record<Standard, Set<string>> = { ocds: new Set(), oc4ids: new Set() };
  for (const sheet of spec.sheets) for (const column of sheet.columns) held[sheet.standard].add(column.field);
  return held;
}

export type LeafKind = 'held' | 'derived' | 'setting' | 'package' | 'publication' | 'dropped';

/**
 * A project's fields publication derives from its processes' OCDS data (bulk-readme.ts: their releases' links, their
 * tenderers) with no column: not carried, but written again when the process is published by the same implementer.
 * `updated` is written on every conversion (DERIVED_FIELDS).
 */
const PUBLICATION_PATHS = PUBLICATION_DERIVED_FIELDS.map((f) => f.path).filter((p) => !DERIVED_FIELDS.oc4ids.has(p));
const publicationDerived = (field: string): boolean => PUBLICATION_PATHS.some((p) => field === p || field.startsWith(`${p}/`));

/**
 * Package metadata some publishers put inside each release (datos.gob.mx's `packageInfo`, a package's `version`):
 * not data of the process, and written anew by conversion into the package it makes. Reported apart, as what it
 * is, not among the process data the template cannot hold.
 */
function isPackageMetadata(field: string, standard: Standard): boolean {
  return standard === 'ocds' && (field === 'version' || field.startsWith('packageInfo/'));
}

export function leafKind(field: string, standard: Standard, held: Record<Standard, Set<string>>): LeafKind {
  // Derived first: the release tag has a column (an official may type one) but an imported tag is written anew.
  if (DERIVED_FIELDS[standard].has(field)) return 'derived';
  if (SETTINGS_FIELDS[standard].has(field)) return 'setting';
  if (held[standard].has(field)) return 'held';
  if (standard === 'oc4ids' && publicationDerived(field)) return 'publication';
  return isPackageMetadata(field, standard) ? 'package' : 'dropped';
}

/**
 * Per field the template cannot hold, how many values of these documents it has (fields in first-seen order); the
 * package metadata fields they carry (`package`, left out as well); and per field publication derives again, its
 * values (`publication`).
 */
export function droppedValues(docs: readonly unknown[], standard: Standard, spec: TemplateSpec): { dropped: Map<string, number>; packageFields: Set<string>; publication: Map<string, number> } {
  const held = heldFields(spec);
  const dropped = new Map<string, number>();
  const publication = new Map<string, number>();
  const packageFields = new Set<string>();
  // A field's kind once per field: datos.xlsx asks it of every value of a publication (publication/bulk-files.ts).
  const kinds = new Map<string, LeafKind>();
  const visit = (field: string): void => {
    let kind = kinds.get(field);
    if (kind === undefined) kinds.set(field, (kind = leafKind(field, standard, held)));
    if (kind === 'dropped') dropped.set(field, (dropped.get(field) ?? 0) + 1);
    else if (kind === 'publication') publication.set(field, (publication.get(field) ?? 0) + 1);
    else if (kind === 'package') packageFields.add(field);
  };
  for (const doc of docs) eachField(doc, visit);
  return { dropped, packageFields, publication };
}

/**
 * Each scalar under `doc` with its field, as fieldOf() gives it from the value's pointer, without building each one's
 * pointer: in datos.xlsx, for every value of a publication, that took about as long as flattening it.
 */
function eachField(doc: unknown, visit: (field: string, value: unknown) => void): void {
  const join = (field: string, key: string): string => (field ? `${field}/${key}` : key);
  // Below a line's or a polygon's `coordinates` (two levels or more): every value is `…/coordinates`.
  const all = (v: unknown, field: string): void => {
    if (Array.isArray(v)) for (const x of v) all(x, field);
    else if (isObject(v)) for (const k of Object.keys(v)) all(v[k], field);
    else if (v !== null && v !== undefined) visit(field, v);
  };
  const step = (v: unknown, field: string): void => {
    if (Array.isArray(v)) for (const x of v) step(x, field);
    else if (isObject(v)) {
      for (const k of Object.keys(v)) {
        const x = v[k];
        if (k !== 'coordinates') step(x, /^\d+$/.test(k) ? field : join(field, k));
        else if (!Array.isArray(x) && !isObject(x)) step(x, join(field, k));
        else {
          // A Point's positions keep their place (two columns hold them); anything deeper is the list itself.
          const at = join(field, k);
          for (const [i, y] of (Array.isArray(x) ? x.map((y, i) => [String(i), y] as const) : Object.entries(x))) {
            if (Array.isArray(y) || isObject(y)) all(y, at);
            else if (y !== null && y !== undefined) visit(join(at, i), y);
          }
        }
      }
    } else if (v !== null && v !== undefined) visit(field, v);
  };
  step(doc, '');
}
