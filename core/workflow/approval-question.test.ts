import { approvalQuestion } from './approval-question';
import type { ChangeGroup } from './contract';

const group = (n: { new?: number; changed?: number; unchanged?: number }): ChangeGroup =>
  ({ counts: { new: n.new ?? 0, changed: n.changed ?? 0, unchanged: n.unchanged ?? 0, removed: 0 }, items: [] });
const asked = (currentPublicationId: string | null, processes: ChangeGroup, projects: ChangeGroup) =>
  approvalQuestion({ currentPublicationId, preview: { processes, projects }, submission: { publisherName: 'Municipio de Zapotlanejo' } });

describe('what «Aprobar» asks before publishing', () => {
  test('an implementer\'s first publication is said as that: nothing published before, nothing «modificado» or «conservado»', () => {
    expect(asked(null, group({ new: 1 }), group({ new: 1 }))).toEqual({
      text: 'Será la primera publicación de Municipio de Zapotlanejo: 1 contratación y 1 proyecto, que el público verá en el tablero y en la API en cuanto termine de publicarse. ¿Publicar ahora?',
      yes: 'Sí, publicar',
    });
    // A workbook of projects only names no «0 contrataciones».
    expect(asked(null, group({}), group({ new: 2 })).text).toMatch(/^Será la primera publicación de Municipio de Zapotlanejo: 2 proyectos, que/);
  });

  test('after it: what changes, what stays published, or that nothing does', () => {
    expect(asked('pub-1', group({ new: 1, changed: 2 }), group({ unchanged: 1 })).text).toBe('Se publicará este envío: 3 contrataciones nuevas o modificadas y 0 proyectos nuevos o modificados; lo que no viene en el libro se conserva publicado. ¿Publicar ahora?');
    expect(asked('pub-1', group({ unchanged: 3 }), group({ unchanged: 1 }))).toEqual({ text: expect.stringMatching(/^No hay cambios frente a lo publicado: .*de Municipio de Zapotlanejo en «Seguimiento»\. ¿Aprobar ahora\?$/), yes: 'Sí, aprobar' });
  });
});
