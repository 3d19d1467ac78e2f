/**
 * Near Apps Script's six minutes «Validar» marks no further sheet (addon/src/validation/time-limit.ts): the list still
 * arrives, and says that the sheet's marks are not all there, instead of Google's «Exceeded maximum execution time».
 */
import { createTemplate } from '../../addon/src/template/create-template';
import { pipelineWith } from '../../addon/src/validation/core-pipeline';
import { documentMarkReach, MARK_PREFIX } from '../../addon/src/validation/marks';
import { runValidation } from '../../addon/src/validation/run-validation';
import { deadlineFrom, MARKS_UNTIL_MS } from '../../addon/src/validation/time-limit';
import { templateSpec } from '../../core/template/template-spec';
import { FakeProperties } from './fake-host';
import { FakeSpreadsheet } from './fake-spreadsheet';

test('past the time for marks, no further sheet is marked, the report says so, and the sheets not reached keep how far their old marks went', () => {
  const ss = new FakeSpreadsheet();
  const spec = templateSpec();
  createTemplate(ss, spec);
  const projects = spec.sheets.find((s) => s.name === 'Proyectos')!;
  const amount = projects.columns.findIndex((c) => c.field === 'budget/amount/amount') + 1;
  ss.get('Proyectos').paste({ row: 3, column: 1, rows: 1, columns: projects.columns.length }, [projects.columns.map((c) => ({ id: 'oc4ids-abc123-0001', title: 'Puente', 'budget/amount/amount': 'mucho' } as Record<string, string>)[c.field] ?? '')]);
  const memory = documentMarkReach(new FakeProperties());
  const pipeline = pipelineWith();

  const inTime = runValidation(ss, pipeline, undefined, undefined, memory, deadlineFrom(0, () => MARKS_UNTIL_MS));
  expect(inTime.marksStopped).toBeUndefined();
  expect(ss.get('Proyectos').peek(3, amount)?.note).toContain(MARK_PREFIX);
  const reach = memory.read();

  ss.get('Proyectos').paste({ row: 3, column: amount, rows: 1, columns: 1 }, [['otro']]);
  const late = runValidation(ss, pipeline, undefined, undefined, memory, deadlineFrom(0, () => MARKS_UNTIL_MS + 1));
  expect(late.marksStopped).toBe(true);
  expect(late.marked).toBe(0);
  // The list is whole: the new value's error is there, with its cell.
  expect(late.groups.flatMap((g) => g.fields.flatMap((f) => f.items)).some((i) => i.message.includes('«otro»') && i.a1 !== null)).toBe(true);
  // The old mark was not rewritten, and is still reachable by the next «Validar» or «Quitar marcas».
  expect(ss.get('Proyectos').peek(3, amount)?.note).toMatch(/«mucho»/);
  expect(memory.read()).toEqual(reach);
});
