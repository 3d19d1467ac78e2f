/**
 * A project's stages come in order: its stage periods (OC4IDS 0.9.5 `identificationPeriod` … `decommissioningPeriod`,
 * the «Inicio/Fin de la etapa de …» columns of «Proyectos») follow the order of the projectStatus codelist.
 *
 * What is an error and what a warning, read from OC4IDS 0.9.5:
 * - Each period is the one over which its stage is *planned* to run, so these dates may be a plan: a stage the status
 *   did not reach may have dates (core/stats/project-stages.ts; Calidad de datos does not ask for them, and this check
 *   says nothing of a stage for having them), and they are compared whatever the status.
 * - The codelist defines the stages one after another (completion is the handover *before* maintenance; cancellation
 *   comes after identification and before maintenance) but nowhere says one must end before the next begins, and in
 *   practice they overlap: its implementation stage *includes the procurement*, which often starts while the budget
 *   authorization that closes preparation is still being obtained; a road opened by sections is operated (maintenance)
 *   while the last section is handed over (completion). So a stage that starts before an earlier one ends, or even
 *   before it starts, is a warning (`project.stageOverlap`, `project.stageStartsFirst`, on the later start): the
 *   engineer confirms it or finds the mistyped date.
 * - A stage that *ends* before an earlier one *starts* is the order turned around, which no overlap explains: a
 *   mistyped year or a date in another stage's column. That is an error (`project.stageInverted`, on the later end),
 *   as the period-order check's end before start is: published, the timeline would tell the public the works were
 *   over before their preparation began.
 * A stage whose own period ends before it starts is left to period-order.ts. Each stage gets one finding at most, against the nearest earlier stage it clashes with (the one it follows): a
 * wrong date in one stage would otherwise be repeated against every stage before it.
 */
import { PROJECT_STAGES, stagePeriodField } from '../stats/project-stages';
import { columnOfField } from '../template/column-of-field';
import { templateSpec } from '../template/template-spec';
import { objectAt, stringAt, timeAt } from './json';
import type { Check, JsonObject } from './types';

/** One end of a stage's period as typed: its time, its text and its field. */
interface StageDate { time: number; text: string; field: string }

/** The column title of a field of «Proyectos» (its path when the template has no column for it). */
export const projectColumnTitle = (field: string): string => columnOfField(templateSpec(), 'oc4ids', field)?.column ?? field;

function stageDate(project: JsonObject, periodField: string, key: 'startDate' | 'endDate'): StageDate | undefined {
  const period = objectAt(project, periodField);
  const time = timeAt(period, key);
  if (time === undefined) return undefined;
  return { time, text: stringAt(period, key) ?? '', field: `${periodField}/${key}` };
}

/** Its words: the later date's column and the earlier date's, each with its date (as the JSON path outside a sheet). */
const params = (later: StageDate, earlier: StageDate): Record<string, string> =>
  ({ title: projectColumnTitle(later.field), titleField: later.field, value: later.text, column: projectColumnTitle(earlier.field), field: earlier.field, date: earlier.text });

export const projectStageOrder: Check = ({ projects, report }) => {
  for (const { data, pointer } of projects) {
    const stages = PROJECT_STAGES.map((stage) => {
      const field = stagePeriodField(stage);
      const start = stageDate(data, field, 'startDate');
      const end = stageDate(data, field, 'endDate');
      // A period ending before it starts is the period-order check's error; its dates, one of them wrong, are not
      // compared with the other stages' (a second error on the same cell, or a clash caused by the wrong one).
      return start && end && end.time < start.time ? { field } : { field, start, end };
    });
    stages.forEach((later, j) => {
      const earlier = stages.slice(0, j).reverse();
      const { start, end } = later;
      const inverted = end && earlier.find((e) => e.start && end.time < e.start.time);
      if (end && inverted?.start) {
        report('project.stageInverted', 'error', `${pointer}/${later.field}/endDate`, params(end, inverted.start));
        return;
      }
      if (!start) return;
      for (const e of earlier) {
        if (e.start && start.time < e.start.time) {
          report('project.stageStartsFirst', 'warning', `${pointer}/${later.field}/startDate`, params(start, e.start));
          return;
        }
        if (e.end && start.time < e.end.time) {
          report('project.stageOverlap', 'warning', `${pointer}/${later.field}/startDate`, params(start, e.end));
          return;
        }
      }
    });
  }
};
