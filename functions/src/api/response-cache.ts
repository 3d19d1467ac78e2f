/**
 * Published data never changes under a publication id (DESIGN §6), so a public answer is fully determined by
 * its URL and the publications it read. The serialized body and its ETag are kept in a bounded LRU: repeated
 * requests (the same page fetched by many readers) skip the store, JSON parsing and serialization.
 *
 * Answers built under a known version of the published state (api/current-publications.ts) are also served by
 * a fast path mounted before every other middleware: while that version is still the fresh one, a GET for the
 * same URL is answered with the stored headers and bytes at once, without express's routing, header handling
 * and negotiation — at 100 connections those, not the store, were what a cached answer cost (profiled).
 */
import { createHash } from 'crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'http';
import { promisify } from 'util';
import { gzip } from 'zlib';
import type { Request, RequestHandler, Response } from 'express';
import { RawJson } from './splice';

const gzipAsync = promisify(gzip);

// Bodies are kept as UTF-8 Buffers: the bound is in real bytes, the memory is outside the JS heap (no GC
// pressure from megabyte strings) and a hit is sent without encoding the string again.
// Pages of releases run to megabytes: clients that accept gzip get it (about a tenth of the bytes), compressed
// once per entry, as soon as it is stored, and kept with it.
interface Entry {
  key: string;
  url: string;
  body: Buffer;
  etag: string;
  gzipped: Promise<Buffer>;
  /** The compressed bytes once ready (the fast path does not wait for them). */
  gz?: Buffer;
  /**
   * The state version the answer was built under, and its headers as first sent (security, CORS, caching, type,
   * ETag) as ready-made flat lists for each encoding (the compressed one once the compressed bytes are ready).
   */
  fast?: { version: string; headers: OutgoingHttpHeaders; identity: string[]; gzip?: string[] };
}

/** Answers at most this many distinct Accept-Encoding values from memory (clients send a handful). */
const NEGOTIATIONS = 64;

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  /** The fast path's index: URL → the entry last sent for it under a known version. */
  private readonly byUrl = new Map<string, Entry>();
  /** Answers being built: concurrent requests for the same key wait for one build instead of each doing it. */
  private readonly building = new Map<string, Promise<Entry>>();
  private readonly gzipFor = new Map<string, boolean>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /**
   * Answers from the cache, or builds the body, stores it and answers. `stamp` names the data read; `version`, when
   * given, is the published state's version the route read its publications from (enables the fast path).
   */
  async send(req: Request, res: Response, stamp: string, build: () => Promise<unknown>, version?: string): Promise<void> {
    const key = `${req.originalUrl}\n${stamp}`;
    let entry = this.entries.get(key);
    if (entry) {
      // Refresh its place in the LRU order.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      let pending = this.building.get(key);
      if (!pending) {
        pending = build().then((value) => {
          const body = Buffer.from(value instanceof RawJson ? value.text : JSON.stringify(value), 'utf8');
          const built: Entry = { key, url: req.originalUrl, body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"`, gzipped: gzipAsync(body) };
          built.gzipped.then((gz) => { built.gz = gz; if (this.entries.get(key) === built) this.bytes += gz.length; }, () => undefined);
          this.put(key, built);
          return built;
        });
        this.building.set(key, pending);
        const forget = () => { this.building.delete(key); };
        pending.then(forget, forget);
      }
      entry = await pending;
    }
    res.set('ETag', entry.etag);
    res.vary('Accept-Encoding');
    res.type('application/json; charset=utf-8');
    if (version !== undefined && this.entries.get(key) === entry && (!entry.fast || entry.fast.version !== version)) {
      const headers = res.getHeaders();
      delete headers['content-length'];
      delete headers['content-encoding'];
      entry.fast = { version, headers, identity: flatHeaders(headers, entry.body.length) };
      this.byUrl.set(entry.url, entry);
    }
    if (this.acceptsGzip(req) && !req.fresh) {
      res.set('Content-Encoding', 'gzip').send(entry.gz ?? (await entry.gzipped));
      return;
    }
    res.send(entry.body);
  }

  /**
   * The fast path, for the HTTP server to try before the app (server/local-server.ts): a GET or HEAD whose URL
   * has an answer stored under `version` (the published state's, when fresh) is answered here and `true` returned.
   * Conditional requests, other versions, Accept-Encoding values not negotiated yet and answers whose compressed
   * copy is not ready go on to the app (which answers them, 304 included, and refreshes the entry).
   */
  answer(req: IncomingMessage, res: ServerResponse, version: string | undefined): boolean {
    if (version === undefined || (req.method !== 'GET' && req.method !== 'HEAD') || req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined) return false;
    const entry = this.byUrl.get(req.url ?? '');
    const fast = entry?.fast;
    if (!entry || !fast || fast.version !== version || this.entries.get(entry.key) !== entry) return false;
    const gzipped = this.gzipFor.get(req.headers['accept-encoding'] ?? '');
    if (gzipped === undefined) return false;
    const body = gzipped ? entry.gz : entry.body;
    if (!body) return false;
    const headers = gzipped ? (fast.gzip ??= flatHeaders({ ...fast.headers, 'content-encoding': 'gzip' }, body.length)) : fast.identity;
    this.entries.delete(entry.key);
    this.entries.set(entry.key, entry);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }

  /** The same fast path as a middleware, mounted first in the app (the Cloud Function has no server of ours). */
  fastPath(currentVersion: () => string | undefined): RequestHandler {
    return (req, res, next) => { if (!this.answer(req, res, currentVersion())) next(); };
  }

  /** Whether the client takes gzip (express's negotiation, remembered per Accept-Encoding value). */
  private acceptsGzip(req: Request): boolean {
    const header = req.headers['accept-encoding'] ?? '';
    let yes = this.gzipFor.get(header);
    if (yes === undefined) {
      yes = req.acceptsEncodings('gzip') === 'gzip';
      if (this.gzipFor.size < NEGOTIATIONS) this.gzipFor.set(header, yes);
    }
    return yes;
  }

  private put(key: string, entry: Entry): void {
    if (entry.body.length > this.maxBytes / 4) return;
    this.entries.set(key, entry);
    this.bytes += entry.body.length + key.length;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      if (this.byUrl.get(e.url) === e) this.byUrl.delete(e.url);
      this.bytes -= e.body.length + k.length + (e.gz?.length ?? 0);
    }
  }
}

/** Headers as a flat [name, value, …] list with the body's length: what writeHead takes with the least work. */
function flatHeaders(headers: OutgoingHttpHeaders, length: number): string[] {
  const flat: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) flat.push(name, String(v));
  }
  flat.push('content-length', String(length));
  return flat;
}
