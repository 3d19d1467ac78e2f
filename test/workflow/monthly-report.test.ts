/**
 * The coordinator's monthly report (GET /api/monthly-report) from sends made through the real app (self-hosted: API
 * tokens, .xlsx uploads, the real SQLite store) with a movable clock: a send returned in October, sent again and
 * approved in November counts in each month what it did there; only the coordinators of the state (and the
 * administration) may read it, which the server enforces.
 */
import request from 'supertest';
import { checkMonthlyReportAnswer, checkNationalReportAnswer, XLSX_MIME, type MonthlyReportAnswer } from '../../core/workflow/contract';
import { localHarness, projectWorkbook, PUBLISHERS, xlsxOf, type LocalHarness, type UserName } from './workflow-harness';
import { countingBackend } from '../support/counting-backend';
import { createStore } from '../../functions/src/store/document-store';
import { keepMonthCloses, type KeptCloses } from '../../functions/src/workflow/month-closes';
import { countRefusal } from '../../functions/src/workflow/refused-sends';
import { forgetOldSendChecks } from '../../functions/src/workflow/send-check';

const [MER] = PUBLISHERS;
/** Mexico City wall-clock time (UTC−6). */
const mx = (local: string): Date => new Date(Date.parse(`${local}-06:00`));

let clock = mx('2026-10-20T10:00:00');
let h: LocalHarness;
beforeAll(async () => { h = await localHarness({ now: () => clock }); });
afterAll(() => h.close());

const report = (user: UserName, query = ''): request.Test => request(h.app).get(`/api/monthly-report${query}`).set('Authorization', h.bearer(user));
const upload = async (title: string): Promise<request.Response> => request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA'))
  .set('Content-Type', XLSX_MIME).send(await xlsxOf(projectWorkbook(MER, { title })));

test('a send returned in October, sent again and approved in November: each month says what happened in it, to the coordinators of the state only', async () => {
  const sent = await upload('Parque del Centro');
  expect(sent.status).toBe(201);
  const id = sent.body.submission.id as string;
  clock = mx('2026-10-25T12:00:00');
  await request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: 'Falta la fecha de término.' }).expect(200);
  clock = mx('2026-10-30T18:00:00');
  const again = await upload('Parque del Centro, segunda etapa');
  expect([again.status, again.body.submission.id]).toEqual([200, id]);
  // Approved at 21:00 on 3 November in Mexico City (4 November in UTC).
  clock = mx('2026-11-03T21:00:00');
  const approved = await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));
  expect([approved.status, approved.body.submission.status]).toEqual([200, 'published']);

  clock = mx('2026-12-05T10:00:00');
  // A coordinator's figures: never kept by a shared cache.
  const october = checkMonthlyReportAnswer((await report('coordinadorA', '?month=2026-10').expect(200).expect('Cache-Control', 'private, no-store')).body);
  expect(october).toMatchObject({ state: 'Yucatán', month: '2026-10', complete: true, closedAt: mx('2026-11-01T00:00:00').toISOString() });
  // Only Yucatán's implementers: Mérida, not Monterrey.
  expect(october.implementers.map((p) => p.publisherId)).toEqual(['mer']);
  expect(october.total).toEqual({ received: 2, approved: 0, returned: 1, withdrawn: 0, waiting: 1, longestWaitDays: 1, reviewed: 1, medianReviewDays: 5, publications: 0, confirmations: 0 });
  // By default the last month over: November, whose approval reviewed the version of 30 October.
  const november: MonthlyReportAnswer = checkMonthlyReportAnswer((await report('coordinadorA').expect(200)).body);
  expect(november.month).toBe('2026-11');
  expect(november.total).toEqual({ received: 0, approved: 1, returned: 0, withdrawn: 0, waiting: 0, longestWaitDays: null, reviewed: 1, medianReviewDays: 4, publications: 1, confirmations: 0 });
  expect(november.viewer.email).toBe('revision@inaip-yucatan.org.mx');

  // Nuevo León's coordinator sees its own state (nothing happened there), and is refused Yucatán's; officials are refused.
  expect(checkMonthlyReportAnswer((await report('coordinadorB').expect(200)).body).implementers.map((p) => p.publisherId)).toEqual(['mty']);
  expect((await report('coordinadorB', '?state=Yucat%C3%A1n').expect(403)).body.error.message).toBe('Su cuenta no tiene permiso para consultar el informe mensual de Yucatán: cada coordinación consulta el de su estado.');
  expect((await report('capturistaA').expect(403)).body.error.message).toMatch(/^Su cuenta no tiene permiso para consultar el informe mensual/);
  await request(h.app).get('/api/monthly-report').expect(401);
  // The administration names the state, spelt any way.
  expect((await report('admin').expect(400)).body.error.code).toBe('missing-state');
  expect(checkMonthlyReportAnswer((await report('admin', '?state=yucatan&month=2026-11').expect(200)).body)).toMatchObject({ state: 'Yucatán', total: { approved: 1 } });
  // A month that is not one, or has not begun.
  expect((await report('coordinadorA', '?month=2026-13').expect(400)).body.error.message).toBe('El parámetro «month» debe ser un mes escrito aaaa-mm, por ejemplo 2026-11 (se recibió «2026-13»).');
  expect((await report('coordinadorA', '?month=2027-01').expect(400)).body.error.message).toBe('El mes 2027-01 aún no empieza: elija uno hasta 2026-12.');
  // The current month, up to now.
  expect(checkMonthlyReportAnswer((await report('coordinadorA', '?month=2026-12').expect(200)).body)).toMatchObject({ complete: false, closedAt: clock.toISOString() });
});

