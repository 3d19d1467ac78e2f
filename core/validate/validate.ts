/**
 * The validation runner (DESIGN §5): compiled schema + the checks in core/checks → findings at cells.
 * Same verdict in the sidebar, the CLI and the backend, because they all call this.
 */
import { SourceMap, type Finding } from '../findings/finding';
import { templateSpec } from '../template/template-spec';
import { CheckRun } from '../checks/run-checks';
import { isObject } from '../checks/json';
import type { ValidateSettings } from '../checks/types';
import { CellLocator } from './cell-locator';
import type { RawFinding } from './raw-finding';
import { schemaFindings } from './schema-findings';
import { VALIDATORS } from './validators';
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
  return code.startsWith('schema.') || code === 'url.localFile' || code === 'program.required' || code === 'program.requiredTender' || code === 'program.requiredDerived' || code === 'amount.currencyMissing';
}

function nowOf(settings: ValidateSettings): number {
  if (settings.now === undefined) return Date.now();
  const t = settings.now instanceof Date ? settings.now.getTime() : Date.parse(settings.now);
  return Number.isNaN(t) ? Date.now() : t;
}

/**
 * Validation of documents given one at a time: each is checked against the schema and by every check when it is
 * added, and only the findings (and the little the cross-document checks remember) are kept, so a caller that reads
 * a package item by item can drop each one after `add` (issue 17). Releases first, then projects. `validate` is
 * this with all the documents at once: the findings are the same, in the same order — the schema's, then each
 * check's in CHECKS order.
 */
export class Validation {
  private readonly schema: RawFinding[] = [];
  private readonly checks: CheckRun;

  constructor(settings: ValidateSettings = {}) {
    this.checks = new CheckRun(settings, nowOf(settings));
  }

  /** Item `index` of the document set's `releases` or `projects`. */
  add(root: 'releases' | 'projects', data: unknown, index: number): void {
    const pointer = `/${root}/${index}`;
    const standard = root === 'releases' ? 'ocds' : 'oc4ids';
    const validator = root === 'releases' ? VALIDATORS.release : VALIDATORS.project;
    if (!validator(data)) this.schema.push(...schemaFindings(validator.errors, data, pointer, standard));
    if (isObject(data)) this.checks.add({ data, pointer }, standard);
  }

  findings(sourceMap: SourceMap = new SourceMap()): Finding[] {
    const raw = [...this.schema];
    this.checks.report((code, severity, pointer, params = {}) => { raw.push({ code, severity, pointer, params }); });
    return keepFirstPerCell(raw, sourceMap);
  }
}

/**
 * A finding that names an earlier value (`firstPointer`, with `first` its position in the list) says where that is as
 * its reader can find it (`firstAt`): the row of the sheet when the documents came from a workbook, the item of the
 * list in a package read from JSON. «el elemento 19 de esta lista» meant nothing to someone looking at rows.
 */
function withFirstAt(params: Finding['params'], locator: CellLocator | undefined): Finding['params'] {
  if (typeof params.firstPointer !== 'string') return params;
  const cell = locator?.cellOf(params.firstPointer);
  return { ...params, firstAt: cell?.row !== undefined ? `la fila ${cell.row}` : `el elemento ${String(params.first)} de esta lista` };
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
    const finding: Finding = { code: f.code, severity: f.severity, pointer: f.pointer, params: withFirstAt(f.params, locator) };
    const cell = locator?.cellOf(f.pointer);
    if (cell) finding.cell = cell;
    findings.push(finding);
  }
  return findings;
}

export function validate(documents: Documents, sourceMap: SourceMap = new SourceMap(), settings: ValidateSettings = {}): Finding[] {
  const validation = new Validation(settings);
  (documents.releases ?? []).forEach((data, i) => validation.add('releases', data, i));
  (documents.projects ?? []).forEach((data, i) => validation.add('projects', data, i));
  return validation.findings(sourceMap);
}
