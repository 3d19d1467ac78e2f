/**
 * «Validar» on a spreadsheet whose template an earlier add-on made: what the current template has that it lacks
 * (core/template/template-behind.ts), with the add-on's way to get it, «Crear plantilla». From the values already
 * read (row 2 of each sheet): no call to Sheets more. A spreadsheet with none of the template's sheets is told to
 * create it (workbook.no-template), not what it lacks.
 */
import type { Finding } from '../../../core/findings/finding';
import { templateBehindFindings } from '../../../core/template/template-behind';
import { templateGaps } from '../../../core/template/template-gaps';
import { templateSpec } from '../../../core/template/template-spec';
import type { WorkbookModel } from '../../../core/workbook/model';

export function templateCheck(workbook: WorkbookModel): Finding[] {
  const text = (row: readonly unknown[] | undefined): string[] => (row ?? []).map((v) => (typeof v === 'string' ? v : ''));
  const found = workbook.sheets.map((s) => ({ name: s.name, paths: text(s.rows[1]), titles: text(s.rows[0]) }));
  const gaps = templateGaps(templateSpec(), found);
  return gaps.recognized ? templateBehindFindings(gaps, 'addon') : [];
}
