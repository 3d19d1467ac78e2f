/**
 * The coordinator's monthly account counts what happened in a Mexico City month, per send: a send returned, sent again
 * and approved the next month counts in each month what it did there (and its review from its latest version); an
 * approval in the evening of the 30th in Mexico City is November's though it is December in UTC; an implementer with
 * nothing to count is there with zeros; a send still waiting since an earlier month is counted as waiting.
 */
import { monthClose, monthlyAccount, median, type AuditStep, type KeptSubmission } from './monthly-account';
import { lastCompleteMonth, monthBounds, monthLabel, monthOf, nextMonth, stateTimeZone } from './report-month';

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

/** The log's first month: no send was open before it. */
const FIRST = '2026-08';

/**
 * The account of `month` as the server builds it: the sends open when it began (each earlier month's close, from the
 * log's first month on) and the month's own log.
 */
function account(month: string, log: AuditStep[], now = Date.parse('2026-12-05T12:00:00Z')) {
  let opening: KeptSubmission[] = [];
  for (let m = FIRST; m < month; m = nextMonth(m)) opening = monthClose(m, opening, log);
  const { start, end } = monthBounds(month);
  return monthlyAccount({ month, now, implementers: IMPLEMENTERS, audit: log.filter((e) => e.at >= start && e.at < end), opening });
}

test('a send returned in October, sent again and approved in November counts in each month what it did there', () => {
  const october = account('2026-10', LOG);
  expect(october.implementers[0]).toEqual({
    publisherId: 'mer', name: 'Municipio de Mérida', received: 2, approved: 0, returned: 1, withdrawn: 0,
    // Sent again on the 30th and still waiting on the 31st: 1 day.
    waiting: 1, longestWaitDays: 1, reviewed: 1, medianReviewDays: 5, publications: 0, confirmations: 0,
  });
  // Open when October closed: sent again on the 30th, with that step only (its return is behind it).
  expect(monthClose('2026-10', [], LOG)).toEqual([{ id: 's1', publisherId: 'mer', history: [{ at: RESENT, action: 'resubmitted' }] }]);
  expect(monthClose('2026-11', monthClose('2026-10', [], LOG), LOG)).toEqual([]);
  const november = account('2026-11', LOG);
  // Its review counts from its latest version (30 October), which the log of November alone does not hold: October's close does.
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
  expect(account('2026-10', log).total).toMatchObject({ received: 1, approved: 0, returned: 0, waiting: 1, longestWaitDays: 0 });
  const november = account('2026-11', log).total;
  expect(november).toMatchObject({ received: 1, approved: 1, returned: 1, waiting: 0, reviewed: 2, medianReviewDays: 5.5 });
  expect(account('2026-12', log).total).toMatchObject({ received: 0, approved: 0, returned: 0 });
});

/**
 * A state's months are on its capital's clock: Baja California's on Tijuana's (UTC−8, −7 in summer), Quintana Roo's on
 * Cancún's (UTC−5). Cut on Mexico City's for every state, a send from Tijuana at 23:00 on 30 November counted in
 * December, and in Cancún at 00:30 of 1 December the report opened on October, November «en curso».
 */
test('Tijuana and Cancún at a month\'s edge: each state\'s month on its own clock', () => {
  expect([stateTimeZone('Baja California'), stateTimeZone('quintana roo'), stateTimeZone('Yucatán'), stateTimeZone('Chihuahua'), stateTimeZone(undefined)])
    .toEqual(['America/Tijuana', 'America/Cancun', 'America/Mexico_City', 'America/Chihuahua', 'America/Mexico_City']);
  // 23:00 on 30 November in Tijuana: 01:00 of 1 December in Mexico City.
  const tijuana = Date.parse('2026-11-30T23:00:00-08:00');
  expect([monthOf(tijuana), monthOf(tijuana, 'America/Tijuana')]).toEqual(['2026-12', '2026-11']);
  // 1 November 2026 is a Sunday: Tijuana's clocks go back at 02:00, so its November begins at 00:00 of summer time.
  expect(monthBounds('2026-11', 'America/Tijuana')).toEqual({ start: '2026-11-01T07:00:00.000Z', end: '2026-12-01T08:00:00.000Z' });
  // 00:30 of 1 December in Cancún (23:30 of 30 November in Mexico City): November is over there.
  const cancun = Date.parse('2026-12-01T00:30:00-05:00');
  expect([lastCompleteMonth(cancun), lastCompleteMonth(cancun, 'America/Cancun')]).toEqual(['2026-10', '2026-11']);
  expect(monthOf(cancun, 'America/Cancun')).toBe('2026-12');

  // A send from Tijuana at 23:00 on 30 November, approved on 2 December: November's send, waiting at its close.
  const log = [entry(new Date(tijuana).toISOString(), 'submission.created', 'submission/t1'), entry(new Date(Date.parse('2026-12-02T10:00:00-08:00')).toISOString(), 'submission.approved', 'submission/t1')];
  const zone = 'America/Tijuana';
  const inZone = (month: string) => {
    let opening: KeptSubmission[] = [];
    for (let m = FIRST; m < month; m = nextMonth(m)) opening = monthClose(m, opening, log, zone);
    const { start, end } = monthBounds(month, zone);
    return monthlyAccount({ month, now: Date.parse('2026-12-05T12:00:00Z'), timeZone: zone, implementers: IMPLEMENTERS, audit: log.filter((e) => e.at >= start && e.at < end), opening });
  };
  const november = inZone('2026-11');
  expect([november.total.received, november.total.waiting, november.closedAt]).toEqual([1, 1, '2026-12-01T08:00:00.000Z']);
  expect(inZone('2026-12').total).toMatchObject({ received: 0, approved: 1, reviewed: 1, waiting: 0 });
});

