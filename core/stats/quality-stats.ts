/**
 * Data-quality aggregates of one publication for the dashboard's *Calidad de datos* page (DESIGN §5):
 * completeness of the program's fields (the template's non-key columns) per document type and per field, and
 * CoST IDS coverage. Field titles travel with the figures so the dashboard need not bundle the template spec.
 */
import { completeness, type DocumentCompleteness } from '../validate/completeness';
import { templateSpec } from '../template/template-spec';
import type { TemplateSpec } from '../template/spec';
import { COST_IDS_ELEMENTS, assessCostIds, type CostIdsAssessment } from './cost-ids';

export interface FieldCoverage {
  standard: 'ocds' | 'oc4ids';
  field: string;
  title: string;
  /** Documents (processes or projects) that fill the field. */
  filled: number;
  total: number;
}
export interface QualityStats {
  /** Share (0–1) of the program's fields filled, pooled over all projects / all processes. */
  projectsShare: number;
  processesShare: number;
  fields: FieldCoverage[];
  /**
   * Per CoST IDS point: of the `total` projects it is due for (their stage reached, or disclosed early), how many
   * disclose it (core/stats/cost-ids.ts).
   */
  costIds: { id: string; disclosed: number; total: number }[];
}

/**
 * The version of how computeQuality() judges; raise it when it judges differently. Stats stored with an earlier
 * version (none written: version 1) are judged again from the publication's records and projects when read
 * (functions/src/api/public-routes.ts), as an index of an earlier INDEX_VERSION is. Version 2: CoST IDS points judged
 * point by point as OC4IDS 0.9.5 maps them, each over the projects whose stage asks for it (core/stats/cost-ids.ts).
 * Version 3: a process's fields of a stage it has not reached are not counted (core/validate/completeness.ts).
 * Version 4: a cancelled project is asked only for its identification points (cost-ids.ts stagesReached).
 * Version 5: a project's stage dates (OC4IDS 0.9.5 `…Period`, columns of the template since then) are counted for the
 * stages its status reached (core/validate/completeness.ts).
 */
export const QUALITY_VERSION = 5;

function pooled(docs: DocumentCompleteness[]): number {
  const total = docs.reduce((n, d) => n + d.total, 0);
  return total ? Math.round((docs.reduce((n, d) => n + d.filled, 0) / total) * 1000) / 1000 : 0;
}

/**
 * `records` are OCDS records: their compiled releases are what a reader sees of each process. `assessed`: each
 * project's CoST IDS points when the caller judged them already (pending.ts assessProjects, with or without the
 * processes other implementers publish: a point is counted alike either way).
 */
export function computeQuality(records: unknown[], projects: unknown[], spec: TemplateSpec = templateSpec(), assessed?: readonly CostIdsAssessment[][]): QualityStats {
  const releases = records.map((r) => (r && typeof r === 'object' ? (r as { compiledRelease?: unknown }).compiledRelease : undefined));
  const report = completeness({ releases, projects }, spec);
  // How many documents miss each field, counted in one pass (not one scan of every document per column); and how
  // many it is not due of yet (a stage the process has not reached: completeness.ts), which its total leaves out.
  const countOf = (docs: DocumentCompleteness[], list: 'missing' | 'notDue'): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const d of docs) for (const field of new Set(d[list])) counts.set(field, (counts.get(field) ?? 0) + 1);
    return counts;
  };
  const missing = { ocds: countOf(report.releases, 'missing'), oc4ids: countOf(report.projects, 'missing') };
  const notDue = { ocds: countOf(report.releases, 'notDue'), oc4ids: countOf(report.projects, 'notDue') };
  const fields: FieldCoverage[] = [];
  const seen = new Set<string>();
  for (const sheet of spec.sheets) {
    const docs = sheet.standard === 'ocds' ? report.releases : report.projects;
    for (const column of sheet.columns) {
      const key = `${sheet.standard}:${column.field}`;
      if (column.key || seen.has(key)) continue;
      seen.add(key);
      const total = docs.length - (notDue[sheet.standard].get(column.field) ?? 0);
      fields.push({ standard: sheet.standard, field: column.field, title: column.title, filled: total - (missing[sheet.standard].get(column.field) ?? 0), total });
    }
  }
  return {
    projectsShare: pooled(report.projects),
    processesShare: pooled(report.releases),
    fields,
    costIds: costIdsCoverage(projects, assessed),
  };
}

/**
 * Each point's disclosed / due count over the projects, each project assessed once. A point lacking only in processes
 * another implementer publishes (`elsewhere`, when `assessed` was judged with them) is due and not disclosed, as
 * `missing` is: the counts are the same whoever must publish it.
 */
function costIdsCoverage(projects: unknown[], assessed?: readonly CostIdsAssessment[][]): QualityStats['costIds'] {
  const counts = COST_IDS_ELEMENTS.map((e) => ({ id: e.id, disclosed: 0, total: 0 }));
  for (const [n, project] of projects.entries()) {
    (assessed?.[n] ?? assessCostIds(project)).forEach((a, i) => {
      if (a.state === 'notDue' || a.state === 'notApplicable') return;
      counts[i].total++;
      if (a.state === 'disclosed') counts[i].disclosed++;
    });
  }
  return counts;
}
