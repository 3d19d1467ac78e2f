/**
 * The review journey on the cloud wiring: the Firestore adapter on the emulator, Google ID tokens from a local
 * certificate endpoint, the real Sheets client against the local stub, and notifications by SMTP to a local
 * server, as the functions send them. Every answer is checked against the workflow contract.
 */
import request from 'supertest';
import { startFirestoreEmulator, type FirestoreEmulator } from '../firestore-emulator/firestore-emulator';
import { openFirestoreStore } from '../../functions/src/store/firestore-store';
import { startSmtp, subjectOf, bodyOf } from '../support/smtp-capture';
import { checkApproveAnswer, checkPreviewAnswer, checkSubmissionAnswer, checkSubmissionListAnswer } from '../../core/workflow/contract';
import { cloudHarness, DASHBOARD_URL, projectWorkbook, PUBLISHERS, type CloudHarness } from './workflow-harness';

const [MER] = PUBLISHERS;
const SHEET = '1FirestoreJourneyAbCdEfGhIjKlMn';

let emulator: FirestoreEmulator;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let h: CloudHarness;
beforeAll(async () => {
  emulator = await startFirestoreEmulator();
  smtp = await startSmtp();
  h = await cloudHarness({ openStore: () => openFirestoreStore({ projectId: process.env.GCLOUD_PROJECT, namespace: 'journey_' }), smtpPort: smtp.port });
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
  await emulator.stop();
});

test('submit (422 with errors), refuse another state, preview, return, resubmit, approve the snapshot, update; notices e-mailed', async () => {
  const as = (u: Parameters<CloudHarness['bearer']>[0]) => h.bearer(u);
  h.stub.put(SHEET, projectWorkbook(MER, { complete: false }));
  expect((await request(h.app).post('/api/submissions').set('Authorization', as('capturistaA')).send({ spreadsheetId: SHEET })).status).toBe(422);

  h.stub.put(SHEET, projectWorkbook(MER, { title: 'Parque del Centro' }));
  const created = checkSubmissionAnswer((await request(h.app).post('/api/submissions').set('Authorization', as('capturistaA')).send({ spreadsheetId: SHEET }).expect(201)).body);
  const id = created.submission.id;
  expect((await request(h.app).get(`/api/submissions/${id}/preview`).set('Authorization', as('coordinadorB'))).status).toBe(403);
  expect((await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', as('coordinadorB'))).status).toBe(403);

  const preview = checkPreviewAnswer((await request(h.app).get(`/api/submissions/${id}/preview`).set('Authorization', as('coordinadorA')).expect(200)).body);
  expect(preview.preview.projects.counts.new).toBe(1);
  await request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', as('coordinadorA')).send({ comment: 'Cambie el título.' }).expect(200);
  const mine = checkSubmissionListAnswer((await request(h.app).get(`/api/submissions?spreadsheetId=${SHEET}`).set('Authorization', as('capturistaA'))).body);
  expect(mine.submissions[0].comments.map((c) => [c.by, c.text])).toEqual([['revision@inaip-yucatan.org.mx', 'Cambie el título.']]);

  h.stub.put(SHEET, projectWorkbook(MER, { title: 'Parque de la Paz' }));
  await request(h.app).post('/api/submissions').set('Authorization', as('capturistaA')).send({ spreadsheetId: SHEET }).expect(200);
  h.stub.put(SHEET, projectWorkbook(MER, { title: 'Editado después del envío' }));
  const approved = checkApproveAnswer((await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', as('coordinadorA')).expect(200)).body);
  expect(approved.submission.status).toBe('published');
  const titles = async () => (await request(h.app).get('/api/oc4ids/projects?publisher=mer')).body.projects.map((p: { title: string }) => p.title);
  expect(await titles()).toEqual(['Parque de la Paz']);

  h.stub.put(SHEET, projectWorkbook(MER, { title: 'Parque de la Paz (segunda etapa)' }));
  const update = checkSubmissionAnswer((await request(h.app).post('/api/submissions').set('Authorization', as('capturistaA')).send({ spreadsheetId: SHEET }).expect(201)).body);
  await request(h.app).post(`/api/submissions/${update.submission.id}/approve`).set('Authorization', as('coordinadorA')).expect(200);
  expect(await titles()).toEqual(['Parque de la Paz (segunda etapa)']);

  const mail = smtp.mails.map((m) => ({ to: m.to, subject: subjectOf(m.raw), text: bodyOf(m.raw) }));
  expect(mail.map((m) => m.subject).sort()).toEqual([
    'Nueva versión del envío de Municipio de Mérida para revisión', 'Nuevo envío de Municipio de Mérida para revisión', 'Nuevo envío de Municipio de Mérida para revisión',
    'Su envío de Municipio de Mérida fue aprobado y publicado', 'Su envío de Municipio de Mérida fue aprobado y publicado',
    'Su envío de Municipio de Mérida fue devuelto con comentarios',
  ]);
  const returned = mail.find((m) => m.subject.includes('devuelto'))!;
  expect(returned.to).toEqual(['captura@merida.gob.mx']);
  expect(returned.text).toContain(`${DASHBOARD_URL}/#/mis-envios`);
});

test('a send withdrawn by its official leaves the inbox on Firestore; sending the sheet again is a new send', async () => {
  const sheet = '1FirestoreWithdrawAbCdEfGhIjKlM';
  h.stub.put(sheet, projectWorkbook(MER, { title: 'Parque enviado por error' }));
  const sent = checkSubmissionAnswer((await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: sheet }).expect(201)).body);
  const withdrawn = checkSubmissionAnswer((await request(h.app).post(`/api/submissions/${sent.submission.id}/withdraw`).set('Authorization', h.bearer('capturistaA')).expect(200)).body);
  expect(withdrawn.submission).toMatchObject({ status: 'withdrawn', statusLabel: 'Retirado' });
  const listed = async (status: string) => checkSubmissionListAnswer((await request(h.app).get(`/api/submissions?status=${status}`).set('Authorization', h.bearer('coordinadorA'))).body).submissions.map((s) => s.id);
  expect(await listed('submitted')).not.toContain(sent.submission.id);
  expect(await listed('withdrawn')).toEqual([sent.submission.id]);
  const again = checkSubmissionAnswer((await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: sheet }).expect(201)).body);
  expect(again.submission.id).not.toBe(sent.submission.id);
  expect(await listed('submitted')).toContain(again.submission.id);
});
