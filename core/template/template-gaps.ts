/**
 * What a spreadsheet made from an earlier template lacks of the current one: the sheets the profile added since, and
 * the columns each of its template sheets does not have. Officials fill one template for months while the platform's
 * profile grows (award items, budget lines, amounts with tax…); every list here comes from the spec, never from a
 * hand list, so the next field added to schemas/program is found the same way.
 * Pure: it reads the names of the sheets and their paths row (row 2), as both shells already have them.
 */
import { PROFILES } from '../profile/profiles';
import { resolvePath } from '../unflatten/column-resolver';
import { normalizeLabel } from '../unflatten/normalize-label';
import { closestTitles } from '../unflatten/closest-titles';
import type { ColumnSpec, SheetSpec, TemplateSpec } from './spec';

/** A sheet as found in the spreadsheet: its name and what its paths row (row 2) and titles row say, per column. */
export interface FoundSheet {
  name: string;
  paths: readonly string[];
  titles?: readonly string[];
}

export interface SheetGap {
  /** The sheet's name in the spreadsheet (its capitals as the official has them). */
  name: string;
  sheet: SheetSpec;
  /** The template's columns it does not have, in the template's order. */
  missing: ColumnSpec[];
}

export interface TemplateGaps {
  /** Template sheets with no sheet of their name (in any capitals). */
  sheets: SheetSpec[];
  /** Template sheets present with some of their columns missing. */
  columns: SheetGap[];
  /** Sheets found that are template sheets (their name, and some of its paths in row 2): none, no template at all. */
  recognized: number;
}

/**
 * The template's columns a sheet lacks. A column counts as present by its path, by any header that names the same
 * field (an index written in, `awards/0/id`), or by its title in row 1 (its path deleted, or a title a few letters off
 * that the engine already asks about, sheet.unknown-column): the engine reads or points at it (DESIGN §4), and adding
 * it again would split one field over two columns. A sheet with none of the template's paths is not a template sheet
 * (the office's own, or a title block): nothing is said to be missing there.
 */
export function missingColumns(sheet: SheetSpec, paths: readonly string[], titles: readonly string[] = []): ColumnSpec[] {
  const written = new Set(paths.map((p) => String(p ?? '').trim()).filter(Boolean));
  const fields = new Set<string>();
  for (const p of written) {
    const resolved = resolvePath(PROFILES[sheet.standard], p);
    if (resolved) fields.add(resolved.field);
  }
  if (!sheet.columns.some((c) => written.has(c.path) || fields.has(c.field))) return [];
  const headed = new Set(titles.map((t) => normalizeLabel(String(t ?? ''))).filter(Boolean));
  const known = new Set(sheet.columns.map((c) => normalizeLabel(c.title)));
  const all = sheet.columns.map((c) => c.title);
  // Headers that are no column of the template, with no path that is one: the titles they probably are.
  const near = new Set<string>();
  titles.forEach((t, i) => {
    const title = String(t ?? '');
    const path = String(paths[i] ?? '').trim();
    if (!normalizeLabel(title) || known.has(normalizeLabel(title)) || (path && resolvePath(PROFILES[sheet.standard], path))) return;
    for (const guess of closestTitles(title, all, titles.map(String))) near.add(normalizeLabel(guess));
  });
  return sheet.columns.filter((c) => !written.has(c.path) && !fields.has(c.field) && !headed.has(normalizeLabel(c.title)) && !near.has(normalizeLabel(c.title)));
}

/** The sheets and columns of `spec` that `found` (a spreadsheet's sheets, in tab order) does not have. */
export function templateGaps(spec: TemplateSpec, found: readonly FoundSheet[]): TemplateGaps {
  const byName = new Map<string, FoundSheet>();
  for (const f of found) if (!byName.has(normalizeLabel(f.name))) byName.set(normalizeLabel(f.name), f);
  const gaps: TemplateGaps = { sheets: [], columns: [], recognized: 0 };
  for (const sheet of spec.sheets) {
    const there = byName.get(normalizeLabel(sheet.name));
    if (!there) {
      gaps.sheets.push(sheet);
      continue;
    }
    const missing = missingColumns(sheet, there.paths, there.titles);
    if (missing.length < sheet.columns.length) gaps.recognized++;
    if (missing.length) gaps.columns.push({ name: there.name, sheet, missing });
  }
  return gaps;
}
