/**
 * The one pipeline every shell runs on a workbook (DESIGN §1): convert with the cell source map, validate, and
 * merge the two lists of findings so that each cell gets one explanation. The add-on, the CLI and the backend
 * call this and nothing else, so they give the same verdict on the same data.
 */
import { inReadingOrder } from '../findings/reading-order';
import { finding, type CellRef, type Finding } from '../findings/finding';
import { normalizeLabel, unflatten, type UnflattenResult } from '../unflatten';
import { templateSpec } from '../template/template-spec';
import { validate } from '../validate';
import type { WorkbookModel } from '../workbook/model';
import { CATALOG_SHEET } from '../template/settings';
import { templateGaps } from '../template/template-gaps';
import { templateBehindFindings } from '../template/template-behind';

export interface CheckOptions {
  /** Conversion and validation time (ISO 8601): stamps derived fields and bounds "no future dates". */
  now?: string;
  /** The publisher's registered prefixes; they win over what the workbook's Configuración says. */
  ocidPrefix?: string;
  projectIdPrefix?: string;
}

export type CheckResult = UnflattenResult;

const cellKey = (cell: CellRef): string => `${cell.sheet}\u0000${cell.row ?? ''}\u0000${cell.column ?? ''}`;

export function checkWorkbook(workbook: WorkbookModel, options: CheckOptions = {}): CheckResult {
  const converted = unflatten(workbook, options.now ? { now: options.now } : {});
  const settings = {
    ...converted.settings,
    ...(options.ocidPrefix ? { ocidPrefix: options.ocidPrefix } : {}),
    ...(options.projectIdPrefix ? { projectIdPrefix: options.projectIdPrefix } : {}),
    ...(options.ocidPrefix || options.projectIdPrefix ? { prefixesRegistered: true } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  // A cell whose value could not be read (not a number, formula error…) is also "missing" to the validator:
  // the conversion error already says what to fix there, so validation findings on that cell are dropped.
  const unreadable = new Set(converted.findings.filter((f) => f.severity === 'error' && f.cell?.column !== undefined).map((f) => cellKey(f.cell as CellRef)));
  const checked = validate({ releases: converted.releases, projects: converted.projects }, converted.sourceMap, settings)
    .filter((f: Finding) => !(f.cell && unreadable.has(cellKey(f.cell))));
  return { ...converted, settings, findings: onePerCellAndCode([...converted.findings, ...checked, ...templateBehind(workbook)]) };
}

/**
 * A file made from the template (it keeps the template's hidden «Catálogos») is told what an earlier template it came
 * from lacks of the current one (core/template/template-behind.ts). Only then: a workbook of one's own, or a test's
 * few columns, is no template behind. The add-on does not read «Catálogos» and says it itself, with its menu's words.
 */
function templateBehind(workbook: WorkbookModel): Finding[] {
  const sheets = Array.isArray(workbook?.sheets) ? workbook.sheets.filter((s) => typeof s?.name === 'string') : [];
  if (!sheets.some((s) => normalizeLabel(s.name) === normalizeLabel(CATALOG_SHEET))) return [];
  const text = (row: unknown): string[] => (Array.isArray(row) ? row.map((v) => (typeof v === 'string' ? v : '')) : []);
  const found = sheets.map((s) => ({ name: s.name, paths: text(s.rows?.[1]), titles: text(s.rows?.[0]) }));
  const gaps = templateGaps(templateSpec(), found);
  return gaps.recognized ? templateBehindFindings(gaps, 'file') : [];
}

/**
 * A workbook with no process and no project has nothing to submit or publish (`workbook.empty`, error): a blank
 * template sent for review was accepted with «0 errores», and approving it meant nothing. Submission and publication
 * add it; the sidebar and the CLI check a workbook while it is being filled in, and say it their own way.
 */
export function nothingToPublish(result: { releases: readonly unknown[]; projects: readonly unknown[] }): Finding[] {
  return result.releases.length || result.projects.length ? [] : [finding('workbook.empty', 'error', {})];
}

/**
 * The verdict submission and publication give on a checked workbook: nothingToPublish's finding with the check's, in
 * the workbook's tab order as the CLI lists them (the pages show a send's and a refused approval's as kept).
 */
export function verdictFindings(workbook: WorkbookModel, result: { findings: readonly Finding[]; releases: readonly unknown[]; projects: readonly unknown[] }): Finding[] {
  return inReadingOrder([...nothingToPublish(result), ...result.findings], workbook.sheets.map((s) => s.name));
}

/**
 * The same for a workbook being filled in (the add-on's «Validar»): without a process or a project there is nothing to
 * send, said as sending says it, or, when none of its sheets is one of the template's (a new spreadsheet), that the
 * template is still to be created (`workbook.no-template`). «Validar» said «no se encontraron errores» to both, and
 * offered to send what the server then refused.
 */
export function nothingToSend(workbook: WorkbookModel, result: { releases: readonly unknown[]; projects: readonly unknown[] }): Finding[] {
  const empty = nothingToPublish(result);
  if (!empty.length) return empty;
  const names = new Set(templateSpec().sheets.map((s) => normalizeLabel(s.name)));
  const hasTemplate = (workbook.sheets ?? []).some((s) => typeof s?.name === 'string' && names.has(normalizeLabel(s.name)));
  return hasTemplate ? empty : [finding('workbook.no-template', 'error', {})];
}

/** Validation codes that say, about a cell, what a conversion code already says (the conversion's is kept). */
const SAME_AS: Record<string, string> = { 'codelist.unknownOpen': 'cell.code-not-in-list' };

/**
 * One finding per cell and code: several pointers can come from one cell (each item of a `;` list, a value
 * copied into a derived field), and conversion and validation can say the same thing about it. Repeats are
 * folded into the first finding, listing every distinct `value` («a; b»); findings that differ in anything
 * else, and findings about a whole row, sheet or workbook, are kept as they are.
 */
function onePerCellAndCode(findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  const index = new Map<string, number>();
  const rest = (f: Finding): string => JSON.stringify(Object.entries(f.params).filter(([k]) => k !== 'value').sort(([a], [b]) => (a < b ? -1 : 1)));
  for (const f of findings) {
    if (f.cell?.column === undefined) { out.push(f); continue; }
    const key = `${cellKey(f.cell)}\u0000${SAME_AS[f.code] ?? f.code}\u0000${f.severity}`;
    const at = index.get(key);
    const kept = at === undefined ? undefined : out[at];
    if (at === undefined || !kept || rest(kept) !== rest(f)) {
      if (at === undefined) index.set(key, out.length);
      out.push(f);
      continue;
    }
    const values = String(kept.params.value ?? '').split('; ');
    const value = f.params.value;
    if (value !== undefined && !values.includes(String(value))) out[at] = { ...kept, params: { ...kept.params, value: `${kept.params.value}; ${value}` } };
  }
  return out;
}
