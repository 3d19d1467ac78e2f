/**
 * A project's stages typed out of order (helper K15): an engineer who typed the works starting before preparation
 * ended, or the works over before preparation began, got no word. Overlapping stages are a warning (OC4IDS stages may
 * overlap), a stage over before an earlier one starts an error; each names the sheet, row and column of the later date
 * and the column of the earlier one. Dates of a stage the status has not reached are a plan, and judged as any other.
 */
import { validate } from '../validate';
import { completeness } from '../validate/completeness';
import { checkWorkbook } from '../pipeline/check-workbook';
import { renderFinding } from '../messages/render';
import { exampleWorkbook, setCell } from '../../test/example-workbooks';
import type { Finding } from '../findings/finding';

const NOW = { now: '2025-07-01T10:00:00-06:00' };
const CODES = new Set(['project.stageInverted', 'project.stageStartsFirst', 'project.stageOverlap']);
const stageFindings = (findings: Finding[]): Finding[] => findings.filter((f) => CODES.has(f.code));

/** A project with these stage periods (`[start, end]`, dd in 2024 or a whole ISO date), judged alone. */
function judged(periods: Record<string, [string?, string?]>, status = 'implementation'): [string, string, string][] {
  const project: Record<string, unknown> = { id: 'oc4ids-abc123-1', title: 'Puente', status };
  for (const [stage, [startDate, endDate]] of Object.entries(periods)) {
    project[`${stage}Period`] = { ...(startDate ? { startDate: `${startDate}T00:00:00-06:00` } : {}), ...(endDate ? { endDate: `${endDate}T00:00:00-06:00` } : {}) };
  }
  return stageFindings(validate({ projects: [project] }, undefined, NOW)).map((f) => [f.code, f.severity, f.pointer ?? '']);
}

test('stages one after another, or touching on a day, get nothing; a stage without dates is skipped', () => {
  expect(judged({
    identification: ['2023-01-01', '2023-06-30'], preparation: ['2023-07-01', '2024-01-31'], implementation: ['2024-01-31', '2025-12-15'],
    maintenance: ['2026-04-01', '2056-03-31'], decommissioning: ['2056-03-31'],
  })).toEqual([]);
});

test('a stage starting before the one before it ends is a warning on its start; before it even starts, another', () => {
  expect(judged({ preparation: ['2023-07-01', '2024-03-31'], implementation: ['2024-02-01', '2025-12-15'] }))
    .toEqual([['project.stageOverlap', 'warning', '/projects/0/implementationPeriod/startDate']]);
  expect(judged({ preparation: ['2023-07-01', '2024-03-31'], implementation: ['2023-06-01', '2025-12-15'] }))
    .toEqual([['project.stageStartsFirst', 'warning', '/projects/0/implementationPeriod/startDate']]);
  // Against the nearest stage with dates: maintenance against completion, not again against the works.
  expect(judged({ implementation: ['2024-02-01', '2025-12-15'], completion: ['2025-12-16', '2026-03-31'], maintenance: ['2026-03-01'] }))
    .toEqual([['project.stageOverlap', 'warning', '/projects/0/maintenancePeriod/startDate']]);
  // Only an end typed of the stage before: compared with it.
  expect(judged({ completion: [undefined, '2026-03-31'], maintenance: ['2026-03-01'] }))
    .toEqual([['project.stageOverlap', 'warning', '/projects/0/maintenancePeriod/startDate']]);
});

test('a stage over before an earlier one starts is an error on its end, said once', () => {
  // Preparation typed in 2025 instead of 2023: the works would be over before it began.
  expect(judged({ preparation: ['2025-07-01', '2026-01-31'], implementation: ['2024-02-01', '2025-06-15'] }))
    .toEqual([['project.stageInverted', 'error', '/projects/0/implementationPeriod/endDate']]);
  // A stage whose own period is turned around is period-order's error alone: its dates are not compared.
  const inverted = validate({ projects: [{ id: 'oc4ids-abc123-1', status: 'implementation', preparationPeriod: { startDate: '2023-07-01T00:00:00-06:00', endDate: '2024-01-31T00:00:00-06:00' },
    implementationPeriod: { startDate: '2024-02-01T00:00:00-06:00', endDate: '2004-12-15T00:00:00-06:00' } }] }, undefined, NOW);
  expect(inverted.filter((f) => f.code.startsWith('project.stage') || f.code === 'date.periodOrder').map((f) => [f.code, f.pointer]))
    .toEqual([['date.periodOrder', '/projects/0/implementationPeriod/endDate']]);
  // Without its start, too.
  expect(judged({ identification: ['2024-01-01'], preparation: [undefined, '2023-12-01'] }))
    .toEqual([['project.stageInverted', 'error', '/projects/0/preparationPeriod/endDate']]);
});

test('dates of a stage the status has not reached are a plan: no finding for having them, judged for their order, and not asked by Calidad', () => {
  const planned = { preparation: ['2023-07-01', '2024-01-31'], implementation: ['2024-02-01', '2025-12-15'], maintenance: ['2026-04-01', '2056-03-31'] } as Record<string, [string, string]>;
  for (const status of ['identification', 'preparation', 'cancelled']) expect({ status, found: judged(planned, status) }).toEqual({ status, found: [] });
  expect(judged({ ...planned, maintenance: ['2025-01-01', '2056-03-31'] }, 'preparation')).toEqual([['project.stageOverlap', 'warning', '/projects/0/maintenancePeriod/startDate']]);
  // Calidad de datos: a project in preparation is not asked for its maintenance dates, and its typed ones are no error.
  const project = { id: 'oc4ids-abc123-1', status: 'preparation', maintenancePeriod: { startDate: '2026-04-01T00:00:00-06:00' } };
  const report = completeness({ projects: [project] });
  expect(report.projects[0].missing).not.toContain('maintenancePeriod/endDate');
  expect(report.projects[0].notDue).toEqual(expect.arrayContaining(['maintenancePeriod/startDate', 'maintenancePeriod/endDate', 'implementationPeriod/startDate']));
  expect(report.projects[0].missing).toContain('preparationPeriod/startDate');
});

