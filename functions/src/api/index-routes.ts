/**
 * `GET /api/index[?publisher=][&state=]`: the slim public index the dashboard's list pages read — per project and per
 * contracting process only what lists, filters and totals need (core/stats/publication-index.ts), grouped by
 * publisher with the publication it comes from. The full documents stay at /api/oc4ids/projects/{id} and
 * /api/ocds/records/{ocid}.
 *
 * Published data never changes under a publication id (DESIGN §6): publish() stores each publication's index
 * with it (in chunks: one index of a few thousand projects would not fit a 1 MiB document); publications made
 * before that, or whose stored index is of an earlier INDEX_VERSION (without the processes' numbers the search
 * finds), get theirs computed from their records and projects on first request: the stored one is never rewritten. Indexes are kept in
 * memory, and each answer goes through the same answer cache as the package routes (serialized once, gzipped
 * for clients that accept it: the index is the largest thing the dashboard downloads, about 8× smaller).
 * Public like the package routes: CORS open, `Cache-Control`, `ETag` (answered 304). `?state=` narrows it to one
 * state's publishers; an index of several publishers above INDEX_MAX_ROWS rows is refused with a 400 that says to
 * narrow it (core/stats/serving-limits.ts) — one publisher's is always served whole.
 *
 * `GET /api/index/compact[?publisher=]`: the same index in columns, repeated strings written once
 * (core/stats/compact-index.ts) — what the dashboard loads: about a third of the bytes, parsed several times
 * faster. Cached the same way, by the publications it reads. `/api/index/compact/core` and `/details` are its
 * two halves by columns (compactPart): what Inicio needs, and what the other pages add.
 */
import { Router } from 'express';
import type { Store } from '../store/store';
import { compactIndex, compactPart } from '../../../core/stats/compact-index';
import { isCurrentIndex, publicationIndex, type IndexAnswer, type PublicationIndex, type PublisherIndex } from '../../../core/stats/publication-index';
import { readAll } from '../store/read-all';
import { requestedSets, stampOf, type PublishedSet } from './current-publications';
import { ResponseCache } from './response-cache';
import { badRequest } from './http-error';
import { acceptOnly, BY_SCOPE } from './query-parameters';
import { countedRows, INDEX_MAX_ROWS } from '../../../core/stats/serving-limits';
import { formatCount, formatNumber } from '../../../core/format/es-mx';

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

export function indexRoutes(deps: { store: Store; maxRows?: number | undefined }): Router {
  const { store } = deps;
  const maxRows = deps.maxRows ?? INDEX_MAX_ROWS;
  const router = Router();
  const publications = new Memo<PublicationIndex>(64);
  const answers = new ResponseCache();

  const indexOf = (set: PublishedSet): Promise<PublicationIndex> => publications.get(set.publication.id, async () => {
    const publicationId = set.publication.id;
    // Written by publish() with the publication; computed here for publications made before that, or by a version
    // whose entries lack fields the dashboard reads now (an index is stored once and never rewritten).
    const stored = await store.getIndex(publicationId);
    if (stored && isCurrentIndex(stored)) return stored as unknown as PublicationIndex;
    const [records, projects] = await Promise.all([
      readAll((after) => store.listRecords({ publicationId, after, limit: PAGE })),
      readAll((after) => store.listProjects({ publicationId, after, limit: PAGE })),
    ]);
    return publicationIndex(records.map((r) => r.record), projects.map((p) => p.project));
  });

  const answerOf = async (sets: PublishedSet[]): Promise<IndexAnswer> => {
    const publishers: PublisherIndex[] = [];
    for (const s of sets) {
      // The version is the store's business, not the answer's.
      const { version, ...index } = await indexOf(s);
      void version;
      publishers.push({ publisherId: s.publisher.id, name: s.publisher.name, state: s.publisher.state, publicationId: s.publication.id, publishedAt: s.publication.createdAt, ...index });
    }
    return { publishers };
  };

  const forms: [string, (a: IndexAnswer) => unknown][] = [
    ['/index', (a) => a], ['/index/compact', compactIndex],
    ['/index/compact/core', (a) => compactPart(compactIndex(a), 'core')], ['/index/compact/details', (a) => compactPart(compactIndex(a), 'details')],
  ];
  for (const [path, form] of forms) {
    router.get(path, async (req, res) => {
      acceptOnly(req, BY_SCOPE);
      res.set('Cache-Control', 'public, max-age=60');
      const { sets, publisherId } = await requestedSets(store, req, { byState: true });
      // Several implementers' index only up to the budget (core/stats/serving-limits.ts); one implementer's, whole.
      const rows = countedRows(sets.map((s) => s.publication.counts));
      if (!publisherId && rows > maxRows) {
        throw badRequest('index-too-large', `El índice pedido suma ${formatCount(rows, 'fila', 'filas')} (proyectos y contrataciones), más de las ${formatNumber(maxRows, 0)} que se entregan juntas: pídalo por estado (?state=, el estado de /api/publishers) o por implementador (?publisher=).`);
      }
      await answers.send(req, res, stampOf(sets), async () => form(await answerOf(sets)));
    });
  }

  return router;
}
