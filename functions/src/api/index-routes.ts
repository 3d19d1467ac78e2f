/**
 * `GET /api/index[?publisher=][&state=]`: the slim public index the dashboard's list pages read — per project and per
 * contracting process only what lists, filters and totals need (core/stats/publication-index.ts), grouped by
 * publisher with the publication it comes from. The full documents stay at /api/oc4ids/projects/{id} and
 * /api/ocds/records/{ocid}.
 *
 * Published data never changes under a publication id (DESIGN §6): publish() stores each publication's index
 * with it (in chunks: one index of a few thousand projects would not fit a 1 MiB document); one stored before that,
 * or by an earlier INDEX_VERSION, is built again on first request (publication-indexes.ts). Each answer goes through
 * the same answer cache as the package routes (serialized once, gzipped for clients that accept it: the index is the
 * largest thing the dashboard downloads, about 8× smaller).
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
import type { IndexAnswer, PublicationIndex, PublisherIndex } from '../../../core/stats/publication-index';
import { publicationIndexes, type PublicationIndexes } from './publication-indexes';
import { requestedSets, stampOf, type PublishedSet } from './current-publications';
import { ResponseCache } from './response-cache';
import { badRequest } from './http-error';
import { acceptOnly, BY_SCOPE } from './query-parameters';
import { countedRows, INDEX_MAX_ROWS } from '../../../core/stats/serving-limits';
import { formatCount, formatNumber } from '../../../core/format/es-mx';

export function indexRoutes(deps: { store: Store; indexes?: PublicationIndexes; maxRows?: number | undefined }): Router {
  const { store } = deps;
  const maxRows = deps.maxRows ?? INDEX_MAX_ROWS;
  const router = Router();
  const indexes = deps.indexes ?? publicationIndexes(store);
  const answers = new ResponseCache();

  const answerOf = async (sets: PublishedSet[]): Promise<IndexAnswer> => {
    const publishers: PublisherIndex[] = [];
    for (const s of sets) {
      // The version is the store's business, not the answer's; the pending list is read at /api/pending (pending-routes.ts).
      const { version, pending, ...index } = await indexes(s.publication.id) as PublicationIndex & { pending?: unknown };
      void version;
      void pending;
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
