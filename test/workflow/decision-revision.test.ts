/**
 * A decision is about the revision the coordinator reviewed: an official who sends a new version from the add-on while
 * the coordinator's page is open replaces the revision under review, and «Aprobar» published — «Devolver» commented
 * on — a version nobody had looked at. Naming the reviewed revision, the decision is refused (409 'revision-changed'),
 * nothing done; without it (the add-on's panel), it is taken on the revision under review, as before. Self-hosted
 * app over HTTP (SQLite, API tokens).
 */
import request from 'supertest';
import { checkSubmissionAnswer, WORKBOOK_JSON_MIME } from '../../core/workflow/contract';
import { workbookValues } from '../../core/workflow/workbook-values';
import { localHarness, projectWorkbook, PUBLISHERS, type LocalHarness } from './workflow-harness';

const [MER] = PUBLISHERS;
let h: LocalHarness;
beforeEach(async () => { h = await localHarness(); });
afterEach(() => h.close());

const sendSheet = async (title: string) => checkSubmissionAnswer((await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA'))
  .set('Content-Type', WORKBOOK_JSON_MIME).send(JSON.stringify({ spreadsheetId: 'hoja-merida', workbook: workbookValues(projectWorkbook(MER, { title })) }))).body).submission;
const coordinator = (path: string, body: object) => request(h.app).post(path).set('Authorization', h.bearer('coordinadorA')).send(body);

test('approving the revision reviewed, after a new version was sent, is refused and publishes nothing; the new one is approved once named', async () => {
  const reviewed = await sendSheet('Parque del Centro');
  const newer = await sendSheet('Parque del Centro, otra versión');
  expect(newer.id).toBe(reviewed.id);
  const refused = await coordinator(`/api/submissions/${reviewed.id}/approve`, { revision: reviewed.snapshot!.contentHash });
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('revision-changed');
  expect(refused.body.error.message).toMatch(/^Quien capturó envió una versión nueva de este envío \(enviada el \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}:\d{2}\u00a0[ap]\.m\.\) mientras usted revisaba la anterior: no se aprobó nada\. Revise la versión nueva y decida de nuevo\.$/);
  expect((await h.store.getSubmission(reviewed.id))?.status).toBe('submitted');
  // Nothing published: the listing says so (an empty package is invalid against the official schema).
  expect((await request(h.app).get('/api/oc4ids/projects')).body.error.code).toBe('not-published');
  const approved = await coordinator(`/api/submissions/${reviewed.id}/approve`, { revision: newer.snapshot!.contentHash });
  expect(approved.status).toBe(200);
  expect((await request(h.app).get('/api/oc4ids/projects')).body.projects.map((p: { title: string }) => p.title)).toEqual(['Parque del Centro, otra versión']);
});

test('returning the revision reviewed, after a new version was sent, is refused; without a revision named it is returned as before', async () => {
  const reviewed = await sendSheet('Parque del Centro');
  await sendSheet('Parque del Centro, otra versión');
  const refused = await coordinator(`/api/submissions/${reviewed.id}/return`, { comment: 'Falta el monto.', revision: reviewed.snapshot!.contentHash });
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('revision-changed');
  expect(refused.body.error.message).toMatch(/mientras usted revisaba la anterior: no se devolvió\. Revise la versión nueva y decida de nuevo\.$/);
  expect((await h.store.getSubmission(reviewed.id))?.status).toBe('submitted');
  expect((await coordinator(`/api/submissions/${reviewed.id}/return`, { comment: 'Falta el monto.' })).status).toBe(200);
});

test('a revision named in another form is refused (400), not taken for none: approving or returning, nothing is done', async () => {
  const sent = await sendSheet('Parque del Centro');
  for (const revision of ['abc', sent.snapshot!.contentHash.toUpperCase(), 42]) {
    const approve = await coordinator(`/api/submissions/${sent.id}/approve`, { revision });
    expect([approve.status, approve.body.error.code]).toEqual([400, 'invalid-request']);
    expect(approve.body.error.message).toBe('La solicitud no tiene la forma esperada: en «revision» se esperaba el identificador de la versión que se revisó (64 caracteres hexadecimales), o nada.');
    const ret = await coordinator(`/api/submissions/${sent.id}/return`, { comment: 'Revise el título.', revision });
    expect([ret.status, ret.body.error.code]).toEqual([400, 'invalid-request']);
  }
  expect((await h.store.getSubmission(sent.id))?.status).toBe('submitted');
  // Null, as a client that does not know it may send: none named, decided on the revision under review.
  expect((await coordinator(`/api/submissions/${sent.id}/approve`, { revision: null })).status).toBe(200);
});
