/**
 * The coordinator's monthly account counts what happened in a Mexico City month, per send: a send returned, sent again
 * and approved the next month counts in each month what it did there (and its review from its latest version); an
 * approval in the evening of the 30th in Mexico City is November's though it is December in UTC; an implementer with
 * nothing to count is there with zeros; a send still waiting since an earlier month is counted as waiting.
 */
import { monthlyAccount, median, sendsBegunBefore, type AuditStep, type KeptSubmission } from './monthly-account';
import { lastCompleteMonth, monthBounds, monthLabel, monthOf } from './report-month';

/** Mexico City wall-clock time (UTC−6 since 2022) as an ISO instant. */
const mx = (local: string): string => new Date(Date.parse(`${local}-06:00`)).toISOString();
const IMPLEMENTERS = [{ id: 'mer', name: 'Municipio de Mérida' }, { id: 'pro', name: 'Municipio de Progreso' }];
const entry = (at: string, action: string, target: string, publisherId = 'mer', details: Record<string, unknown> = {}): AuditStep => ({ at, action, target, publisherId, details });

// Sent 20 October, returned the 25th, sent again the 30th, approved and published 3 November (all Mexico City).
const SENT = mx('2026-10-20T10:00:00');
const RETURNED = mx('2026-10-25T12:00:00');
const RESENT = mx('2026-10-30T18:00:00');
const APPROVED = mx('2026-11-03T09:00:00');
const LOG: AuditStep[] = [
  entry(SENT, 'submission.created', 'submission/s1'),
  entry(RETURNED, 'submission.returned', 'submission/s1', 'mer', { comment: 'Falta el monto.' }),
  entry(RESENT, 'submission.resubmitted', 'submission/s1'),
  entry(APPROVED, 'submission.approved', 'submission/s1'),
  entry(APPROVED, 'publication.published', 'publication/p1'),
  entry(APPROVED, 'submission.published', 'submission/s1', 'mer', { unchanged: false }),
  entry(APPROVED, 'notification.sent', 'submission/s1'),
];
const S1: KeptSubmission = {
  id: 's1', publisherId: 'mer',
  history: [{ at: SENT, action: 'submitted' }, { at: RETURNED, action: 'returned' }, { at: RESENT, action: 'resubmitted' }, { at: APPROVED, action: 'approved' }, { at: APPROVED, action: 'published' }],
};

/**
 * The account of `month` as the server reads it: the log from the month's start on, and the submissions of the sends it
 * names that began before it (and those still waiting, which the server lists: `waiting`).
 */
function account(month: string, log: AuditStep[], submissions: KeptSubmission[], now = Date.parse('2026-12-05T12:00:00Z'), waiting: string[] = []) {
  const windowStart = monthBounds(month).start;
  const audit = log.filter((e) => e.at >= windowStart);
  const read = new Set([...sendsBegunBefore(audit), ...waiting]);
  return monthlyAccount({ month, now, windowStart, implementers: IMPLEMENTERS, audit, submissions: submissions.filter((s) => read.has(s.id)) });
}

test('a send returned in October, sent again and approved in November counts in each month what it did there', () => {
  const october = account('2026-10', LOG, [S1]);
  expect(october.implementers[0]).toEqual({
    publisherId: 'mer', name: 'Municipio de Mérida', received: 2, approved: 0, returned: 1, withdrawn: 0,
    // Sent again on the 30th and still waiting on the 31st: 1 day.
    waiting: 1, longestWaitDays: 1, reviewed: 1, medianReviewDays: 5, publications: 0, confirmations: 0,
  });
  // Read for November only: in October's log it was created (no earlier steps to read).
  expect(sendsBegunBefore(LOG)).toEqual([]);
  expect(sendsBegunBefore(LOG.filter((e) => e.at >= monthBounds('2026-11').start))).toEqual(['s1']);
  const november = account('2026-11', LOG, [S1]);
  // Its review counts from its latest version (30 October), which the log of November alone does not hold.
  expect(november.implementers[0]).toEqual({
    publisherId: 'mer', name: 'Municipio de Mérida', received: 0, approved: 1, returned: 0, withdrawn: 0,
    waiting: 0, longestWaitDays: null, reviewed: 1, medianReviewDays: 4, publications: 1, confirmations: 0,
  });
  expect(november.complete).toBe(true);
  expect(november.closedAt).toBe(mx('2026-12-01T00:00:00'));
});

test('Mexico City time decides the month: 21:00 on 30 November is November though UTC is in December', () => {
  const late = mx('2026-11-30T21:00:00');
  expect(late).toBe('2026-12-01T03:00:00.000Z');
  expect(monthOf(Date.parse(late))).toBe('2026-11');
  expect(monthBounds('2026-12')).toEqual({ start: '2026-12-01T06:00:00.000Z', end: '2027-01-01T06:00:00.000Z' });
  // Sent at 23:30 on 31 October (1 November in UTC), approved at 00:30 on 1 November: one calendar day, October's send.
  const sent = mx('2026-10-31T23:30:00');
  const log = [entry(sent, 'submission.created', 'submission/s2'), entry(mx('2026-11-01T00:30:00'), 'submission.approved', 'submission/s2'),
    entry(mx('2026-11-20T08:00:00'), 'submission.created', 'submission/s3'), entry(late, 'submission.returned', 'submission/s3')];
  // s2 reviewed in 1 day, s3 (20 to 30 November) in 10.
  const s2: KeptSubmission = { id: 's2', publisherId: 'mer', history: [{ at: sent, action: 'submitted' }, { at: mx('2026-11-01T00:30:00'), action: 'approved' }] };
  const s3: KeptSubmission = { id: 's3', publisherId: 'mer', history: [{ at: mx('2026-11-20T08:00:00'), action: 'submitted' }, { at: late, action: 'returned' }] };
  expect(account('2026-10', log, [s2, s3]).total).toMatchObject({ received: 1, approved: 0, returned: 0, waiting: 1, longestWaitDays: 0 });
  const november = account('2026-11', log, [s2, s3]).total;
  expect(november).toMatchObject({ received: 1, approved: 1, returned: 1, waiting: 0, reviewed: 2, medianReviewDays: 5.5 });
  expect(account('2026-12', log, [s2, s3]).total).toMatchObject({ received: 0, approved: 0, returned: 0 });
});

