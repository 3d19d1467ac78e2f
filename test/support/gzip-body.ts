/**
 * gzip for the add-on's HTTP ports in tests (what Utilities.gzip does in Apps Script: the same format, measured the
 * same way, http-port.ts gzipSizes), and the text of a request's body as the server reads it.
 */
import * as zlib from 'zlib';
import { gzipSizes, type GzippedBody, type HttpRequest } from '../../addon/src/backend/http-port';

export function nodeGzip(text: string): GzippedBody {
  const data = zlib.gzipSync(Buffer.from(text, 'utf8'));
  return { ...gzipSizes(data), data };
}

/** The bytes a request's body puts on the wire. */
export function wireBytes(body: HttpRequest['body']): Buffer | undefined {
  if (body === undefined) return undefined;
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.data as Uint8Array);
}

/** The JSON text a request carried, decompressed when it was sent with `Content-Encoding: gzip`. */
export function sentText(request: HttpRequest): string {
  const bytes = wireBytes(request.body) ?? Buffer.alloc(0);
  return request.headers['Content-Encoding'] === 'gzip' ? zlib.gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
}
