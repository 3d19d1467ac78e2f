/** A removed account keeps its place in histories and the audit log, named as removed (its id meant nothing to anyone). */
import request from 'supertest';
import { WORKBOOK_JSON_MIME, XLSX_MIME } from '../../core/workflow/contract';
import { workbookValues } from '../../core/workflow/workbook-values';
import { parseArgs } from '../../functions/src/cli/args';
import { usersCommand } from '../../functions/src/cli/users-command';
import { hashToken } from '../../functions/src/auth/api-tokens';
import { localHarness, projectWorkbook, PUBLISHERS, USERS, xlsxOf, type LocalHarness } from './workflow-harness';

let h: LocalHarness;
beforeAll(async () => { h = await localHarness(); });
afterAll(async () => { await h.close(); });

test('a submission sent by an account removed since reads «cuenta eliminada», in the submission and in the audit log', async () => {
  const sent = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(await xlsxOf(projectWorkbook(PUBLISHERS[0])));
  expect(sent.status).toBe(201);
  expect(await h.store.deleteUser(USERS.capturistaA.id)).toBe(true);
  const seen = await request(h.app).get(`/api/submissions/${sent.body.submission.id as string}`).set('Authorization', h.bearer('coordinadorA')).expect(200);
  expect(seen.body.submission.submittedBy).toBe('cuenta eliminada');
  expect(seen.body.submission.history[0].by).toBe('cuenta eliminada');
  const audit = await request(h.app).get('/api/audit?publisher=mer').set('Authorization', h.bearer('coordinadorA')).expect(200);
  const submitted = (audit.body.entries as { action: string; by: string }[]).filter((e) => e.action === 'submission.created' || e.action === 'submission.submitted');
  expect(submitted.length).toBeGreaterThan(0);
  expect(submitted.every((e) => e.by === 'cuenta eliminada')).toBe(true);
  expect(JSON.stringify(seen.body)).not.toContain(USERS.capturistaA.id);
});

/**
 * Lucía (capturistaA) leaves: `users remove` keeps her e-mail, so her sends and the Bitácora still say who sent them;
 * her key is refused at once, in Spanish; Jorge, added for the same institution, sees the institution's sends and
 * takes over the one returned to her (his send is a new version of it, with its history).
 */
test('an official removed with «users remove»: named by her e-mail afterwards, her key refused, her successor takes over the returned send', async () => {
  const io = { out: (line: string) => { said.push(line); }, err: (line: string) => { said.push(line); } };
  const said: string[] = [];
  const json = (who: string, title: string) => request(h.app).post('/api/submissions').set('Authorization', who).set('Content-Type', WORKBOOK_JSON_MIME)
    .send(JSON.stringify({ spreadsheetId: 'hoja-de-lucia', workbook: workbookValues(projectWorkbook(PUBLISHERS[0], { title })) }));
  // A second send of hers, from another spreadsheet, stays pending (a coordinator may still decide on it).
  // Back as the harness made her (the test above removed her account).
  await h.store.putUser({ ...USERS.capturistaA, tokenHash: hashToken(h.bearer('capturistaA').replace(/^Bearer /, '')) });
  const pending = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).set('Content-Type', WORKBOOK_JSON_MIME)
    .send(JSON.stringify({ spreadsheetId: 'hoja-pendiente-de-lucia', workbook: workbookValues(projectWorkbook(PUBLISHERS[0], { title: 'Mercado' })) })).expect(201);
  const sent = await json(h.bearer('capturistaA'), 'Parque').expect(201);
  const id = sent.body.submission.id as string;
  await request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: 'Falta la descripción.' }).expect(200);
  expect(await usersCommand(parseArgs(['remove', '--email', USERS.capturistaA.email]), h.store, io)).toBe(0);
  const refused = await request(h.app).post('/api/session').set('Authorization', h.bearer('capturistaA'));
  expect(refused.status).toBe(401);
  expect(refused.body.error.message).toMatch(/^La clave de acceso no es válida o fue revocada/);
  const seen = await request(h.app).get(`/api/submissions/${pending.body.submission.id as string}`).set('Authorization', h.bearer('coordinadorA')).expect(200);
  expect(seen.body.submission.submittedBy).toBe(`cuenta eliminada (${USERS.capturistaA.email})`);
  const audit = await request(h.app).get('/api/audit?publisher=mer').set('Authorization', h.bearer('coordinadorA')).expect(200);
  expect((audit.body.entries as { action: string; target: string; by: string }[]).find((e) => e.action === 'submission.created' && e.target === `submission/${id}`)?.by).toBe(`cuenta eliminada (${USERS.capturistaA.email})`);

  said.length = 0;
  expect(await usersCommand(parseArgs(['add', '--email', 'jorge@merida.gob.mx', '--rol', 'capturista', '--publicador', 'mer']), h.store, io)).toBe(0);
  const jorge = `Bearer ${/ia_[\w-]+/.exec(said.join('\n'))?.[0] ?? ''}`;
  const mine = await request(h.app).get('/api/submissions?publisher=mer').set('Authorization', jorge).expect(200);
  expect((mine.body.submissions as { id: string }[]).map((s) => s.id)).toEqual(expect.arrayContaining([id, pending.body.submission.id]));
  const taken = await json(jorge, 'Parque con descripción').expect(200);
  expect(taken.body).toMatchObject({ outcome: 'resubmitted', submission: { id, status: 'submitted' } });
});
