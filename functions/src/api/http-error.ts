/** Errors the API answers with: a status and a Spanish message, as JSON `{error: {code, message}}`. */
import type { ErrorRequestHandler } from 'express';
import { isStoreError } from '../store/store';

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, 'not-found', `No existe ${what}.`);
export const badRequest = (code: string, message: string): HttpError => new HttpError(400, code, message);

const STORE_STATUS = { conflict: 409, 'not-found': 404, invalid: 400, 'invalid-cursor': 400, 'too-large': 413 } as const;

export function errorHandler(log: (message: string) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    void _next;
    // A failure in the middle of a streamed download: the status is already sent, so cut the connection
    // (the client sees an incomplete download, never a truncated file that looks complete).
    if (res.headersSent) return void res.destroy(err instanceof Error ? err : undefined);
    if (err instanceof HttpError) return void res.status(err.status).json({ error: { code: err.code, message: err.message } });
    if (isStoreError(err)) {
      const message = err.kind === 'invalid-cursor' ? 'El parámetro «after» no es válido: use el enlace «links.next» de la página anterior.' : err.message;
      return void res.status(STORE_STATUS[err.kind]).json({ error: { code: err.kind, message } });
    }
    const e = err as { type?: string; status?: number };
    // body-parser errors: malformed JSON and oversized bodies.
    if (e.type === 'entity.parse.failed') return void res.status(400).json({ error: { code: 'invalid-json', message: 'El cuerpo de la solicitud no es JSON válido.' } });
    if (e.type === 'entity.too.large') return void res.status(413).json({ error: { code: 'too-large', message: 'La solicitud es demasiado grande.' } });
    // Any other client error raised by express itself (e.g. a path that is not valid percent-encoding).
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return void res.status(e.status).json({ error: { code: 'bad-request', message: 'La solicitud no es válida: revise la dirección y sus parámetros.' } });
    }
    log(`error interno: ${err instanceof Error ? err.message : String(err)}`);
    res.status(500).json({ error: { code: 'internal', message: 'Ocurrió un error interno. Intente de nuevo más tarde.' } });
  };
}
