/** The sample a submission keeps, which the coordinator reads before approving: personal data in a text is in it. */
import { finding } from '../../../core/findings/finding';
import { summarizeFindings } from './findings-summary';

test('personal data in a free text comes right after the errors, before fifty other warnings', () => {
  const missing = Array.from({ length: 60 }, (_, i) => finding('program.required', 'warning', {}, { pointer: `/releases/${i}/tender/status` }));
  const curp = finding('privacy.personalDataInText', 'warning', { value: 'GOMJ800101HMCMRN09', kind: 'una CURP' }, { pointer: '/releases/70/contracts/0/description' });
  const error = finding('schema.required', 'error', {}, { pointer: '/releases/0/ocid' });
  const summary = summarizeFindings([...missing, curp, error]);
  expect(summary.sample?.slice(0, 2).map((f) => f.code)).toEqual(['schema.required', 'privacy.personalDataInText']);
  expect([summary.errors, summary.warnings, summary.sample?.length]).toEqual([1, 61, 50]);
});