test('an implementer with nothing in the month is there with zeros, and one registered after it is not', () => {
  const result = monthlyAccount({
    month: '2026-10', now: Date.parse('2026-12-05T12:00:00Z'), windowStart: monthBounds('2026-10').start,
    implementers: [...IMPLEMENTERS, { id: 'nue', name: 'Municipio Nuevo', registeredAt: mx('2026-11-02T10:00:00') }], audit: [], submissions: [],
  });
  expect(result.implementers.map((p) => p.publisherId)).toEqual(['mer', 'pro']);
  expect(result.implementers[1]).toEqual({ publisherId: 'pro', name: 'Municipio de Progreso', received: 0, approved: 0, returned: 0, withdrawn: 0, waiting: 0, longestWaitDays: null, reviewed: 0, medianReviewDays: null, publications: 0, confirmations: 0 });
  expect(result.total.medianReviewDays).toBeNull();
});

test('a send waiting since an earlier month, of which the log says nothing since, waits at the close', () => {
  const old: KeptSubmission = { id: 'viejo', publisherId: 'pro', history: [{ at: mx('2026-08-14T10:00:00'), action: 'submitted' }] };
  const october = account('2026-10', [], [old], undefined, ['viejo']);
  // 14 August to 31 October.
  expect(october.implementers[1]).toMatchObject({ waiting: 1, longestWaitDays: 78 });
  expect(october.total).toMatchObject({ waiting: 1, longestWaitDays: 78, received: 0 });
  // Decided in November: waiting when October closed, not when November did.
  const decided = [entry(mx('2026-11-10T10:00:00'), 'submission.returned', 'submission/viejo', 'pro')];
  // (Decided since, it is no longer listed as waiting: the log names it, and it began before the log.)
  expect(sendsBegunBefore(decided)).toEqual(['viejo']);
  expect(account('2026-10', decided, [old]).total.waiting).toBe(1);
  expect(account('2026-11', decided, [old]).total).toMatchObject({ waiting: 0, returned: 1, medianReviewDays: 88 });
});

test('an approval the platform refused is no approval; a publication that failed waits again, and approving it again is no new decision', () => {
  const t = (d: number, h = 10): string => mx(`2026-10-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00`);
  const log = [
    entry(t(1), 'submission.created', 'submission/a'), entry(t(3), 'submission.approved', 'submission/a'), entry(t(3, 11), 'submission.approval-refused', 'submission/a'),
    entry(t(6), 'submission.returned', 'submission/a'),
    entry(t(2), 'submission.created', 'submission/b'), entry(t(4), 'submission.approved', 'submission/b'), entry(t(4, 11), 'submission.failed', 'submission/b'),
    entry(t(8), 'submission.created', 'submission/c'), entry(t(12), 'submission.approved', 'submission/c'), entry(t(12, 11), 'submission.failed', 'submission/c'),
    entry(t(14), 'submission.approved', 'submission/c'), entry(t(14, 11), 'submission.published', 'submission/c', 'mer', { unchanged: true }),
    entry(t(20), 'submission.created', 'submission/d'), entry(t(21), 'submission.withdrawn', 'submission/d', 'mer', { from: 'submitted' }),
  ];
  const october = account('2026-10', log, []).implementers[0];
  expect(october).toMatchObject({ received: 4, approved: 2, returned: 1, withdrawn: 1, waiting: 1, longestWaitDays: 29, confirmations: 1, publications: 0 });
  // a: 5 days to its return; b: 2 to its approval; c: 4 to its first.
  expect(october.reviewed).toBe(3);
  expect(october.medianReviewDays).toBe(4);
});

test('a month not over yet is counted up to now', () => {
  const now = Date.parse(mx('2026-12-05T12:00:00'));
  expect(lastCompleteMonth(now)).toBe('2026-11');
  const log = [entry(mx('2026-12-01T09:00:00'), 'submission.created', 'submission/e')];
  const december = account('2026-12', log, [], now);
  expect(december.complete).toBe(false);
  expect(december.closedAt).toBe(new Date(now).toISOString());
  expect(december.total).toMatchObject({ received: 1, waiting: 1, longestWaitDays: 4 });
  expect(monthLabel('2026-12')).toBe('diciembre de 2026');
});

test('the median of an even count is the mean of the middle two', () => {
  expect(median([5, 1, 4, 2])).toBe(3);
  expect(median([3])).toBe(3);
  expect(median([])).toBeNull();
});
