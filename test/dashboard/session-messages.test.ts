/**
 * The words of a server error with no message of its own, one helper for every call of the signed-in pages
 * (dashboard/src/review/server-failed.ts; session.ts's `authed` and `authConfig` spelt them out each).
 */
import { serverFailed } from '../../dashboard/src/review/server-failed';

test('a bare server error says its status and what to do, in Spanish', () => {
  expect(serverFailed(503)).toBe('El servidor respondió 503. Intente de nuevo en unos minutos.');
});

test('a proxy\'s bare 413, 408 or 504 (a large state\'s workbook): not «intente de nuevo», which does not get past it, but who widens what', () => {
  expect(serverFailed(413)).toBe('El servidor no recibió el envío por su tamaño: lo rechazó el proxy que tiene delante, con un límite menor que el del servidor. Pida a quien administra el servidor que lo amplíe (en nginx, client_max_body_size) al menos a 64 MB.');
  // A 23.5 MB workbook at 70 KB/s was cut after 327 s by Node's former 5 minutes; a slow link or a proxy can still do it.
  expect(serverFailed(408)).toBe('El envío tardó demasiado en llegar al servidor (408) y no se recibió: la conexión es lenta para un libro de este tamaño. Envíelo desde una conexión más rápida, o en partes (varios libros, cada proceso o proyecto con todas sus filas en el mismo libro).');
  // The upload went on after nginx stopped waiting at 60 s: sending again at once would only be the same send again.
  expect(serverFailed(504)).toBe('El proxy que está delante del servidor dejó de esperar su respuesta (504), pero lo que pidió pudo haberse hecho: actualice la página y revise antes de repetirlo. Pida a quien administra el servidor que amplíe el tiempo de espera del proxy (en nginx, proxy_read_timeout).');
});
