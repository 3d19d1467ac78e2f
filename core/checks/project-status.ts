/**
 * OC4IDS project status and completion must agree (OC4IDS 0.9 `completion`: "details of the final state of the
 * project at completion"; projectStatus `completion`): completion data on a project in an earlier stage, or a
 * project in `completion` without its completion date. `project.completionWithoutStatus`,
 * `project.statusWithoutCompletion` (warnings).
 *
 * And its status and its stages' dates: a stage past the status whose start is already past
 * (`project.stageStartedBeyondStatus`, warning, on the status). The stage periods are planned ones (OC4IDS 0.9.5),
 * so dates of a stage not reached are no fault (project-stage-order.ts); but a plan whose day has come is either a
 * stage reached, with a status left behind (and the status says what Calidad de datos, CoST IDS and Pendientes ask of
 * the project: one still «Identificación» is asked nothing of its preparation), or a plan that moved, whose new date
 * the public should read. Either way the official changes one cell. A cancelled project reaches no later stage, a
 * decommissioned one has lived them all, and without a status there is nothing to compare.
 */
import { codeTitle } from './code-label';
import { objectAt, stringAt, timeAt } from './json';
import { PROJECT_STAGES, projectStagesReached, stagePeriodField, type ProjectStage } from '../stats/project-stages';
import { projectColumnTitle } from './project-stage-order';
import type { Check } from './types';

/** Statuses reached only after the works are finished. */
const AFTER_COMPLETION = new Set(['completion', 'maintenance', 'decommissioning', 'decommissioned']);

export const projectStatus: Check = ({ projects, now, report }) => {
  for (const { data, pointer } of projects) {
    const status = stringAt(data, 'status');
    if (status === undefined) continue;
    const completion = objectAt(data, 'completion');
    const hasCompletion = completion !== undefined && Object.keys(completion).length > 0;
    if (hasCompletion && !AFTER_COMPLETION.has(status) && status !== 'cancelled') {
      report('project.completionWithoutStatus', 'warning', `${pointer}/status`, { value: codeTitle('projectStatus', status, 'oc4ids') });
    } else if (status === 'completion' && stringAt(completion, 'endDate') === undefined) {
      report('project.statusWithoutCompletion', 'warning', `${pointer}/completion/endDate`, { value: codeTitle('projectStatus', status, 'oc4ids') });
    }
    if (!(PROJECT_STAGES as readonly string[]).includes(status)) continue;
    // The furthest stage the dates say has begun: the one the status would have to say. Not a start before an earlier
    // stage's start: that date is out of order (project-stage-order.ts says so), most likely a mistyped year, and
    // «change the status» would be the wrong advice.
    const reached = projectStagesReached(data);
    const startOf = (stage: ProjectStage): number | undefined => timeAt(objectAt(data, stagePeriodField(stage)), 'startDate');
    const begun = PROJECT_STAGES.filter((stage) => !reached.has(stage)).reverse().find((stage) => {
      const t = startOf(stage);
      return t !== undefined && t <= now && PROJECT_STAGES.slice(0, PROJECT_STAGES.indexOf(stage)).every((e) => (startOf(e) ?? t) <= t);
    });
    if (begun !== undefined) {
      const field = `${stagePeriodField(begun)}/startDate`;
      report('project.stageStartedBeyondStatus', 'warning', `${pointer}/status`, {
        value: codeTitle('projectStatus', status, 'oc4ids'), column: projectColumnTitle(field), field, date: stringAt(objectAt(data, stagePeriodField(begun)), 'startDate') ?? '',
      });
    }
  }
};
