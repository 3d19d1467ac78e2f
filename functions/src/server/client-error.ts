/**
 * What the self-hosted server answers to a request Node's HTTP parser refuses before the app sees it: headers or an
 * address too large (a script that put thousands of identifiers in one query), a malformed request, one that took
 * longer than the server waits. Node's own answer is a bare status with an empty body, where every other error of
 * the API is JSON with a Spanish message (api/http-error.ts); a script that shows `error.message` showed nothing.
 * In the cloud, Google's front end answers these itself.
 */
import type { Server } from 'http';
import type { Duplex } from 'stream';

/** Status, reason phrase, code and Spanish message for each parser error Node itself would answer. */
function answerFor(code: string | undefined): [number, string, string, string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'Request Header Fields Too Large', 'headers-too-large', 'La dirección o los encabezados de la solicitud son demasiado grandes (hasta 16 KB en total). Acorte la dirección: pida los datos por partes, o descargue los archivos de /api/bulk.'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'Request Timeout', 'request-timeout', 'La solicitud tardó demasiado en llegar completa y se cortó. Intente de nuevo, de preferencia con una conexión más rápida.'];
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return [413, 'Payload Too Large', 'too-large', 'La solicitud es demasiado grande.'];
  return [400, 'Bad Request', 'bad-request', 'La solicitud HTTP no es válida (su primera línea o algún encabezado no siguen el protocolo): revise cómo la arma su programa.'];
}

/** Answers the parser's refusals in JSON, as the API's other errors are; a connection already gone is only closed. */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // An answer already started on this connection (keep-alive) would be corrupted by another: Node closes it too.
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight) return void socket.destroy();
    const [status, reason, code, message] = answerFor(err.code);
    const body = JSON.stringify({ error: { code, message } });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
