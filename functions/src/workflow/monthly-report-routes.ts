/**
 * GET /api/monthly-report?month=aaaa-mm[&state=…]: the coordinator's monthly account of its state's implementers
 * (core/workflow/monthly-account.ts), for its board and for INAI. A coordinator reads its own state's (another state
 * is refused, 403); the administration names the state. The month defaults to the last one over in Mexico City.
 *
 * Read by time, per implementer of the state: its audit log from the month's start on (the store lists it from an
 * instant, by implementer), the sends awaiting a decision now, and the submissions of the sends the log names that
 * began earlier — not every send of every implementer since the program began.
 */
import { Router } from 'express';
import { badRequest, HttpError } from '../api/http-error';
import { allPublishers, queryString, readEach } from '../api/current-publications';
import { readAll } from '../store/read-all';
import { requireUser, type Authenticator } from '../auth/authenticate';
import { can, canSome, sameState } from '../auth/policy';
import type { Store, Submission, User } from '../store/store';
import { monthlyAccount, sendsBegunBefore, type KeptSubmission } from '../../../core/workflow/monthly-account';
import { isMonth, lastCompleteMonth, monthBounds, monthOf } from '../../../core/workflow/report-month';
import { AWAITING_DECISION, type MonthlyReportAnswer, type Viewer } from '../../../core/workflow/contract';

export interface MonthlyReportDeps {
  store: Store;
  authenticator: Authenticator;
  now: () => Date;
  viewerOf: (user: User) => Viewer;
}

const kept = (s: Submission): KeptSubmission => ({ id: s.id, publisherId: s.publisherId, history: s.history });

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
    const { start } = monthBounds(month);
    const reads = await readEach(publishers, async (p) => {
      const [audit, ...awaiting] = await Promise.all([
        readAll((after) => store.listAudit({ publisherId: p.id, since: start, after, limit: 1000 })),
        ...AWAITING_DECISION.map((status) => readAll((after) => store.listSubmissions({ publisherId: p.id, status, after, limit: 1000 }))),
      ]);
      return { audit, awaiting: awaiting.flat() };
    });
    const audit = reads.flatMap((r) => r.audit);
    const submissions = new Map(reads.flatMap((r) => r.awaiting).map((s) => [s.id, kept(s)]));
    // The sends the log names that began before the month: their earlier steps (when each was sent) are in the submission.
    const named = sendsBegunBefore(audit).filter((id) => !submissions.has(id));
    for (const s of await readEach(named, (id) => store.getSubmission(id))) if (s) submissions.set(s.id, kept(s));

    const account = monthlyAccount({
      month, now, windowStart: start, audit, submissions: [...submissions.values()],
      implementers: publishers.map((p) => ({ id: p.id, name: p.name, ...(p.registeredAt ? { registeredAt: p.registeredAt } : {}) })),
    });
    // The state as its implementers' registrations spell it («yucatan» asked is Yucatán).
    const body: MonthlyReportAnswer = { viewer: deps.viewerOf(user), state: publishers[0]?.state ?? state, ...account };
    res.json(body); // private, no-store: set for /monthly-report by workflow-routes.ts, with its rate limit
  });
  return router;
}
