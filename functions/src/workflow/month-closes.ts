/**
 * The month closes of the coordinators' monthly report (core/workflow/monthly-account.ts monthClose): the sends each
 * implementer had open when a month closed, kept once the month is over (Store.putMonthClose), so that a month's report
 * reads that month's log alone.
 *
 * A close not kept yet is made from the latest kept one (or, the first time, from the implementer's first entry) and
 * that stretch of its log. The first time, on a store upgraded from a version without closes, that stretch is the
 * implementer's whole log: years of it, for every implementer of a state, were read inside the coordinator's request,
 * which Firebase Hosting cuts at 60 s. Now the log is read a page at a time and each month's close is kept as soon as
 * the pages hold all of it, so work stopped at a deadline is never lost; the daily job (keepMonthCloses, run with the
 * reminders) keeps them ahead of the coordinators; and a report that cannot be finished within its budget says so
 * (monthly-report-routes.ts), instead of answering late or half-built.
 */
import type { AuditEntry, Publisher, Store } from '../store/store';
import { allPublishers } from '../api/current-publications';
import { monthClose, type KeptSubmission } from '../../../core/workflow/monthly-account';
import { LAST_ZONE, monthBounds, monthOf, nextMonth, previousMonth, stateTimeZone } from '../../../core/workflow/report-month';

/**
 * How long after a month is over its close is kept: an entry of its last minutes written late (a publication task
 * that began then and wrote its outcome minutes later) is in the log by then. Until then it is made again each time.
 */
export const SETTLED_MS = 86_400_000;

/** Audit entries per page read. */
const PAGE = 1000;

/** The entries of `audit` (in order of time) made before `end`, taken off its front. */
function takeBefore(audit: AuditEntry[], end: string): AuditEntry[] {
  const limit = Date.parse(end);
  let n = 0;
  while (n < audit.length && Date.parse(audit[n].at) < limit) n++;
  return audit.splice(0, n);
}

/**
 * When to stop making closes: once `deadline` (ms since the epoch) has passed and something was kept — by this call,
 * or, to begin an implementer, by any call sharing the budget (`progressed`) — so that runs one after another always
 * move forward, and one past its deadline does not begin every implementer left.
 */
export interface Budget { deadline?: number; progressed?: boolean }
const over = (budget: Budget): boolean => budget.deadline !== undefined && Date.now() >= budget.deadline;

/**
 * The sends `p` had open when `month` began: the previous month's kept close, or made from the latest kept one (none:
 * from its first entry) and its log since, keeping each close of a month settled (SETTLED_MS) on the way. Undefined
 * when `budget.deadline` passed first: what was kept by then stays, and the next call goes on from it. It stops only
 * after keeping at least one close, so calls one after another always end.
 */
export async function openingOf(store: Store, p: Publisher, month: string, now: number, budget: Budget = {}): Promise<KeptSubmission[] | undefined> {
  const kept = await store.latestMonthClose(p.id, month);
  if (kept && nextMonth(kept.month) === month) return kept.open;
  // The state's months (its capital's clock), as its report cuts them: the closes are of those months.
  const zone = stateTimeZone(p.state);
  const { start } = monthBounds(month, zone);
  // Registered since: it had sent nothing yet.
  if (!kept && p.registeredAt && Date.parse(p.registeredAt) >= Date.parse(start)) return [];
  if (budget.progressed && over(budget)) return undefined;
  const from = kept ? monthBounds(nextMonth(kept.month), zone).start : undefined;
  let open = kept?.open ?? [];
  // The next month to close; before the first page of an implementer with none kept, unknown (its first entry's).
  let m = kept ? nextMonth(kept.month) : undefined;
  let keptHere = false;
  const pending: AuditEntry[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.listAudit({ publisherId: p.id, ...(from ? { since: from } : {}), before: start, after, limit: PAGE });
    pending.push(...page.items);
    if (m === undefined && pending.length) m = monthOf(Date.parse(pending[0].at), zone);
    const read = page.next === undefined;
    // Read up to here: every entry made before this one's instant (the log is in order of time).
    const upTo = pending.length ? Date.parse(pending[pending.length - 1].at) : -Infinity;
    for (; m !== undefined && m < month; m = nextMonth(m)) {
      const { end } = monthBounds(m, zone);
      if (!read && upTo < Date.parse(end)) break;
      open = monthClose(m, open, takeBefore(pending, end), zone);
      if (now >= Date.parse(end) + SETTLED_MS) {
        await store.putMonthClose({ publisherId: p.id, month: m, open });
        keptHere = true;
        budget.progressed = true;
      }
    }
    if (read) return open;
    if (keptHere && over(budget)) return undefined;
    after = page.next;
  }
}

/**
 * The last month whose close may be kept at `now` (over for a day: SETTLED_MS) in every state: on the clock where months
 * end last (LAST_ZONE), so that the daily job does not note a month kept while Baja California's was not over yet.
 */
export function lastSettledMonth(now: number): string {
  const last = previousMonth(monthOf(now, LAST_ZONE));
  return now >= Date.parse(monthBounds(last, LAST_ZONE).end) + SETTLED_MS ? last : previousMonth(last);
}

/** Publishers whose closes are made at once: each mostly waits on its reads. */
const IN_FLIGHT = 8;

export interface KeptCloses {
  /** Every publisher's closes are kept up to `month`. */
  done: boolean;
  month: string;
  /** Publishers whose closes were made or found kept in this run. */
  publishers: number;
}

/**
 * The daily job's part (`updateReminders` in the cloud, the local server's daily timer): keeps every publisher's
 * closes up to the last settled month, so the coordinators' reports read their month alone — the first one after an
 * upgrade included. Recorded once done (Store.noteMonthClosesKept): on the other days of the month it reads 1
 * document. Stops at `deadline` (ms since the epoch; what was kept stays, the next run goes on), and says whether it
 * finished.
 */
export async function keepMonthCloses(store: Store, now: Date, deadline?: number): Promise<KeptCloses> {
  const budget: Budget = deadline === undefined ? {} : { deadline };
  const month = lastSettledMonth(now.getTime());
  if ((await store.monthClosesKeptThrough()) === month) return { done: true, month, publishers: 0 };
  const publishers = await allPublishers(store);
  const opening = nextMonth(month);
  let next = 0;
  let ready = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped && next < publishers.length) {
      const p = publishers[next++];
      if ((await openingOf(store, p, opening, now.getTime(), budget)) === undefined) stopped = true;
      else ready++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, publishers.length) }, worker));
  const done = ready === publishers.length;
  if (done) await store.noteMonthClosesKept(month);
  return { done, month, publishers: ready };
}
