/**
 * Finds what a header means: a flatten-tool path (`awards/0/suppliers/0/name`, also the template's own
 * over-indexed form `tender/0/items/0/id`) resolved against the profile, or a Spanish title of the template spec.
 * The spec gives the friendly conversions (types, code titles); the profile covers any other field it knows.
 */
import { isMoneyPath } from '../workflow/money-path';
import { FIELD_TITLES } from '../profile/field-titles';
import type { FieldInfo, FieldTitles, Profile, Standard } from '../profile/types';
import type { CodeOption, ColumnSpec, TemplateSpec } from '../template/spec';
import { normalizeLabel } from './normalize-label';
import type { ValueSpec } from './parse-value';

export interface ResolvedPath {
  /** Unindexed path from the document root; positional indexes of scalar arrays kept (`locations/geometry/coordinates/1`). */
  field: string;
  /** The arrays of objects enclosing the value, outermost first, as unindexed paths (`awards`, `awards/suppliers`). */
  arrays: string[];
  /** Segments below the innermost array item (or the root). */
  rel: string[];
  /**
   * The index written for each of `arrays` (`'0'` when the header has none). flatten-tool reads indexes as an
   * order, not a position: `tender/items/1/id` is the row's second item, merged with others by its `id`.
   */
  indexes: string[];
}

export const ROOT_KEY: Record<Standard, string> = { ocds: 'ocid', oc4ids: 'id' };

const DIGITS = /^\d+$/;

/** Own-property lookup: header text such as `__proto__` or `constructor` must not reach Object.prototype. */
function fieldOf(profile: Profile, path: string): FieldInfo | undefined {
  return Object.prototype.hasOwnProperty.call(profile.fields, path) ? profile.fields[path] : undefined;
}

function isObjectArray(profile: Profile, path: string): boolean {
  const info = fieldOf(profile, path);
  return !!info && info.types.includes('array') && info.items === 'object';
}

export function resolvePath(profile: Profile, raw: string): ResolvedPath | undefined {
  const segs = raw.split('/');
  const acc: string[] = [];
  const arrays: string[] = [];
  const indexes: string[] = [];
  let indexed = false;
  let rel: string[] = [];
  for (const seg of segs) {
    if (seg === '') return undefined;
    const here = acc.join('/');
    const info = acc.length ? fieldOf(profile, here) : undefined;
    if (DIGITS.test(seg)) {
      if (!info) return undefined;
      if (isObjectArray(profile, here)) {
        if (indexed) { if (seg !== '0') return undefined; continue; } // a second index for the same item
        indexes[arrays.length - 1] = seg;
        indexed = true;
        continue;
      }
      if (info.types.includes('array')) { acc.push(seg); rel.push(seg); continue; } // position in a scalar array
      if (info.types.includes('object')) continue; // tolerate an index after an object (`budget/0/budgetBreakdowns`)
      return undefined;
    }
    if (acc.length && DIGITS.test(acc[acc.length - 1])) return undefined; // nothing lives below a scalar position
    indexed = false;
    acc.push(seg);
    rel.push(seg);
    const path = acc.join('/');
    if (!fieldOf(profile, path)) return undefined;
    if (isObjectArray(profile, path)) { arrays.push(path); indexes.push('0'); rel = []; }
  }
  const field = acc.join('/');
  if (!isLeaf(profile, field)) return undefined;
  return { field, arrays, rel, indexes };
}

function isLeaf(profile: Profile, field: string): boolean {
  const info = fieldOf(profile, field);
  if (!info) {
    const m = /^(.*)\/\d+$/.exec(field);
    const parent = m ? fieldOf(profile, m[1]) : undefined;
    return !!parent && parent.types.includes('array') && parent.items !== 'object' && parent.items !== 'array';
  }
  if (info.types.includes('array')) return info.items !== 'object' && info.items !== 'array';
  return !info.types.every((t) => t === 'object');
}

/**
 * Every ValueSpec has these eight properties in this order, absent ones undefined: one hidden class for all of them,
 * so the per-cell reads of `col.value` stay monomorphic (a second shape arriving with a later sheet made V8 throw
 * away and recompile readRows and its helpers, issue 17).
 */