/**
 * A state's months on its capital's clock: Baja California's on Tijuana's, Quintana Roo's on Cancún's. On Mexico City's
 * for every state, a send from Tijuana at 23:00 on 30 November counted in December; and in Cancún at 00:30 of 1
 * December the report opened on October (November «en curso») and refused December as not begun.
 */
test('Tijuana and Cancún at a month\'s edge: the report cuts the months on the state\'s clock', async () => {
  const registeredAt = mx('2026-09-01T10:00:00').toISOString();
  await h.store.putPublisher({ id: 'tij', name: 'Municipio de Tijuana', state: 'Baja California', ocidPrefix: 'ocds-tij001', projectIdPrefix: 'oc4ids-tij001', commitment: { projects: 5, periodicityDays: 90 }, registeredAt });
  await h.store.putPublisher({ id: 'cun', name: 'Municipio de Benito Juárez', state: 'Quintana Roo', ocidPrefix: 'ocds-cun001', projectIdPrefix: 'oc4ids-cun001', commitment: { projects: 5, periodicityDays: 90 }, registeredAt });
  const sendAt = async (publisherId: string, id: string, at: string): Promise<void> => {
    await h.store.createSubmission({ id, publisherId, source: { kind: 'xlsx', fileId: `f-${id}` }, status: 'submitted', history: [{ at, by: 'u', action: 'submitted' }], createdAt: at, updatedAt: at });
    await h.store.appendAudit({ at, actor: 'u', action: 'submission.created', target: `submission/${id}`, publisherId, details: {} });
  };
  // 00:30 of 1 December in Cancún (23:30 of the 30th in Mexico City).
  await sendAt('cun', 'cun-1', new Date(Date.parse('2026-12-01T00:30:00-05:00')).toISOString());
  const bc = (query: string) => report('admin', `?state=Baja%20California${query}`);
  const qroo = (query: string) => report('admin', `?state=Quintana%20Roo${query}`);

  clock = new Date(Date.parse('2026-12-01T00:45:00-05:00'));
  // In Cancún November is over: the report opens on it, December has begun, and its send is December's.
  const november = checkMonthlyReportAnswer((await qroo('').expect(200)).body);
  expect([november.month, november.complete, november.closedAt, november.total.received]).toEqual(['2026-11', true, '2026-12-01T05:00:00.000Z', 0]);
  expect(checkMonthlyReportAnswer((await qroo('&month=2026-12').expect(200)).body).total.received).toBe(1);
  // In Tijuana it is 21:45 of 30 November: November is under way, with its send; December has not begun.
  const under = checkMonthlyReportAnswer((await bc('').expect(200)).body);
  expect(under.month).toBe('2026-10');
  expect(checkMonthlyReportAnswer((await bc('&month=2026-11').expect(200)).body)).toMatchObject({ complete: false, total: { received: 0 } });
  expect((await bc('&month=2026-12').expect(400)).body.error.message).toBe('El mes 2026-12 aún no empieza: elija uno hasta 2026-11.');

  // 23:00 on 30 November in Tijuana (01:00 of 1 December in Mexico City): November's send there.
  await sendAt('tij', 'tij-1', new Date(Date.parse('2026-11-30T23:00:00-08:00')).toISOString());
  clock = mx('2026-12-05T10:00:00');
  const bcNovember = checkMonthlyReportAnswer((await bc('&month=2026-11').expect(200)).body);
  expect([bcNovember.closedAt, bcNovember.total.received, bcNovember.total.waiting]).toEqual(['2026-12-01T08:00:00.000Z', 1, 1]);
  expect(checkMonthlyReportAnswer((await bc('&month=2026-12').expect(200)).body).total.received).toBe(0);
  expect(checkMonthlyReportAnswer((await qroo('&month=2026-11').expect(200)).body).total).toMatchObject({ received: 0, waiting: 0 });
});

