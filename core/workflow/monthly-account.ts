/**
 * The coordinator's monthly account (*Informe mensual*): what happened in a Mexico City month to the sends of a
 * state's implementers, per implementer and for the state — sends received, approved, returned with comments and
 * withdrawn, how many await a decision when the month closes and for how long, how long reviews took (median days
 * from the send to its decision), and who published.
 *
 * Built from what the store keeps, read by time: the audit log from the month's start on (complete: every step of a
 * send writes an entry), and, for a send that began earlier, the steps its submission kept from before then (when it
 * was sent, whether it was still waiting). The log alone from the month's start did not know when a send decided in
 * the month was sent, nor that one sent earlier was still waiting.
 *
 * Counted per send (a revision sent for review): its decision is its first approval that stood (one the platform then
 * refused for errors in the workbook put it back in the queue) or a return with comments; approving it again after a
 * failed publication is no new decision. Days are Mexico City calendar days, as Seguimiento counts them. Pure: no I/O.
 */
import { mexicoCityDay } from '../format/es-mx';
import { monthBounds } from './report-month';

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
  /** The instant the audit entries given start at: everything from then on is in `audit`; before it, the submissions' kept steps. */
  windowStart: string;
  implementers: readonly AccountImplementer[];
  audit: readonly AuditStep[];
  /**
   * The submissions of the sends the log names that began before it (sendsBegunBefore), and those awaiting a decision
   * now (the log may say nothing of them since).
   */
  submissions: readonly KeptSubmission[];
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
const dayNumber = (t: number): number => Date.parse(`${mexicoCityDay(t)}T00:00:00Z`) / DAY_MS;
const daysBetween = (from: number, to: number): number => Math.max(0, dayNumber(to) - dayNumber(from));

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
function replay(steps: readonly { t: number; step: Step }[], start: number, end: number, close: number, tally: Tally): void {
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
            if (open !== undefined) tally.reviews.push(daysBetween(open, t));
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
          if (!decided && open !== undefined) tally.reviews.push(daysBetween(open, t));
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
  if (awaiting && steps.length && steps[0].t < end) tally.waits.push(lastSent === undefined ? null : daysBetween(lastSent, close));
}

/**
 * The sends the log names whose earlier steps the account needs (their submissions, to read): those whose first entry
 * in it is not their creation. One created within the log has no earlier step, and reading every send made since the
 * month began — a year of them for a report of last year — was most of the report's reading.
 */
export function sendsBegunBefore(audit: readonly AuditStep[]): string[] {
  const first = new Map<string, string>();
  for (const e of audit) {
    const id = /^submission\/(.+)$/.exec(e.target)?.[1];
    if (id !== undefined && auditStep(e.action) && !first.has(id)) first.set(id, e.action);
  }
  return [...first].filter(([, action]) => action !== 'submission.created').map(([id]) => id);
}

export function monthlyAccount(input: AccountInput): MonthlyAccount {
  const bounds = monthBounds(input.month);
  const start = Date.parse(bounds.start);
  const end = Date.parse(bounds.end);
  const windowStart = Date.parse(input.windowStart);
  const complete = input.now >= end;
  // The last instant of the month, or now: a wait is counted up to the month's last day, or today.
  const close = complete ? end - 1 : input.now;
  const shown = input.implementers.filter((p) => !(p.registeredAt && Date.parse(p.registeredAt) >= end));
  const tallies = new Map(shown.map((p) => [p.id, emptyTally()]));

  // The log's steps of each send, from the window's start on; publications by implementer.
  const logged = new Map<string, { publisherId: string | undefined; steps: { t: number; step: Step }[] }>();
  for (const e of input.audit) {
    const t = Date.parse(e.at);
    if (Number.isNaN(t) || t < windowStart) continue;
    const inMonth = t >= start && t < end;
    const tally = e.publisherId === undefined ? undefined : tallies.get(e.publisherId);
    if (e.action === 'publication.published') { if (inMonth && tally) tally.publications++; continue; }
    if (e.action === 'submission.published' && e.details?.unchanged === true && inMonth && tally) tally.confirmations++;
    const step = auditStep(e.action);
    const id = /^submission\/(.+)$/.exec(e.target)?.[1];
    if (!step || id === undefined) continue;
    let trail = logged.get(id);
    if (!trail) logged.set(id, (trail = { publisherId: e.publisherId, steps: [] }));
    trail.steps.push({ t, step });
  }

  const kept = new Map(input.submissions.map((s) => [s.id, s]));
  for (const id of new Set([...logged.keys(), ...kept.keys()])) {
    const s = kept.get(id);
    const trail = logged.get(id);
    const tally = tallies.get(s?.publisherId ?? trail?.publisherId ?? '');
    if (!tally) continue;
    // Before the window, the steps the submission kept; from its start, the log's (the two overlap, at other instants).
    const before = (s?.history ?? []).flatMap((h) => {
      const t = Date.parse(h.at);
      const step = historyStep(h.action);
      return step && !Number.isNaN(t) && t < windowStart ? [{ t, step }] : [];
    });
    // The log is read in order of time, each implementer's apart: sorted again, stably (same-instant steps keep their order).
    replay([...before, ...(trail?.steps ?? []).sort((a, b) => a.t - b.t)], start, end, close, tally);
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
