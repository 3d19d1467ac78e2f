/**
 * GET /api/monthly-report?month=aaaa-mm[&state=…]: the coordinator's monthly account of its state's implementers
 * (core/workflow/monthly-account.ts), for its board and for INAI. A coordinator reads its own state's (another state
 * is refused, 403); the administration names the state. The month defaults to the last one over in Mexico City.
 *
 * Read by month, per implementer of the state: the sends it had open when the month began (the previous month's close,
 * kept by the store) and its audit log of the month alone — not the log from the month's start up to today, which
 * grew with every month since, and through which later decisions changed an older month's figures. A close not kept
 * yet is made from the latest kept one (workflow/month-closes.ts); the daily job keeps them ahead of the reports. One
 * that takes longer than REPORT_BUDGET_MS to make — the first report after an upgrade from a version without closes,
 * before the daily job ran, replays each implementer's whole log — is answered 503 `report-preparing`, saying so in
 * Spanish and how far it went; what was kept stays, and asking again goes on from it (the coordinators' page asks
 * again by itself). Never a report with some implementers' figures missing, nor one cut by Hosting's 60 s.
 *
 * Beside them, each implementer's sends refused for errors (no submission, so not in the log): its count of the month,
 * kept with each refusal (refused-sends.ts countRefusal) and never removed, so the whole month however late it is
 * read; the answer says the part counted (core/workflow/refused-in-month.ts) — none for a month over before counting
 * began, only its end for the month it began in.
 */
import { Router } from 'express';
import { badRequest, HttpError } from '../api/http-error';
import { allPublishers, queryString, readEach } from '../api/current-publications';
import { acceptOnly } from '../api/query-parameters';
import { readAll } from '../store/read-all';
import { requireUser, type Authenticator } from '../auth/authenticate';
import { can, canSome, sameState } from '../auth/policy';
import type { Publisher, Store, User } from '../store/store';
import { monthlyAccount, type KeptSubmission } from '../../../core/workflow/monthly-account';
import { isMonth, lastCompleteMonth, monthBounds, monthLabel, monthOf, stateTimeZone } from '../../../core/workflow/report-month';
import { REPORT_PREPARING, REPORT_PREPARING_RETRY_SECONDS, type MonthlyReportAnswer, type NationalReportAnswer, type StateMonthlyReport, type Viewer } from '../../../core/workflow/contract';
import { openingOf } from './month-closes';
import { formatCount } from '../../../core/format/es-mx';
import { refusedStretch } from '../../../core/workflow/refused-in-month';

export interface MonthlyReportDeps {
  store: Store;
  authenticator: Authenticator;
  now: () => Date;
  viewerOf: (user: User) => Viewer;
  /** REPORT_BUDGET_MS unless given (tests). */
  budgetMs?: number;
}

/**
 * How long a report may spend making closes not kept yet before it answers that it is being prepared: well under
 * Firebase Hosting's 60 s, with room for the page of log each implementer under way is reading then.
 */
export const REPORT_BUDGET_MS = 20_000;

