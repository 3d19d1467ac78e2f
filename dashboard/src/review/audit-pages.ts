/**
 * The audit log as `GET /api/audit` gives it, read page after page (its `links.next`) up to `maxPages` pages of
 * `params.limit` entries: a send's Bitácora and the Bitácora page alike. `more`: pages were left unread, which the
 * page says rather than showing the earliest part of the period as if it were all of it.
 */
import { WORKFLOW_PATHS } from '../../../core/workflow/contract';
import { authed } from './session';

/** `seq`, `prev`, `hash`: its place in the log's hash chain (functions/src/audit/audit-chain.ts); absent from older entries. */
export type AuditRow = { id: string; at: string; actor: string; by?: string; action: string; target: string; publisherId?: string; details?: Record<string, unknown>; seq?: number; prev?: string | null; hash?: string };

export async function readAuditPages(params: URLSearchParams, maxPages: number): Promise<{ entries: AuditRow[]; more: boolean }> {
  const query = new URLSearchParams(params);
  const entries: AuditRow[] = [];
  for (let read = 0; read < maxPages; read++) {
    const page = await authed(`${WORKFLOW_PATHS.audit}?${query}`, (b) => b as { entries?: AuditRow[]; links?: { next?: string } });
    entries.push(...(page.entries ?? []));
    const after = page.links?.next ? new URL(page.links.next, location.href).searchParams.get('after') : null;
    if (!after) return { entries, more: false };
    query.set('after', after);
  }
  return { entries, more: true };
}
