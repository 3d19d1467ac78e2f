/**
 * A retitled column (its technical name in row 2 gone or edited too) names the template titles it probably is.
 */
import { templateSpec } from '../template/template-spec';
import { renderMessage } from '../messages/render';
import { unflatten } from './index';
import { closestTitles, editDistance } from './closest-titles';

const spec = templateSpec();
const titles = (sheet: string) => spec.sheets.find((s) => s.name === sheet)!.columns.map((c) => c.title);

test('the titles a header probably is: a few letters off (accents, case, punctuation aside), else the ones it shortens', () => {
  const contracting = titles('Contrataciones');
  expect(closestTitles('Enlace a la informacion presupuetal', contracting, [])).toEqual(['Enlace a la información presupuestal']);
  expect(closestTitles('numero de licitantes.', contracting, [])).toEqual([]); // same title once simplified: it is bound, not retitled
  expect(closestTitles('Numero de licitantess', contracting, [])).toEqual(['Número de licitantes']);
  expect(closestTitles('Hubo preguntas de participantes', contracting, [])).toEqual(['¿Hubo preguntas de los participantes?']);
  expect(closestTitles('Monto estimado', contracting, [])).toEqual(['Monto estimado de la licitación']);
  expect(closestTitles('Monto mínimo', contracting, [])).toEqual(['Monto mínimo de la licitación']);
  // Said only among the titles the sheet lacks.
  expect(closestTitles('Monto estimado', contracting, ['Monto estimado de la licitación'])).toEqual([]);
  // Nothing close, or too many to be a suggestion.
  expect(closestTitles('Observaciones internas', contracting, [])).toEqual([]);
  expect(closestTitles('Moneda', contracting, [])).toEqual(['Moneda del monto estimado', 'Moneda del monto mínimo', 'Moneda del presupuesto']);
  expect(closestTitles('Identificador', contracting, [])).toEqual([]);
  expect(closestTitles('x'.repeat(500), contracting, [])).toEqual([]);
  expect(editDistance('documento', 'docuemnto', 2)).toBe(1);
  expect(editDistance('abc', 'xyz', 1)).toBe(2);
});

test('a renamed header\'s warning names the template column it probably is', () => {
  const sheet = spec.sheets.find((s) => s.name === 'Documentos del proyecto')!;
  const url = sheet.columns.findIndex((c) => c.field === 'documents/url');
  // Retitled, and its technical name in row 2 deleted: read by title, which is no template title.
  const head = sheet.columns.map((c, i) => (i === url ? 'Enlace del docuemnto' : c.title));
  const paths = sheet.columns.map((c, i) => (i === url ? '' : c.path));
  const row = sheet.columns.map((c) => ({ id: 'oc4ids-abc123-0001', 'documents/id': 'D1', 'documents/title': 'Contrato', 'documents/url': 'https://a.mx/c.pdf' } as Record<string, string>)[c.field] ?? '');
  const projects = spec.sheets.find((s) => s.name === 'Proyectos')!;
  const out = unflatten({ sheets: [
    { name: 'Proyectos', rows: [projects.columns.map((c) => c.title), projects.columns.map((c) => c.path), projects.columns.map((c) => (c.field === 'id' ? 'oc4ids-abc123-0001' : c.field === 'title' ? 'Parque' : ''))] },
    { name: sheet.name, rows: [head, paths, row] },
  ] }, { now: '2024-06-01T12:00:00-06:00' });
  const unknown = out.findings.filter((f) => f.code === 'sheet.unknown-column');
  expect(unknown.map((f) => [f.cell?.sheet, f.cell?.row, f.cell?.column, renderMessage(f)])).toEqual([[sheet.name, 2, url + 1,
    'La columna «Enlace del docuemnto» no corresponde a ningún campo de la plantilla; sus datos no se publicarán. ¿Es la columna «Enlace del documento» de la plantilla? Si es así, escriba su título como en la plantilla en blanco para que sus datos se lean.']]);
});
