/** Seguimiento's «3 de 7» as a way into *Etapas del programa* (dashboard/src/review/stages-link.ts). */
import { stagesLinkFor } from '../../dashboard/src/review/stages-link';

const progreso = { publisherId: 'yuc01', state: 'Yucatán' };

test('whoever records an implementer\'s stages is led to its form; nobody else is', () => {
  expect(stagesLinkFor({ email: 'og@x.mx', role: 'coordinador', scope: { kind: 'state', state: 'yucatan' } }, progreso)).toBe('#/etapas?implementador=yuc01');
  expect(stagesLinkFor({ email: 'a@x.mx', role: 'admin', scope: { kind: 'all' } }, { publisherId: 'a b', state: 'Campeche' })).toBe('#/etapas?implementador=a%20b');
  expect(stagesLinkFor({ email: 'og@x.mx', role: 'coordinador', scope: { kind: 'state', state: 'Campeche' } }, progreso)).toBeNull();
  expect(stagesLinkFor({ email: 'c@x.mx', role: 'capturista', scope: { kind: 'publisher', publisherId: 'yuc01' } }, progreso)).toBeNull();
  expect(stagesLinkFor(null, progreso)).toBeNull();
});
