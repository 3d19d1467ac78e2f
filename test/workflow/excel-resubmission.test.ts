/**
 * A corrected Excel workbook continues the returned send, as a Google Sheet sent again does (same submission, history
 * and comments kept): an upload is known by its bytes, and the corrected file's bytes are new, so it used to start a
 * submission of its own with an empty history, and the coordinator lost the comments it answers. Self-hosted app
 * over HTTP (SQLite, API tokens, .xlsx uploads in a folder).
 */
import * as fs from 'fs';
import request from 'supertest';
import { checkPreviewAnswer, checkSubmissionAnswer, checkSubmissionListAnswer, checkSubmitAnswer, continuedUpload, WORKBOOK_JSON_MIME } from '../../core/workflow/contract';
import { workbookValues } from '../../core/workflow/workbook-values';
import { localHarness, uploadXlsx, projectWorkbook, PUBLISHERS, xlsxOf, type LocalHarness, type UserName } from './workflow-harness';

const [MER] = PUBLISHERS;
let h: LocalHarness;
beforeEach(async () => { h = await localHarness(); });
afterEach(() => h.close());

const send = (bytes: Buffer, name: string) => uploadXlsx(h, bytes, name);
const giveBack = (id: string, comment: string) => request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment }).expect(200);
const get = (path: string, user: UserName) => request(h.app).get(path).set('Authorization', h.bearer(user));
const kept = () => fs.readdirSync(h.uploadDir).filter((f) => f.endsWith('.xlsx')).sort();

