/**
 * A local stand-in for the Cloud Storage JSON API on 127.0.0.1, enough for the real @google-cloud/storage client
 * pointed at it with `apiEndpoint`: multipart uploads (`POST /upload/storage/v1/b/{bucket}/o?uploadType=multipart`),
 * object metadata (`GET /storage/v1/b/{bucket}/o/{name}`) and media (`…?alt=media`), with the documented shapes
 * (size as a string, md5Hash in base64, 404 as a JSON error). Media downloads take the documented `Range` header:
 * one contiguous range (`bytes=0-1999`, `bytes=-2000`, `bytes=2000-`), answered 206 with Content-Range, or 416.
 * Listing by prefix (`GET /storage/v1/b/{bucket}/o?prefix=`, pages of `maxResults` with `nextPageToken`) and
 * removing an object (`DELETE /storage/v1/b/{bucket}/o/{name}`, 204 or 404).
 */
import { createHash } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface StoredObject { data: Buffer; metadata: Record<string, unknown> }

export interface StorageStub {
  apiEndpoint: string;
  objects: Map<string, StoredObject>;
  /** Method and path of every request. */
  requests: string[];
  /** The Range header of every media download, undefined when it had none. */
  mediaRanges: (string | undefined)[];
  /**
   * While set, uploads are refused with this status and Google's JSON error, as Cloud Storage refuses an account
   * without permission to write in the bucket (403) or a bucket that does not exist (404).
   */
  refuseUploads?: { code: number; message: string };
  close(): Promise<void>;
}

function parseMultipart(body: Buffer, boundary: string): { metadata: Record<string, unknown>; media: Buffer } {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next === -1) break;
    parts.push(body.subarray(at + delimiter.length, next));
    at = next;
  }
  const content = (part: Buffer) => {
    const headerEnd = part.indexOf('\r\n\r\n');
    return part.subarray(headerEnd + 4, part.length - 2); // drop the CRLF before the next delimiter
  };
  return { metadata: JSON.parse(content(parts[0]).toString('utf8')) as Record<string, unknown>, media: content(parts[1]) };
}

export async function startStorageStub(): Promise<StorageStub> {
  const objects = new Map<string, StoredObject>();
  const requests: string[] = [];
  const mediaRanges: (string | undefined)[] = [];
  let generation = 1;
  const stub: StorageStub = {
    apiEndpoint: '',
    objects,
    requests,
    mediaRanges,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push(`${req.method} ${url.pathname}`);
      const json = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }); res.end(JSON.stringify(body)); };
      const missing = () => json(404, { error: { code: 404, message: 'No such object', errors: [{ reason: 'notFound', message: 'No such object' }] } });
      const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
      if (upload && req.method === 'POST') {
        const refusal = stub.refuseUploads;
        if (refusal) return json(refusal.code, { error: { code: refusal.code, message: refusal.message, errors: [{ message: refusal.message }] } });
        const type = req.headers['content-type'] ?? '';
        const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2];
        if (url.searchParams.get('uploadType') !== 'multipart' || !boundary) return json(400, { error: { code: 400, message: 'only multipart uploads' } });
        const { metadata, media } = parseMultipart(Buffer.concat(chunks), boundary);
        const name = String(url.searchParams.get('name') ?? metadata.name);
        const md5Hash = createHash('md5').update(media).digest('base64');
        const stored = { ...metadata, name, bucket: upload[1], size: String(media.length), md5Hash, etag: md5Hash, generation: String(generation++), contentType: metadata.contentType ?? 'application/octet-stream', updated: new Date().toISOString() };
        objects.set(`${upload[1]}/${name}`, { data: media, metadata: stored });
        return json(200, stored);
      }
      const list = /^\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
      if (list && req.method === 'GET') {
        const prefix = `${list[1]}/${url.searchParams.get('prefix') ?? ''}`;
        const names = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
        const from = Number(url.searchParams.get('pageToken') ?? 0);
        const size = Number(url.searchParams.get('maxResults') ?? 1000);
        const page = names.slice(from, from + size);
        return json(200, { kind: 'storage#objects', items: page.map((k) => objects.get(k)?.metadata), ...(from + size < names.length ? { nextPageToken: String(from + size) } : {}) });
      }
      const object = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(url.pathname);
      if (object && req.method === 'DELETE') {
        if (!objects.delete(`${object[1]}/${decodeURIComponent(object[2])}`)) return missing();
        res.writeHead(204);
        return void res.end();
      }
      if (object && req.method === 'GET') {
        const found = objects.get(`${object[1]}/${decodeURIComponent(object[2])}`);
        if (!found) return missing();
        if (url.searchParams.get('alt') === 'media') {
          const range = req.headers.range;
          mediaRanges.push(range);
          const size = found.data.length;
          const spec = range === undefined ? undefined : /^bytes=(?:(\d+)-(\d*)|-(\d+))$/.exec(range);
          if (range !== undefined && !spec) return json(400, { error: { code: 400, message: `stub: Range ${range}` } });
          if (spec) {
            const start = spec[3] !== undefined ? Math.max(0, size - Number(spec[3])) : Number(spec[1]);
            const end = spec[2] ? Math.min(Number(spec[2]), size - 1) : size - 1;
            if (start >= size || start > end) {
              res.writeHead(416, { 'content-range': `bytes */${size}` });
              return void res.end();
            }
            res.writeHead(206, { 'content-type': String(found.metadata.contentType), 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${size}` });
            return void res.end(found.data.subarray(start, end + 1));
          }
          res.writeHead(200, { 'content-type': String(found.metadata.contentType), 'content-length': String(size), 'x-goog-hash': `md5=${String(found.metadata.md5Hash)}` });
          return void res.end(found.data);
        }
        return json(200, found.metadata);
      }
      json(404, { error: { code: 404, message: `stub: ${req.method} ${url.pathname}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  stub.apiEndpoint = `http://127.0.0.1:${port}`;
  return stub;
}
