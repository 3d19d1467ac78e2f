/** The coordinator's own state, as Seguimiento opens on it (dashboard/src/review/own-state.ts). */
import { coordinatorState } from '../../dashboard/src/review/own-state';

const publishers = [{ state: 'Nuevo León' }, { state: 'Yucatán' }];

test('a coordinator\'s state is spelt as the published list spells it; anyone else has none', () => {
  expect(coordinatorState({ email: 'og@x.mx', role: 'coordinador', scope: { kind: 'state', state: 'yucatan' } }, publishers)).toBe('Yucatán');
  // A state with nothing registered yet: its own words (the page then lists no implementer, and says so).
  expect(coordinatorState({ email: 'og@x.mx', role: 'coordinador', scope: { kind: 'state', state: 'Campeche' } }, publishers)).toBe('Campeche');
  expect(coordinatorState({ email: 'a@x.mx', role: 'admin', scope: { kind: 'all' } }, publishers)).toBeUndefined();
  expect(coordinatorState({ email: 'c@x.mx', role: 'capturista', scope: { kind: 'publisher', publisherId: 'mer' } }, publishers)).toBeUndefined();
  expect(coordinatorState(null, publishers)).toBeUndefined();
});
