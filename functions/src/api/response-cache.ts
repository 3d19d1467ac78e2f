/**
 * Published data never changes under a publication id (DESIGN §6), so a public answer is fully determined by
 * its URL and the publications it read. The serialized body and its ETag are kept in a bounded LRU: repeated
 * requests (the same page fetched by many readers) skip the store, JSON parsing and serialization.
 */
import { createHash } from 'crypto';
import type { Request, Response } from 'express';

interface Entry { body: string; etag: string }

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
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
      const body = JSON.stringify(await build());
      entry = { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
      this.put(key, entry);
    }
    res.set('ETag', entry.etag);
    res.type('application/json').send(entry.body);
  }

  private put(key: string, entry: Entry): void {
    if (entry.body.length > this.maxBytes / 4) return;
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.body.length;
    }
  }
}
