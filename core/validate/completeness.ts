/**
 * Completeness (DESIGN §5): the share of the program's fields (every non-key column of the template) that a
 * process or project fills. A field of a child sheet counts once it is filled in any of its rows.
 *
 * A process's fields of a stage it has not reached are not due, so not counted (`notDue`): the tender's until it is
 * past planning (core/checks/past-planning.ts), the awards' until it has an award or a contract, the contracts'
 * (their implementation too) until it has a contract. A work of the annual programme, published before its
 * tender (an OCDS `planning` release), scored a third of what it could publish, for data no one could have yet.
 * A project's dates of a stage it has not reached (OC4IDS 0.9.5 `maintenancePeriod` of a project in execution) are
 * not due either: its status says which it reached (projectStatus, in the order a project lives them).
 */
import type { Standard } from '../profile/types';
import type { TemplateSpec } from '../template/spec';
import { templateSpec } from '../template/template-spec';
import { isFilled, isObject, objectsAlong, stringAt, valueAtSegments } from '../checks/json';
import type { Documents } from './validate';
import { pastPlanning } from '../checks/past-planning';
import { PROJECT_STAGES, projectStagesReached, stagePeriodField, type ProjectStage } from '../stats/project-stages';

export interface CompletenessScore { filled: number; total: number; share: number }
export interface DocumentCompleteness extends CompletenessScore {
  pointer: string;
  id: string;
  missing: string[];
  /** Fields of stages the process has not reached (in template order): neither filled nor missing. */
  notDue: string[];
}
export interface CompletenessReport {
  releases: DocumentCompleteness[];
  projects: DocumentCompleteness[];
  /** Per publisher: every field of every document it holds, pooled. */
  publisher: CompletenessScore;
}

/** The stages whose fields wait for the process to reach them (a field's first path segment). */
type ProcessStage = 'tender' | 'awards' | 'contracts';
const STAGED = new Set<string>(['tender', 'awards', 'contracts']);

/** Each project stage's period field (OC4IDS 0.9.5 `…Period`) and its stage. */
const STAGE_PERIOD = new Map<string, ProjectStage>(PROJECT_STAGES.map((stage) => [stagePeriodField(stage), stage]));

type Stage = ProcessStage | ProjectStage;

/** A field, its path under its sheet's rows, and its place in the template (the order `missing` lists it in). */
interface FieldSlot { field: string; segments: string[]; order: number; stage?: Stage }

const nonEmpty = (v: unknown): boolean => Array.isArray(v) && v.length > 0;

/** Which stages' fields are due of a process. */
function dueStages(data: Record<string, unknown>): ReadonlySet<Stage> {
  const contracts = nonEmpty(data.contracts);
  const due = new Set<Stage>();
  if (pastPlanning(data)) due.add('tender');
  if (contracts || nonEmpty(data.awards)) due.add('awards');
  if (contracts) due.add('contracts');
  return due;
}

const ALL_DUE: ReadonlySet<Stage> = new Set<Stage>([...STAGED as Set<ProcessStage>, ...PROJECT_STAGES]);


/**
 * The program's fields of one standard grouped by the sheet's array (`''` for the root document): each array's
 * items are gathered once per document, not once per field (the ~300 OCDS fields of a process were each walking
 * the same `awards`, `contracts/implementation/transactions`… again: a third of a publication's derive step).
 */
function slotGroups(spec: TemplateSpec, standard: Standard): { array: string; slots: FieldSlot[] }[] {
  const seen = new Set<string>();
  const groups = new Map<string, FieldSlot[]>();
  for (const sheet of spec.sheets) {
    if (sheet.standard !== standard) continue;
    for (const column of sheet.columns) {
      if (column.key || seen.has(column.field)) continue;
      seen.add(column.field);
      const path = sheet.array ? column.field.slice(sheet.array.length + 1) : column.field;
      const group = groups.get(sheet.array) ?? [];
      const first = column.field.split('/', 1)[0];
      const stage = standard === 'ocds' ? (STAGED.has(first) ? first as Stage : undefined) : STAGE_PERIOD.get(first);
      group.push({ field: column.field, segments: path.split('/'), order: seen.size - 1, ...(stage ? { stage } : {}) });
      groups.set(sheet.array, group);
    }
  }
  return [...groups].map(([array, slots]) => ({ array, slots }));
}

function score(filled: number, total: number): CompletenessScore {
  return { filled, total, share: total === 0 ? 0 : Math.round((filled / total) * 1000) / 1000 };
}

/**
 * Whether any of `rows` fills the field at `segments`. A loop, not `rows.some` with a closure: it runs for every
 * field of every document of a publication (~300 per process), and those closures were a sixth of what deriving a
 * publication's stats allocated.
 */
function filledInAny(rows: readonly unknown[], segments: readonly string[]): boolean {
  for (let i = 0; i < rows.length; i++) if (isFilled(valueAtSegments(rows[i], segments))) return true;
  return false;
}

function scoreDocs(items: unknown[] | undefined, root: string, key: string, groups: { array: string; slots: FieldSlot[] }[]): DocumentCompleteness[] {
  const fields = groups.flatMap((g) => g.slots).sort((a, b) => a.order - b.order).map((slot) => slot.field);
  const total = fields.length;
  return (items ?? []).map((data, i) => {
    const unfilled: number[] = [];
    const waiting: number[] = [];
    // A project's stage dates are due for the stages its status reached (core/stats/project-stages.ts, the judgement
    // the stage-order check and the project page read too).
    const due = !isObject(data) ? ALL_DUE : root === 'releases' ? dueStages(data) : projectStagesReached(data);
    for (let g = 0; g < groups.length; g++) {
      const { array, slots } = groups[g];
      // Rows of the field's sheet in this document: a field counts once any of them fills it.
      const rows = !isObject(data) ? [] : array ? objectsAlong(data, array) : [data];
      for (let s = 0; s < slots.length; s++) {
        const slot = slots[s];
        if (slot.stage && !due.has(slot.stage)) waiting.push(slot.order);
        else if (!filledInAny(rows, slot.segments)) unfilled.push(slot.order);
      }
    }
    const missing = unfilled.sort((a, b) => a - b).map((order) => fields[order]);
    const notDue = waiting.sort((a, b) => a - b).map((order) => fields[order]);
    const counted = total - notDue.length;
    return { pointer: `/${root}/${i}`, id: stringAt(data, key) ?? '', missing, notDue, ...score(counted - missing.length, counted) };
  });
}

export function completeness(documents: Documents, spec: TemplateSpec = templateSpec()): CompletenessReport {
  const releases = scoreDocs(documents.releases, 'releases', 'ocid', slotGroups(spec, 'ocds'));
  const projects = scoreDocs(documents.projects, 'projects', 'id', slotGroups(spec, 'oc4ids'));
  const all = [...releases, ...projects];
  return { releases, projects, publisher: score(all.reduce((n, d) => n + d.filled, 0), all.reduce((n, d) => n + d.total, 0)) };
}
