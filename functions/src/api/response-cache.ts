/**
 * Published data never changes under a publication id (DESIGN §6), so a public answer is fully determined by
 * its URL and the publications it read. The serialized body and its ETag are kept in a bounded LRU: repeated
 * requests (the same page fetched by many readers) skip the store, JSON parsing and serialization.
 *
 * Answers built under a known version of the published state (api/current-publications.ts) are also served by
 * a fast path tried before the app: while that version is still the fresh one, a GET for the same URL is
 * answered with the stored headers and bytes at once, without express's routing, header handling and
 * negotiation — at 100 connections those, not the store, were what a cached answer cost (profiled).
 */
import { createHash } from 'crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'http';
import { promisify } from 'util';
import { brotliCompress, constants, gzip } from 'zlib';
import type { Request, RequestHandler, Response } from 'express';
import { RawJson } from './splice';
import { COMPRESSIONS_AT_ONCE, concurrencyLimit } from './thread-pool-share';

type Coding = 'br' | 'gzip';
type Negotiated = Coding | 'identity';

/**
 * Brotli at quality 3: a page of 100 releases of one publisher repeats much of its text from release to release,
 * and brotli's window spans the whole page where gzip's 32 KB does not (bench's page: 1.36 MB → 10.5 KB in ~2 ms
 * of CPU, against gzip's 107 KB in ~10 ms; a 100 KB record: 6.7 KB in 0.5 ms against 7.7 KB in 1 ms). Higher
 * qualities cost several times the CPU for a few per cent — and under mixed load most answers are compressed once.
 */
const COMPRESS: Record<Coding, (body: Buffer) => Promise<Buffer>> = {
  br: (body) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 3, [constants.BROTLI_PARAM_SIZE_HINT]: body.length, [constants.BROTLI_PARAM_LGWIN]: windowBits(body.length) } }),
  gzip: (body) => promisify(gzip)(body),
};

/** Compressions share libuv's pool with file reads (bulk downloads): a few at a time (api/thread-pool-share.ts). */
const compressing = concurrencyLimit(COMPRESSIONS_AT_ONCE);

/**
 * A window just large enough for the body (brotli's default is 4 MB): each encoder allocates its window, and under
 * mixed load most answers are single records of ~100 KB (a fitted window cut the CPU of compressing one to a third).
 */
function windowBits(length: number): number {
  return Math.max(constants.BROTLI_MIN_WINDOW_BITS + 6, Math.min(constants.BROTLI_MAX_WINDOW_BITS, Math.ceil(Math.log2(length + 1))));
}

// Bodies are kept as UTF-8 Buffers: the bound is in real bytes, the memory is outside the JS heap (no GC
// pressure from megabyte strings) and a hit is sent without encoding the string again.
// Compressed copies are made once per entry and encoding, on its first demand, and kept with it.
interface Entry {
  key: string;
  url: string;
  body: Buffer;
  etag: string;
  /** Headers that belong to this answer (a page's `Link` to the next): sent again with every copy of it. */
  headers?: Readonly<Record<string, string>>;
  compressing: Partial<Record<Coding, Promise<Buffer>>>;
  /** Compressed bytes once ready (the fast path does not wait for them). */
  compressed: Partial<Record<Coding, Buffer>>;
  /**
   * The state version the answer was built under, and its headers as first sent (security, CORS, caching, type,
   * ETag) as ready-made flat lists for each encoding (a compressed one once its bytes are ready).
   */
  fast?: { version: string; headers: OutgoingHttpHeaders; flat: Partial<Record<Negotiated, string[]>> };
}

/**
 * A body with headers of its own, which only its build knows: a page's `Link: <…>; rel="next"` (RFC 8288), whose
 * address is worked out with the page. Kept with the body, so that a page served again from here still has it.
 */
export class WithHeaders {
  constructor(readonly body: unknown, readonly headers: Readonly<Record<string, string>>) {}
}

