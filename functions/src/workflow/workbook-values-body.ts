/**
 * The body of a workbook sent as values (the add-on to a self-hosted server: core/workflow/contract.ts
 * WorkbookValues), compressed with gzip as the add-on sends it. Two limits apply: what travels (`sentBytes`, the
 * server's MAX_BODY_BYTES, as for an .xlsx) and the values once decompressed (`valuesBytes`, the contract's
 * MAX_WORKBOOK_VALUES_BYTES, which the add-on checks before sending). Decompression stops as soon as the values pass
 * their limit, so a small body that unpacks to gigabytes (a «gzip bomb») costs at most that limit in memory.
 * An uncompressed body is left to express.json, whose limit is then the smaller of the two.
 */
import * as zlib from 'zlib';
import type express from 'express';
import { HttpError, badRequest } from '../api/http-error';
import { formatFileSize } from '../../../core/format/es-mx';

export interface ValuesBodyLimits {
  /** Bytes on the wire (compressed or not). */
  sentBytes: number;
  /** Bytes of the JSON once decompressed. */
  valuesBytes: number;
}

/** What to do, for both limits: an .xlsx is read within other limits (read-limits.ts), or the data goes in two sends. */
const INSTEAD = 'Descargue el libro como Excel (en Google Sheets: Archivo → Descargar → Microsoft Excel) y envíelo desde el tablero, en «Mis envíos», o divida la información en dos libros.';

/** The refusal of a workbook sent from Google Sheets over a limit: said of the sheet's data, not of «el archivo». */
export function valuesTooLarge(limit: keyof ValuesBodyLimits, bytes: number, compressed = false): HttpError {
  return limit === 'sentBytes'
    ? new HttpError(413, 'values.limit-sent-bytes', `Los datos del libro enviados desde Google Sheets pesan${compressed ? ', aun comprimidos,' : ''} más de ${formatFileSize(bytes)}, lo máximo que este servidor recibe en un envío. ${INSTEAD}`)
    : new HttpError(413, 'values.limit-uncompressed-bytes', `Los datos del libro enviados desde Google Sheets ocupan más de ${formatFileSize(bytes)} una vez descomprimidos, lo máximo que este servidor lee de un libro enviado así. ${INSTEAD}`);
}

/** Set on the request for tests: how many bytes were decompressed when the read stopped. */
export const INFLATED_BYTES = Symbol('inflatedBytes');

/**
 * Reads a gzip-encoded body of `type` into `req.body` (parsed JSON) within `limits`; any other request goes on
 * untouched. express.json then finds the body read and leaves it.
 */
export function gzippedValuesBody(type: string, limits: ValuesBodyLimits): express.RequestHandler {
  return (req, _res, next) => {
    const encoding = String(req.headers['content-encoding'] ?? '').trim().toLowerCase();
    // (A body already read by an earlier parser has nothing left to pipe: it would never end.)
    if (encoding !== 'gzip' || !req.is(type) || req.readableEnded) return next();
    let settled = false;
    let sent = 0;
    let inflated = 0;
    const chunks: Buffer[] = [];
    const gunzip = zlib.createGunzip();
    // The refusal is answered once the rest of the request has been read (and discarded), as express.json does, so
    // the client reads the answer instead of a connection reset.
    const fail = (error: HttpError): void => {
      if (settled) return;
      settled = true;
      (req as unknown as Record<symbol, number>)[INFLATED_BYTES] = inflated;
      req.unpipe(gunzip);
      gunzip.destroy();
      chunks.length = 0;
      if (req.complete) return next(error);
      req.once('end', () => next(error));
      req.resume();
    };
    const declared = Number(req.headers['content-length']);
    if (declared > limits.sentBytes) return fail(valuesTooLarge('sentBytes', limits.sentBytes, true));
    req.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (sent > limits.sentBytes) fail(valuesTooLarge('sentBytes', limits.sentBytes, true));
    });
    // A client that gives up halfway: nothing more is decompressed, nothing is answered.
    req.once('close', () => {
      if (settled || req.complete) return;
      settled = true;
      req.unpipe(gunzip);
      gunzip.destroy();
      chunks.length = 0;
    });
    gunzip.on('data', (chunk: Buffer) => {
      if (settled) return;
      inflated += chunk.length;
      if (inflated > limits.valuesBytes) return fail(valuesTooLarge('valuesBytes', limits.valuesBytes));
      chunks.push(chunk);
    });
    gunzip.on('error', () => fail(badRequest('invalid-gzip', 'El envío dice venir comprimido (gzip) pero sus datos no se pudieron descomprimir. Intente de nuevo; si se repite, avise a quien administra el servidor.')));
    gunzip.on('end', () => {
      if (settled) return;
      settled = true;
      (req as unknown as Record<symbol, number>)[INFLATED_BYTES] = inflated;
      try {
        req.body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      } catch {
        return next(badRequest('invalid-json', 'El cuerpo de la solicitud no es JSON válido.'));
      }
      next();
    });
    req.pipe(gunzip);
  };
}
