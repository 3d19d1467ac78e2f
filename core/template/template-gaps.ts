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
import type { ColumnSpec, SheetSpec, TemplateSpec } from './spec';

/** A sheet as found in the spreadsheet: its name and what its paths row (row 2) says, one string per column. */
export interface FoundSheet {
  name: string;
  paths: readonly string[];
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
 * The template's columns a sheet's paths row lacks. A column counts as present by its path or by any header that
 * names the same field (an index written in, `awards/0/id`): the engine reads it either way (DESIGN §4), and adding it
 * twice would split one field over two columns. A sheet with none of the template's paths is not a template sheet
 * (the office's own, or a title block): nothing is said to be missing there.
 */
export function missingColumns(sheet: SheetSpec, paths: readonly string[]): ColumnSpec[] {
  const written = new Set(paths.map((p) => String(p ?? '').trim()).filter(Boolean));
  const fields = new Set<string>();
  for (const p of written) {
    const resolved = resolvePath(PROFILES[sheet.standard], p);
    if (resolved) fields.add(resolved.field);
  }
  if (!sheet.columns.some((c) => written.has(c.path) || fields.has(c.field))) return [];
  return sheet.columns.filter((c) => !written.has(c.path) && !fields.has(c.field));
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
    const missing = missingColumns(sheet, there.paths);
    if (missing.length < sheet.columns.length) gaps.recognized++;
    if (missing.length) gaps.columns.push({ name: there.name, sheet, missing });
  }
  return gaps;
}
