/**
 * A project's stages against its own `period` (OC4IDS 0.9.5; «Fecha de inicio prevista», «Fecha de término prevista»
 * and «Fecha límite de prórroga» of «Proyectos»).
 *
 * What OC4IDS 0.9.5 says of them, and what follows:
 * - `period` is «the period over which this project is planned to run»; it may be updated during preparation but
 *   «should not be updated during the implementation or completion phases», and its `endDate` is the planned
 *   completion date, to be «compared with the actual completion date». So a stage ending after the project's planned
 *   end is the delay the public is meant to see, not a fault: it gets no word here (a warning would push the official
 *   to move the planned end and erase the delay).
 * - The stage periods are each stage's *planned* run too, and the standard does not say whether `period` covers
 *   identification and preparation: the program's own examples (and the demo) give the works' span, the preparation
 *   before it. So identification and preparation may start before the project's period.
 * - What no reading explains, and so deserves a word: the works (implementation) or any later stage starting before
 *   the project's planned start (`project.stageBeforeProject`); the identification, preparation or works starting
 *   after the project was planned to be over (`project.stageAfterProject`): a mistyped year, or a plan changed in
 *   preparation without updating the project's period, as the standard allows then; and a stage before completion
 *   ending after `period.maxExtentDate`, «the period cannot be extended beyond this date» (`project.stageBeyondMaxExtent`).
 * All are warnings, not errors: both sides are plans, typed at different times (the period is frozen once the works
 * start, a stage's dates are not), and a works started early or a longer extension authorised later are real.
 * Each kind is said once per project, on the first stage in order it concerns: a wrong project date would otherwise
 * be repeated on every stage. A period ending before it starts (the project's or a stage's) is period-order.ts's
 * error alone: its dates, one of them wrong, are not compared.
 */
import { PROJECT_STAGES, stagePeriodField, type ProjectStage } from '../stats/project-stages';
import { objectAt, stringAt, timeAt } from './json';
import { projectColumnTitle } from './project-stage-order';
import type { Check, JsonObject } from './types';

/** A date as typed: its time, its text and its field (`implementationPeriod/startDate`). */
interface Dated { time: number; text: string; field: string }

/** Stages that cannot start before the project's planned start: the works and what follows them. */
const FROM_WORKS: readonly ProjectStage[] = PROJECT_STAGES.slice(PROJECT_STAGES.indexOf('implementation'));
/** Stages that cannot start after the project's planned end, nor end after its last extension: those before completion. */
const BEFORE_COMPLETION: readonly ProjectStage[] = PROJECT_STAGES.slice(0, PROJECT_STAGES.indexOf('completion'));

function dated(object: JsonObject | undefined, objectField: string, key: string): Dated | undefined {
  const time = timeAt(object, key);
  return time === undefined ? undefined : { time, text: stringAt(object, key) ?? '', field: `${objectField}/${key}` };
}

/** Its words: the stage's date and column, the project's date and column (as the JSON path outside a sheet). */
const params = (stage: Dated, project: Dated): Record<string, string> =>
  ({ title: projectColumnTitle(stage.field), titleField: stage.field, value: stage.text, column: projectColumnTitle(project.field), field: project.field, date: project.text });

export const projectStagePeriod: Check = ({ projects, report }) => {
  for (const { data, pointer } of projects) {
    const period = objectAt(data, 'period');
    const start = dated(period, 'period', 'startDate');
    const end = dated(period, 'period', 'endDate');
    const maxExtent = dated(period, 'period', 'maxExtentDate');
    if (start && end && end.time < start.time) continue;
    const stages = new Map(PROJECT_STAGES.map((stage) => {
      const field = stagePeriodField(stage);
      const own = objectAt(data, field);
      const s = dated(own, field, 'startDate');
      const e = dated(own, field, 'endDate');
      return [stage, s && e && e.time < s.time ? {} : { start: s, end: e }] as const;
    }));
    const say = (code: string, stage: Dated, project: Dated): void => report(code, 'warning', `${pointer}/${stage.field}`, params(stage, project));

    // Its start, or with only its end typed, that end: either is before the project's start if the stage begins before it.
    // A date before an earlier stage's start is already out of order on that cell (project-stage-order.ts), most
    // likely its year: one warning there, not a second on the same cell.
    const earlierStart = (stage: ProjectStage): number => Math.max(...PROJECT_STAGES.slice(0, PROJECT_STAGES.indexOf(stage)).map((s) => stages.get(s)?.start?.time ?? -Infinity));
    const early = start && FROM_WORKS.map((s) => ({ s, d: stages.get(s)?.start ?? stages.get(s)?.end }))
      .find(({ s, d }) => d && d.time < start.time && d.time >= earlierStart(s))?.d;
    if (start && early) say('project.stageBeforeProject', early, start);
    const lateStage = end && BEFORE_COMPLETION.find((s) => { const d = stages.get(s)?.start; return d && d.time > end.time; });
    const late = lateStage && stages.get(lateStage)?.start;
    if (end && late) say('project.stageAfterProject', late, end);
    // A stage starting after the planned end most often ends after the last extension too: its one mistake, said once.
    const beyond = maxExtent && BEFORE_COMPLETION.filter((s) => s !== lateStage).map((s) => stages.get(s)?.end).find((d) => d && d.time > maxExtent.time);
    if (maxExtent && beyond) say('project.stageBeyondMaxExtent', beyond, maxExtent);
  }
};
