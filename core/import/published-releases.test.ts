import { readFileSync, existsSync } from 'fs';
import * as path from 'path';
import { historyWarningsShown, publishedHistory } from './published-releases';
import { renderMessage } from '../messages/render';

const PREFIX = 'ocds-abc123';
const release = (extra: Record<string, unknown>): Record<string, unknown> =>
  ({ ocid: `${PREFIX}-OBRA-1`, id: 'r1', date: '2024-01-01T00:00:00Z', tag: ['tender'], initiationType: 'tender', ...extra });

test('a release tagged «compiled» is laid down as published, and said with its file, ocid and what the record shows', () => {
  const h = publishedHistory([{ file: 'compilada.json', value: release({ tag: ['compiled'] }) }], PREFIX);
  expect(h.releases).toHaveLength(1);
  expect(h.releases[0].release.tag).toEqual(['compiled']);
  const said = h.findings.filter((f) => f.finding.code === 'history.compiled-release');
  expect(said).toHaveLength(1);
  expect(said[0]).toMatchObject({ file: 'compilada.json', finding: { severity: 'warning', pointer: '/tag' } });
  const text = renderMessage(said[0].finding);
  expect(text).toContain(`«${PREFIX}-OBRA-1»`);
  expect(text).toContain('«compiled»');
  expect(text).not.toMatch(/\{|\}/);
  // An ordinary release is not said to be compiled.
  expect(publishedHistory([{ file: 'a.json', value: release({}) }], PREFIX).findings.map((f) => f.finding.code)).not.toContain('history.compiled-release');
});

const realApf = path.join(__dirname, '../../../shared/standards/examples/real-mx/ocds-07smqs-1386-1386.json');
(existsSync(realApf) ? test : test.skip)('the SHCP release (a compiled one) is published with the warning', () => {
  const h = publishedHistory([{ file: 'ocds-07smqs-1386-1386.json', value: JSON.parse(readFileSync(realApf, 'utf8')) }], 'ocds-07smqs');
  expect(h.findings.filter((f) => f.finding.severity === 'error')).toEqual([]);
  expect(h.findings.find((f) => f.finding.code === 'history.compiled-release')).toMatchObject({ file: 'ocds-07smqs-1386-1386.json', finding: { params: { ocid: 'ocds-07smqs-1386' } } });
});

test('look-alike letters in ocids and project ids, and links that are not web links, are said with the workbook\'s codes and never cut', () => {
  const value = { releases: [release({
    ocid: `${PREFIX}-D\u041eP-1`, // Cyrillic О
    planning: { project: { id: 'oc4ids-abc123-\u041e1' }, budget: { projectID: 'oc4ids-abc123-\u039f2' } },
    tender: { id: 't1', documents: [{ id: 'd1', url: 'javascript:alert(1)' }, { id: 'd2', url: 'data:text/html,x' }] },
  })] };
  const h = publishedHistory([{ file: 'a.json', value }], PREFIX);
  expect(h.releases).toHaveLength(1); // published as it was
  const codes = (code: string): string[] => h.findings.filter((f) => f.finding.code === code).map((f) => `${f.finding.severity} ${f.finding.pointer}`);
  expect(codes('identifier.otherScript')).toEqual(['warning /releases/0/ocid', 'warning /releases/0/planning/project/id', 'warning /releases/0/planning/budget/projectID']);
  expect(codes('url.scheme')).toEqual(['warning /releases/0/tender/documents/0/url', 'warning /releases/0/tender/documents/1/url']);
  expect(renderMessage(h.findings.find((f) => f.finding.pointer === '/releases/0/planning/project/id')!.finding)).toContain('letra cirílica');
  // Many other warnings (the profile's required fields) came first and the list cut at 10 left these out.
  expect(h.findings.length).toBeGreaterThan(10);
  const { shown, left } = historyWarningsShown(h.findings, 3);
  expect(shown.map((f) => f.finding.code).slice(0, 5).sort()).toEqual(['identifier.otherScript', 'identifier.otherScript', 'identifier.otherScript', 'url.scheme', 'url.scheme']);
  expect(shown).toHaveLength(5);
  expect(left).toBe(h.findings.length - 5);
  expect(historyWarningsShown(h.findings, 10).shown).toHaveLength(10);
});