function valueSpec(type: ValueSpec['type'], codelist?: string, openCodelist?: boolean, options?: readonly CodeOption[], degrees?: ValueSpec['degrees'], money = false, singleLine = false, unit?: ValueSpec['unit']): ValueSpec {
  return { type, codelist, openCodelist, options, degrees: degrees ?? false, money, singleLine, unit };
}

/** What a whole-number field counts: a Period's `durationInDays`, days. */
const unitOf = (type: ValueSpec['type'], field: string): ValueSpec['unit'] => (type === 'integer' && /(^|\/)durationInDays$/.test(field) ? 'days' : undefined);

/** A title or name, as the profile says (`singleLine`): read on one line (text-spacing.ts). */
const isSingleLine = (type: ValueSpec['type'], info: FieldInfo | undefined): boolean => type === 'string' && info?.singleLine === true;

/** A Value's amount (`awards/value/amount`, `…/unit/value/netAmount`, `budget/amount/amount`): money. */
const isMoney = (type: ValueSpec['type'], field: string): boolean => type === 'number' && isMoneyPath(field);

/**
 * A latitude or longitude (`…/geometry/coordinates/1`), the one kind of number written with a degree sign: which one
 * (GeoJSON writes the longitude first), for the example its «no es un número» gives; undefined for any other field.
 */
function isCoordinate(field: string): ValueSpec['degrees'] {
  const m = /(^|\/)coordinates(?:\/(\d+))?$/.exec(field);
  if (!m) return undefined;
  return m[2] === '0' ? 'longitude' : m[2] === '1' ? 'latitude' : 'coordinate';
}

/** Type conversion for a profile field the template does not offer (plain flatten-tool workbooks). */
function profileValueSpec(profile: Profile, field: string, optionsByList: Map<string, CodeOption[]>): ValueSpec {
  const m = /^(.*)\/\d+$/.exec(field);
  const positional = !fieldOf(profile, field) && m ? fieldOf(profile, m[1]) : undefined;
  if (positional) return valueSpec(positional.items === 'integer' ? 'integer' : positional.items === 'number' ? 'number' : 'string', undefined, undefined, undefined, isCoordinate(field));
  const info = fieldOf(profile, field) as FieldInfo;
  let type: ValueSpec['type'] = 'string';
  if (info.types.includes('array')) type = 'list';
  else if (info.format === 'date-time' || info.format === 'date') type = 'date';
  else if (info.format === 'uri') type = 'url';
  else if (info.types.includes('number')) type = 'number';
  else if (info.types.includes('integer') && !info.types.includes('string')) type = 'integer';
  else if (info.types.includes('boolean') && !info.types.includes('string')) type = 'boolean';
  if (!info.codelist) return valueSpec(type, undefined, undefined, undefined, undefined, isMoney(type, field), isSingleLine(type, info), unitOf(type, field));
  const list = profile.codelists[info.codelist];
  return valueSpec(type, info.codelist, info.openCodelist ?? list?.open ?? true, optionsByList.get(info.codelist) ?? list?.codes.map((code) => ({ code, title: code })));
}

/** Title → field name below each unindexed path (titles compared without case and extra spaces). */
function titleChildren(tree: FieldTitles): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const visit = (node: FieldTitles, prefix: string): void => {
    const byTitle = new Map<string, string>();
    out.set(prefix, byTitle);
    for (const [key, entry] of Object.entries(node)) {
      const title = typeof entry === 'string' ? entry : entry[0];
      const norm = titleKey(title);
      if (!byTitle.has(norm)) byTitle.set(norm, key);
      if (typeof entry !== 'string') visit(entry[1], prefix ? `${prefix}/${key}` : key);
    }
  };
  visit(tree, '');
  return out;
}

