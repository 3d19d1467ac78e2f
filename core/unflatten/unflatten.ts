/**
 * Workbook (sheets of cell values) → OCDS releases + OC4IDS projects + a cell source map + findings (DESIGN §1, §4).
 * Pure: no I/O, runs inside Apps Script, Cloud Functions and the CLI. Never throws: bad input becomes findings,
 * and an internal bug while reading a sheet becomes a `sheet.internal-error` finding for that sheet.
 */
import { hiddenColumnsWithData } from './hidden-columns';
import { finding, SourceMap, type Finding } from '../findings/finding';
import { PROFILES } from '../profile/profiles';
import { CATALOG_SHEET, INSTRUCTIONS_SHEET, README_SHEET, SETTINGS_SHEET } from '../template/settings';
import type { SheetSpec, TemplateSpec } from '../template/spec';
import { templateSpec } from '../template/template-spec';
import { cellStart, type SheetModel, type WorkbookModel } from '../workbook/model';
import { bindSheet, movedHeadings, type BoundSheet } from './bind-sheet';
import { isBlankCell } from './clean-cell';
import { ColumnResolver } from './column-resolver';
import { deriveProject, deriveRelease } from './derive-fields';
import { DocumentSet } from './document-builder';
import { applyFixups } from './fixups';
import { normalizeLabel } from './normalize-label';
import { readRows, type ParentSheets } from './read-rows';
import { mergeWarnings, readMerges } from './merged-cells';
import { monthFirstDates } from './month-first-dates';
import { dotThousands } from './dot-thousands';
import { isObject } from '../json/json-values';
import { defaultSettings, readSettings, settingsSheetOf, type PublisherSettings } from './settings-reader';
import './unflatten-messages';

export interface UnflattenOptions {
  /** Conversion time (ISO 8601) used for release `date` and project `updated`; default: now. */
  now?: string;
  spec?: TemplateSpec;
}

export interface UnflattenResult {
  releases: Record<string, unknown>[];
  projects: Record<string, unknown>[];
  sourceMap: SourceMap;
  findings: Finding[];
  settings: PublisherSettings;
}

const AUXILIARY = new Set([SETTINGS_SHEET, INSTRUCTIONS_SHEET, CATALOG_SHEET, README_SHEET].map(normalizeLabel));
const WORKBOOK = 'Libro';
export { MERGES_NAMED } from './merged-cells';

/** Configuración, Instrucciones, Catálogos, Léame: sheets the template writes for people, never read as data. */
export function isAuxiliarySheet(name: string): boolean {
  return AUXILIARY.has(normalizeLabel(name));
}

