/** Seguimiento's «Por revisar» as a way into the inbox (dashboard/src/review/inbox-link.ts). */
import { inboxLinkFor } from '../../dashboard/src/review/inbox-link';

const progreso = { publisherId: 'yuc01', state: 'Yucatán' };

test('whoever reviews an implementer\'s sends is led to the inbox with it chosen; nobody else is', () => {
  expect(inboxLinkFor({ email: 'og@x.mx', role: 'coordinador', scope: { kind: 'state', state: 'yucatan' } }, progreso)).toBe('#/revision?implementador=yuc01');
  expect(inboxLinkFor({ email: 'a@x.mx', role: 'admin', scope: { kind: 'all' } }, { publisherId: 'a b', state: 'Campeche' })).toBe('#/revision?implementador=a%20b');
  // Another state's coordination, the implementer's own official and the public: the number alone.
  expect(inboxLinkFor({ email: 'og@x.mx', role: 'coordinador', scope: { kind: 'state', state: 'Campeche' } }, progreso)).toBeNull();
  expect(inboxLinkFor({ email: 'c@x.mx', role: 'capturista', scope: { kind: 'publisher', publisherId: 'yuc01' } }, progreso)).toBeNull();
  expect(inboxLinkFor(null, progreso)).toBeNull();
});
