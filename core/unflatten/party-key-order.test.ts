/**
 * A party typed with its RFC and the grey columns left blank (its id, its scheme: made from the RFC) is the same
 * JSON, key order included, as the same party with them filled in, as `import` writes them in datos.xlsx. The scheme
 * made MX-RFC was written before the row's cells, so `identifier` came ahead of `name` and `roles`; publication
 * compares a project with the one published by its JSON text, and the workbook sent back unchanged from datos.xlsx
 * gave the project a new `updated` (the dashboard's «Última actualización») though nothing had changed.
 */
import type { CellValue } from '../workbook/model';
import { templateSheet } from '../../test/template-sheets';
import { unflatten } from './index';

const PROJECT = 'oc4ids-abc123-PUENTE-2024-001';
const projects = templateSheet('Proyectos', [{ id: PROJECT, title: 'Puente vehicular' }]);

function partiesJson(party: Record<string, CellValue>): string {
  const out = unflatten({ sheets: [projects, templateSheet('Actores del proyecto', [{ id: PROJECT, ...party }])] }, { now: '2024-06-01T12:00:00-06:00' });
  return JSON.stringify(out.projects[0].parties);
}

test('a party whose id and scheme are made from its RFC has the keys, in order, of one typed with them', () => {
  const typed = { 'parties/name': 'Constructora del Atoyac, S.A. de C.V.', 'parties/roles': 'supplier', 'parties/identifier/id': 'COA980615QW0', 'parties/identifier/legalName': 'Constructora del Atoyac' };
  const filled = partiesJson({ ...typed, 'parties/id': 'MX-RFC-COA980615QW0', 'parties/identifier/scheme': 'MX-RFC' });
  expect(filled).toBe('[{"id":"MX-RFC-COA980615QW0","name":"Constructora del Atoyac, S.A. de C.V.","roles":["supplier"],"identifier":{"scheme":"MX-RFC","id":"COA980615QW0","legalName":"Constructora del Atoyac"}}]');
  expect(partiesJson(typed)).toBe(filled);
  expect(partiesJson({ ...typed, 'parties/id': 'MX-RFC-COA980615QW0' })).toBe(filled);
});
