/**
 * `GET /api/index[?publisher=]`: the slim public index the dashboard's list pages read — per project and per
 * contracting process only what lists, filters and totals need (core/stats/publication-index.ts), grouped by
 * publisher with the publication it comes from. The full documents stay at /api/oc4ids/projects/{id} and
 * /api/ocds/records/{ocid}.
 *
 * Published data never changes under a publication id (DESIGN §6): publish() stores each publication's index
 * with it (in chunks: one index of a few thousand projects would not fit a 1 MiB document); publications made
 * before that get theirs computed from their records and projects on first request. Indexes are kept in
 * memory, and each answer is kept serialized and gzipped by (filter, publication ids). Public like the package routes: CORS open, `Cache-Control`, `ETag` (answered 304).
 * The answer is gzipped here because the local server has no compression middleware and the index is the
 * largest thing the dashboard downloads (about 8× smaller).
 */
import { createHash } from 'crypto';
import { promisify } from 'util';
import { gzip } from 'zlib';
import { Router } from 'express';
import type { Store } from '../store/store';
import { publicationIndex, type IndexAnswer, type PublicationIndex, type PublisherIndex } from '../../../core/stats/publication-index';
import { publishedSets, type PublishedSet } from './current-publications';
import { notFound } from './http-error';

interface Answer { json: Buffer; gzip: Buffer; etag: string }

const PAGE = 500;

/** A small map that forgets its oldest entry beyond `max` (values are promises, so concurrent misses share one build). */
class Memo<T> {
  private readonly entries = new Map<string, Promise<T>>();
  constructor(private readonly max: number) {}
  get(key: string, build: () => Promise<T>): Promise<T> {
    let value = this.entries.get(key);
    if (value) { this.entries.delete(key); this.entries.set(key, value); return value; }
    value = build();
    this.entries.set(key, value);
    value.catch(() => this.entries.delete(key));
    for (const k of this.entries.keys()) { if (this.entries.size <= this.max) break; this.entries.delete(k); }
    return value;
  }
}

async function readAll<T>(list: (after: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  do { const page = await list(after); out.push(...page.items); after = page.next; } while (after);
  return out;
}

export function indexRoutes(deps: { store: Store }): Router {
  const { store } = deps;
  const router = Router();
  const publications = new Memo<PublicationIndex>(64);
  const answers = new Memo<Answer>(16);

  const indexOf = (set: PublishedSet): Promise<PublicationIndex> => publications.get(set.publication.id, async () => {
    const publicationId = set.publication.id;
    // Written by publish() with the publication; computed here only for publications made before that.
    const stored = await store.getIndex(publicationId);
    if (stored) return stored as unknown as PublicationIndex;
    const [records, projects] = await Promise.all([
      readAll((after) => store.listRecords({ publicationId, after, limit: PAGE })),
      readAll((after) => store.listProjects({ publicationId, after, limit: PAGE })),
    ]);
    return publicationIndex(records.map((r) => r.record), projects.map((p) => p.project));
  });

  router.get('/index', async (req, res) => {
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Cache-Control', 'public, max-age=60');
    res.set('Vary', 'Accept-Encoding');
    const publisherId = typeof req.query.publisher === 'string' && req.query.publisher !== '' ? req.query.publisher : undefined;
    const sets = await publishedSets(store, publisherId);
    if (publisherId && !sets.length && !(await store.getPublisher(publisherId))) throw notFound(`el publicador «${publisherId}»`);
    const stamp = sets.map((s) => s.publication.id).sort().join(',');
    const answer = await answers.get(`${publisherId ?? ''}\n${stamp}`, async () => {
      const publishers: PublisherIndex[] = [];
      for (const s of sets) {
        publishers.push({ publisherId: s.publisher.id, name: s.publisher.name, state: s.publisher.state, publicationId: s.publication.id, publishedAt: s.publication.createdAt, ...(await indexOf(s)) });
      }
      const json = Buffer.from(JSON.stringify({ publishers } satisfies IndexAnswer), 'utf8');
      return { json, gzip: await promisify(gzip)(json), etag: `W/"${createHash('sha1').update(json).digest('base64url')}"` };
    });
    res.set('ETag', answer.etag);
    res.type('application/json; charset=utf-8');
    if (req.acceptsEncodings('gzip') === 'gzip') {
      res.set('Content-Encoding', 'gzip');
      res.send(answer.gzip);
    } else {
      res.send(answer.json);
    }
  });

  return router;
}
