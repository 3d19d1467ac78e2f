/** A removed account keeps its place in histories and the audit log, named as removed (its id meant nothing to anyone). */
import request from 'supertest';
import { XLSX_MIME } from '../../core/workflow/contract';
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
