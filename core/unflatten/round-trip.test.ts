/**
 * Property: unflatten(flatten(x)) = x for documents covering every template column (derived release fields and
 * project `updated` excluded), and the converted documents carry no findings.
 */
import fc from 'fast-check';
import { flatten } from '../flatten';
import { dateCell } from '../flatten/flatten';
import { parseDate } from './parse-value';
import { PROFILES } from '../profile/profiles';
import type { ColumnSpec, SheetSpec } from '../template/spec';
import { templateSpec } from '../template/template-spec';
import { resolvePath } from './column-resolver';
import { unflatten } from './index';
import { localDateTime, localMidnight } from './time-zone';
import { oneLine } from './text-spacing';

const spec = templateSpec();
type Obj = Record<string, unknown>;
type Gen = fc.GeneratorValue;

// Not a formula's error («#N/A») nor a formula kept as text («=A1»): each is said as such (clean-cell.ts, parse-value.ts).
const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom('Pavimentación de la calle 5', 'Señalización', 'Ñandú & Cía. «S.A.»', '<b>obra</b>', '12345', 'Sí'),
).map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('#') && !s.startsWith('=') && !s.includes(';'));

function setAt(target: Obj, rel: string[], value: unknown): void {
  let cur: Obj = target;
  for (let i = 0; i < rel.length - 1; i++) {
    cur[rel[i]] ??= /^\d+$/.test(rel[i + 1]) ? [] : {};
    cur = cur[rel[i]] as Obj;
  }
  cur[rel[rel.length - 1]] = value;
}

let counter = 0;
function valueFor(g: Gen, col: ColumnSpec, singleLine: boolean): unknown {
  const codes = col.options?.map((o) => o.code);
  if (col.type === 'list') {
    const items = codes ? g(fc.uniqueArray, fc.constantFrom(...codes), { minLength: 1, maxLength: 3 }) : g(fc.uniqueArray, text, { minLength: 1, maxLength: 3 });
    return items;
  }
  if (codes) return g(fc.constantFrom, ...codes);
  switch (col.type) {
    case 'number': return g(fc.integer, { min: -1e9, max: 1e9 }) / 100;
    case 'integer': return g(fc.integer, { min: 0, max: 100000 });
    case 'boolean': return g(fc.boolean);
    case 'date': {
      const [y, m, d] = [g(fc.integer, { min: 2000, max: 2030 }), g(fc.integer, { min: 1, max: 12 }), g(fc.integer, { min: 1, max: 28 })];
      // Half of them with a time of day (written as a date cell with its time, or as text where a cell would not read
      // back the same: 06:00 in Mexico City is also Apps Script's midnight).
      if (g(fc.boolean)) return localDateTime('America/Mexico_City', y, m, d, g(fc.integer, { min: 0, max: 23 }), g(fc.integer, { min: 0, max: 59 }), g(fc.integer, { min: 0, max: 59 }));
      return localMidnight('America/Mexico_City', y, m, d);
    }
    // A title or name is published on one line (text-spacing.ts); other text as typed.
    default: { const t = g(() => text); return singleLine ? oneLine(t) : t; }
  }
}

/** Fills one array item (or root) with random values for the sheet's own columns. */
function fillItem(g: Gen, sheet: SheetSpec, item: Obj, position = 0): void {
  const depth = sheet.levels.length;
  for (const col of sheet.columns) {
    if (col.key) continue;
    const where = resolvePath(PROFILES[sheet.standard], col.path)!;
    if (where.arrays.length !== depth) continue;
    const rel = where.rel.join('/');
    if (rel === 'id') {
      // An id from a code list (budget moments) must still be unique within its parent: take the n-th code.
      item.id = col.options ? col.options[position % col.options.length].code : `id-${++counter}`;
      continue;
    }
    if (/coordinates\/[01]$/.test(rel)) continue;
    if (/geometry\/type$/.test(rel)) {
      if (g(fc.boolean)) {
        // A Point: the one geometry the template's two cells hold (a line or polygon of one position is refused).
        setAt(item, where.rel.slice(0, -1), { type: 'Point', coordinates: [g(fc.integer, { min: -180e4, max: 180e4 }) / 1e4, g(fc.integer, { min: -90e4, max: 90e4 }) / 1e4] });
      }
      continue;
    }
    if (g(fc.boolean)) setAt(item, where.rel, valueFor(g, col, PROFILES[sheet.standard].fields[col.field]?.singleLine === true));
  }
}

/** The program's default currency is part of the normal form: an amount always comes with a currency. */
function withCurrency(v: unknown): void {
  if (Array.isArray(v)) v.forEach(withCurrency);
  else if (v && typeof v === 'object') {
    const o = v as Obj;
    if (typeof o.amount === 'number' && o.currency === undefined) o.currency = 'MXN';
    Object.values(o).forEach(withCurrency);
  }
}

