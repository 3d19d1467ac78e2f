/**
 * Published data never changes under a publication id (DESIGN §6), so a public answer is fully determined by
 * its URL and the publications it read. The serialized body and its ETag are kept in a bounded LRU: repeated
 * requests (the same page fetched by many readers) skip the store, JSON parsing and serialization.
 */
import { createHash } from 'crypto';
import { promisify } from 'util';
import { gzip } from 'zlib';
import type { Request, Response } from 'express';
import { RawJson } from './splice';

const gzipAsync = promisify(gzip);

// Bodies are kept as UTF-8 Buffers: the bound is in real bytes, the memory is outside the JS heap (no GC
// pressure from megabyte strings) and a hit is sent without encoding the string again.
// Pages of releases run to megabytes: clients that accept gzip get it (about a tenth of the bytes), compressed
// once per entry on first demand and kept with it.
interface Entry { body: Buffer; etag: string; gzipped?: Promise<Buffer> }

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  /** Answers being built: concurrent requests for the same key wait for one build instead of each doing it. */
  private readonly building = new Map<string, Promise<Entry>>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /** Answers from the cache, or builds the body, stores it and answers. `stamp` names the data read. */
  async send(req: Request, res: Response, stamp: string, build: () => Promise<unknown>): Promise<void> {
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
          const built = { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
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
    if (req.acceptsEncodings('gzip') === 'gzip' && !req.fresh) {
      const cached = entry;
      if (!cached.gzipped) {
        cached.gzipped = gzipAsync(cached.body);
        void cached.gzipped.then((gz) => { if (this.entries.has(key)) this.bytes += gz.length; }, () => undefined);
      }
      res.set('Content-Encoding', 'gzip').send(await cached.gzipped);
      return;
    }
    res.send(entry.body);
  }

  private put(key: string, entry: Entry): void {
    if (entry.body.length > this.maxBytes / 4) return;
    this.entries.set(key, entry);
    this.bytes += entry.body.length + key.length;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.body.length + k.length;
      // Its compressed copy (once made) was counted too.
      void e.gzipped?.then((gz) => { this.bytes -= gz.length; }, () => undefined);
    }
  }
}
