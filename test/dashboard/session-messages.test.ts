/**
 * The words of a server error with no message of its own, one helper for every call of the signed-in pages
 * (dashboard/src/review/server-failed.ts; session.ts's `authed` and `authConfig` spelt them out each).
 */
import { serverFailed } from '../../dashboard/src/review/server-failed';

test('a bare server error says its status and what to do, in Spanish', () => {
  expect(serverFailed(503)).toBe('El servidor respondió 503. Intente de nuevo en unos minutos.');
});