/**
 * The national team's view: every state's report of the month in one answer, each state's exactly as its own report
 * (its clock, its implementers): before, the administration asked 32 reports one by one and added up their CSVs, and
 * could not see at a glance a coordinator's queue waiting since the 10th. A coordinator keeps to its own state.
 */
test('every state\'s report in one answer for the administration, each the same as the state\'s own; coordinators and officials refused', async () => {
  // Sent by Monterrey on 10 November and never decided: at November's close it had waited 20 days.
  const at = mx('2026-11-10T09:00:00').toISOString();
  await h.store.createSubmission({ id: 'mty-olvidado', publisherId: 'mty', source: { kind: 'xlsx', fileId: 'f-mty-olvidado' }, status: 'submitted', history: [{ at, by: 'u', action: 'submitted' }], createdAt: at, updatedAt: at });
  await h.store.appendAudit({ at, actor: 'u', action: 'submission.created', target: 'submission/mty-olvidado', publisherId: 'mty', details: {} });
  clock = mx('2026-12-05T10:00:00');
  const national = (user: UserName, query = ''): request.Test => request(h.app).get(`/api/monthly-report/states${query}`).set('Authorization', h.bearer(user));
  const answer = checkNationalReportAnswer((await national('admin').expect(200).expect('Cache-Control', 'private, no-store')).body);
  expect(answer.month).toBe('2026-11');
  expect(answer.states.map((s) => s.state)).toEqual(['Baja California', 'Nuevo León', 'Quintana Roo', 'Yucatán']);
  // Each row is what the state's own report says, to the figure (Baja California's November cut on Tijuana's clock).
  for (const row of answer.states) {
    const { viewer: _viewer, ...own } = checkMonthlyReportAnswer((await report('admin', `?state=${encodeURIComponent(row.state)}&month=2026-11`).expect(200)).body);
    expect(row).toEqual(own);
  }
  const byState = new Map(answer.states.map((s) => [s.state, s]));
  expect(byState.get('Nuevo León')?.total).toMatchObject({ waiting: 1, longestWaitDays: 20 });
  expect(byState.get('Yucatán')?.total).toMatchObject({ approved: 1, publications: 1 });
  expect(byState.get('Baja California')?.total).toMatchObject({ received: 1, waiting: 1 });
  expect(checkNationalReportAnswer((await national('admin', '?month=2026-10').expect(200)).body).states.find((s) => s.state === 'Yucatán')?.total).toMatchObject({ received: 2, returned: 1 });

  expect((await national('coordinadorA').expect(403)).body.error.message).toBe('Su cuenta no tiene permiso para consultar el informe mensual de todos los estados: lo consulta la administración; cada coordinación consulta el de su estado.');
  await national('capturistaA').expect(403);
  await request(h.app).get('/api/monthly-report/states').expect(401);
  expect((await national('admin', '?month=2027-01').expect(400)).body.error.message).toBe('El mes 2027-01 aún no empieza: elija uno hasta 2026-12.');
  expect((await national('admin', '?state=Yucat%C3%A1n').expect(400)).body.error.code).toBeDefined();
});

