/** Said when the server answered with an error and no message of its own (a proxy's 502, a crash's 500). No DOM here. */
import { DEFAULT_MAX_BODY_BYTES } from '../../../core/workflow/contract';
import { formatFileSize } from '../../../core/format/es-mx';

/** A public page's read that failed: its status, and to try again. */
export const readFailed = (status: number): string => `El servidor respondió ${status}. Intente de nuevo en unos minutos.`;

/** A signed-in page's request (a send, a preview, a decision) that failed. */
export const serverFailed = (status: number): string => {
  // Our server says a size or a wait in its own words: bare, they come from a proxy in front of it (nginx takes 1 MB
  // and waits 60 s unless told otherwise), which retrying does not get past and only whoever runs the server widens.
  // A 10,000-process workbook is 24–31 MB and its check on arrival takes over a minute (docs/operations.md).
  if (status === 413) return `El servidor no recibió el envío por su tamaño: lo rechazó el proxy que tiene delante, con un límite menor que el del servidor. Pida a quien administra el servidor que lo amplíe (en nginx, client_max_body_size) al menos a ${formatFileSize(DEFAULT_MAX_BODY_BYTES)}.`;
  // The workbook took longer to arrive than the server (or a proxy) waits for a request: sent again over the same
  // link it is cut the same way.
  if (status === 408) return 'El envío tardó demasiado en llegar al servidor (408) y no se recibió: la conexión es lenta para un libro de este tamaño. Envíelo desde una conexión más rápida, o en partes (varios libros, cada proceso o proyecto con todas sus filas en el mismo libro).';
  // The server went on with the request after the proxy gave up on it: what was asked may be done.
  if (status === 504) return 'El proxy que está delante del servidor dejó de esperar su respuesta (504), pero lo que pidió pudo haberse hecho: actualice la página y revise antes de repetirlo. Pida a quien administra el servidor que amplíe el tiempo de espera del proxy (en nginx, proxy_read_timeout).';
  return readFailed(status);
};

/** Said when a request got no answer at all (connection lost, server down): not the browser's «Failed to fetch». */
export const NO_ANSWER = 'No se pudo comunicar con el servidor. Revise su conexión e intente de nuevo.';