function titleKey(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * A header written as the schema's English titles joined by `:`, with optional indexes
 * (`Tender:Items to be procured:1:Quantity`, flatten-tool's `--convert-titles`) → its path. A segment that is
 * not a title may be the field's own name, as flatten-tool accepts.
 */
function titlePath(profile: Profile, children: Map<string, Map<string, string>>, header: string): string | undefined {
  const out: string[] = [];
  let parent = '';
  for (const raw of header.split(':')) {
    const seg = raw.trim();
    if (DIGITS.test(seg)) { out.push(seg); continue; }
    let key = children.get(parent)?.get(titleKey(seg));
    if (key === undefined && seg && fieldOf(profile, parent ? `${parent}/${seg}` : seg)) key = seg;
    if (key === undefined) return undefined;
    out.push(key);
    parent = parent ? `${parent}/${key}` : key;
  }
  return out.join('/');
}

export interface StandardResolver {
  standard: Standard;
  profile: Profile;
  resolve(path: string): ResolvedPath | undefined;
  /**
   * A header written as English schema titles (`Tender:Items to be procured:Quantity`), or as the title of one of
   * our template's columns when no other column of the template has the same title.
   */
  resolveTitle(header: string): ResolvedPath | undefined;
  valueSpec(field: string): ValueSpec;
}

/** Resolvers per standard, built once per spec (cached) so a workbook of 200k rows pays for this once. */
export class ColumnResolver {
  readonly standards: Record<Standard, StandardResolver>;
  private readonly pathCache = new Map<string, ResolvedPath | null>();

  constructor(readonly spec: TemplateSpec, profiles: Readonly<Record<Standard, Profile>>) {
    const make = (standard: Standard): StandardResolver => {
      const profile = profiles[standard];
      const byField = new Map<string, ColumnSpec>();
      const optionsByList = new Map<string, CodeOption[]>();
      // Spanish column title → path; null when two fields share the title (`Cantidad` of several item arrays).
      const spanish = new Map<string, ColumnSpec | null>();
      for (const sheet of spec.sheets) {
        if (sheet.standard !== standard) continue;
        for (const col of sheet.columns) {
          const t = normalizeLabel(col.title);
          const prior = spanish.get(t);
          if (prior === undefined) spanish.set(t, col);
          else if (prior !== null && prior.field !== col.field) spanish.set(t, null);
          if (!byField.has(col.field)) byField.set(col.field, col);
          if (col.codelist && col.options && !optionsByList.has(col.codelist)) optionsByList.set(col.codelist, col.options);
        }
      }
      const specs = new Map<string, ValueSpec>();
      let children: Map<string, Map<string, string>> | undefined;
      return {
        standard,
        profile,
        resolveTitle: (header) => {
          const key = `${standard}\u0001${header}`;
          let r = this.pathCache.get(key);
          if (r === undefined) {
            children ??= titleChildren(FIELD_TITLES[standard]);
            const path = titlePath(profile, children, header) ?? spanish.get(normalizeLabel(header))?.path;
            r = (path && resolvePath(profile, path)) || null;
            this.pathCache.set(key, r);
          }
          return r ?? undefined;
        },
        resolve: (path) => {
          const key = `${standard}\u0000${path}`;
          let r = this.pathCache.get(key);
          if (r === undefined) { r = resolvePath(profile, path) ?? null; this.pathCache.set(key, r); }
          return r ?? undefined;
        },
        valueSpec: (field) => {
          let vs = specs.get(field);
          if (!vs) {
            const col = byField.get(field);
            vs = col ? valueSpec(col.type, col.codelist, col.openCodelist, col.options, isCoordinate(field), isMoney(col.type, field), !col.options?.length && isSingleLine(col.type, fieldOf(profile, field)), unitOf(col.type, field)) : profileValueSpec(profile, field, optionsByList);
            specs.set(field, vs);
          }
          return vs;
        },
      };
    };
    this.standards = { ocds: make('ocds'), oc4ids: make('oc4ids') };
  }

  /** The spec sheet whose name matches (case-, accent- and space-insensitive). */
  specSheet(name: string) {
    const n = normalizeLabel(name);
    return this.spec.sheets.find((s) => normalizeLabel(s.name) === n);
  }
}
