/**
 * The validation runner (DESIGN §5): compiled schema + the checks in core/checks → findings at cells.
 * Same verdict in the sidebar, the CLI and the backend, because they all call this.
 */
import { SourceMap, type Finding } from '../findings/finding';
import { templateSpec } from '../template/template-spec';
import { runChecks } from '../checks/run-checks';
import { isObject } from '../checks/json';
import type { CheckContext, Doc, ValidateSettings } from '../checks/types';
import { CellLocator } from './cell-locator';
import type { RawFinding } from './raw-finding';
import { schemaFindings } from './schema-findings';
import { VALIDATORS, type CompiledValidator } from './validators';
import './validate-messages';

/** The converted document set, as unflatten returns it. */
export interface Documents {
  releases?: unknown[];
  projects?: unknown[];
}

/**
 * Codes that describe "what is wrong with this value" and so compete for the same cell: the first one wins
 * (schema errors come first, the more specific program rules are dropped when the schema already said it).
 */
function sameCellFamily(code: string): boolean {
  return code.startsWith('schema.') || code === 'program.required' || code === 'amount.currencyMissing';
}

function nowOf(settings: ValidateSettings): number {
  if (settings.now === undefined) return Date.now();
  const t = settings.now instanceof Date ? settings.now.getTime() : Date.parse(settings.now);
  return Number.isNaN(t) ? Date.now() : t;
}

function runSchema(items: unknown[], root: string, validator: CompiledValidator, standard: 'ocds' | 'oc4ids', out: RawFinding[]): Doc[] {
  const docs: Doc[] = [];
  for (let i = 0; i < items.length; i++) {
    const data = items[i];
    const pointer = `/${root}/${i}`;
    if (!validator(data)) out.push(...schemaFindings(validator.errors, data, pointer, standard));
    if (isObject(data)) docs.push({ data, pointer });
  }
  return docs;
}

/** The findings of a document set before one is kept per cell: the schema's, then each check's, in CHECKS order. */
function rawFindings(documents: Documents, settings: ValidateSettings): RawFinding[] {
  const raw: RawFinding[] = [];
  const releases = runSchema(documents.releases ?? [], 'releases', VALIDATORS.release, 'ocds', raw);
  const projects = runSchema(documents.projects ?? [], 'projects', VALIDATORS.project, 'oc4ids', raw);
  const ctx: CheckContext = {
    releases, projects, settings, now: nowOf(settings),
    report: (code, severity, pointer, params = {}) => { raw.push({ code, severity, pointer, params }); },
  };
  runChecks(ctx);
  return raw;
}

/** One finding per cell (see sameCellFamily), each with its cell when the documents came from a workbook. */
function keepFirstPerCell(raw: RawFinding[], sourceMap: SourceMap = new SourceMap()): Finding[] {
  // A package read from JSON has no cells: asking for each finding's cell was a tenth of `validate paquete.json`.
  const locator = sourceMap.empty ? undefined : new CellLocator(sourceMap, templateSpec());
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const f of raw) {
    const key = sameCellFamily(f.code) ? f.pointer : `${f.code}\u0000${f.pointer}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const finding: Finding = { code: f.code, severity: f.severity, pointer: f.pointer, params: f.params };
    const cell = locator?.cellOf(f.pointer);
    if (cell) finding.cell = cell;
    findings.push(finding);
  }
  return findings;
}

export function validate(documents: Documents, sourceMap: SourceMap = new SourceMap(), settings: ValidateSettings = {}): Finding[] {
  return keepFirstPerCell(rawFindings(documents, settings), sourceMap);
}
