/**
 * The one place the add-on calls the core pipeline (DESIGN §1, core/pipeline/check-workbook.ts) and measures
 * completeness. Nothing is converted or checked anywhere else in the add-on.
 */
import type { Finding } from '../../../core/findings/finding';
import { checkWorkbook, nothingToSend } from '../../../core/pipeline/check-workbook';
import { completeness } from '../../../core/validate/index';
import { linkReferences, linksCheckedAtSending, placed } from '../../../core/pipeline/links-checked-at-sending';
import type { LinkCheckRequest } from '../../../core/workflow/link-check';
import type { WorkbookModel } from '../../../core/workbook/model';

export interface PipelineResult {
  findings: Finding[];
  /** Share (0–100) of the program's fields filled over all documents; null when there are none. */
  completeness: number | null;
}

export type Pipeline = (workbook: WorkbookModel) => PipelineResult;

/**
 * What the server says about the workbook's references to other implementers (POST /api/link-check: the findings a
 * send adds, by pointer), or undefined when it could not be asked. Asked once per validation, only when there are any.
 */
export type LinkLookup = (references: Omit<LinkCheckRequest, 'publisherId'>) => Finding[] | undefined;

/**
 * The pipeline with the institution's registered prefixes when the add-on could learn them from its server: they win
 * over the Configuración sheet, as on the server (core/pipeline/check-workbook.ts), so «Validar» and «Enviar» agree.
 * `links` (Validar only): what sending adds from the registry (published-elsewhere.ts) — a process of another
 * implementer it has not published, a project of another that does not list the process — asked of the server, or,
 * when it cannot be asked, said at each such cell as checked at sending. Without it, the official learnt them only
 * after «Enviar».
 */
export function pipelineWith(prefixes?: { ocidPrefix: string; projectIdPrefix: string }, links?: LinkLookup): Pipeline {
  return (workbook) => {
    const checked = checkWorkbook(workbook, prefixes ? { ocidPrefix: prefixes.ocidPrefix, projectIdPrefix: prefixes.projectIdPrefix } : {});
    const pooled = completeness({ releases: checked.releases, projects: checked.projects }).publisher;
    const findings = [...checked.findings, ...nothingToSend(workbook, checked)];
    if (links) {
      const references = linkReferences(checked);
      const told = references.processes.length || references.named.length ? links(references) : [];
      findings.push(...(told ? told.map((f) => ({ ...f, ...placed(checked.sourceMap, f.pointer) })) : linksCheckedAtSending(references, checked.sourceMap, true)));
    }
    return { findings, completeness: pooled.total === 0 ? null : Math.round(pooled.share * 1000) / 10 };
  };
}