/** Remembers at most this many distinct Accept-Encoding values (clients send a handful). */
const NEGOTIATIONS = 64;

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  /** The fast path's index: URL → the entry last sent for it under a known version. */
  private readonly byUrl = new Map<string, Entry>();
  /** Answers being built: concurrent requests for the same key wait for one build instead of each doing it. */
  private readonly building = new Map<string, Promise<Entry>>();
  private readonly codingFor = new Map<string, Negotiated>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /**
   * Answers from the cache, or builds the body (a value, RawJson text or the JSON's bytes, or any of them
   * WithHeaders), stores it and answers.
   * `stamp` names the data read; `version`, when
   * given, is the published state's version the route read its publications from (enables the fast path).
   * `etagNamesStamp`: the ETag names the stamp too, not only the bytes — a listing's first page says whether any page
   * changed (docs/api.md «Caché»), and a publication that changes only later pages (a redaction keeps its date) left
   * the first one's bytes, and a harvester's 304, as they were.
   */
  async send(req: Request, res: Response, stamp: string, build: () => Promise<unknown>, version?: string, etagNamesStamp = false): Promise<void> {
    const key = `${req.originalUrl}\n${stamp}`;
    let entry = this.entries.get(key);
    if (entry) {
      // Refresh its place in the LRU order.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      let pending = this.building.get(key);
      if (!pending) {
        pending = build().then((answer) => {
          const value = answer instanceof WithHeaders ? answer.body : answer;
          const body = Buffer.isBuffer(value) ? value : Buffer.from(value instanceof RawJson ? value.text : JSON.stringify(value), 'utf8');
          const built: Entry = { key, url: req.originalUrl, body, etag: `W/"${createHash('sha1').update(body).update(etagNamesStamp ? `\n${stamp}` : '').digest('base64url')}"`, compressing: {}, compressed: {} };
          if (answer instanceof WithHeaders && Object.keys(answer.headers).length) built.headers = answer.headers;
          this.put(key, built);
          return built;
        });
        this.building.set(key, pending);
        const forget = () => { this.building.delete(key); };
        pending.then(forget, forget);
      }
      entry = await pending;
    }
    if (entry.headers) res.set(entry.headers);
    res.set('ETag', entry.etag);
    res.vary('Accept-Encoding');
    res.type('application/json; charset=utf-8');
    if (version !== undefined && this.entries.get(key) === entry && (!entry.fast || entry.fast.version !== version)) {
      const headers = res.getHeaders();
      delete headers['content-length'];
      delete headers['content-encoding'];
      entry.fast = { version, headers, flat: { identity: flatHeaders(headers, entry.body.length) } };
      this.byUrl.set(entry.url, entry);
    }
    const coding = this.negotiate(req);
    if (coding !== 'identity' && !req.fresh) {
      res.set('Content-Encoding', coding).send(entry.compressed[coding] ?? (await this.compress(entry, coding)));
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
    const coding = this.codingFor.get(req.headers['accept-encoding'] ?? '');
    if (coding === undefined) return false;
    const body = coding === 'identity' ? entry.body : entry.compressed[coding];
    if (!body) return false;
    const headers = (fast.flat[coding] ??= flatHeaders({ ...fast.headers, 'content-encoding': coding }, body.length));
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

  /**
   * The encoding this client gets: brotli when it takes it (browsers do), else gzip (fetch, Python's requests),
   * else none — the server's preference among what the client accepts (express's negotiation, remembered per
   * Accept-Encoding value).
   */
  private negotiate(req: Request): Negotiated {
    const header = req.headers['accept-encoding'] ?? '';
    let coding = this.codingFor.get(header);
    if (coding === undefined) {
      coding = req.acceptsEncodings('br') === 'br' ? 'br' : req.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : 'identity';
      if (this.codingFor.size < NEGOTIATIONS) this.codingFor.set(header, coding);
    }
    return coding;
  }

  private compress(entry: Entry, coding: Coding): Promise<Buffer> {
    let pending = entry.compressing[coding];
    if (!pending) {
      pending = compressing(() => COMPRESS[coding](entry.body));
      entry.compressing[coding] = pending;
      pending.then((bytes) => {
        entry.compressed[coding] = bytes;
        if (this.entries.get(entry.key) === entry) this.bytes += bytes.length;
      }, () => { delete entry.compressing[coding]; });
    }
    return pending;
  }

  private put(key: string, entry: Entry): void {
    if (entry.body.length > this.maxBytes / 4) return;
    this.entries.set(key, entry);
    this.bytes += entry.body.length + key.length;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      if (this.byUrl.get(e.url) === e) this.byUrl.delete(e.url);
      this.bytes -= e.body.length + k.length + (e.compressed.br?.length ?? 0) + (e.compressed.gzip?.length ?? 0);
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
