/**
 * The coordinator's monthly account (*Informe mensual*): what happened in a month of the state (its capital's clock,
 * report-month.ts stateTimeZone) to the sends of its implementers, per implementer and for the state — sends received,
 * approved, returned with comments and withdrawn, how many await a decision when the month closes and for how long,
 * how long reviews took (median days from the send to its decision), and who published.
 *
 * Built from what the store keeps for the month alone: its audit log (complete: every step of a send writes an entry)
 * and the sends still open when the month before it closed (monthClose: kept once that month is over, never changed
 * after). An older month's report reads nothing written since, so later decisions cannot change its figures; before,
 * it read the log from the month's start up to today, and found the sends waiting at its close through their later
 * decisions.
 *
 * Counted per send (a revision sent for review): its decision is its first approval that stood (one the platform then
 * refused for errors in the workbook put it back in the queue) or a return with comments; approving it again after a
 * failed publication is no new decision. Days are calendar days of the state's clock, as its months. Pure: no I/O.
 */
import { dayOf, monthBounds } from './report-month';
import { DEFAULT_TIME_ZONE } from '../unflatten/time-zone';

/** An audit log entry as the store keeps it (functions/src/store/store.ts AuditEntry). */
export interface AuditStep { at: string; action: string; target: string; publisherId?: string; details?: Record<string, unknown> }
/** A submission as the store keeps it: its history holds the first step and the newest ones. */
export interface KeptSubmission { id: string; publisherId: string; history: readonly { at: string; action: string }[] }
export interface AccountImplementer { id: string; name: string; registeredAt?: string }

export interface AccountFigures {
  /** Sends received in the month: first sends and new versions. */
  received: number;
  /** Sends approved in the month (their first approval that stood). */
  approved: number;
  /** Returns with comments by a coordinator in the month (a send replaced by a newer upload is not one). */
  returned: number;
  /** Sends their officials took back in the month. */
  withdrawn: number;
  /** Sends awaiting a decision when the month closed (in review, or approved and their publication failed). */
  waiting: number;
  /** Days the longest waiting of them had waited since it was sent; null when none waits (or its send date is unknown). */
  longestWaitDays: number | null;
  /** Decisions of the month whose send date is known: what the median is of. */
  reviewed: number;
  /** Median days from a send to its decision, for the decisions of the month; null when none. */
  medianReviewDays: number | null;
  /** New versions of the published data in the month. */
  publications: number;
  /** Approvals of data identical to what was published: confirmed current, nothing new published. */
  confirmations: number;
}
export interface ImplementerAccount extends AccountFigures { publisherId: string; name: string }
export interface MonthlyAccount {
  month: string;
  /** When «waiting» is measured: the month's end, or `now` while the month is not over. */
  closedAt: string;
  complete: boolean;
  total: AccountFigures;
  implementers: ImplementerAccount[];
}

export interface AccountInput {
  month: string;
  now: number;
  implementers: readonly AccountImplementer[];
  /** The month's audit entries of the implementers, from its start up to its end (or now); others are left out. */
  audit: readonly AuditStep[];
  /** The sends open when the month began: the previous month's close (monthClose). */
  opening: readonly KeptSubmission[];
  /** The clock the month is cut on (report-month.ts stateTimeZone); Mexico City's unless given. */
  timeZone?: string;
}

type Step = 'sent' | 'approved' | 'refused' | 'returned' | 'withdrawn' | 'superseded' | 'failed' | 'published';
/** History actions (workflow-routes.ts, approve-submission.ts) → steps; `publication-started` changes nothing here. */
const STEPS: Readonly<Record<string, Step>> = {
  submitted: 'sent', resubmitted: 'sent', approved: 'approved', 'approval-refused': 'refused', returned: 'returned',
  withdrawn: 'withdrawn', superseded: 'superseded', failed: 'failed', published: 'published',
};
/** The audit log names a first send `submission.created`; every other step as its history does. */
const auditStep = (action: string): Step | undefined => {
  const m = /^submission\.(.+)$/.exec(action);
  if (!m) return undefined;
  const name = m[1] === 'created' ? 'submitted' : m[1];
  return Object.prototype.hasOwnProperty.call(STEPS, name) ? STEPS[name] : undefined;
};
const historyStep = (action: string): Step | undefined => (Object.prototype.hasOwnProperty.call(STEPS, action) ? STEPS[action] : undefined);