/** A party's scheme is made from its RFC when left blank (read-rows.ts), whatever its id: MX-RFC is part of the normal form too. */
function withRfcScheme(doc: Obj): void {
  for (const party of (doc.parties as Obj[] | undefined) ?? []) {
    const identifier = party.identifier as Obj | undefined;
    if (identifier?.id !== undefined && identifier.scheme === undefined) identifier.scheme = 'MX-RFC';
  }
}

function getPath(v: unknown, segs: string[]): unknown {
  return segs.reduce<unknown>((cur, s) => (cur && typeof cur === 'object' ? (cur as Obj)[s] : undefined), v);
}

function generate(g: Gen, standard: 'ocds' | 'oc4ids'): Obj[] {
  const rootKey = standard === 'ocds' ? 'ocid' : 'id';
  const docs: Obj[] = [];
  const n = g(fc.integer, { min: 1, max: 3 });
  for (let i = 0; i < n; i++) {
    const doc: Obj = { [rootKey]: `${standard}-doc-${++counter}` };
    for (const sheet of spec.sheets.filter((s) => s.standard === standard)) {
      if (sheet.levels.length === 0) { fillItem(g, sheet, doc); continue; }
      let parents: Obj[] = [doc];
      for (const level of sheet.levels.slice(0, -1)) parents = parents.flatMap((p) => (getPath(p, level.split('/')) as Obj[] | undefined) ?? []);
      const last = sheet.levels[sheet.levels.length - 1].split('/');
      for (const parent of parents) {
        const count = g(fc.integer, { min: 0, max: 2 });
        for (let k = 0; k < count; k++) {
          const item: Obj = {};
          fillItem(g, sheet, item, k);
          if (Object.keys(item).length === 0) continue;
          const arr = (getPath(parent, last) as Obj[] | undefined) ?? [];
          if (arr.length === 0) setAt(parent, last, arr);
          arr.push(item);
        }
      }
    }
    withCurrency(doc);
    withRfcScheme(doc);
    docs.push(doc);
  }
  return docs;
}

function withoutDerived(docs: Obj[], keys: string[]): Obj[] {
  return docs.map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => !keys.includes(k))));
}

/** Tender fields derived when blank (derive-tender.ts): compared only where the input had them. */
function withoutDerivedTender(out: Obj, input: Obj | undefined): Obj {
  const tender = out.tender as Obj | undefined;
  const before = (input?.tender ?? {}) as Obj;
  if (!tender) return out;
  const kept = Object.fromEntries(Object.entries(tender).filter(([k]) => !['procurementMethod', 'mainProcurementCategory', 'numberOfTenderers'].includes(k) || k in before));
  return { ...out, tender: kept };
}

test('unflatten(flatten(x)) = x', () => {
  fc.assert(
    fc.property(fc.gen(), (g) => {
      const releases = generate(g, 'ocds');
      const projects = generate(g, 'oc4ids');
      const out = unflatten(flatten({ releases, projects }, spec), { now: '2024-06-01T00:00:00Z' });
      expect(out.findings).toEqual([]);
      // The release tag is never flattened (core/flatten): the converter derives it anew.
      expect(withoutDerived(out.releases, ['id', 'date', 'tag', 'initiationType', 'language']).map((r, i) => withoutDerivedTender(r, withoutDerived([releases[i]], ['tag'])[0]))).toEqual(releases.map((r) => withoutDerived([r], ['tag'])[0]));
      expect(withoutDerived(out.projects, ['updated'])).toEqual(projects);
    }),
    { numRuns: 60 },
  );
});

test('a date with a time of day in the workbook\'s zone is written as a date cell with that time, and reads back the same', () => {
  const zone = 'America/Mexico_City';
  const cell = (iso: string, tz = zone) => dateCell(iso, tz);
  // The clock time in UTC, as a file gives a date-time cell.
  expect(cell('2024-03-31T10:30:00-06:00')).toEqual(new Date('2024-03-31T10:30:00Z'));
  expect(cell('2024-03-31T10:30:15-05:00', 'America/Cancun')).toEqual(new Date('2024-03-31T10:30:15Z'));
  expect(cell('2021-07-01T23:59:59-05:00')).toEqual(new Date('2021-07-01T23:59:59Z'));
  // 06:00 in Mexico City too (it was written as text: a reader took 06:00 UTC for Apps Script's midnight, a date alone).
  expect(cell('2024-03-31T06:00:00-06:00')).toEqual(new Date('2024-03-31T06:00:00Z'));
  // Text, as published: another zone's offset, UTC, a fraction of a second.
  for (const iso of ['2024-03-31T10:30:00-05:00', '2024-03-31T10:30:00Z', '2024-03-31T10:30:00.250-06:00', '1899-12-31T10:30:00-06:00']) expect(cell(iso)).toBe(iso);
  for (const iso of ['2024-03-31T10:30:00-06:00', '2024-03-31T06:00:00-06:00', '2021-07-01T23:59:59-05:00']) expect(parseDate(cell(iso) as Date | string, zone)).toBe(iso);
  // A date alone, as before.
  expect(cell('2024-03-31T00:00:00-06:00')).toEqual(new Date('2024-03-31T00:00:00Z'));
});
