/**
 * The one place the add-on calls the core pipeline (DESIGN §1): unflatten with the cell source map, then
 * validate and measure completeness. Nothing is converted or checked anywhere else in the add-on.
 */
import type { Finding } from '../../../core/findings/finding';
import { unflatten } from '../../../core/unflatten/index';
import { completeness, validate } from '../../../core/validate/index';
import type { WorkbookModel } from '../../../core/workbook/model';

export interface PipelineResult {
  findings: Finding[];
  /** Share (0–100) of the program's fields filled over all documents; null when there are none. */
  completeness: number | null;
}

export type Pipeline = (workbook: WorkbookModel) => PipelineResult;

export const corePipeline: Pipeline = (workbook) => {
  const converted = unflatten(workbook);
  const docs = { releases: converted.releases, projects: converted.projects };
  const findings = [...converted.findings, ...validate(docs, converted.sourceMap, converted.settings)];
  const pooled = completeness(docs).publisher;
  return { findings, completeness: pooled.total === 0 ? null : Math.round(pooled.share * 1000) / 10 };
};