const DAY_MS = 86_400_000;
/** The Mexico City calendar day of an instant, as a day number. */
const dayNumber = (t: number, zone: string): number => Date.parse(`${dayOf(t, zone)}T00:00:00Z`) / DAY_MS;
const daysBetween = (from: number, to: number, zone: string): number => Math.max(0, dayNumber(to, zone) - dayNumber(from, zone));

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** What one implementer's sends did in the month, before medians are taken. */
interface Tally { received: number; approved: number; returned: number; withdrawn: number; waits: (number | null)[]; reviews: number[]; publications: number; confirmations: number }
const emptyTally = (): Tally => ({ received: 0, approved: 0, returned: 0, withdrawn: 0, waits: [], reviews: [], publications: 0, confirmations: 0 });

function figures(t: Tally): AccountFigures {
  const known = t.waits.filter((w): w is number => w !== null);
  return {
    received: t.received, approved: t.approved, returned: t.returned, withdrawn: t.withdrawn,
    waiting: t.waits.length, longestWaitDays: known.length ? Math.max(...known) : null,
    reviewed: t.reviews.length, medianReviewDays: median(t.reviews),
    publications: t.publications, confirmations: t.confirmations,
  };
}

/**
 * One send's steps in order, replayed up to the month's end: counts what fell in the month, and leaves whether it
 * awaited a decision at the close and since when it was sent.
 */
function replay(steps: readonly { t: number; step: Step }[], start: number, end: number, close: number, tally: Tally, zone: string): boolean {
  let awaiting = false;
  let lastSent: number | undefined;
  // The send not yet decided (its time), and whether the current send has had its decision.
  let open: number | undefined;
  let decided = false;
  // Approvals of the month that stand so far: the platform may refuse the last one (errors in the workbook).
  let approval: { inMonth: boolean; sent: number | undefined } | undefined;
  for (const { t, step } of steps) {
    if (t >= end) break;
    const inMonth = t >= start;
    switch (step) {
      case 'sent':
        if (inMonth) tally.received++;
        lastSent = t; open = t; decided = false; awaiting = true; approval = undefined;
        break;
      case 'approved':
        // A second approval of the same send (its publication failed) is not another decision.
        if (!decided) {
          approval = { inMonth, sent: open };
          if (inMonth) {
            tally.approved++;
            if (open !== undefined) tally.reviews.push(daysBetween(open, t, zone));
          }
        }
        open = undefined; decided = true; awaiting = false;
        break;
      case 'refused':
        // The approval did not stand: the send is back in the queue, as undecided as before.
        if (approval) {
          if (approval.inMonth) {
            tally.approved--;
            if (approval.sent !== undefined) tally.reviews.pop();
          }
          open = approval.sent; decided = false; approval = undefined;
        }
        awaiting = true;
        break;
      case 'returned':
        if (inMonth) {
          tally.returned++;
          if (!decided && open !== undefined) tally.reviews.push(daysBetween(open, t, zone));
        }
        open = undefined; decided = true; awaiting = false; approval = undefined;
        break;
      case 'superseded':
        open = undefined; awaiting = false; approval = undefined;
        break;
      case 'withdrawn':
        if (inMonth) tally.withdrawn++;
        open = undefined; awaiting = false; approval = undefined;
        break;
      case 'failed':
        // Approved, its publication failed: it awaits the coordinator again (the inbox's «por decidir»).
        awaiting = true; approval = undefined;
        break;
      case 'published':
        awaiting = false; approval = undefined;
        break;
    }
  }
  if (awaiting && steps.length && steps[0].t < end) tally.waits.push(lastSent === undefined ? null : daysBetween(lastSent, close, zone));
  // Open at the close: what its next steps count depends on what it did before (awaiting since when, an approval that
  // may yet be refused, a decision already taken).
  return awaiting || approval !== undefined;
}

/** A send's steps, each with its name as a submission's history writes it (what monthClose keeps). */
interface Trail { publisherId: string | undefined; steps: { t: number; step: Step; action: string }[] }

/**
 * Each send's steps up to the month's end: those it was open with when the month began, then the log's of the month
 * (read in order of time, each implementer's apart: sorted again, stably — same-instant steps keep their order).
 */
