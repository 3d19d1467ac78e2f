/** Errors the API answers with: a status and a Spanish message, as JSON `{error: {code, message}}`. */
import type { ErrorRequestHandler } from 'express';
import { isStoreError } from '../store/store';
import { DISK_TROUBLE_MESSAGE, DISK_TROUBLE_READ_MESSAGE, diskTroubleAdvice } from '../lib/disk-trouble';

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, 'not-found', `No existe ${what}.`);
export const badRequest = (code: string, message: string): HttpError => new HttpError(400, code, message);
/** An address whose percent-encoding forms no UTF-8 text (`%ZZ`, a cut `%E0%A4`, a bare «%»): its path or a parameter read. */
export const invalidEncoding = (): HttpError => badRequest('invalid-encoding', 'La dirección no es válida: cada «%» debe ir seguido de dos dígitos hexadecimales que formen un carácter en UTF-8 (un «%» escrito tal cual es «%25»; use encodeURIComponent o su equivalente).');

const STORE_STATUS = { conflict: 409, 'not-found': 404, invalid: 400, 'invalid-cursor': 400, 'too-large': 413 } as const;
/** What a person reads about a store failure (the API's answers and the CLI): never the store's own message. */
export const STORE_MESSAGES: Record<keyof typeof STORE_STATUS, string> = {
  conflict: 'Otra operación cambió estos datos al mismo tiempo. Vuelva a cargar la página e intente de nuevo.',
  'not-found': 'No existe lo que se buscó: puede haberse eliminado o la dirección no es correcta.',
  invalid: 'La solicitud no es válida: revise la dirección y sus parámetros.',
  'invalid-cursor': 'El parámetro «after» no es válido: use el enlace «links.next» de la página anterior.',
  'too-large': 'La información es demasiado grande para guardarse. Divídala en partes más pequeñas o reduzca los textos largos e intente de nuevo.',
};

export function errorHandler(log: (message: string) => void): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    void _next;
    // A failure in the middle of a streamed download: the status is already sent, so cut the connection
    // (the client sees an incomplete download, never a truncated file that looks complete).
    if (res.headersSent) return void res.destroy(err instanceof Error ? err : undefined);
    // A failure of the server is of this moment: a cache must not keep it. The public reads set a minute's public cache
    // before they run (public-routes.ts), and a response with explicit freshness may be stored whatever its status
    // (RFC 9111 §3): a CDN or a harvester's cache gave the 500 again to every retry for that minute.
    const answer = (status: number, error: { code: string; message: string }): void => {
      // A private answer stays private (its «private, no-store» is already so): only a public one is made no-store.
      if (status >= 500 && !/\bno-store\b/.test(String(res.get('Cache-Control') ?? ''))) res.set('Cache-Control', 'no-store');
      res.status(status).json({ error });
    };
    if (err instanceof HttpError) return void answer(err.status, { code: err.code, message: err.message });
    if (isStoreError(err)) {
      // The store's own message names collections, keys and sizes, in English: for the log, never for the person.
      if (err.kind !== 'invalid-cursor') log(`error del almacén (${err.kind}): ${err.message}`);
      return void answer(STORE_STATUS[err.kind], { code: err.kind, message: STORE_MESSAGES[err.kind] });
    }
    const e = err as { type?: string; status?: number };
    // body-parser errors: malformed JSON and oversized bodies.
    if (e.type === 'entity.parse.failed') return void answer(400, { code: 'invalid-json', message: 'El cuerpo de la solicitud no es JSON válido.' });
    if (e.type === 'entity.too.large') return void answer(413, { code: 'too-large', message: 'La solicitud es demasiado grande.' });
    // A path whose percent-encoding is not UTF-8 (`%ZZ`, a cut `%E0%A4%A`): the router's URIError. Said as such, a
    // script that built the address by hand (an ocid with a bare «%») learns what to change, not only that it was wrong.
    if (err instanceof URIError && e.status === 400) {
      const refused = invalidEncoding();
      return void answer(refused.status, { code: refused.code, message: refused.message });
    }
    // Any other client error raised by express itself.
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return void answer(e.status, { code: 'bad-request', message: 'La solicitud no es válida: revise la dirección y sus parámetros.' });
    }
    const disk = diskTroubleAdvice(err);
    log(`error interno: ${err instanceof Error ? err.message : String(err)}${disk !== undefined ? ` — ${disk}` : ''}`);
    if (disk !== undefined) return void answer(503, { code: 'disk-unavailable', message: req.method === 'GET' || req.method === 'HEAD' ? DISK_TROUBLE_READ_MESSAGE : DISK_TROUBLE_MESSAGE });
    answer(500, { code: 'internal', message: 'Ocurrió un error interno. Intente de nuevo más tarde.' });
  };
}
