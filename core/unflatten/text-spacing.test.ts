/**
 * Text pasted from Word or a PDF (text-spacing.ts): a title or name, as the profile marks it (`singleLine`), is
 * published on one line and said at the cell; a description is published as typed. And an option typed off an open
 * list is told the option it probably misspells (parse-value.ts, nearestTitles).
 */
import { renderMessage } from '../messages/render';
import { unflatten } from './index';
import { templateSheet } from '../../test/template-sheets';
import { needsOneLine, oneLine } from './text-spacing';
import { importDocuments } from '../import';

const convert = (...sheets: Parameters<typeof unflatten>[0]['sheets']) => unflatten({ sheets }, { now: '2024-06-01T12:00:00-06:00' });

test('a process title with a line break, a tab and doubled spaces is published on one line, said at its cell; the description as typed', () => {
  const out = convert(templateSheet('Contrataciones', [{
    ocid: 'ocds-abc123-0001', 'tender/id': 'T1',
    'tender/title': 'Construcción de la\nbarda perimetral\u00a0 de la escuela\t«Benito Juárez»',
    'tender/description': 'Primera etapa:  muros.   \n\n  - Cimentación\nSegunda etapa.',
    'buyer/name': 'Secretaría de  Obras\r\nPúblicas',
  }]));
  const tender = out.releases[0].tender as Record<string, unknown>;
  expect(tender.title).toBe('Construcción de la barda perimetral de la escuela «Benito Juárez»');
  // Paragraphs, indentation and doubled spaces kept: other text is published as typed (addresses and descriptions of
  // published data have doubled spaces that an imported workbook publishes again unchanged).
  expect(tender.description).toBe('Primera etapa:  muros.   \n\n  - Cimentación\nSegunda etapa.');
  expect((out.releases[0].buyer as Record<string, unknown>).name).toBe('Secretaría de Obras Públicas');
  const said = out.findings.filter((f) => f.code === 'cell.text-one-line');
  expect(said.map((f) => [f.severity, f.cell?.sheet, f.cell?.row])).toEqual([['info', 'Contrataciones', 3], ['info', 'Contrataciones', 3]]);
  expect(renderMessage(said[0])).toBe('Este título o nombre tenía saltos de línea, tabuladores o espacios de más, como queda al pegarlo desde Word o un PDF. Se publicará en una sola línea: «Construcción de la barda perimetral de la escuela «Benito Juárez»». Si quiere, escríbalo así en la celda.');
});

test('a project title and a document title of EDCAPI are single lines too; clean text is untouched and unsaid', () => {
  const out = convert(
    templateSheet('Proyectos', [{ id: 'oc4ids-abc123-0001', title: 'Puente  vehicular\nRío Sabinal', description: 'Un puente.' }]),
    templateSheet('Documentos del proyecto', [{ id: 'oc4ids-abc123-0001', 'documents/id': 'D1', 'documents/title': 'Estudio de impacto ambiental' }]),
  );
  expect(out.projects[0].title).toBe('Puente vehicular Río Sabinal');
  expect((out.projects[0].documents as Record<string, unknown>[] | undefined)?.[0]?.title).toBe('Estudio de impacto ambiental');
  expect(out.findings.filter((f) => f.code === 'cell.text-one-line')).toHaveLength(1);
});

test('one line: each run of spaces, tabs and line breaks one space', () => {
  expect(needsOneLine('Una línea, con espacios sencillos')).toBe(false);
  expect(['Dos\nlíneas', 'a\tb', 'a  b', 'a\r\nb'].map(needsOneLine)).toEqual([true, true, true, true]);
  expect(oneLine(' a \t b\n\nc ')).toBe('a b c');
});

test('an option typed off an open list (sector) is kept with its warning, which names the option it probably misspells', () => {
  const out = convert(templateSheet('Proyectos', [
    { id: 'oc4ids-abc123-0001', title: 'Mercado', sector: 'Trasporte carretero y vialidades' },
    { id: 'oc4ids-abc123-0002', title: 'Mercado', sector: 'Mercados' },
  ]));
  expect(out.projects.map((p) => p.sector)).toEqual([['Trasporte carretero y vialidades'], ['Mercados']]);
  const said = out.findings.filter((f) => f.code === 'cell.code-not-in-list');
  expect(said.map((f) => f.severity)).toEqual(['warning', 'warning']);
  expect(renderMessage(said[0])).toBe('«Trasporte carretero y vialidades» no está en la lista sugerida. ¿Quiso decir «Transporte carretero y vialidades»? Se publicará tal cual; de preferencia elija una opción de la lista desplegable.');
  // Nothing close: no guess.
  expect(renderMessage(said[1])).toBe('«Mercados» no está en la lista sugerida. Se publicará tal cual; de preferencia elija una opción de la lista desplegable.');
});

test('a published title with doubled spaces or a line break is imported on one line, as the workbook will publish it, and said', () => {
  const pkg = { uri: 'x', publishedDate: '2024-01-01T00:00:00Z', version: '1.1', releases: [{ ocid: 'ocds-abc123-1', id: '1', date: '2024-01-01T00:00:00Z', tag: ['tender'], initiationType: 'tender', tender: { id: 'T1', title: 'Obra  de agua\npotable', description: 'Dos  espacios se quedan.' } }] };
  const imported = importDocuments(pkg, 'x.json');
  const tender = imported.releases[0].tender as Record<string, unknown>;
  expect([tender.title, tender.description]).toEqual(['Obra de agua potable', 'Dos  espacios se quedan.']);
  expect(imported.findings.filter((f) => f.code === 'import.one-line').map((f) => [f.params.field, f.params.count])).toEqual([['tender/title', 1]]);
});
