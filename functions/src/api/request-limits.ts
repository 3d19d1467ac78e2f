/**
 * Request size and shape limits (Reliability issue). JSON bodies of this API are a few fields
 * ({spreadsheetId}, {comment}), so they get a small limit of their own; only .xlsx uploads may be large
 * (config `maxBodyBytes`, applied where uploads are read). Methods the API does not use are answered 405
 * before any route runs. Oversized and malformed bodies become Spanish 4xx errors in http-error.ts.
 */
import express, { type RequestHandler } from 'express';
import { HttpError } from './http-error';

/** Largest JSON body: a 5,000-character comment in UTF-8 with room to spare. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS']);

/** Parses `application/json` bodies up to `limit` bytes; only objects and arrays (body-parser's strict mode). */
export function jsonBodies(limit = MAX_JSON_BODY_BYTES): RequestHandler {
  return express.json({ limit, strict: true });
}

/** 405 for methods no API route answers (DELETE, PATCH, TRACE, …). */
export function allowedMethods(): RequestHandler {
  return (req, res, next) => {
    if (METHODS.has(req.method)) return next();
    res.set('Allow', [...METHODS].join(', '));
    next(new HttpError(405, 'method-not-allowed', `La API no acepta el método ${req.method.slice(0, 20)}: use GET para consultar, POST para enviar y PUT para registrar publicadores.`));
  };
}
