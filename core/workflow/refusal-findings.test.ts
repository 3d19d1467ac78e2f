import { leftOut, refusalFindings } from './refusal-findings';
import { readErrorAnswer } from './contract';
import type { Severity } from '../findings/finding';

const f = (severity: Severity, n: number) => ({ severity, n });
// The workbook that took three rounds: 700 errors and 300 warnings and avisos, as the validation ordered them.
const workbook = [...Array.from({ length: 250 }, (_, i) => f('warning', i)), ...Array.from({ length: 700 }, (_, i) => f('error', i)), ...Array.from({ length: 50 }, (_, i) => f('info', i))];

test('a refusal lists every error, the errors first, with the counts of each severity', () => {
  const { listed, counts } = refusalFindings(workbook);
  expect(listed).toHaveLength(700);
  expect(listed.every((x, i) => x.severity === 'error' && x.n === i)).toBe(true);
  expect(counts).toEqual({ errors: 700, warnings: 250, infos: 50 });
  expect(leftOut(listed.length, counts)).toBe(300);
});

test('few errors: warnings and avisos fill the list up to 200; the errors past the ceiling are counted, not listed', () => {
  const few = refusalFindings([...workbook.slice(0, 250), ...workbook.slice(250, 262), ...workbook.slice(950)]);
  expect(few.listed.map((x) => x.severity).slice(10, 14)).toEqual(['error', 'error', 'warning', 'warning']);
  expect(few.listed).toHaveLength(200);
  const capped = refusalFindings(workbook, 500);
  expect([capped.listed.length, capped.counts.errors, leftOut(capped.listed.length, capped.counts)]).toEqual([500, 700, 500]);
  expect(leftOut(3, undefined)).toBe(0);
});

test('the counts travel in the error answer and are read back; a malformed one is ignored', () => {
  const answer = { error: { code: 'workbook-has-errors', message: 'No se envió', findings: [], counts: { errors: 700, warnings: 250, infos: 50 } } };
  expect(readErrorAnswer(answer)?.error.counts).toEqual({ errors: 700, warnings: 250, infos: 50 });
  expect(readErrorAnswer({ error: { ...answer.error, counts: { errors: -1, warnings: 0, infos: 0 } } })?.error.counts).toBeUndefined();
});
