/**
 * GET /api/monthly-report?month=aaaa-mm[&state=…]: the coordinator's monthly account of its state's implementers
 * (core/workflow/monthly-account.ts), for its board and for INAI. A coordinator reads its own state's (another state
 * is refused, 403); the administration names the state. The month defaults to the last one over in Mexico City.
 *
 * Read by month, per implementer of the state: the sends it had open when the month began (the previous month's close,
 * kept by the store) and its audit log of the month alone — not the log from the month's start up to today, which
 * grew with every month since, and through which later decisions changed an older month's figures. A close not kept
 * yet is made here from the latest kept one (or, the first time, from the implementer's first entry) and that
 * stretch of its log, read once: each month over is kept, and never made again. That first time, after an upgrade
 * from a version without closes, is the one-time migration of the existing log (docs/operations.md).
 */
import { Router } from 'express';
import { badRequest, HttpError } from '../api/http-error';
import { allPublishers, queryString, readEach } from '../api/current-publications';
import { readAll } from '../store/read-all';
import { requireUser, type Authenticator } from '../auth/authenticate';
import { can, canSome, sameState } from '../auth/policy';
import type { AuditEntry, Publisher, Store, User } from '../store/store';
import { monthClose, monthlyAccount, type KeptSubmission } from '../../../core/workflow/monthly-account';
import { isMonth, lastCompleteMonth, monthBounds, monthOf, nextMonth } from '../../../core/workflow/report-month';
import type { MonthlyReportAnswer, Viewer } from '../../../core/workflow/contract';

export interface MonthlyReportDeps {
  store: Store;
  authenticator: Authenticator;
  now: () => Date;
  viewerOf: (user: User) => Viewer;
}

/**
 * How long after a month is over its close is kept: an entry of its last minutes written late (a publication task
 * that began then and wrote its outcome minutes later) is in the log by then. Until then it is made again each time.
 */
const SETTLED_MS = 86_400_000;

/** The entries of `audit` (in order of time) made before `end`, taken off its front. */
function takeBefore(audit: AuditEntry[], end: string): AuditEntry[] {
  let n = 0;
  while (n < audit.length && audit[n].at < end) n++;
  return audit.splice(0, n);
}

/**
 * The sends `p` had open when `month` began: the previous month's kept close, or made from the latest kept one (none:
 * from its first entry) and its log since, keeping each close of a month settled (SETTLED_MS) on the way.
 */
async function openingOf(store: Store, p: Publisher, month: string, now: number): Promise<KeptSubmission[]> {
  const kept = await store.latestMonthClose(p.id, month);
  if (kept && nextMonth(kept.month) === month) return kept.open;
  const { start } = monthBounds(month);
  // Registered since: it had sent nothing yet.
  if (!kept && p.registeredAt && Date.parse(p.registeredAt) >= Date.parse(start)) return [];
  const from = kept ? monthBounds(nextMonth(kept.month)).start : undefined;
  const audit = await readAll((after) => store.listAudit({ publisherId: p.id, ...(from ? { since: from } : {}), before: start, after, limit: 1000 }));
  let open = kept?.open ?? [];
  for (let m = kept ? nextMonth(kept.month) : audit.length ? monthOf(Date.parse(audit[0].at)) : month; m < month; m = nextMonth(m)) {
    const { end } = monthBounds(m);
    open = monthClose(m, open, takeBefore(audit, end));
    if (now >= Date.parse(end) + SETTLED_MS) await store.putMonthClose({ publisherId: p.id, month: m, open });
  }
  return open;
}

export function monthlyReportRoutes(deps: MonthlyReportDeps): Router {
  const { store } = deps;
  const router = Router();
  router.get('/monthly-report', async (req, res) => {
    const user = await requireUser(req, deps.authenticator);
    if (!canSome(user, 'report.read')) throw new HttpError(403, 'forbidden', 'Su cuenta no tiene permiso para consultar el informe mensual: lo consultan las coordinaciones de los Organismos Garantes.');
    const now = deps.now().getTime();
    const month = queryString(req, 'month') ?? lastCompleteMonth(now);
    if (!isMonth(month)) throw badRequest('invalid-month', `El parámetro «month» debe ser un mes escrito aaaa-mm, por ejemplo ${lastCompleteMonth(now)} (se recibió «${month}»).`);
    if (month > monthOf(now)) throw badRequest('invalid-month', `El mes ${month} aún no empieza: elija uno hasta ${monthOf(now)}.`);
    const asked = queryString(req, 'state');
    const state = asked ?? (user.role === 'coordinador' ? user.state : undefined);
    if (!state) throw badRequest('missing-state', 'Indique en «state» el estado del informe, por ejemplo Yucatán.');
    // The same rule as the inbox's: a coordinator answers for the implementers of its own state.
    if (!can(user, 'report.read', { publisher: { id: '', state } })) throw new HttpError(403, 'forbidden', `Su cuenta no tiene permiso para consultar el informe mensual de ${state}: cada coordinación consulta el de su estado.`);

    const publishers = (await allPublishers(store)).filter((p) => sameState(p.state, state) && can(user, 'report.read', { publisher: p }));
    const { start, end } = monthBounds(month);
    const reads = await readEach(publishers, async (p) => {
      const [opening, audit] = await Promise.all([
        openingOf(store, p, month, now),
        readAll((after) => store.listAudit({ publisherId: p.id, since: start, before: end, after, limit: 1000 })),
      ]);
      return { opening, audit };
    });
    const account = monthlyAccount({
      month, now, audit: reads.flatMap((r) => r.audit), opening: reads.flatMap((r) => r.opening),
      implementers: publishers.map((p) => ({ id: p.id, name: p.name, ...(p.registeredAt ? { registeredAt: p.registeredAt } : {}) })),
    });
    // The state as its implementers' registrations spell it («yucatan» asked is Yucatán).
    const body: MonthlyReportAnswer = { viewer: deps.viewerOf(user), state: publishers[0]?.state ?? state, ...account };
    res.json(body); // private, no-store: set for /monthly-report by workflow-routes.ts, with its rate limit
  });
  return router;
}
