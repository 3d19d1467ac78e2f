/**
 * What the self-hosted server answers to a request Node's HTTP parser refuses before the app sees it: an address or
 * headers too large (a script that put thousands of identifiers in one query) or a malformed request. Node's own
 * answer is a bare status with an empty body, where every other error of the API is JSON with a Spanish message
 * (api/http-error.ts); a script that shows `error.message` showed nothing. In the cloud, Google's front end answers
 * these itself.
 *
 * A request that took too long to arrive (408) and an oversized chunk extension (413) keep Node's bare answer: they
 * come from sending a workbook, and the dashboard says more for a bare 408 or 413 (the link is slow: send it in
 * parts; a proxy's limit: who widens it) than a message of ours could (dashboard/src/review/server-failed.ts).
 */
import type { Server } from 'http';
import type { Duplex } from 'stream';

/** Node's own answers (lib/_http_server.js), for what is not answered in JSON. */
const BARE: Record<string, string> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n',
};

function json(status: string, code: string, message: string): string {
  const body = JSON.stringify({ error: { code, message } });
  return `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/** Answers the parser's refusals as Node does, in JSON where a reader of the API gets them; a gone connection is closed. */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // An answer already being written on this connection (keep-alive) would be corrupted by another: Node writes none.
    const inFlight = (socket as { _httpMessage?: { _headerSent?: boolean } })._httpMessage?._headerSent === true;
    if (err.code !== 'ECONNRESET' && socket.writable && !inFlight) {
      socket.write(BARE[err.code ?? ''] ?? (err.code === 'HPE_HEADER_OVERFLOW'
        ? json('431 Request Header Fields Too Large', 'headers-too-large', 'La dirección o los encabezados de la solicitud son demasiado grandes (hasta 16 KB en total). Acorte la dirección: pida los datos por partes, o descargue los archivos de /api/bulk.')
        : json('400 Bad Request', 'bad-request', 'La solicitud HTTP no es válida (su primera línea o algún encabezado no siguen el protocolo): revise cómo la arma su programa.')));
    }
    socket.destroy();
  });
}
