/**
 * The one place the add-on calls the core pipeline (DESIGN §1, core/pipeline/check-workbook.ts) and measures
 * completeness. Nothing is converted or checked anywhere else in the add-on.
 */
import type { Finding } from '../../../core/findings/finding';
import { checkWorkbook, nothingToSend } from '../../../core/pipeline/check-workbook';
import { completeness } from '../../../core/validate/index';
import type { WorkbookModel } from '../../../core/workbook/model';

export interface PipelineResult {
  findings: Finding[];
  /** Share (0–100) of the program's fields filled over all documents; null when there are none. */
  completeness: number | null;
}

export type Pipeline = (workbook: WorkbookModel) => PipelineResult;

/**
 * The pipeline with the institution's registered prefixes when the add-on could learn them from its server: they win
 * over the Configuración sheet, as on the server (core/pipeline/check-workbook.ts), so «Validar» and «Enviar» agree.
 */
export function pipelineWith(prefixes?: { ocidPrefix: string; projectIdPrefix: string }): Pipeline {
  return (workbook) => {
    const checked = checkWorkbook(workbook, prefixes ? { ocidPrefix: prefixes.ocidPrefix, projectIdPrefix: prefixes.projectIdPrefix } : {});
    const pooled = completeness({ releases: checked.releases, projects: checked.projects }).publisher;
    return { findings: [...checked.findings, ...nothingToSend(workbook, checked)], completeness: pooled.total === 0 ? null : Math.round(pooled.share * 1000) / 10 };
  };
}