function trails(opening: readonly KeptSubmission[], audit: readonly AuditStep[], start: number, end: number): Map<string, Trail> {
  const all = new Map<string, Trail>();
  for (const s of opening) {
    const steps = s.history.flatMap((h) => {
      const t = Date.parse(h.at);
      const step = historyStep(h.action);
      return step && !Number.isNaN(t) && t < start ? [{ t, step, action: h.action }] : [];
    });
    all.set(s.id, { publisherId: s.publisherId, steps });
  }
  const logged = new Map<string, Trail['steps']>();
  for (const e of audit) {
    const t = Date.parse(e.at);
    const step = auditStep(e.action);
    const id = /^submission\/(.+)$/.exec(e.target)?.[1];
    if (Number.isNaN(t) || t < start || t >= end || !step || id === undefined) continue;
    if (!all.has(id)) all.set(id, { publisherId: e.publisherId, steps: [] });
    let steps = logged.get(id);
    if (!steps) logged.set(id, (steps = []));
    steps.push({ t, step, action: e.action === 'submission.created' ? 'submitted' : e.action.slice('submission.'.length) });
  }
  for (const [id, steps] of logged) (all.get(id) as Trail).steps.push(...steps.sort((a, b) => a.t - b.t));
  return all;
}

/**
 * The sends open when `month` closed (awaiting a decision, or approved and not yet published), each with its steps
 * from its latest sending on — all that its later steps depend on: the next month's `opening`. Given the sends open
 * when the month began and the month's whole log, it is fixed once the month is over.
 */
export function monthClose(month: string, opening: readonly KeptSubmission[], audit: readonly AuditStep[], timeZone?: string): KeptSubmission[] {
  const bounds = monthBounds(month, timeZone);
  const start = Date.parse(bounds.start);
  const end = Date.parse(bounds.end);
  const open: KeptSubmission[] = [];
  for (const [id, trail] of trails(opening, audit, start, end)) {
    if (trail.publisherId === undefined || !replay(trail.steps, start, end, end - 1, emptyTally(), timeZone ?? DEFAULT_TIME_ZONE)) continue;
    let from = 0;
    trail.steps.forEach((s, i) => { if (s.step === 'sent') from = i; });
    open.push({ id, publisherId: trail.publisherId, history: trail.steps.slice(from).map((s) => ({ at: new Date(s.t).toISOString(), action: s.action })) });
  }
  return open;
}

export function monthlyAccount(input: AccountInput): MonthlyAccount {
  const bounds = monthBounds(input.month, input.timeZone);
  const start = Date.parse(bounds.start);
  const end = Date.parse(bounds.end);
  const complete = input.now >= end;
  // The last instant of the month, or now: a wait is counted up to the month's last day, or today.
  const close = complete ? end - 1 : input.now;
  const shown = input.implementers.filter((p) => !(p.registeredAt && Date.parse(p.registeredAt) >= end));
  const tallies = new Map(shown.map((p) => [p.id, emptyTally()]));

  // Publications and confirmations by implementer.
  for (const e of input.audit) {
    const t = Date.parse(e.at);
    const tally = e.publisherId === undefined ? undefined : tallies.get(e.publisherId);
    if (Number.isNaN(t) || t < start || t >= end || !tally) continue;
    if (e.action === 'publication.published') tally.publications++;
    if (e.action === 'submission.published' && e.details?.unchanged === true) tally.confirmations++;
  }
  for (const trail of trails(input.opening, input.audit, start, end).values()) {
    const tally = tallies.get(trail.publisherId ?? '');
    if (tally) replay(trail.steps, start, end, close, tally, input.timeZone ?? DEFAULT_TIME_ZONE);
  }

  const all = emptyTally();
  const implementers = shown.map((p) => {
    const t = tallies.get(p.id) as Tally;
    all.received += t.received; all.approved += t.approved; all.returned += t.returned; all.withdrawn += t.withdrawn;
    all.waits.push(...t.waits); all.reviews.push(...t.reviews); all.publications += t.publications; all.confirmations += t.confirmations;
    return { publisherId: p.id, name: p.name, ...figures(t) };
  });
  return { month: input.month, closedAt: new Date(complete ? end : input.now).toISOString(), complete, total: figures(all), implementers };
}
