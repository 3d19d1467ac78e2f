/**
 * «Retirar envío»: an official takes back a send made by mistake while it awaits review (or once returned), over
 * HTTP on the self-hosted app (SQLite, API tokens, .xlsx uploads). It leaves the coordinators' inbox, says
 * «Retirado», is audited, frees its file, cannot be approved any more; what was approved cannot be withdrawn (409
 * naming its situation); another official of the same institution may withdraw it, nobody else may.
 */
import * as fs from 'fs';
import request from 'supertest';
import { issueToken } from '../../functions/src/auth/api-tokens';
import { checkSubmissionAnswer, checkSubmissionListAnswer, XLSX_MIME } from '../../core/workflow/contract';
import { localHarness, projectWorkbook, PUBLISHERS, xlsxOf, type LocalHarness, type UserName } from './workflow-harness';

const [MER] = PUBLISHERS;
let h: LocalHarness;
/** A second official of Mérida, registered as the CLI would (`users add`). */
let colleague: string;

beforeAll(async () => {
  h = await localHarness();
  const { token, hash } = issueToken();
  await h.store.putUser({ id: 'u-cap-mer-2', email: 'obras@merida.gob.mx', role: 'capturista', publisherId: 'mer', tokenHash: hash });
  colleague = `Bearer ${token}`;
});
afterAll(() => h.close());

const as = (user: UserName | 'colega') => (user === 'colega' ? colleague : h.bearer(user));
const upload = async (title: string) => request(h.app).post('/api/submissions?publisher=mer').set('Authorization', as('capturistaA'))
  .set('Content-Type', XLSX_MIME).send(await xlsxOf(projectWorkbook(MER, { title })));
const withdraw = (id: string, user: UserName | 'colega' = 'capturistaA') => request(h.app).post(`/api/submissions/${id}/withdraw`).set('Authorization', as(user));
const inbox = async () => checkSubmissionListAnswer((await request(h.app).get('/api/submissions?status=submitted').set('Authorization', as('coordinadorA'))).body).submissions.map((s) => s.id);
const kept = () => fs.readdirSync(h.uploadDir).filter((f) => f.endsWith('.xlsx'));

test('a send awaiting review is withdrawn by its official: out of the inbox, «Retirado», audited, its file removed, no longer approvable', async () => {
  const sent = await upload('Enviado por error');
  expect(sent.status).toBe(201);
  const id = sent.body.submission.id as string;
  const fileId = sent.body.submission.source.fileId as string;
  expect(await inbox()).toContain(id);
  expect(kept()).toContain(`${fileId}.xlsx`);

  const res = await withdraw(id);
  expect(res.status).toBe(200);
  const { submission } = checkSubmissionAnswer(res.body);
  expect(submission).toMatchObject({ id, status: 'withdrawn', statusLabel: 'Retirado' });
  expect(submission.history.map((e) => [e.action, e.by])).toEqual([['submitted', 'captura@merida.gob.mx'], ['withdrawn', 'captura@merida.gob.mx']]);
  expect(res.headers['cache-control']).toBe('private, no-store');

  expect(await inbox()).not.toContain(id);
  expect(kept()).not.toContain(`${fileId}.xlsx`);
  const audit = (await request(h.app).get('/api/audit?publisher=mer').set('Authorization', as('coordinadorA'))).body.entries as { action: string; target: string; details: { from?: string }; by: string }[];
  expect(audit.filter((e) => e.target === `submission/${id}`).map((e) => e.action)).toEqual(['submission.created', 'submission.withdrawn']);
  expect(audit.find((e) => e.action === 'submission.withdrawn')).toMatchObject({ by: 'captura@merida.gob.mx', details: { from: 'submitted' } });

  // The coordinator who opens it from the notice e-mail cannot approve or return it, and is told why.
  const approve = await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', as('coordinadorA'));
  expect(approve.status).toBe(409);
  expect(approve.body.error.message).toMatch(/^Este envío ya no está en espera de aprobación: está «Retirado» \(lo retiró captura@merida\.gob\.mx el \d\d\/\d\d\/\d{4}, \d\d:\d\d:\d\d\s?[ap]\.\s?m\.\)\. Si quien lo envió lo envía de nuevo, volverá a su bandeja\.$/);
  const giveBack = await request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', as('coordinadorA')).send({ comment: 'Revise las fechas.' });
  expect(giveBack.status).toBe(409);
  expect(giveBack.body.error.message).toMatch(/^Este envío ya no está en espera de revisión: está «Retirado»/);
  // Twice: it says so instead of pretending.
  const again = await withdraw(id);
  expect([again.status, again.body.error.message]).toEqual([409, 'Este envío ya está «Retirado»: no aparece en la bandeja de su coordinación.']);

  // Sending the same workbook again is a new send, back in the inbox.
  const resent = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', as('capturistaA')).set('Content-Type', XLSX_MIME).send(await xlsxOf(projectWorkbook(MER, { title: 'Enviado por error' })));
  expect(resent.status).toBe(201);
  expect(resent.body.submission.id).not.toBe(id);
  expect(await inbox()).toContain(resent.body.submission.id);
  expect((await withdraw(resent.body.submission.id)).status).toBe(200);
});

