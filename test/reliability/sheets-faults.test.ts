/**
 * Google Sheets failing during an approval (Reliability issue §4), beyond what the workflow tests cover (a 403,
 * a persistent 503): a transient 5xx or a truncated answer within the retry budget still publishes; a hang past
 * the timeout and a persistently truncated answer end `failed` with a Spanish reason, the previous publication
 * keeps being served, and approving again once Google is back publishes.
 */
import request from 'supertest';
import type { Fault } from '../workflow/sheets-stub';
import { projectWorkbook, PUBLISHERS } from '../workflow/workflow-harness';
import { reliabilityApp, type ReliabilityApp } from './reliability-harness';

const [MER] = PUBLISHERS;
let h: ReliabilityApp;
beforeAll(async () => { h = await reliabilityApp({ sheetsTimeoutMs: 300 }); });
afterAll(() => h.close());

let n = 0;
async function submitted(title: string): Promise<{ id: string; sheet: string }> {
  const sheet = `1SheetsFaultSheet${String(n++).padStart(4, '0')}abc`;
  h.stub.put(sheet, projectWorkbook(MER, { title }));
  const created = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: sheet });
  return { id: created.body.submission.id as string, sheet };
}
const approve = (id: string) => request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));
const served = async () => (await request(h.app).get('/api/oc4ids/projects?publisher=mer')).body.projects?.[0]?.title as string | undefined;

test.each<[string, Fault]>([
  ['a transient 500', { kind: 500, times: 1 }],
  ['a transient 503 twice', { kind: 503, times: 2 }],
  ['a truncated answer once', { kind: 'truncated', times: 1 }],
  ['one hang past the timeout', { kind: 'hang', times: 1 }],
])('%s within the retry budget: the approval still publishes', async (_name, fault) => {
  const title = `Parque tras ${JSON.stringify(fault)}`;
  const { id, sheet } = await submitted(title);
  h.stub.fail(sheet, fault);
  const res = await approve(id);
  expect(res.status).toBe(200);
  expect(res.body.submission.status).toBe('published');
  expect(await served()).toBe(title);
});

test.each<[string, Fault, string, RegExp]>([
  ['Google hangs on every try', { kind: 'hang' }, 'sheets.timeout', /no respondió a tiempo/],
  ['every answer is truncated', { kind: 'truncated' }, 'sheets.bad-response', /respuesta incompleta o dañada/],
  ['a persistent 502', { kind: 502 }, 'sheets.unavailable', /Google respondió 502/],
])('%s: failed in Spanish, previous data served, a retry publishes', async (_name, fault, code, message) => {
  const before = await served();
  const title = `Parque tras ${code}`;
  const { id, sheet } = await submitted(title);
  h.stub.fail(sheet, fault);
  const failed = await approve(id);
  expect(failed.status).toBe(502);
  expect(failed.body.error.code).toBe(code);
  expect(failed.body.error.message).toMatch(message);
  expect(failed.body.submission.status).toBe('failed');
  expect(failed.body.submission.history.at(-1).comment).toMatch(message);
  expect(await served()).toBe(before);

  h.stub.fail(sheet, undefined);
  const retried = await approve(id);
  expect(retried.status).toBe(200);
  expect(await served()).toBe(title);
});
