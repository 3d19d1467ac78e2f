/**
 * The one pipeline every shell runs on a workbook (DESIGN §1): convert with the cell source map, validate, and
 * merge the two lists of findings so that each cell gets one explanation. The add-on, the CLI and the backend
 * call this and nothing else, so they give the same verdict on the same data.
 */
import type { CellRef, Finding } from '../findings/finding';
import { unflatten, type UnflattenResult } from '../unflatten';
import { validate } from '../validate';
import type { WorkbookModel } from '../workbook/model';

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
    ...(options.now ? { now: options.now } : {}),
  };
  // A cell whose value could not be read (not a number, formula error…) is also "missing" to the validator:
  // the conversion error already says what to fix there, so validation findings on that cell are dropped.
  const unreadable = new Set(converted.findings.filter((f) => f.severity === 'error' && f.cell?.column !== undefined).map((f) => cellKey(f.cell as CellRef)));
  const checked = validate({ releases: converted.releases, projects: converted.projects }, converted.sourceMap, settings)
    .filter((f: Finding) => !(f.cell && unreadable.has(cellKey(f.cell))));
  return { ...converted, settings, findings: [...converted.findings, ...checked] };
}
