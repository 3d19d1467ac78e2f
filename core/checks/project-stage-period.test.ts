/**
 * A project's stages against its own planned period (helper M15): an engineer who typed the works starting before the
 * project, or the preparation starting after the project was to be over, got no word. Warnings (both are plans), once
 * per project and kind, naming the sheet, row and column of the stage's date and the project's column.
 */
import { validate } from '../validate';
import { checkWorkbook } from '../pipeline/check-workbook';
import { renderFinding } from '../messages/render';
import { exampleWorkbook, setCell } from '../../test/example-workbooks';
import type { Finding } from '../findings/finding';

const NOW = { now: '2025-07-01T10:00:00-06:00' };
const CODES = new Set(['project.stageBeforeProject', 'project.stageAfterProject', 'project.stageBeyondMaxExtent']);
const periodFindings = (findings: Finding[]): Finding[] => findings.filter((f) => CODES.has(f.code));

/** A project with this period (`[start, end, maxExtent]`) and these stage periods (`[start, end]`), judged alone. */
function judged(period: [string?, string?, string?], stages: Record<string, [string?, string?]>): [string, string, string][] {
  const at = (d: string | undefined): Record<string, string> => (d ? { v: `${d}T00:00:00-06:00` } : {});
  const project: Record<string, unknown> = { id: 'oc4ids-abc123-1', title: 'Puente', status: 'implementation' };
  const [start, end, maxExtent] = period;
  project.period = { ...(start ? { startDate: at(start).v } : {}), ...(end ? { endDate: at(end).v } : {}), ...(maxExtent ? { maxExtentDate: at(maxExtent).v } : {}) };
  for (const [stage, [s, e]] of Object.entries(stages)) project[`${stage}Period`] = { ...(s ? { startDate: at(s).v } : {}), ...(e ? { endDate: at(e).v } : {}) };
  return periodFindings(validate({ projects: [project] }, undefined, NOW)).map((f) => [f.code, f.severity, f.pointer ?? '']);
}

const PERIOD: [string, string, string] = ['2024-02-01', '2025-12-15', '2026-06-30'];

test('the program\'s own pattern gets nothing: preparation before the works, the works the project\'s span, handover and operation after it', () => {
  expect(judged(PERIOD, {
    identification: ['2023-01-15', '2023-06-30'], preparation: ['2023-07-01', '2024-01-31'], implementation: ['2024-02-01', '2025-12-15'],
    completion: ['2025-12-16', '2026-03-31'], maintenance: ['2026-04-01', '2056-03-31'],
  })).toEqual([]);
  // A delay: the works end after the planned end (OC4IDS compares the two), within the last extension. No word.
  expect(judged(PERIOD, { implementation: ['2024-02-01', '2026-05-29'], completion: ['2026-06-01', '2026-09-30'] })).toEqual([]);
  // No project period typed: nothing to compare.
  expect(judged([], { implementation: ['2024-02-01', '2025-12-15'] })).toEqual([]);
});

test('the works, or a later stage, starting before the project starts: a warning on that date, once', () => {
  expect(judged(PERIOD, { implementation: ['2023-02-01', '2025-12-15'] }))
    .toEqual([['project.stageBeforeProject', 'warning', '/projects/0/implementationPeriod/startDate']]);
  // Every stage typed a year early says it once, on the first.
  expect(judged(PERIOD, { implementation: ['2023-02-01', '2024-12-15'], completion: ['2023-12-16', '2024-01-15'] }))
    .toEqual([['project.stageBeforeProject', 'warning', '/projects/0/implementationPeriod/startDate']]);
  // Before the preparation's start too: out of order, which the stage-order check says on that cell; not said twice.
  expect(judged(PERIOD, { preparation: ['2023-07-01', '2024-01-31'], implementation: ['2023-02-01', '2025-12-15'] })).toEqual([]);
  // With only its end typed, over before the project starts.
  expect(judged(PERIOD, { completion: [undefined, '2024-01-15'] }))
    .toEqual([['project.stageBeforeProject', 'warning', '/projects/0/completionPeriod/endDate']]);
});

test('a stage before completion starting after the project was to be over, or ending after its last extension: a warning', () => {
  expect(judged(PERIOD, { preparation: ['2026-01-10', '2026-03-31'] }))
    .toEqual([['project.stageAfterProject', 'warning', '/projects/0/preparationPeriod/startDate']]);
  expect(judged(PERIOD, { implementation: ['2024-02-01', '2026-12-15'] }))
    .toEqual([['project.stageBeyondMaxExtent', 'warning', '/projects/0/implementationPeriod/endDate']]);
  // Starting after the end and so ending after the extension: one mistake, said once.
  expect(judged(PERIOD, { implementation: ['2027-02-01', '2027-12-15'] }))
    .toEqual([['project.stageAfterProject', 'warning', '/projects/0/implementationPeriod/startDate']]);
});

test('a period turned around is period-order\'s error alone', () => {
  expect(judged(['2025-12-15', '2024-02-01'], { implementation: ['2023-02-01', '2025-12-15'] })).toEqual([]);
  expect(judged(PERIOD, { implementation: ['2023-02-01', '2022-12-15'] })).toEqual([]);
});

test('in a workbook: the sheet, row and column of the stage\'s date and the project\'s column, in Spanish', async () => {
  const workbook = await exampleWorkbook('nuevo-leon');
  // The project's start typed with the year after: the works (typed right, after the preparation) would start before it.
  setCell(workbook, 'Proyectos', 0, 'period/startDate', '01/03/2024');
  setCell(workbook, 'Proyectos', 0, 'period/endDate', '15/12/2025');
  setCell(workbook, 'Proyectos', 0, 'preparationPeriod/startDate', '14/11/2022');
  setCell(workbook, 'Proyectos', 0, 'preparationPeriod/endDate', '20/02/2023');
  setCell(workbook, 'Proyectos', 0, 'implementationPeriod/startDate', '01/03/2023');
  const found = periodFindings(checkWorkbook(workbook, NOW).findings);
  expect(found.map((f) => [f.code, f.severity, f.cell?.sheet, f.cell?.row, f.cell?.header]))
    .toEqual([['project.stageBeforeProject', 'warning', 'Proyectos', 3, 'Inicio de la etapa de ejecución']]);
  expect(renderFinding(found[0])).toMatch(/^Advertencia — Hoja «Proyectos», fila 3, columna [A-Z]+ \(Inicio de la etapa de ejecución\): «Inicio de la etapa de ejecución» \(01\/03\/2023\) es anterior a «Fecha de inicio prevista» \(01\/03\/2024\): la etapa empezaría antes que el proyecto\./);
});
