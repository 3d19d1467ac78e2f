/**
 * A project's stages in the order it lives them (OC4IDS 0.9.5: the projectStatus codes up to decommissioning, each
 * with its `…Period` on the project) and which of them its `status` says it reached. One judgement for Calidad de
 * datos (whose stage dates are due), the stage-order check and the project page's timeline (which dates are still
 * only planned), so that none of them calls a stage reached that another calls not reached.
 */
import { isObject } from '../checks/json';

export const PROJECT_STAGES = ['identification', 'preparation', 'implementation', 'completion', 'maintenance', 'decommissioning'] as const;
export type ProjectStage = typeof PROJECT_STAGES[number];

/** The project's field holding the stage's dates: `implementationPeriod`. */
export const stagePeriodField = (stage: ProjectStage): string => `${stage}Period`;

/**
 * The stages up to the project's status. Decommissioned: all of them. Cancelled: identification only (OC4IDS 0.9.5
 * projectStatus `cancelled` may come at any stage after identification, so that is the one it surely reached; as
 * CoST IDS's stagesReached, core/stats/cost-ids.ts). Without a known status, up to completion: the stages every
 * work goes through before it serves.
 */
export function projectStagesReached(project: unknown): ReadonlySet<ProjectStage> {
  const raw = isObject(project) ? project.status : undefined;
  const status = raw === 'decommissioned' ? 'decommissioning' : raw === 'cancelled' ? 'identification' : raw;
  const at = PROJECT_STAGES.indexOf(status as ProjectStage);
  return new Set(PROJECT_STAGES.slice(0, (at < 0 ? PROJECT_STAGES.indexOf('completion') : at) + 1));
}

/**
 * Whether the project's status says the stage's start (or end) came: the start of a stage it reached, the end of one
 * it went past. A decommissioned or cancelled project is in no stage any more, so every stage it reached is over
 * (a cancelled one's identification too). The dates themselves may still say a plan (a start still to come).
 */
export function stageBoundaryCame(project: unknown, stage: ProjectStage, boundary: 'start' | 'end'): boolean {
  const reached = projectStagesReached(project);
  if (!reached.has(stage)) return false;
  if (boundary === 'start') return true;
  const status = isObject(project) ? project.status : undefined;
  if (status === 'decommissioned' || status === 'cancelled') return true;
  // Past it when the status is a later stage; without a known status, the stages before completion (projectStagesReached).
  const at = PROJECT_STAGES.indexOf(status as ProjectStage);
  return PROJECT_STAGES.indexOf(stage) < (at < 0 ? PROJECT_STAGES.indexOf('completion') : at);
}
