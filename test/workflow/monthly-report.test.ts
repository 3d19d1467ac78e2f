/**
 * The coordinator's monthly report (GET /api/monthly-report) from sends made through the real app (self-hosted: API
 * tokens, .xlsx uploads, the real SQLite store) with a movable clock: a send returned in October, sent again and
 * approved in November counts in each month what it did there; only the coordinators of the state (and the
 * administration) may read it, which the server enforces.
 */
import request from 'supertest';
import { checkMonthlyReportAnswer, XLSX_MIME, type MonthlyReportAnswer } from '../../core/workflow/contract';
import { localHarness, projectWorkbook, PUBLISHERS, xlsxOf, type LocalHarness, type UserName } from './workflow-harness';

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