test('the officials of the same institution act alike (and an admin may); another institution and the coordinators may not', async () => {
  const id = (await upload('Parque de otra área')).body.submission.id as string;
  for (const user of ['capturistaB', 'coordinadorA', 'coordinadorB'] as const) {
    const refused = await withdraw(id, user);
    expect([user, refused.status]).toEqual([user, 403]);
    expect(refused.body.error.message).toBe('Su cuenta no tiene permiso para retirar envíos de «Municipio de Mérida».');
  }
  const byColleague = await withdraw(id, 'colega');
  expect(byColleague.status).toBe(200);
  expect(byColleague.body.submission.history.at(-1)).toMatchObject({ action: 'withdrawn', by: 'obras@merida.gob.mx' });
  const byAdmin = await withdraw((await upload('Parque del administrador')).body.submission.id, 'admin');
  expect(byAdmin.status).toBe(200);
  expect((await withdraw('no-existe')).status).toBe(404);
});

test('a returned send may be withdrawn (the official will not correct it); an approved or published one may not: 409 naming its situation', async () => {
  const returned = (await upload('Devuelta y abandonada')).body.submission.id as string;
  expect((await request(h.app).post(`/api/submissions/${returned}/return`).set('Authorization', as('coordinadorA')).send({ comment: 'Falta la descripción.' })).status).toBe(200);
  const res = await withdraw(returned);
  expect(res.status).toBe(200);
  // The coordinator's comment stays in its history.
  expect(checkSubmissionAnswer(res.body).submission.comments.map((c) => c.text)).toEqual(['Falta la descripción.']);

  const published = (await upload('Publicada')).body.submission.id as string;
  expect((await request(h.app).post(`/api/submissions/${published}/approve`).set('Authorization', as('coordinadorA'))).body.submission.status).toBe('published');
  const late = await withdraw(published);
  expect([late.status, late.body.error.code, late.body.error.message]).toEqual([409, 'conflict', 'Este envío ya no se puede retirar: está «Publicado». Para cambiar lo publicado, envíe una actualización.']);
  expect((await h.store.getSubmission(published))?.status).toBe('published');

  // Approving and withdrawing at the same moment: exactly one of them happens.
  const raced = (await upload('Publicada, segunda versión')).body.submission.id as string;
  const [approve, take] = await Promise.all([
    request(h.app).post(`/api/submissions/${raced}/approve`).set('Authorization', as('coordinadorA')),
    withdraw(raced),
  ]);
  expect([approve.status === 200, take.status === 200].filter(Boolean)).toHaveLength(1);
  const loser = approve.status === 200 ? take : approve;
  expect(loser.status).toBe(409);
  expect((await h.store.getSubmission(raced))?.status).toBe(approve.status === 200 ? 'published' : 'withdrawn');
});