/**
 * Sends refused for errors make no submission, so the month's log has no trace of them: each refusal adds one to its
 * implementer's count of the month, on its state's clock (refused-sends.ts countRefusal), which the weekly clean-up of
 * the refusals' lines leaves: a month's report read long after it ends gives its whole count. A month over before
 * counting began has none (null, not 0); the month it began in says from when.
 */
test('refused attempts: the whole month per implementer however late the report is read, none for months before counting began', async () => {
  clock = mx('2027-01-20T12:00:00');
  // Before anything was counted: no figure, said as such.
  const before = checkMonthlyReportAnswer((await report('coordinadorA', '?month=2026-11').expect(200)).body);
  expect([before.refusedCounted, before.implementers[0].refusedAttempts]).toEqual([null, undefined]);
  await countRefusal(h.store, 'mer', mx('2026-11-10T11:00:00')); // the first: counting begins then
  await countRefusal(h.store, 'mer', mx('2026-11-27T09:00:00'));
  await countRefusal(h.store, 'mer', mx('2026-11-30T23:00:00')); // 1 December in UTC, November in Mérida
  await countRefusal(h.store, 'mer', mx('2026-12-02T10:00:00'));
  await countRefusal(h.store, 'mty', mx('2026-11-28T10:00:00')); // Nuevo León's: not in Yucatán's report
  await countRefusal(h.store, 'tij', mx('2026-12-01T01:00:00')); // 23:00 of 30 November in Tijuana: its November
  // The week's lines are long gone: the counts are not.
  await forgetOldSendChecks(h.store, clock);
  const november = checkMonthlyReportAnswer((await report('coordinadorA', '?month=2026-11').expect(200)).body);
  expect(november.refusedCounted).toEqual({ from: mx('2026-11-10T11:00:00').toISOString(), to: mx('2026-12-01T00:00:00').toISOString() });
  expect(november.implementers.map((p) => [p.publisherId, p.refusedAttempts])).toEqual([['mer', 3]]);
  const december = checkMonthlyReportAnswer((await report('coordinadorA', '?month=2026-12').expect(200)).body);
  expect([december.refusedCounted, december.implementers[0].refusedAttempts]).toEqual([{ from: mx('2026-12-01T00:00:00').toISOString(), to: mx('2027-01-01T00:00:00').toISOString() }, 1]);
  const tijuana = checkMonthlyReportAnswer((await report('admin', '?state=Baja%20California&month=2026-11').expect(200)).body);
  expect(tijuana.implementers.map((p) => [p.publisherId, p.refusedAttempts])).toEqual([['tij', 1]]);
  // October ended before counting began: no figure (not 0).
  const october = checkMonthlyReportAnswer((await report('coordinadorA', '?month=2026-10').expect(200)).body);
  expect([october.refusedCounted, october.implementers[0].refusedAttempts]).toEqual([null, undefined]);
});

/**
 * A state's year of sends (30 implementers, 3 sends each a month: approved, returned and sent again, some waiting
 * across the close), written as the workflow writes them — each step on the submission (its history bounded) and in
 * the audit log — on the real SQLite store with its reads counted as Firestore bills them (docs/deploy.md §11).
 */
