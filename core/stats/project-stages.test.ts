/**
 * Which stages a project's status says it reached, and which of their starts and ends came: one judgement for Calidad
 * de datos, the stage checks and the project page's timeline («(Previsto)»).
 */
import { PROJECT_STAGES, projectStagesReached, stageBoundaryCame, type ProjectStage } from './project-stages';

const came = (status: string | undefined): string[] => PROJECT_STAGES.flatMap((stage: ProjectStage) =>
  (['start', 'end'] as const).filter((b) => stageBoundaryCame(status === undefined ? {} : { status }, stage, b)).map((b) => `${stage}:${b}`));

test('the stages up to the status; cancelled, identification; decommissioned, all; unknown, up to completion', () => {
  expect([...projectStagesReached({ status: 'implementation' })]).toEqual(['identification', 'preparation', 'implementation']);
  expect([...projectStagesReached({ status: 'cancelled' })]).toEqual(['identification']);
  expect([...projectStagesReached({ status: 'decommissioned' })]).toEqual([...PROJECT_STAGES]);
  expect([...projectStagesReached({})]).toEqual(['identification', 'preparation', 'implementation', 'completion']);
});

test('a reached stage started; it ended once the status is past it, or the project is cancelled or decommissioned', () => {
  expect(came('implementation')).toEqual(['identification:start', 'identification:end', 'preparation:start', 'preparation:end', 'implementation:start']);
  expect(came('identification')).toEqual(['identification:start']);
  // A cancelled project is in no stage: its identification is over, and nothing later came.
  expect(came('cancelled')).toEqual(['identification:start', 'identification:end']);
  expect(came('decommissioned')).toEqual(PROJECT_STAGES.flatMap((s) => [`${s}:start`, `${s}:end`]));
  expect(came(undefined)).toEqual(['identification:start', 'identification:end', 'preparation:start', 'preparation:end', 'implementation:start', 'implementation:end', 'completion:start']);
});