test('an implementer with nothing in the month is there with zeros, and one registered after it is not', () => {
  const result = monthlyAccount({
    month: '2026-10', now: Date.parse('2026-12-05T12:00:00Z'),
    implementers: [...IMPLEMENTERS, { id: 'nue', name: 'Municipio Nuevo', registeredAt: mx('2026-11-02T10:00:00') }], audit: [], opening: [],
  });
  expect(result.implementers.map((p) => p.publisherId)).toEqual(['mer', 'pro']);
  expect(result.implementers[1]).toEqual({ publisherId: 'pro', name: 'Municipio de Progreso', received: 0, approved: 0, returned: 0, withdrawn: 0, waiting: 0, longestWaitDays: null, reviewed: 0, medianReviewDays: null, publications: 0, confirmations: 0 });
  expect(result.total.medianReviewDays).toBeNull();
});

test('a send waiting since an earlier month, of which the log says nothing since, waits at the close', () => {
  const sent = entry(mx('2026-08-14T10:00:00'), 'submission.created', 'submission/viejo', 'pro');
  const october = account('2026-10', [sent]);
  // 14 August to 31 October: carried open through September's close and October's.
  expect(october.implementers[1]).toMatchObject({ waiting: 1, longestWaitDays: 78 });
  expect(october.total).toMatchObject({ waiting: 1, longestWaitDays: 78, received: 0 });
  // Decided in November: waiting when October closed, not when November did.
  const decided = [sent, entry(mx('2026-11-10T10:00:00'), 'submission.returned', 'submission/viejo', 'pro')];
  expect(account('2026-10', decided).total).toEqual(october.total);
  expect(account('2026-11', decided).total).toMatchObject({ waiting: 0, returned: 1, medianReviewDays: 88 });
  expect(monthClose('2026-11', monthClose('2026-10', [], decided), decided)).toEqual([]);
});

test('a close keeps what the next month needs: an approval not yet published, a failed publication already decided', () => {
  const t = (month: number, d: number, h = 10): string => mx(`2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00`);
  const log = [
    // Approved in the last minutes of October, refused for errors in November: back in the queue, sent on the 20th.
    entry(t(10, 20), 'submission.created', 'submission/a'), entry(mx('2026-10-31T23:59:00'), 'submission.approved', 'submission/a'),
    entry(t(11, 1, 0), 'submission.approval-refused', 'submission/a'),
    // Approved, its publication failed in October, approved again in November: October's decision, none in November.
    entry(t(10, 2), 'submission.created', 'submission/b'), entry(t(10, 4), 'submission.approved', 'submission/b'), entry(t(10, 4, 11), 'submission.failed', 'submission/b'),
    entry(t(11, 3), 'submission.approved', 'submission/b'), entry(t(11, 3, 11), 'submission.published', 'submission/b', 'mer', { unchanged: false }),
    // Returned in October: settled, nothing carried.
    entry(t(10, 5), 'submission.created', 'submission/c'), entry(t(10, 6), 'submission.returned', 'submission/c'),
  ];
  expect(monthClose('2026-10', [], log).map((s) => [s.id, s.history.map((h) => h.action)])).toEqual([
    ['a', ['submitted', 'approved']], ['b', ['submitted', 'approved', 'failed']],
  ]);
  expect(account('2026-10', log).implementers[0]).toMatchObject({ received: 3, approved: 2, returned: 1, waiting: 1, longestWaitDays: 29 });
  expect(account('2026-11', log).implementers[0]).toMatchObject({ received: 0, approved: 0, returned: 0, waiting: 1, longestWaitDays: 41, reviewed: 0 });
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
  const october = account('2026-10', log).implementers[0];
  expect(october).toMatchObject({ received: 4, approved: 2, returned: 1, withdrawn: 1, waiting: 1, longestWaitDays: 29, confirmations: 1, publications: 0 });
  // a: 5 days to its return; b: 2 to its approval; c: 4 to its first.
  expect(october.reviewed).toBe(3);
  expect(october.medianReviewDays).toBe(4);
});

test('a month not over yet is counted up to now', () => {
  const now = Date.parse(mx('2026-12-05T12:00:00'));
  expect(lastCompleteMonth(now)).toBe('2026-11');
  const log = [entry(mx('2026-12-01T09:00:00'), 'submission.created', 'submission/e')];
  const december = account('2026-12', log, now);
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