describe('an older month\'s report', () => {
  const IMPLEMENTERS = 30;
  const MONTHS = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
  const counted = countingBackend();
  let now = mx('2026-12-05T10:00:00');
  let y: LocalHarness;
  beforeAll(async () => { y = await localHarness({ now: () => now, openStore: () => createStore(counted.backend) }); });
  afterAll(() => y.close());

  /** Sends `id` of `publisherId` at `at` (`resubmitted`: again), and then each step at its instant, as the workflow records them. */
  async function send(publisherId: string, id: string, at: string, steps: [string, string][]): Promise<void> {
    await y.store.createSubmission({ id, publisherId, source: { kind: 'xlsx', fileId: `f-${id}` }, status: 'submitted', history: [{ at, by: 'u', action: 'submitted' }], createdAt: at, updatedAt: at });
    await y.store.appendAudit({ at, actor: 'u', action: 'submission.created', target: `submission/${id}`, publisherId, details: {} });
    for (const [action, when] of steps) await step(publisherId, id, action, when);
  }
  const STATUS: Record<string, [string[], string]> = {
    approved: [['submitted', 'failed'], 'approved'], published: [['approved'], 'published'], returned: [['submitted', 'failed'], 'returned'], resubmitted: [['returned', 'submitted', 'failed'], 'submitted'],
  };
  async function step(publisherId: string, id: string, action: string, at: string): Promise<void> {
    const [from, to] = STATUS[action];
    await y.store.transitionSubmission(id, from as never, to as never, { at, by: 'u', action, ...(action === 'returned' ? { comment: 'Falta el monto del contrato.' } : {}) });
    await y.store.appendAudit({ at, actor: 'u', action: `submission.${action}`, target: `submission/${id}`, publisherId, details: action === 'published' ? { unchanged: false } : {} });
    if (action === 'published') await y.store.appendAudit({ at, actor: 'system', action: 'publication.published', target: `publication/${id}`, publisherId, details: {} });
    await y.store.appendAudit({ at, actor: 'system', action: 'notification.sent', target: `submission/${id}`, publisherId, details: { kind: action } });
  }
  const day = (month: string, d: number, h = 10): string => mx(`${month}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00`).toISOString();
  const read = async (month: string) => {
    counted.reset();
    const body = checkMonthlyReportAnswer((await report('coordinadorA', `?month=${month}`).expect(200)).body);
    return { body, reads: counted.count() };
  };
  const report = (user: UserName, query: string): request.Test => request(y.app).get(`/api/monthly-report${query}`).set('Authorization', y.bearer(user));

  test('is the same after later decisions, and reads that month only', async () => {
    for (let i = 0; i < IMPLEMENTERS; i++) {
      const p = `yuc-${String(i).padStart(2, '0')}`;
      await y.store.putPublisher({ id: p, name: `Implementador ${i}`, state: 'Yucatán', ocidPrefix: `ocds-y${i}`, projectIdPrefix: `oc4ids-y${i}`, commitment: { projects: 5, periodicityDays: 30 }, registeredAt: day('2025-11', 20) });
      for (const [m, month] of MONTHS.entries()) {
        const next = MONTHS[m + 1] ?? '2026-12';
        const d = 2 + (i % 5);
        await send(p, `${p}-${month}-a`, day(month, d), [['approved', day(month, d + 2)], ['published', day(month, d + 2, 11)]]);
        await send(p, `${p}-${month}-b`, day(month, d + 6), [['returned', day(month, d + 9)], ['resubmitted', day(month, d + 14)], ['approved', day(month, d + 16)], ['published', day(month, d + 16, 11)]]);
        // Every fourth waits across the close, decided on the 3rd of the next month.
        const waits = (i + m) % 4 === 0;
        await send(p, `${p}-${month}-c`, day(month, waits ? 26 : d + 10), waits && next !== '2026-12' ? [['approved', day(next, 3)], ['published', day(next, 3, 11)]] : waits ? [] : [['approved', day(month, d + 12)], ['published', day(month, d + 12, 11)]]);
      }
    }
    // Sent 2 May, returned the 6th, sent again the 20th: waiting when June closed, and still now.
    await send('yuc-00', 'espera', day('2026-05', 2), [['returned', day('2026-05', 6)], ['resubmitted', day('2026-05', 20)]]);

    const first = await read('2026-06');
    expect(first.body.total).toMatchObject({ received: 120, approved: 90, returned: 30, waiting: 8 });
    // The one that waits since 20 May (41 days at the close of June).
    expect(first.body.total.longestWaitDays).toBe(41);
    const again = await read('2026-06');
    expect(again.body).toEqual(first.body);

    // Later decisions: the one waiting since May is returned and sent again 25 times in December (its submission keeps
    // its first step and the newest ones: the 20 May sending drops out of it), and every send waiting now is decided.
    now = mx('2026-12-05T18:00:00');
    for (let k = 0; k < 25; k++) {
      await step('yuc-00', 'espera', 'returned', day('2026-12', 1 + (k % 4), 8 + (k % 10)));
      await step('yuc-00', 'espera', 'resubmitted', day('2026-12', 1 + (k % 4), 8 + (k % 10)));
    }
    expect((await y.store.getSubmission('espera'))?.earlierEntries).toBeGreaterThan(0);
    for (const s of (await y.store.listSubmissions({ status: 'submitted', limit: 1000 })).items) {
      if (s.publisherId.startsWith('yuc-')) await step(s.publisherId, s.id, 'approved', day('2026-12', 5, 12));
    }
    const after = await read('2026-06');
    expect(after.body).toEqual(first.body);
    // Measured, not asserted (store reads billed as Firestore bills them): the first report of a month after an
    // upgrade replays each implementer's log up to it once; from then on it reads that month only.
    console.log(`informe mensual de 2026-06, ${IMPLEMENTERS} implementadores, ${MONTHS.length} meses de bitácora: lecturas la primera vez ${first.reads}, después ${again.reads}, tras decisiones posteriores ${after.reads}`);
  });

  test('keeps a month\'s close only once a day has passed since it ended (an entry of its last minutes may be written late)', async () => {
    // Noon of 1 December: November is over, but not a day ago. December's report goes back from October's close.
    now = mx('2026-12-01T12:00:00');
    await read('2026-12');
    expect((await y.store.latestMonthClose('yuc-00', '2026-12'))?.month).toBe('2026-10');
    // 2 December, past 00:00 in Mexico City: November's close is kept.
    now = mx('2026-12-02T00:30:00');
    await read('2026-12');
    const november = await y.store.latestMonthClose('yuc-00', '2026-12');
    expect(november?.month).toBe('2026-11');
    // Of yuc-00's sends, only the one waiting since May was open then: its November sends were decided within the month.
    expect(november?.open.map((o) => o.id)).toEqual(['espera']);
  });
});

