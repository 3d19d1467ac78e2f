/** *Validar*: read every data sheet once, run the core pipeline, re-mark the cells, summarise for the sidebar. */
import type { SpreadsheetPort } from '../sheet-port';
import type { WorkbookModel } from '../../../core/workbook/model';
import type { SheetPlan, ValidationReport } from '../rpc-types';
import type { Pipeline } from './core-pipeline';
import { pagedFindings, type LaterPages } from './group-findings';
import { keepLaterPages, type CachePort } from './later-findings';
import { applyMarks, planMarks, type MarkReach, type SheetSize } from './marks';
import { dataSheets, readWorkbook } from './read-workbook';
import { localeFindings } from './locale-check';
import { templateCheck } from './template-check';
import type { Deadline } from './time-limit';

/** Cheap first step for the progress display: which sheets will be read and how many rows each has. */
export function validationPlan(ss: SpreadsheetPort): SheetPlan[] {
  return dataSheets(ss).map((ws) => ({ name: ws.name(), rows: ws.lastRow() }));
}

/**
 * `compare`, when given, is asked about the workbook just read whether it differs from what was sent (the sheet is
 * read once: in Apps Script the reading is most of «Validar»'s time).
 */
export function runValidation(ss: SpreadsheetPort, pipeline: Pipeline, compare?: (workbook: WorkbookModel) => boolean | null, keep?: { cache: CachePort; log: (error: unknown) => void }, marks?: MarkReach, deadline?: Deadline): ValidationReport {
  const { report, later } = validateWorkbook(ss, pipeline, compare, marks, deadline);
  // Only «Validar» keeps the pages «Ver N más» shows: sending shows no list.
  const run = keep ? keepLaterPages(keep.cache, report.groups, later, keep.log) : undefined;
  return run ? { ...report, run } : report;
}

/**
 * The same, with the values it read: sending sends those (one `getValues()` per sheet in all; reading every sheet
 * again doubled the time a large workbook takes to send, within Apps Script's six minutes).
 */
export function validateWorkbook(ss: SpreadsheetPort, pipeline: Pipeline, compare?: (workbook: WorkbookModel) => boolean | null, marks?: MarkReach, deadline?: Deadline): { report: ValidationReport; workbook: WorkbookModel; later: LaterPages[] } {
  const sheets = dataSheets(ss);
  const workbook = readWorkbook(sheets, ss.timeZone());
  const result = pipeline(workbook);
  const findings = [...localeFindings(ss), ...templateCheck(workbook), ...result.findings];
  const completeness = result.completeness;
  // Each sheet's size as read (its values are getDataRange's: as many rows and columns as it has content).
  const sizes = workbook.sheets.map((s): SheetSize => [s.rows.length, s.rows.reduce((n, row) => Math.max(n, row.length), 0)]);
  const { marked, stopped } = applyMarks(planMarks(findings), sheets, marks, deadline, sizes);
  const { groups, later } = pagedFindings(findings, workbook.sheets.map((s) => s.name));
  const report: ValidationReport = {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    completeness,
    sheets: workbook.sheets.map((s, i) => ({ name: s.name, rows: s.rows.length, id: sheets[i].id() })),
    groups,
    marked,
    ...(stopped ? { marksStopped: true } : {}),
    ...(compare ? { sheetChanged: compare(workbook) } : {}),
  };
  return { report, workbook, later };
}
