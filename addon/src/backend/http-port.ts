/** The HTTP port: UrlFetchApp in Apps Script; in tests, a blocking port onto the real app. Never throws for HTTP status codes. */

/**
 * A body compressed by the host (Apps Script: Utilities.gzip), measured so the client can compare it with the limits
 * before anything is sent. `data` is what the host's fetch sends (a Blob in Apps Script), opaque to the client.
 */
export interface GzippedBody {
  /** Bytes that travel. */
  bytes: number;
  /** Bytes of the text once decompressed (UTF-8). */
  inflatedBytes: number;
  data: unknown;
}

export interface HttpRequest {
  method: 'get' | 'post';
  url: string;
  headers: Record<string, string>;
  /** The JSON text sent (serialized once by the client, which also measures it), or that text compressed (gzip). */
  body?: string | GzippedBody;
  /** Content type of the JSON body; default application/json. */
  contentType?: string;
}

export interface HttpResponse { status: number; text: string }

export interface HttpPort {
  fetch(request: HttpRequest): HttpResponse;
  /** `text` (UTF-8) compressed with gzip, to be sent as a body of `contentType` with `Content-Encoding: gzip`. */
  gzip(text: string, contentType: string): GzippedBody;
}

/**
 * The sizes of a gzip body from its bytes: its length, and the decompressed length its trailer states (RFC 1952:
 * ISIZE, the last four bytes, little-endian, modulo 2^32 — exact here, as no text the add-on builds reaches 4 GiB).
 * Read from the compressed bytes so the add-on does not walk an 80-million-character text to count its UTF-8 bytes.
 * Apps Script's bytes are signed (-128…127).
 */
export function gzipSizes(bytes: ArrayLike<number>): { bytes: number; inflatedBytes: number } {
  const n = bytes.length;
  if (n < 18) return { bytes: n, inflatedBytes: 0 };
  const at = (i: number) => bytes[n - 4 + i] & 0xff;
  return { bytes: n, inflatedBytes: (at(0) | (at(1) << 8) | (at(2) << 16)) + at(3) * 2 ** 24 };
}
