/**
 * OC4IDS project status and completion must agree (OC4IDS 0.9 `completion`: "details of the final state of the
 * project at completion"; projectStatus `completion`): completion data on a project in an earlier stage, or a
 * project in `completion` without its completion date. `project.completionWithoutStatus`,
 * `project.statusWithoutCompletion` (warnings).
 */
import { codeTitle } from './code-label';
import { objectAt, stringAt } from './json';
import type { Check } from './types';

/** Statuses reached only after the works are finished. */
const AFTER_COMPLETION = new Set(['completion', 'maintenance', 'decommissioning', 'decommissioned']);

export const projectStatus: Check = ({ projects, report }) => {
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
  }
};
