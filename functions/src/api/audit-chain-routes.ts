/**
 * The audit log's hash chain, public (audit/audit-chain.ts): `GET /api/audit/chain`, a page of entries at a time
 * (`links.next`). Each entry's place, time, hashes and the digest of what it says, so that anyone checks that no
 * entry was removed or rewritten (`infra-abierta verificar --bitacora --url …`); the whole content of publication
 * entries only — what was published, when, and the SHA-256 of the content as served (publish.ts servedSha256), which
 * a download's huellas.json is checked against. Who decided what on a send stays with the signed-in Bitácora
 * (/api/audit): here it is only a digest. Entries written before the chain are not listed (they have no place in it).
 */
import { Router } from 'express';
import { acceptOnly } from './query-parameters';
import { bindCursor, cursorQuery, parseLimit, unboundCursor } from './cursor';
import { queryString } from './current-publications';
import { entryDigest } from '../audit/audit-chain';
import type { AuditEntry, Store } from '../store/store';

/** A publication entry, public whole: it says only what the public already sees. */
const isPublication = (e: AuditEntry): boolean => e.action.startsWith('publication.');

export interface PublicChainEntry {
  seq: number;
  at: string;
  prev: string | null;
  hash: string;
  digest: string;
  content?: Pick<AuditEntry, 'at' | 'actor' | 'action' | 'target' | 'details' | 'publisherId'>;
}

export function publicChainEntry(e: AuditEntry): PublicChainEntry | undefined {
  if (typeof e.seq !== 'number' || typeof e.hash !== 'string') return undefined;
  const content = { at: e.at, actor: e.actor, action: e.action, target: e.target, details: e.details, ...(e.publisherId !== undefined ? { publisherId: e.publisherId } : {}) };
  return { seq: e.seq, at: e.at, prev: e.prev ?? null, hash: e.hash, digest: entryDigest(content), ...(isPublication(e) ? { content } : {}) };
}

export function auditChainRoutes(deps: { store: Store; baseUrl: string }): Router {
  const router = Router();
  router.get('/audit/chain', async (req, res) => {
    acceptOnly(req, ['after', 'limit']);
    const limit = parseLimit(req.query.limit, 1000, 1000);
    const query = cursorQuery(req, []);
    const page = await deps.store.listAudit({ after: unboundCursor(queryString(req, 'after'), query), limit });
    const head = await deps.store.auditChainHead();
    const entries = page.items.map(publicChainEntry).filter((e): e is PublicChainEntry => e !== undefined);
    res.set('Cache-Control', 'public, max-age=60');
    const after = bindCursor(page.next, query);
    const next = after ? `${deps.baseUrl}/api/audit/chain?${new URLSearchParams({ after, limit: String(limit) })}` : undefined;
    // As the listings of documents (public-routes.ts): the next page in the body and in `Link` (RFC 8288).
    if (next) res.set('Link', `<${next}>; rel="next"`);
    res.json({ head, entries, links: next ? { next } : {} });
  });
  return router;
}
