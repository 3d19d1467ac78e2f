/** A description's paragraphs (dashboard/src/data/paragraphs.ts): a text in several read as one run-on paragraph. */
import { paragraphsOf } from '../../dashboard/src/data/paragraphs';

test('parts a text at blank lines, keeps single breaks inside a paragraph, and drops empty ones', () => {
  expect(paragraphsOf('Primero.\r\n\r\nSegundo,\ncon un salto.\n  \n\n\nTercero <b>x</b>.\n')).toEqual(['Primero.', 'Segundo,\ncon un salto.', 'Tercero <b>x</b>.']);
  expect(paragraphsOf('Una sola línea')).toEqual(['Una sola línea']);
  expect(paragraphsOf('\n\n')).toEqual([]);
});