export function monthlyReportRoutes(deps: MonthlyReportDeps): Router {
  const { store } = deps;
  const router = Router();
  router.get('/monthly-report', async (req, res) => {
    const user = await requireUser(req, deps.authenticator);
    if (!canSome(user, 'report.read')) throw new HttpError(403, 'forbidden', 'Su cuenta no tiene permiso para consultar el informe mensual: lo consultan las coordinaciones de los Organismos Garantes.');
    const now = deps.now().getTime();
    const asked = queryString(req, 'state');
    const state = asked ?? (user.role === 'coordinador' ? user.state : undefined);
    if (!state) throw badRequest('missing-state', 'Indique en «state» el estado del informe, por ejemplo Yucatán.');
    // The state's months, on its capital's clock: in Cancún at 00:30 of 1 December, November is over.
    const zone = stateTimeZone(state);
    const month = queryString(req, 'month') ?? lastCompleteMonth(now, zone);
    if (!isMonth(month)) throw badRequest('invalid-month', `El parámetro «month» debe ser un mes escrito aaaa-mm, por ejemplo ${lastCompleteMonth(now, zone)} (se recibió «${month}»).`);
    if (month > monthOf(now, zone)) throw badRequest('invalid-month', `El mes ${month} aún no empieza: elija uno hasta ${monthOf(now, zone)}.`);
    // The same rule as the inbox's: a coordinator answers for the implementers of its own state.
    if (!can(user, 'report.read', { publisher: { id: '', state } })) throw new HttpError(403, 'forbidden', `Su cuenta no tiene permiso para consultar el informe mensual de ${state}: cada coordinación consulta el de su estado.`);

    const publishers = (await allPublishers(store)).filter((p) => sameState(p.state, state) && can(user, 'report.read', { publisher: p }));
    const budget = { deadline: Date.now() + (deps.budgetMs ?? REPORT_BUDGET_MS) };
    const made = await stateReport(store, publishers, state, month, now, budget);
    if ('ready' in made) {
      res.set('Retry-After', String(REPORT_PREPARING_RETRY_SECONDS));
      throw new HttpError(503, REPORT_PREPARING, `El informe de ${monthLabel(month)} de ${publishers[0].state} aún se está preparando: ${preparingNote(made)}`);
    }
    const body: MonthlyReportAnswer = { viewer: deps.viewerOf(user), ...made };
    res.json(body); // private, no-store: set for /monthly-report by workflow-routes.ts, with its rate limit
  });

  /**
   * The national team's view: every state's report of the month, each made by stateReport as the state's own page
   * makes it (its clock, its implementers, its refused attempts), so a row here is the «Total» row of that state's
   * report and nobody adds up 32 CSVs. The administration only: a coordinator answers for its own state (403).
   */
  router.get('/monthly-report/states', async (req, res) => {
    const user = await requireUser(req, deps.authenticator);
    // Without a publisher only the «all» scope passes (policy.ts): the administration.
    if (!can(user, 'report.read')) throw new HttpError(403, 'forbidden', 'Su cuenta no tiene permiso para consultar el informe mensual de todos los estados: lo consulta la administración; cada coordinación consulta el de su estado.');
    acceptOnly(req, ['month']);
    const now = deps.now().getTime();
    const month = queryString(req, 'month') ?? lastCompleteMonth(now);
    if (!isMonth(month)) throw badRequest('invalid-month', `El parámetro «month» debe ser un mes escrito aaaa-mm, por ejemplo ${lastCompleteMonth(now)} (se recibió «${month}»).`);
    if (month > monthOf(now)) throw badRequest('invalid-month', `El mes ${month} aún no empieza: elija uno hasta ${monthOf(now)}.`);
    // Each state as its implementers' registrations spell it, once however they spell it («Yucatan» and «Yucatán»).
    const byState = new Map<string, Publisher[]>();
    for (const p of await allPublishers(store)) {
      const key = [...byState.keys()].find((k) => sameState(k, p.state)) ?? p.state;
      const list = byState.get(key);
      if (list) list.push(p); else byState.set(key, [p]);
    }
    const budget = { deadline: Date.now() + (deps.budgetMs ?? REPORT_BUDGET_MS) };
    const states: StateMonthlyReport[] = [];
    let ready = 0;
    let of = 0;
    // One state after another within one budget: past it, the states not begun are counted as not ready.
    for (const [state, publishers] of byState) {
      const made = await stateReport(store, publishers, state, month, now, budget);
      if ('ready' in made) { ready += made.ready; of += made.of; } else { states.push(made); ready += publishers.length; of += publishers.length; }
    }
    if (states.length < byState.size) {
      res.set('Retry-After', String(REPORT_PREPARING_RETRY_SECONDS));
      throw new HttpError(503, REPORT_PREPARING, `El informe de ${monthLabel(month)} de todos los estados aún se está preparando: ${preparingNote({ ready, of })}`);
    }
    // By name, as a reader looks a state up («Ciudad de México» before «Coahuila»).
    states.sort((a, b) => a.state.localeCompare(b.state, 'es-MX'));
    const body: NationalReportAnswer = { viewer: deps.viewerOf(user), month, states };
    res.json(body);
  });
  return router;
}

const preparingNote = (p: { ready: number; of: number }): string => `la plataforma recorre por primera vez la bitácora completa de cada implementador (lo hace una sola vez, después de una actualización). Van ${p.ready} de ${formatCount(p.of, 'implementador', 'implementadores')}. Vuelva a consultarlo en unos segundos: sigue donde se quedó.`;

/**
 * One state's report of the month, from its implementers (those the user may read): what GET /api/monthly-report
 * answers, and each row of the national view. `{ready, of}` when some implementer's closes could not be made within
 * the budget: never a report with some implementers' figures missing.
 */
async function stateReport(store: Store, publishers: readonly Publisher[], state: string, month: string, now: number, budget: { deadline: number }): Promise<StateMonthlyReport | { ready: number; of: number }> {
  const zone = stateTimeZone(state);
  const { start, end } = monthBounds(month, zone);
  // First the sends each had open when the month began, within the budget (shared: past it, an implementer whose
  // closes are not kept yet is not begun once any has moved forward); the month's log only once all are there.
  const openings = await readEach(publishers, (p) => openingOf(store, p, month, now, budget));
  const ready = openings.filter((o) => o !== undefined).length;
  if (ready < publishers.length) return { ready, of: publishers.length };
  const audits = await readEach(publishers, (p) => readAll((after) => store.listAudit({ publisherId: p.id, since: start, before: end, after, limit: 1000 })));
  // One document per implementer (its count of the month), read only for a month in which counting had begun.
  const stretch = refusedStretch(start, end, now, await store.refusedCountsSince());
  const refused = stretch && new Map(await readEach(publishers, async (p) => [p.id, await store.getRefusedAttempts(p.id, month)] as const));
  const account = monthlyAccount({
    month, now, timeZone: zone, audit: audits.flat(), opening: (openings as KeptSubmission[][]).flat(),
    implementers: publishers.map((p) => ({ id: p.id, name: p.name, ...(p.registeredAt ? { registeredAt: p.registeredAt } : {}) })),
  });
  // The state as its implementers' registrations spell it («yucatan» asked is Yucatán).
  return {
    state: publishers[0]?.state ?? state, ...account, refusedCounted: stretch,
    implementers: account.implementers.map((i) => (refused ? { ...i, refusedAttempts: refused.get(i.publisherId) ?? 0 } : i)),
  };
}