const resolvers = new WeakMap<TemplateSpec, ColumnResolver>();
export function resolverFor(spec: TemplateSpec): ColumnResolver {
  let r = resolvers.get(spec);
  if (!r) resolvers.set(spec, (r = new ColumnResolver(spec, PROFILES)));
  return r;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function internal(sheet: string, e: unknown): Finding {
  return finding('sheet.internal-error', 'error', { message: errorMessage(e).slice(0, 300) }, { cell: { sheet } });
}

/** Whether rows `from` to `to` (exclusive; the last row when not said) hold any value. */
function hasContent(rows: unknown[][], from: number, to = rows.length): boolean {
  for (let r = from; r < rows.length && r < to; r++) {
    const row = rows[r];
    if (Array.isArray(row) && row.some((v) => !isBlankCell(v))) return true;
  }
  return false;
}

/**
 * A second sheet of the template's columns for the same rows (the same standard and arrays): most often a copy kept
 * as a backup («Contratos (2)», Excel's copy; «Copia de Contratos», Google Sheets'), sometimes hidden. Its rows are
 * read as data like the others', so rows deleted since from the real sheet came back and were published, and old
 * values competed with the new ones. Said once per such sheet (warning, both are still read): the one named as the
 * template names it is the real one, else the first in the workbook. flatten-tool's own sheets may share a level.
 */
function copiedSheets(sheets: readonly BoundSheet[], resolver: ColumnResolver): Finding[] {
  const first = new Map<string, BoundSheet>();
  const out: Finding[] = [];
  const key = (s: BoundSheet): string => `${s.standard}\u0000${s.arrays.join('|')}`;
  // The template's own sheet of each level first, so a copy placed before it is the one named.
  const ordered = [...sheets].filter((s) => !s.flat).sort((a, b) => Number(!resolver.specSheet(a.name)) - Number(!resolver.specSheet(b.name)));
  for (const sheet of ordered) {
    const original = first.get(key(sheet));
    if (!original) { first.set(key(sheet), sheet); continue; }
    // Two sheets of one name exist only in a model a program built (a workbook's names are unique): not a copy.
    if (original.name !== sheet.name) out.push(finding('sheet.copy-of-sheet', 'warning', { other: original.name }, { cell: { sheet: sheet.name } }));
  }
  return out;
}

/** Where a row's missing parent should be: the first sheet of its level as this workbook names it, else the template's. */
function parentSheets(bound: readonly { sheet: BoundSheet }[], spec: TemplateSpec, unread: readonly SheetSpec[]): ParentSheets {
  const levels = new Map<string, { name: string; inWorkbook: boolean; unread?: boolean }>();
  const key = (standard: string, array: string): string => `${standard}\u0000${array}`;
  const add = (standard: string, array: string, name: string, inWorkbook: boolean, unreadSheet = false): void => {
    if (!levels.has(key(standard, array))) levels.set(key(standard, array), unreadSheet ? { name, inWorkbook, unread: true } : { name, inWorkbook });
  };
  for (const { sheet } of bound) add(sheet.standard, sheet.arrays[sheet.arrays.length - 1] ?? '', sheet.name, true);
  for (const sheet of unread) add(sheet.standard, sheet.array, sheet.name, true, true);
  for (const sheet of spec.sheets) add(sheet.standard, sheet.array, sheet.name, false);
  return (standard, arrays) => levels.get(key(standard, arrays[arrays.length - 1] ?? ''));
}

/**
 * A template sheet whose headings were not found: where they went when they are in the sheet but not in rows 1 and 2
 * (`sheet.headings-moved`, bind-sheet.ts's movedHeadings), or that they are not there (`sheet.header-missing`).
 */
function headingsMissing(model: SheetModel, specSheet: SheetSpec): Finding {
  const moved = movedHeadings(model, specSheet);
  const inPlace = moved && (moved.titlesRow ?? 1) === 1 && (moved.pathsRow ?? 2) === 2;
  if (!moved || inPlace) return finding('sheet.header-missing', 'error', {}, { cell: { sheet: model.name, row: 1 } });
  const first = Math.min(moved.titlesRow ?? Infinity, moved.pathsRow ?? Infinity);
  const params: Record<string, number> = {};
  if (moved.titlesRow !== undefined) params.titlesRow = moved.titlesRow;
  if (moved.pathsRow !== undefined) params.pathsRow = moved.pathsRow;
  if (moved.titlesRow !== undefined && moved.pathsRow !== undefined) params.both = 1;
  return finding('sheet.headings-moved', 'error', params, { cell: { sheet: model.name, row: first } });
}

/**
 * `row.parent-sheet-unread` once per sheet and unread parent sheet, at its first row, counting the others (`more`):
 * a «Contrataciones» sorted with its headings was one error there and one more for each row of every sheet below it,
 * 283 in the demo workbook, all saying the same. In place: `findings` is the result's own list.
 */
function oneUnreadParentPerSheet(findings: Finding[]): void {
  const first = new Map<string, Finding>();
  let kept = 0;
  for (const f of findings) {
    if (f.code === 'row.parent-sheet-unread') {
      const key = `${f.cell?.sheet ?? ''}\u0000${String(f.params.sheet)}`;
      const seen = first.get(key);
      if (seen) { seen.params.more = Number(seen.params.more ?? 0) + 1; continue; }
      first.set(key, f);
    }
    findings[kept++] = f;
  }
  findings.length = kept;
}

function sheetName(model: SheetModel, i: number): string {
  return typeof model?.name === 'string' && model.name !== '' ? model.name : `Hoja ${i + 1}`;
}

/** Hidden rows named in a sheet's warning; the rest are counted. */
const HIDDEN_ROWS_NAMED = 5;

/**
 * The hidden rows of a sheet that hold data (below its headings, `dataStart` 0-based): an official who hid rows to
 * «remove» them (or filtered them out) publishes them, as hiding does not take a row out of the file. Said once per
 * sheet, naming a few rows and counting all. Undefined when there are none, or the source gave nothing usable
 * (SheetModel.hiddenRows comes from a file or a request).
 */
function hiddenDataRows(hidden: unknown, dataStart: number): { count: number; named: string; first: number } | undefined {
  if (!isObject(hidden)) return undefined;
  const { count, rows } = hidden as { count?: unknown; rows?: unknown };
  if (typeof count !== 'number' || !Number.isInteger(count) || !Array.isArray(rows)) return undefined;
  const listed = rows.filter((r): r is number => typeof r === 'number' && Number.isInteger(r) && r >= 1);
  // Heading rows come first among those listed: the ones left out are taken from the count too.
  const data = listed.filter((r) => r > dataStart);
  const total = count - (listed.length - data.length);
  if (data.length === 0 || total <= 0) return undefined;
  const named = data.slice(0, HIDDEN_ROWS_NAMED);
  return { count: total, named: named.join(', ') + (total > named.length ? '…' : ''), first: named[0] };
}

/**
 * At most how many values the rows can record in the source map: each row's cells up to its last one (the reader
 * stops a row there), plus one for the row's RFC scheme (read-rows.ts). One look per row, no cell read.
 */
function valuesAtMost(bound: { rows: SheetModel['rows']; sheet: BoundSheet }[]): number {
  let n = 0;
  for (const { rows, sheet } of bound) for (let r = sheet.dataStart; r < rows.length; r++) n += (rows[r]?.length ?? 0) + 1;
  return n;
}

export function unflatten(workbook: WorkbookModel, options: UnflattenOptions = {}): UnflattenResult {
  const findings: Finding[] = [];
  const sourceMap = new SourceMap();
  const result: UnflattenResult = { releases: [], projects: [], sourceMap, findings, settings: defaultSettings() };
  const now = options.now ?? new Date().toISOString();
  try {
    const models: SheetModel[] = Array.isArray(workbook?.sheets) ? workbook.sheets : [];
    try {
      result.settings = readSettings(settingsSheetOf(models), findings);
    } catch (e) {
      findings.push(internal(SETTINGS_SHEET, e));
    }
    const zone = result.settings.timeZone;
    const spec = options.spec ?? templateSpec();
    const resolver = resolverFor(spec);
    const sets = { ocds: new DocumentSet('releases', 'ocid', sourceMap), oc4ids: new DocumentSet('projects', 'id', sourceMap) };

    // Template sheets present but not read (their headings not found): a row below them whose parent is there is told
    // so, not that the workbook lacks the sheet.
    const unread: SheetSpec[] = [];
    const bound: { rows: SheetModel['rows']; sheet: BoundSheet; links?: Record<string, unknown>; formulas?: Record<string, unknown> }[] = [];
    models.forEach((model, i) => {
      const name = sheetName(model, i);
      try {
        if (isAuxiliarySheet(name)) return;
        const rows = Array.isArray(model?.rows) ? model.rows.map((row) => (Array.isArray(row) ? row : [])) : [];
        const named = { name, rows, merges: model?.merges };
        const res = bindSheet(named, resolver, findings);
        if (res.kind === 'none') {
          const specSheet = resolver.specSheet(name);
          if (specSheet) {
            unread.push(specSheet);
            findings.push(headingsMissing(named, specSheet));
          }
          else if (hasContent(rows, 0, 100)) findings.push(finding('sheet.not-a-template', 'info', {}, { cell: { sheet: name } }));
          return;
        }
        const merges = Array.isArray(model.merges) ? model.merges : [];
        // The reader may have kept only the first ranges of a sheet (a file can declare millions): all are counted.
        const total = typeof model.mergeCount === 'number' && model.mergeCount > merges.length ? model.mergeCount : merges.length;
        let read = rows;
        if (res.kind === 'bound') {
          const merged = readMerges(rows, res.sheet, merges, total);
          read = merged.rows;
          findings.push(...merged.findings);
        } else findings.push(...mergeWarnings(name, merges, total));
        const noResult = model.formulasWithoutResult;
        if (noResult && noResult.count > 0 && Array.isArray(noResult.cells)) {
          const first = cellStart(String(noResult.cells[0] ?? ''));
          findings.push(finding('sheet.formulas-without-result', 'warning', { count: noResult.count, cells: noResult.cells.join(', ') + (noResult.count > noResult.cells.length ? '…' : '') }, { cell: first ? { sheet: name, ...first } : { sheet: name } }));
        }
        if (res.kind === 'bound') {
          const hidden = hiddenDataRows(model.hiddenRows, res.sheet.dataStart);
          if (hidden) findings.push(finding('sheet.hidden-rows', 'warning', { count: hidden.count, rows: hidden.named }, { cell: { sheet: name, row: hidden.first } }));
          findings.push(...hiddenColumnsWithData(read, res.sheet, model.hiddenColumns));
          findings.push(...monthFirstDates(read, res.sheet), ...dotThousands(read, res.sheet));
          bound.push({ rows: read, sheet: res.sheet, links: isObject(model.links) ? (model.links as Record<string, unknown>) : undefined, formulas: isObject(model.formulas) ? (model.formulas as Record<string, unknown>) : undefined });
        }
      } catch (e) {
        findings.push(internal(name, e));
      }
    });

    // Only sheets with rows under their headers: an empty «Contratos» that «Crear plantilla» added back is no copy.
    findings.push(...copiedSheets(bound.filter((b) => hasContent(b.rows, b.sheet.dataStart)).map((b) => b.sheet), resolver));
    // Parents before children: root sheets first, then by depth (stable, so the workbook's order breaks ties).
    bound.sort((a, b) => a.sheet.arrays.length - b.sheet.arrays.length);
    sourceMap.reserve(valuesAtMost(bound));
    const parents = parentSheets(bound, spec, unread);
    for (const { rows, sheet, links, formulas } of bound) {
      try {
        readRows(rows, sheet, sets[sheet.standard], zone, findings, { parents, links, formulas, date1904: workbook.date1904 === true });
      } catch (e) {
        findings.push(internal(sheet.name, e));
      }
    }

    if (unread.length) oneUnreadParentPerSheet(findings);

    for (const set of [sets.ocds, sets.oc4ids]) {
      const out = set.collection === 'releases' ? result.releases : result.projects;
      set.docs.forEach((doc, i) => {
        const pointer = `/${set.collection}/${i}`;
        try {
          applyFixups(doc, pointer, sourceMap, findings);
          out.push(set.collection === 'releases' ? deriveRelease(doc, now) : deriveProject(doc, now));
        } catch (e) {
          findings.push(internal(sourceMap.get(`${pointer}/${set.rootKey}`)?.sheet ?? WORKBOOK, e));
          out.push(doc);
        }
      });
    }
  } catch (e) {
    findings.push(internal(WORKBOOK, e));
  }
  return result;
}
