/**
 * The committed example workbooks (demo data of `npm start`, fixtures of later issues): they read back as exactly
 * the demo documents, and pass validation with zero errors.
 */
import { unflatten } from '../core/unflatten';
import { validate } from '../core/validate';
import { renderFinding } from '../core/messages/render';
import { buildExamples } from '../scripts/examples';
import { exampleWorkbook, publisherOf, setCell } from './example-workbooks';
import { checkWorkbook } from '../core/pipeline/check-workbook';
import { templateSpec } from '../core/template/template-spec';

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
    // Every demo project has its stages dated, so `npm start` shows a newcomer the project page's timeline, and the
    // dates say nothing against their order, the project's period or its status (helper M15).
    for (const p of result.projects) expect({ id: p.id, dated: 'identificationPeriod' in p }).toEqual({ id: p.id, dated: true });
    expect(result.projects.filter((p) => p.status === 'implementation').map((p) => (p.implementationPeriod as { startDate?: string })?.startDate))
      .toEqual(result.projects.filter((p) => p.status === 'implementation').map((p) => (p.period as { startDate?: string })?.startDate));
    expect(findings.filter((f) => /^project\.stage/.test(f.code)).map(renderFinding)).toEqual([]);
  });
});

/** Where a column of a sheet is (1-based), from the template spec: the broken copies name cells this way. */
function columnOf(sheet: string, path: string): number {
  const columns = templateSpec().sheets.find((s) => s.name === sheet)?.columns ?? [];
  return columns.findIndex((c) => c.path === path) + 1;
}

describe.each(buildExamples().map((e) => [e.key] as const))('broken copy of %s', (key) => {
  it('yields exactly the expected findings, one per broken cell, on that cell', async () => {
    const workbook = await exampleWorkbook(key);
    setCell(workbook, 'Contrataciones', 0, 'tender/value/amount', 'mucho dinero');
    setCell(workbook, 'Actores', 1, 'parties/0/identifier/id', 'ABC123');
    setCell(workbook, 'Proyectos', 0, 'period/endDate', '01/01/2020');
    const publisher = publisherOf(key, workbook);
    const result = checkWorkbook(workbook, { now: '2025-07-01T10:00:00-06:00', ocidPrefix: publisher.ocidPrefix, projectIdPrefix: publisher.projectIdPrefix });
    const errors = result.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.cell?.sheet, f.cell?.row, f.cell?.column]);
    expect(errors).toEqual([
      ['cell.not-a-number', 'Contrataciones', 3, columnOf('Contrataciones', 'tender/value/amount')],
      ['rfc.length', 'Actores', 4, columnOf('Actores', 'parties/0/identifier/id')],
      ['date.periodOrder', 'Proyectos', 3, columnOf('Proyectos', 'period/endDate')],
    ]);
  });
});