test('in a workbook: the sheet, row and column of the later date, the earlier date\'s column, in Spanish', async () => {
  const workbook = await exampleWorkbook('nuevo-leon');
  setCell(workbook, 'Proyectos', 0, 'preparationPeriod/startDate', '01/07/2023');
  setCell(workbook, 'Proyectos', 0, 'preparationPeriod/endDate', '31/03/2024');
  setCell(workbook, 'Proyectos', 0, 'implementationPeriod/startDate', '01/02/2024');
  setCell(workbook, 'Proyectos', 0, 'implementationPeriod/endDate', '15/12/2025');
  // Conclusion typed with the wrong year (2016 for 2026): over before the works start; maintenance then starts well after it.
  setCell(workbook, 'Proyectos', 0, 'completionPeriod/startDate', '01/01/2016');
  setCell(workbook, 'Proyectos', 0, 'completionPeriod/endDate', '31/03/2016');
  setCell(workbook, 'Proyectos', 0, 'maintenancePeriod/startDate', '01/04/2026');
  const found = stageFindings(checkWorkbook(workbook, NOW).findings);
  expect(found.map((f) => [f.severity, f.cell?.sheet, f.cell?.row, f.cell?.header])).toEqual([
    ['warning', 'Proyectos', 3, 'Inicio de la etapa de ejecución'],
    ['error', 'Proyectos', 3, 'Fin de la etapa de conclusión'],
  ]);
  expect(renderFinding(found[0])).toMatch(/^Advertencia — Hoja «Proyectos», fila 3, columna [A-Z]+ \(Inicio de la etapa de ejecución\): «Inicio de la etapa de ejecución» \(01\/02\/2024\) es anterior a «Fin de la etapa de preparación» \(31\/03\/2024\): esta etapa empieza antes de que termine la anterior\. Si de verdad se traslapan/);
  expect(renderFinding(found[1])).toMatch(/^Error — Hoja «Proyectos», fila 3, columna [A-Z]+ \(Fin de la etapa de conclusión\): «Fin de la etapa de conclusión» \(31\/03\/2016\) es anterior a «Inicio de la etapa de ejecución» \(01\/02\/2024\): esta etapa terminaría antes de que empiece una anterior\./);
});

describe('the status and the stages\' dates (project-status.ts)', () => {
  const beyond = (status: string, periods: Record<string, string>, now = NOW.now): [string, string][] => {
    const project: Record<string, unknown> = { id: 'oc4ids-abc123-1', title: 'Puente', status };
    for (const [stage, startDate] of Object.entries(periods)) project[`${stage}Period`] = { startDate: `${startDate}T00:00:00-06:00` };
    return validate({ projects: [project] }, undefined, { now }).filter((f) => f.code === 'project.stageStartedBeyondStatus').map((f) => [f.pointer ?? '', String(f.params.field)]);
  };

  test('a stage past the status whose start has come warns on the status, naming the furthest such stage', () => {
    expect(beyond('identification', { preparation: '2024-01-15', implementation: '2025-02-01', completion: '2026-01-01' }))
      .toEqual([['/projects/0/status', 'implementationPeriod/startDate']]);
    // Its day counts as come.
    expect(beyond('preparation', { implementation: '2025-07-01' })).toEqual([['/projects/0/status', 'implementationPeriod/startDate']]);
    // A start before an earlier stage's is out of order (a mistyped year, said by the order check), not a stage begun.
    expect(beyond('implementation', { implementation: '2024-02-01', completion: '2015-12-16' })).toEqual([]);
    expect(beyond('preparation', { preparation: '2024-01-15', implementation: '2025-02-01', completion: '2016-01-01' }))
      .toEqual([['/projects/0/status', 'implementationPeriod/startDate']]);
  });

  test('planned starts still to come, the current stage\'s own, a cancelled, decommissioned or unknown status: nothing', () => {
    expect(beyond('preparation', { preparation: '2024-01-15', implementation: '2025-07-02' })).toEqual([]);
    expect(beyond('implementation', { identification: '2023-01-01', implementation: '2024-01-15' })).toEqual([]);
    expect(beyond('cancelled', { preparation: '2024-01-15', implementation: '2024-06-01' })).toEqual([]);
    expect(beyond('decommissioned', { decommissioning: '2024-01-15' })).toEqual([]);
    expect(beyond('', { implementation: '2024-01-15' })).toEqual([]);
  });

  test('in a workbook: on the status cell, naming the start\'s column and date', async () => {
    const workbook = await exampleWorkbook('nuevo-leon');
    setCell(workbook, 'Proyectos', 0, 'completionPeriod/startDate', '01/06/2025');
    const found = checkWorkbook(workbook, NOW).findings.filter((f) => f.code === 'project.stageStartedBeyondStatus');
    expect(found.map((f) => [f.severity, f.cell?.sheet, f.cell?.row, f.cell?.header])).toEqual([['warning', 'Proyectos', 3, 'Estado del proyecto']]);
    expect(renderFinding(found[0])).toMatch(/^Advertencia — Hoja «Proyectos», fila 3, columna [A-Z]+ \(Estado del proyecto\): El estado del proyecto es «Ejecución», pero «Inicio de la etapa de conclusión» es 01\/06\/2025, un día que ya llegó\. Si el proyecto ya está en esa etapa, elija en esta celda el estado que le corresponde/);
  });
});
