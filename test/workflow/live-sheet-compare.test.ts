/**
 * The cloud reads the live Google sheet inside two requests: the coordinator's preview (`liveChanged`) and the add-on's
 * question after «Validar» (`compare`). Google not answering held both for its reader's time limit and retries (30 s a
 * call, three calls): past Hosting's 60 s, the coordinator got its error page instead of the preview that was ready.
 * Now both wait for the sheet at most their budget (live-sheet-changed.ts; a fraction of a second here) and say they
 * cannot tell (null); the preview itself, and what changed, come as always. Google answering again: true/false as
 * before.
 */
import request from 'supertest';
import { checkCompareAnswer, checkPreviewAnswer, checkSubmitAnswer } from '../../core/workflow/contract';
import { cloudHarness, projectWorkbook, PUBLISHERS, type CloudHarness } from './workflow-harness';

const [MER] = PUBLISHERS;
const SHEET = '1LiveSheetCompareAbCdEfGhIjKlMn';
const BUDGET_MS = 300;

let h: CloudHarness;
beforeAll(async () => { h = await cloudHarness({ liveCompareBudgetMs: BUDGET_MS }); });
afterAll(() => h.close());

test('Google not answering: the preview and the add-on\'s comparison answer within their budget, «cannot tell» (null); answering again, changed or not', async () => {
  h.stub.put(SHEET, projectWorkbook(MER, { title: 'Parque del Centro' }));
  const sent = checkSubmitAnswer((await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: SHEET }).expect(201)).body);
  const preview = () => request(h.app).get(`/api/submissions/${sent.submission.id}/preview`).set('Authorization', h.bearer('coordinadorA'));
  const compare = () => request(h.app).post(`/api/submissions/${sent.submission.id}/compare`).set('Authorization', h.bearer('capturistaA')).send({});

  h.stub.fail(SHEET, { kind: 'hang' });
  const started = Date.now();
  const hung = await preview().expect(200);
  const compared = await compare().expect(200);
  // Each within its budget (and well within any reader's time limit), not after 30 s a try.
  expect(Date.now() - started).toBeLessThan(2 * BUDGET_MS + 3000);
  const answer = checkPreviewAnswer(hung.body);
  expect(answer.liveChanged).toBeNull();
  expect(answer.preview.projects.counts).toEqual({ new: 1, changed: 0, unchanged: 0, removed: 0 });
  expect(checkCompareAnswer(compared.body).changed).toBeNull();

  h.stub.fail(SHEET, undefined);
  expect(checkPreviewAnswer((await preview().expect(200)).body).liveChanged).toBe(false);
  expect(checkCompareAnswer((await compare().expect(200)).body).changed).toBe(false);
  h.stub.put(SHEET, projectWorkbook(MER, { title: 'Editado después del envío' }));
  expect(checkPreviewAnswer((await preview().expect(200)).body).liveChanged).toBe(true);
  expect(checkCompareAnswer((await compare().expect(200)).body).changed).toBe(true);
});