/**
 * The first report after an upgrade from a version without month closes, on a state with years of log: each
 * implementer's closes are rebuilt from its whole log, a page at a time, each kept as soon as its month is read. One
 * implementer with four busy years (three pages of 1,000 entries), six with one.
 */
describe('the first report after an upgrade', () => {
  const now = mx('2026-12-05T10:00:00');
  const day = (month: string, d: number, h = 10): string => mx(`${month}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00`).toISOString();
  const monthsBack = (n: number): string[] => Array.from({ length: n }, (_, k) => {
    const t = new Date(Date.UTC(2026, 10 - k, 15));
    return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}`;
  }).reverse();

  /** The log as the workflow writes it (steps, notices, publications); the report reads nothing else of the sends. */
  async function seedLog(store: LocalHarness['store']): Promise<void> {
    for (let i = 0; i < 7; i++) {
      const p = `yuc-${i}`;
      const months = monthsBack(i === 0 ? 48 : 12);
      await store.putPublisher({ id: p, name: `Implementador ${i}`, state: 'Yucatán', ocidPrefix: `ocds-y${i}`, projectIdPrefix: `oc4ids-y${i}`, commitment: { projects: 5, periodicityDays: 30 }, registeredAt: day('2022-10', 1) });
      const log = (at: string, action: string, id: string, kind?: string) => store.appendAudit({ at, actor: 'u', action, target: `submission/${id}`, publisherId: p, details: kind ? { kind } : {} });
      for (const [m, month] of months.entries()) {
        const d = 2 + (i % 5);
        // The four-year one sends three times as much: about 2,300 entries, three pages of log.
        const pairs = Array.from({ length: i === 0 ? 3 : 1 }, () => [[['created', d], ['approved', d + 2], ['published', d + 3]], [['created', d + 5], ['returned', d + 8], ['resubmitted', d + 12], ['approved', d + 15], ['published', d + 16]]]).flat();
        for (const [k, steps] of pairs.entries()) {
          for (const [action, when] of steps as [string, number][]) {
            await log(day(month, when), `submission.${action}`, `${p}-${month}-${k}`);
            await log(day(month, when, 11), 'notification.sent', `${p}-${month}-${k}`, action);
          }
        }
        // Every third month one waits across the close, and is approved on the 3rd of the next.
        if ((i + m) % 3 === 0) {
          await log(day(month, 27), 'submission.created', `${p}-${month}-w`);
          const next = months[m + 1] ?? '2026-12';
          await log(day(next, 3), 'submission.approved', `${p}-${month}-w`);
        }
      }
    }
  }

  test('is answered «being prepared» in Spanish, never half-built, until every implementer\'s closes are made; then it is the report made at once', async () => {
    const once = await localHarness({ now: () => now });
    const bit = await localHarness({ now: () => now, reportBudgetMs: 0 });
    try {
      await seedLog(once.store);
      await seedLog(bit.store);
      const ask = (h: LocalHarness) => request(h.app).get('/api/monthly-report?month=2026-11').set('Authorization', h.bearer('coordinadorA'));
      const reference = checkMonthlyReportAnswer((await ask(once).expect(200)).body);
      expect(reference.implementers).toHaveLength(8);
      expect(reference.total.received).toBeGreaterThan(0);
      // No time to spare: each answer moves the rebuild forward (what it kept stays) and says how far it went.
      const ready: number[] = [];
      let answer = await ask(bit);
      for (let k = 0; answer.status === 503 && k < 200; k++) {
        expect(answer.headers['retry-after']).toBe('5');
        expect(answer.body.error.code).toBe('report-preparing');
        const m = /^El informe de noviembre de 2026 de Yucatán aún se está preparando: la plataforma recorre por primera vez la bitácora completa de cada implementador \(lo hace una sola vez, después de una actualización\)\. Van (\d+) de 8 implementadores\. Vuelva a consultarlo en unos segundos: sigue donde se quedó\.$/.exec(answer.body.error.message);
        expect(m).not.toBeNull();
        ready.push(Number(m?.[1]));
        answer = await ask(bit);
      }
      expect(answer.status).toBe(200);
      expect(ready).toEqual([7, 7]);
      expect(ready).toEqual([...ready].sort((a, b) => a - b));
      expect(checkMonthlyReportAnswer(answer.body)).toEqual(reference);
      // The four-year implementer's closes were kept month by month, across its pages of log.
      expect((await bit.store.latestMonthClose('yuc-0', '2026-11'))?.month).toBe('2026-10');
    } finally {
      await once.close();
      await bit.close();
    }
  });

  test('the daily job keeps the closes ahead of the report, moving forward run after run, and then reads one document a day', async () => {
    const counted = countingBackend();
    const h = await localHarness({ now: () => now, openStore: () => createStore(counted.backend), reportBudgetMs: 0 });
    try {
      await seedLog(h.store);
      // A run with no time left still moves forward; runs one after another finish.
      const runs: KeptCloses[] = [];
      for (let k = 0; k < 50 && !runs.at(-1)?.done; k++) runs.push(await keepMonthCloses(h.store, now, 0));
      expect(runs.length).toBeGreaterThan(2);
      expect(runs.map((r) => r.done)).toEqual([...runs.slice(1).map(() => false), true]);
      // November ended on 1 December, more than a day ago.
      expect(runs.at(-1)).toMatchObject({ done: true, month: '2026-11' });
      expect(await h.store.monthClosesKeptThrough()).toBe('2026-11');
      counted.reset();
      expect(await keepMonthCloses(h.store, now)).toMatchObject({ done: true, publishers: 0 });
      expect(counted.count()).toBe(1);
      // The coordinator's first report reads its month only: every close is there.
      counted.reset();
      const report = checkMonthlyReportAnswer((await request(h.app).get('/api/monthly-report?month=2026-11').set('Authorization', h.bearer('coordinadorA')).expect(200)).body);
      expect(report.total.received).toBeGreaterThan(0);
      expect(counted.count('audit')).toBeLessThan(400);
      // On 2 January at 09:00 December has been over for a day: its close is made from November's and its own log.
      expect(await keepMonthCloses(h.store, mx('2027-01-01T23:00:00'))).toMatchObject({ done: true, month: '2026-11', publishers: 0 });
      counted.reset();
      expect(await keepMonthCloses(h.store, mx('2027-01-02T09:00:00'))).toMatchObject({ done: true, month: '2026-12', publishers: 9 }); // the harness's two as well
      expect((await h.store.latestMonthClose('yuc-0', '2027-01'))?.month).toBe('2026-12');
      expect(counted.count('audit')).toBeLessThan(200);
    } finally {
      await h.close();
    }
  });
});
