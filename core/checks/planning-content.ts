/**
 * A process still at planning (past-planning.ts) says something of its planning. Until planning-only processes
 * could be published, a row with its ocid alone was refused for its eight missing tender columns; now it would be
 * published as a planning release with nothing in it — a leftover row, a copy gone wrong. `process.planningEmpty`
 * (error), at the row's ocid cell. INAI's capture tool flags a missing planning rationale (rules.md R-40).
 */
import { hasPlanning, pastPlanning } from './past-planning';
import { sheetOfField } from '../template/sheet-of-field';
import { templateSpec } from '../template/template-spec';
import type { Check } from './types';

let documentsSheet: string | undefined;

export const planningContent: Check = ({ releases, report }) => {
  for (const { data, pointer } of releases) {
    if (pastPlanning(data) || hasPlanning(data)) continue;
    documentsSheet ??= sheetOfField(templateSpec(), 'ocds', 'planning/documents/documentType')?.sheet ?? 'planning/documents';
    report('process.planningEmpty', 'error', `${pointer}/ocid`, { sheet: documentsSheet });
  }
};
