/**
 * The committed example workbooks (demo data of `npm start`, fixtures of later issues): they read back as exactly
 * the demo documents, and pass validation with zero errors.
 */
import { unflatten } from '../core/unflatten';
import { validate } from '../core/validate';
import { renderFinding } from '../core/messages/render';
import { buildExamples } from '../scripts/examples';
import { exampleWorkbook, publisherOf } from './example-workbooks';

/** Fields the converter derives by rule (release id/date/tag…, project `updated`): not typed in the sheets. */
function typedOnly(doc: Record<string, unknown>, derived: string[]): Record<string, unknown> {
  const out = { ...doc };
  for (const key of derived) delete out[key];
  return out;
}
const RELEASE_DERIVED = ['id', 'date', 'tag', 'initiationType', 'language'];
const PROJECT_DERIVED = ['updated', 'language'];

describe.each(buildExamples().map((e) => [e.key, e] as const))('example workbook %s', (key, example) => {
  it('reads back as the demo documents and validates with zero errors', async () => {
    const workbook = await exampleWorkbook(key);
    const now = '2025-07-01T10:00:00-06:00';
    const result = unflatten(workbook, { now });
    expect(result.releases.map((r) => typedOnly(r, RELEASE_DERIVED))).toEqual(example.releases.map((r) => typedOnly(r, RELEASE_DERIVED)));
    expect(result.projects.map((p) => typedOnly(p, PROJECT_DERIVED))).toEqual(example.projects.map((p) => typedOnly(p, PROJECT_DERIVED)));
    const publisher = publisherOf(key, workbook);
    const findings = [...result.findings, ...validate(result, result.sourceMap, { ocidPrefix: publisher.ocidPrefix, projectIdPrefix: publisher.projectIdPrefix, now })];
    expect(findings.filter((f) => f.severity === 'error').map(renderFinding)).toEqual([]);
    expect(result.settings.state).toBe(example.state);
  });
});
