/**
 * Routes that read a JSON body say so when sent another type: 415 naming application/json and what to put in it
 * (as an upload of the wrong type is refused), not a 400 asking for a comment that was in fact written. Nothing
 * changes; the same comment sent as JSON works; no body at all is still the route's own 400.
 */
import request from 'supertest';
import { XLSX_MIME } from '../../core/workflow/contract';
import { localHarness, projectWorkbook, PUBLISHERS, xlsxOf, type LocalHarness } from './workflow-harness';

let h: LocalHarness;
beforeAll(async () => { h = await localHarness(); });
afterAll(() => h.close());

test('a return comment sent as text/plain: 415 naming the JSON to send, the submission still awaits review; as JSON it is returned', async () => {
  const sent = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(await xlsxOf(projectWorkbook(PUBLISHERS[0])));
  const id = sent.body.submission.id as string;
  const comment = 'Falta la descripción del proyecto.';

  const plain = await request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', h.bearer('coordinadorA')).set('Content-Type', 'text/plain; charset=utf-8').send(comment);
  expect([plain.status, plain.body.error.code, plain.body.error.message]).toEqual([
    415, 'unsupported-type', 'No se admite el tipo de contenido «text/plain; charset=utf-8». Envíe un JSON (Content-Type: application/json) con el comentario en «comment».',
  ]);
  expect((await h.store.getSubmission(id))?.status).toBe('submitted');

  // No body at all: the route says which field is missing, as before.
  const empty = await request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', h.bearer('coordinadorA'));
  expect([empty.status, empty.body.error.code]).toEqual([400, 'missing-comment']);

  const json = await request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment });
  expect(json.status).toBe(200);
  expect(json.body.submission.comments.map((c: { text: string }) => c.text)).toEqual([comment]);
});

test('the other JSON routes answer the same: program stages and publisher registration', async () => {
  const stages = await request(h.app).put('/api/publishers/mer/stages').set('Authorization', h.bearer('coordinadorA')).set('Content-Type', 'text/plain').send('E.1=2024-03-01');
  expect([stages.status, stages.body.error.message]).toEqual([415, 'No se admite el tipo de contenido «text/plain». Envíe un JSON (Content-Type: application/json) con las fechas de las etapas en «stages».']);
  const batch = await request(h.app).post('/api/stages/batch').set('Authorization', h.bearer('coordinadorA')).set('Content-Type', 'text/plain').send('mer E.1=2024-03-01');
  expect([batch.status, batch.body.error.message]).toEqual([415, 'No se admite el tipo de contenido «text/plain». Envíe un JSON (Content-Type: application/json) con los implementadores y las fechas de sus etapas en «changes».']);
  const form = await request(h.app).put('/api/publishers/nuevo').set('Authorization', h.bearer('admin')).type('form').send({ name: 'Municipio Nuevo' });
  expect([form.status, form.body.error.message]).toEqual([415, 'No se admite el tipo de contenido «application/x-www-form-urlencoded». Envíe un JSON (Content-Type: application/json) con los datos del publicador.']);
  expect(await h.store.getPublisher('nuevo')).toBeUndefined();
});
