/**
 * Which bulk package files exist, as the API answers them and *Descargas y API* links them: none of a kind with no
 * document (the official package schemas require one), so none for a publisher without a current publication.
 */
import { publishedCount, unpublishedBulkMessage } from './bulk-contents';

test('a kind is offered only when the current publications hold one of it; no publication holds none', () => {
  const onlyProcesses = { releases: 4, records: 3, projects: 0 };
  expect([publishedCount('projects', [onlyProcesses]), publishedCount('records', [onlyProcesses]), publishedCount('releases', [onlyProcesses])]).toEqual([0, 3, 4]);
  expect(publishedCount('projects', [null, undefined])).toBe(0);
  expect(publishedCount('projects', [onlyProcesses, { releases: 1, records: 1, projects: 2 }])).toBe(2);
});

test('the 404 names the institution and what it has not published', () => {
  expect(unpublishedBulkMessage('records', 'records.jsonl.gz', 'Municipio de Tapachula')).toBe('Municipio de Tapachula no ha publicado procesos de contratación (EDCA-MX): no hay archivo «records.jsonl.gz». Los paquetes del estándar deben traer al menos un documento.');
  expect(unpublishedBulkMessage('projects', 'projects.json', undefined)).toMatch(/^Ningún implementador ha publicado proyectos \(EDCAPI\)/);
});