test('the corrected workbook is the returned send\'s new version: one submission, every round\'s comments, for the coordinator and the official', async () => {
  const first = await xlsxOf(projectWorkbook(MER, { title: 'Parque del Centro' }));
  const sent = await send(first, 'obra.xlsx');
  expect(sent.status).toBe(201);
  const id = sent.body.submission.id as string;
  await giveBack(id, 'Cambie el título: debe decir «Parque de la Paz».');

  const fixedBytes = await xlsxOf(projectWorkbook(MER, { title: 'Parque de la Paz' }));
  const fixed = await send(fixedBytes, 'obra corregida.xlsx');
  expect(fixed.status).toBe(200);
  const answer = checkSubmitAnswer(fixed.body);
  expect(answer.outcome).toBe('resubmitted');
  expect(answer.submission).toMatchObject({ id, status: 'submitted', source: { kind: 'xlsx', name: 'obra corregida.xlsx' } });
  expect(answer.submission.history.map((e) => e.action)).toEqual(['submitted', 'returned', 'resubmitted']);
  expect(answer.submission.comments.map((c) => c.text)).toEqual(['Cambie el título: debe decir «Parque de la Paz».']);
  // Only the corrected file is kept: the returned one was replaced.
  const fixedFile = (answer.submission.source as { fileId: string }).fileId;
  expect(kept()).toEqual([`${fixedFile}.xlsx`]);

  // The coordinator: one send in the inbox, with the earlier comment, previewing the corrected content.
  const inbox = checkSubmissionListAnswer((await get('/api/submissions?status=submitted', 'coordinadorA')).body).submissions;
  expect(inbox.map((s) => s.id)).toEqual([id]);
  const preview = checkPreviewAnswer((await get(`/api/submissions/${id}/preview`, 'coordinadorA')).body);
  expect(preview.submission.comments.map((c) => [c.by, c.text])).toEqual([['revision@inaip-yucatan.org.mx', 'Cambie el título: debe decir «Parque de la Paz».']]);
  expect(preview.preview.projects.items.map((i) => i.title)).toEqual(['Parque de la Paz']);

  // A second round carries on in the same thread, and approval publishes the last version.
  await giveBack(id, 'Ahora agregue la fecha de término.');
  const third = await send(await xlsxOf(projectWorkbook(MER, { title: 'Parque de la Paz, con fechas' })), 'obra corregida (2).xlsx');
  expect([third.status, third.body.outcome, third.body.submission.id]).toEqual([200, 'resubmitted', id]);
  const mine = checkSubmissionListAnswer((await get('/api/submissions', 'capturistaA')).body).submissions;
  expect(mine.map((s) => s.id)).toEqual([id]);
  expect(mine[0].comments.map((c) => c.text)).toEqual(['Cambie el título: debe decir «Parque de la Paz».', 'Ahora agregue la fecha de término.']);
  expect(checkSubmissionAnswer((await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'))).body).submission.status).toBe('published');
  expect((await request(h.app).get('/api/oc4ids/projects?publisher=mer')).body.projects.map((p: { title: string }) => p.title)).toEqual(['Parque de la Paz, con fechas']);

  const audit = (await get('/api/audit?publisher=mer', 'coordinadorA')).body.entries as { action: string; target: string; details: { source?: string } }[];
  const trail = audit.filter((e) => e.target === `submission/${id}` && e.action.startsWith('submission.'));
  expect(trail.map((e) => e.action)).toEqual(['submission.created', 'submission.returned', 'submission.resubmitted', 'submission.returned', 'submission.resubmitted', 'submission.approved', 'submission.published']);
  // Which file each version was, for support.
  expect(trail[2].details.source).toBe(fixedFile);
});

test('what is not continued: a send still under review, a withdrawn one, one sent from the add-on', async () => {
  // Two uploads under review: two parts of the institution's data, each its own send (as before).
  const a = await send(await xlsxOf(projectWorkbook(MER, { title: 'Parte A' })), 'parte a.xlsx');
  const b = await send(await xlsxOf(projectWorkbook(MER, { title: 'Parte B' })), 'parte b.xlsx');
  expect([a.status, b.status]).toEqual([201, 201]);

  // Returned, then withdrawn by the official (they will not correct it): the next upload starts afresh.
  await giveBack(a.body.submission.id, 'Falta la descripción.');
  await request(h.app).post(`/api/submissions/${a.body.submission.id}/withdraw`).set('Authorization', h.bearer('capturistaA')).expect(200);
  const fresh = await send(await xlsxOf(projectWorkbook(MER, { title: 'Parte A, otra vez' })), 'parte a (nueva).xlsx');
  expect(fresh.status).toBe(201);
  expect(fresh.body.submission.comments).toEqual([]);
  await request(h.app).post(`/api/submissions/${fresh.body.submission.id}/withdraw`).set('Authorization', h.bearer('capturistaA')).expect(200);

  // Values sent by the add-on, returned: they are continued from their sheet, not by an upload.
  const values = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).set('Content-Type', WORKBOOK_JSON_MIME)
    .send(JSON.stringify({ spreadsheetId: 'hoja-merida', workbook: workbookValues(projectWorkbook(MER, { title: 'Desde la hoja' })) }));
  expect(values.status).toBe(201);
  await giveBack(values.body.submission.id, 'Revise la hoja.');
  const upload = await send(await xlsxOf(projectWorkbook(MER, { title: 'Parte C' })), 'parte c.xlsx');
  expect(upload.status).toBe(201);
  expect((await h.store.getSubmission(values.body.submission.id))?.status).toBe('returned');
});

test('of two returned uploads the latest returned is continued; the other\'s file goes, and sending it again reopens it with its history', async () => {
  const older = await xlsxOf(projectWorkbook(MER, { title: 'Versión uno' }));
  const a = (await send(older, 'uno.xlsx')).body.submission.id as string;
  const b = (await send(await xlsxOf(projectWorkbook(MER, { title: 'Versión dos' })), 'dos.xlsx')).body.submission.id as string;
  await giveBack(a, 'Comentario para uno.');
  await giveBack(b, 'Comentario para dos.');

  const fixed = await send(await xlsxOf(projectWorkbook(MER, { title: 'Versión dos, corregida' })), 'dos corregida.xlsx');
  expect([fixed.status, fixed.body.submission.id]).toEqual([200, b]);
  expect(fixed.body.submission.comments.map((c: { text: string }) => c.text)).toEqual(['Comentario para dos.']);
  // Only the file under review is kept (the returned «uno.xlsx» too is superseded, as before).
  expect(kept()).toEqual([`${fixed.body.submission.source.fileId}.xlsx`]);

  // «uno.xlsx» sent again as it was: its own send, reopened with its comment.
  const again = await send(older, 'uno.xlsx');
  expect([again.status, again.body.outcome, again.body.submission.id]).toEqual([200, 'resubmitted', a]);
  expect(again.body.submission.comments.map((c: { text: string }) => c.text)).toEqual(['Comentario para uno.']);
  expect(kept()).toHaveLength(2);
});

test('a send replaced by a newer upload (its approval refused for errors) is not continued by the next upload: that one is its own send', async () => {
  const a = (await send(await xlsxOf(projectWorkbook(MER, { title: 'Mercado' })), 'mercado.xlsx')).body.submission.id as string;
  // Registered anew with another project prefix after the send: approving it finds the project's id wrong.
  const registered = (await h.store.getPublisher('mer'))!;
  await h.store.putPublisher({ ...registered, projectIdPrefix: 'oc4ids-otro99' });
  expect((await request(h.app).post(`/api/submissions/${a}/approve`).set('Authorization', h.bearer('coordinadorA'))).status).toBe(422);
  await h.store.putPublisher(registered);
  // The corrected workbook is a send of its own, and replaces the refused one.
  const b = await send(await xlsxOf(projectWorkbook(MER, { title: 'Mercado, corregido' })), 'mercado corregido.xlsx');
  expect(b.status).toBe(201);
  expect((await h.store.getSubmission(a))?.history.at(-1)?.action).toBe('superseded');
  // The next upload does not bring the replaced send back into the inbox beside it.
  const c = await send(await xlsxOf(projectWorkbook(MER, { title: 'Mercado, con fotos' })), 'mercado con fotos.xlsx');
  expect([c.status, c.body.outcome]).toEqual([201, 'created']);
  expect((await h.store.getSubmission(a))?.status).toBe('returned');
  // Mis envíos says the same before sending: no «versión corregida de su envío devuelto» of the replaced one.
  const mine = checkSubmissionListAnswer((await get('/api/submissions', 'capturistaA')).body).submissions;
  expect(continuedUpload(mine)).toBeUndefined();
});
