/**
 * Google Sheets failing while a submission is read (Reliability issue §4; since issue 14 the sheet is read at
 * submission and approval publishes the stored snapshot): a transient 5xx or a truncated answer within the retry
 * budget still takes the submission; a hang past the timeout, a persistently truncated answer or a persistent 5xx
 * refuse it with a Spanish reason and create nothing, the previous publication keeps being served, and sending
 * again once Google is back works.
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
const submit = (sheet: string) => request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: sheet });
const approve = (id: string) => request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));
const served = async () => (await request(h.app).get('/api/oc4ids/projects?publisher=mer')).body.projects?.[0]?.title as string | undefined;
function sheetWith(title: string): string {
  const sheet = `1SheetsFaultSheet${String(n++).padStart(4, '0')}abc`;
  h.stub.put(sheet, projectWorkbook(MER, { title }));
  return sheet;
}

// The sheet is read once, when it is submitted (snapshot on submit); approval publishes the snapshot.
test.each<[string, Fault]>([
  ['a transient 500', { kind: 500, times: 1 }],
  ['a transient 503 twice', { kind: 503, times: 2 }],
  ['a truncated answer once', { kind: 'truncated', times: 1 }],
  ['one hang past the timeout', { kind: 'hang', times: 1 }],
])('%s within the retry budget: the submission is taken and its approval publishes', async (_name, fault) => {
  const title = `Parque tras ${JSON.stringify(fault)}`;
  const sheet = sheetWith(title);
  h.stub.fail(sheet, fault);
  const created = await submit(sheet);
  expect(created.status).toBe(201);
  h.stub.fail(sheet, { kind: 503 }); // Google down at approval time changes nothing: the snapshot is published
  const res = await approve(created.body.submission.id);
  expect(res.status).toBe(200);
  expect(res.body.submission.status).toBe('published');
  expect(await served()).toBe(title);
});

test.each<[string, Fault, string, RegExp]>([
  ['Google hangs on every try', { kind: 'hang' }, 'sheets.timeout', /no respondió a tiempo/],
  ['every answer is truncated', { kind: 'truncated' }, 'sheets.bad-response', /respuesta incompleta o dañada/],
  ['a persistent 502', { kind: 502 }, 'sheets.unavailable', /Google respondió 502/],
])('%s: the submission is refused in Spanish, nothing created, previous data served; sending again works', async (_name, fault, code, message) => {
  const before = await served();
  const title = `Parque tras ${code}`;
  const sheet = sheetWith(title);
  h.stub.fail(sheet, fault);
  const failed = await submit(sheet);
  expect(failed.status).toBe(422);
  expect(failed.body.error.code).toBe(code);
  expect(failed.body.error.message).toMatch(message);
  expect(await served()).toBe(before);

  h.stub.fail(sheet, undefined);
  const created = await submit(sheet);
  expect(created.status).toBe(201);
  expect((await approve(created.body.submission.id)).status).toBe(200);
  expect(await served()).toBe(title);
});
