/**
 * Request size and shape limits (Reliability issue). JSON bodies of this API are a few fields
 * ({spreadsheetId}, {comment}), so they get a small limit of their own; only .xlsx uploads may be large
 * (config `maxBodyBytes`, applied where uploads are read). Methods the API does not use are answered 405
 * before any route runs. Oversized and malformed bodies become Spanish 4xx errors in http-error.ts.
 */
import express, { type Request, type RequestHandler } from 'express';
import { HttpError } from './http-error';
import { methodNotAllowed } from './route-methods';

/** Largest JSON body: a 5,000-character comment in UTF-8 with room to spare. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS']);

/** Parses `application/json` bodies up to `limit` bytes; only objects and arrays (body-parser's strict mode). */
export function jsonBodies(limit = MAX_JSON_BODY_BYTES): RequestHandler {
  return express.json({ limit, strict: true });
}

/**
 * Routes that read a JSON body refuse a body of another type with 415, naming the type to use (as an upload of
 * the wrong type is refused): only `application/json` is parsed, so a comment sent as text/plain reached the
 * route as no body at all and was answered «write a comment», though one was written. A request without a body
 * is left to the route (it says which field is missing). `what`: what the JSON must carry, in Spanish.
 */
export function requireJsonBody(req: Request, what: string): void {
  // `is` is null without a body and false for a body of another type (or of none stated); an empty body (a bare
  // POST sends `Content-Length: 0`) is no body either.
  if (req.headers['content-length'] === '0' || req.is('application/json') !== false) return;
  throw new HttpError(415, 'unsupported-type', `No se admite el tipo de contenido «${String(req.headers['content-type'] ?? 'sin indicar')}». Envíe un JSON (Content-Type: application/json) con ${what}.`);
}

/**
 * 405 for methods no API route answers (DELETE, PATCH, TRACE, …); at a known address, with the methods its routes
 * take (route-methods.ts), else the API's.
 */
export function allowedMethods(): RequestHandler {
  return (req, res, next) => {
    if (METHODS.has(req.method)) return next();
    const known = methodNotAllowed(req, res);
    if (known) return next(known);
    res.set('Allow', [...METHODS].join(', '));
    next(new HttpError(405, 'method-not-allowed', `La API no acepta el método ${req.method.slice(0, 20)}: use GET para consultar, POST para enviar y PUT para registrar publicadores.`));
  };
}
