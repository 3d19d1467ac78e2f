/**
 * The review journey on the cloud wiring: the Firestore adapter on the emulator, Google ID tokens from a local
 * certificate endpoint, the real Sheets client against the local stub, and notifications by SMTP to a local
 * server, as the functions send them. Every answer is checked against the workflow contract.
 */
import request from 'supertest';
import { startFirestoreEmulator, type FirestoreEmulator } from '../firestore-emulator/firestore-emulator';
import { openFirestoreStore } from '../../functions/src/store/firestore-store';
import { startSmtp, subjectOf, bodyOf } from '../support/smtp-capture';
import { checkApproveAnswer, checkStageBatchAnswer, checkFindingsPageAnswer, checkPreviewAnswer, checkSubmissionAnswer, checkSubmissionListAnswer } from '../../core/workflow/contract';
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

test('every finding of a send, not only the 50 it keeps: by pages, by severity and by sheet, for its coordinators and officials only', async () => {
  const sheet = '1FirestoreFindingsAbCdEfGhIjKlM';
  // 60 projects, each with its CoST IDS points missing: 60 avisos, 10 more than the submission keeps.
  const [header, row] = projectWorkbook(MER).sheets[0].rows;
  const rows = Array.from({ length: 60 }, (_, i) => [`${MER.projectIdPrefix}-${String(i + 1).padStart(4, '0')}`, ...row.slice(1)]);
  h.stub.put(sheet, { sheets: [{ name: 'projects', rows: [header, ...rows] }] });
  const sent = checkSubmissionAnswer((await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: sheet }).expect(201)).body);
  const id = sent.submission.id;
  expect(sent.submission.findings?.sample).toHaveLength(50);
  const read = async (query: string, user: Parameters<CloudHarness['bearer']>[0] = 'coordinadorA') => checkFindingsPageAnswer((await request(h.app).get(`/api/submissions/${id}/findings${query}`).set('Authorization', h.bearer(user)).expect(200)).body);
  const all = await read('?limit=1000');
  expect([all.complete, all.matching, all.findings.length, all.counts.infos]).toEqual([true, 60, 60, 60]);
  expect(new Set(all.findings.map((f) => f.cell?.row))).toEqual(new Set(Array.from({ length: 60 }, (_, i) => i + 2)));
  expect(all.findings[59].message).toContain('projects');
  const second = await read('?limit=50&page=2', 'capturistaA');
  expect([second.page, second.pages, second.findings.length]).toEqual([2, 2, 10]);
  expect((await read('?severity=error')).matching).toBe(0);
  expect((await read('?severity=info&sheet=projects')).sheets).toEqual([{ sheet: 'projects', count: 60 }]);
  expect((await read('?sheet=Otra')).matching).toBe(0);
  // The workbook's own findings (no sheet): none here.
  expect((await read('?sheet=')).matching).toBe(0);
  expect((await request(h.app).get(`/api/submissions/${id}/findings`).set('Authorization', h.bearer('coordinadorB'))).status).toBe(403);
  expect((await request(h.app).get(`/api/submissions/${id}/findings?severity=grave`).set('Authorization', h.bearer('coordinadorA'))).body.error.message).toContain('«warning» (las advertencias)');
});

test('a coordinator records one stage for several implementers in one request on Firestore: each written and logged, another state\'s refused', async () => {
  const yucatan = Array.from({ length: 5 }, (_, i) => ({ ...MER, id: `fyuc${i}`, name: `Municipio ${i + 1} de Yucatán`, ocidPrefix: `ocds-fyuc${String(i).padStart(2, '0')}`, projectIdPrefix: `oc4ids-fyuc${i}` }));
  for (const p of yucatan) await h.store.putPublisher(p);
  const before = (await h.store.auditChainHead()).seq;
  const changes = [...yucatan, PUBLISHERS[1]].map((p) => ({ publisherId: p.id, stages: { 'E.1': '2024-01-10' } }));
  const answer = checkStageBatchAnswer((await request(h.app).post('/api/stages/batch').set('Authorization', h.bearer('coordinadorA')).send({ changes }).expect(200)).body);
  expect(answer.results.map((r) => r.outcome)).toEqual([...yucatan.map(() => 'saved'), 'refused']);
  expect((await h.store.getPublisher('fyuc4'))?.stages).toEqual({ 'E.1': '2024-01-10' });
  expect((await h.store.getPublisher(PUBLISHERS[1].id))?.stages?.['E.1']).toBeUndefined();
  const logged = (await h.store.listAudit({ limit: 1000 })).items.filter((e) => (e.seq ?? 0) > before).map((e) => e.action);
  expect(logged.filter((a) => a === 'publisher.stages')).toHaveLength(5);
  expect(logged.filter((a) => a === 'access.denied')).toHaveLength(1);
  // Sent again: they have it, nothing is written.
  const again = checkStageBatchAnswer((await request(h.app).post('/api/stages/batch').set('Authorization', h.bearer('coordinadorA')).send({ changes: changes.slice(0, 5) }).expect(200)).body);
  expect(new Set(again.results.map((r) => r.outcome))).toEqual(new Set(['already']));
});
