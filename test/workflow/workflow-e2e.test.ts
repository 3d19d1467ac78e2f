/**
 * The "done when": over HTTP with signed test tokens, submit → refused by another state's coordinador →
 * returned with comments → fixed and resubmitted → approved → served by the public API → every step audited.
 * Once with Google ID tokens and a (stubbed) Google Sheet, once self-hosted with API tokens and an .xlsx upload.
 */
import request from 'supertest';
import { cloudHarness, localHarness, projectWorkbook, PUBLISHERS, SERVICE_ACCOUNT, xlsxOf, type CloudHarness, type LocalHarness } from './workflow-harness';
import { XLSX_MIME } from '../../functions/src/workflow/workflow-routes';

const [MER] = PUBLISHERS;
const SHEET = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';

describe('cloud: Google ID tokens and Google Sheets', () => {
  let h: CloudHarness;
  beforeAll(async () => { h = await cloudHarness(); });
  afterAll(() => h.close());

  test('submit, refuse, return, resubmit, approve, publish, audit', async () => {
    h.stub.put(SHEET, projectWorkbook(MER, { complete: false }));
    const created = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: SHEET });
    expect(created.status).toBe(201);
    const id = created.body.submission.id as string;
    expect(created.body.submission).toMatchObject({ publisherId: 'mer', status: 'submitted', source: { kind: 'sheets', spreadsheetId: SHEET } });
    expect(created.headers['cache-control']).toBe('private, no-store');

    // A coordinador of another state can neither approve nor return it, nor see it.
    const other = await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorB'));
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/no tiene permiso para aprobar entregas de «Municipio de Mérida»/);
    expect((await request(h.app).get(`/api/submissions/${id}`).set('Authorization', h.bearer('coordinadorB'))).status).toBe(403);

    // The right coordinador tries to approve: the sheet has an error, so the approval is refused with the findings.
    const refused = await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('workbook-has-errors');
    expect(refused.body.error.findings[0]).toMatchObject({ severity: 'error', cell: { sheet: 'projects', row: 2 } });
    expect(refused.body.error.findings[0].message).toMatch(/^Error — Hoja «projects», fila 2/);
    expect(refused.body.submission.status).toBe('submitted');
    expect(refused.body.submission.findings.errors).toBeGreaterThan(0);

    const returned = await request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: 'Falta la descripción del proyecto.' });
    expect(returned.status).toBe(200);
    expect(returned.body.submission.status).toBe('returned');

    // The capturista sees the comment, fixes the sheet and sends the same spreadsheet again.
    const mine = await request(h.app).get(`/api/submissions?spreadsheetId=${SHEET}`).set('Authorization', h.bearer('capturistaA'));
    expect(mine.body.submissions).toHaveLength(1);
    expect(mine.body.submissions[0].history.at(-1)).toMatchObject({ action: 'returned', comment: 'Falta la descripción del proyecto.', by: 'u-og-yuc' });
    h.stub.put(SHEET, projectWorkbook(MER, { complete: true }));
    const resubmitted = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: SHEET });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.submission).toMatchObject({ id, status: 'submitted' });

    const approved = await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));
    expect(approved.status).toBe(200);
    expect(approved.body.submission.status).toBe('published');
    expect(approved.body.publication).toMatchObject({ unchanged: false, counts: { projects: 1 } });
    expect(approved.body.submission.history.map((e: { action: string }) => e.action)).toEqual(
      ['submitted', 'approved', 'approval-refused', 'returned', 'resubmitted', 'approved', 'published']);

    // The public API serves the new package.
    const projects = await request(h.app).get('/api/oc4ids/projects?publisher=mer');
    expect(projects.status).toBe(200);
    expect(projects.body.projects.map((p: { id: string; description: string }) => [p.id, p.description])).toEqual([['oc4ids-abc123-0001', 'Rehabilitación del parque']]);

    // Approving again: no longer pending.
    expect((await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'))).status).toBe(409);

    // The audit log shows every step, to the coordinador of the state and to the admin, not to others.
    const log = await request(h.app).get('/api/audit').set('Authorization', h.bearer('coordinadorA'));
    expect(log.status).toBe(200);
    expect(log.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'submission.created', 'access.denied', 'submission.approved', 'submission.approval-refused', 'submission.returned',
      'submission.resubmitted', 'submission.approved', 'publication.published', 'submission.published',
    ]);
    expect(log.body.entries.find((e: { action: string }) => e.action === 'submission.returned').details.comment).toBe('Falta la descripción del proyecto.');
    expect((await request(h.app).get('/api/audit').set('Authorization', h.bearer('admin'))).body.entries).toHaveLength(9);
    expect((await request(h.app).get('/api/audit').set('Authorization', h.bearer('coordinadorB'))).body.entries).toEqual([]);
    expect((await request(h.app).get('/api/audit').set('Authorization', h.bearer('capturistaA'))).status).toBe(403);
  });

  test('a spreadsheet not shared with the service account fails in Spanish, and approving again retries', async () => {
    const id2 = '1ZzZzZzZzZzZzZzZzZzZzZz-notshared';
    const created = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: id2 });
    h.stub.put(id2, projectWorkbook(MER, { title: 'Parque (versión 2)' }));
    h.stub.fail(id2, { kind: 403 });
    const failed = await request(h.app).post(`/api/submissions/${created.body.submission.id}/approve`).set('Authorization', h.bearer('admin'));
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe('sheets.forbidden');
    expect(failed.body.error.message).toContain(SERVICE_ACCOUNT);
    expect(failed.body.submission.status).toBe('failed');
    expect(failed.body.submission.history.at(-1).comment).toContain(SERVICE_ACCOUNT);

    h.stub.fail(id2, undefined);
    const retried = await request(h.app).post(`/api/submissions/${created.body.submission.id}/approve`).set('Authorization', h.bearer('admin'));
    expect(retried.status).toBe(200);
    expect(retried.body.submission.status).toBe('published');
    expect(retried.body.publication.changedProcesses).toHaveLength(0);
  });
});

describe('self-hosted: API tokens and .xlsx uploads', () => {
  let h: LocalHarness;
  beforeAll(async () => { h = await localHarness(); });
  afterAll(() => h.close());

  test('upload, return, upload the fixed file, approve, publish', async () => {
    const broken = await xlsxOf(projectWorkbook(MER, { complete: false }));
    const created = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(broken);
    expect(created.status).toBe(201);
    expect(created.body.submission.source.kind).toBe('xlsx');
    const first = created.body.submission.id as string;

    expect((await request(h.app).post(`/api/submissions/${first}/return`).set('Authorization', h.bearer('coordinadorB')).send({ comment: 'x' })).status).toBe(403);
    const returned = await request(h.app).post(`/api/submissions/${first}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: 'Falta la descripción.' });
    expect(returned.body.submission.status).toBe('returned');

    // The fixed file is a new revision, so a new submission.
    const fixed = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(await xlsxOf(projectWorkbook(MER)));
    expect(fixed.status).toBe(201);
    const approved = await request(h.app).post(`/api/submissions/${fixed.body.submission.id}/approve`).set('Authorization', h.bearer('coordinadorA'));
    expect(approved.status).toBe(200);
    expect(approved.body.submission.status).toBe('published');
    const projects = await request(h.app).get('/api/oc4ids/projects?publisher=mer');
    expect(projects.body.projects.map((p: { id: string }) => p.id)).toEqual(['oc4ids-abc123-0001']);

    const audit = await request(h.app).get('/api/audit?publisher=mer').set('Authorization', h.bearer('admin'));
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'submission.created', 'access.denied', 'submission.returned', 'submission.created', 'submission.approved', 'publication.published', 'submission.published',
    ]);
  });

  test('uploads that are not .xlsx, and Google Sheets ids, are refused in Spanish', async () => {
    const notZip = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(Buffer.from('hola, no soy un libro'));
    expect(notZip.status).toBe(400);
    expect(notZip.body.error.code).toBe('invalid-xlsx');
    const sheet = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: SHEET });
    expect(sheet.status).toBe(415);
    const badToken = await request(h.app).get('/api/submissions').set('Authorization', 'Bearer ia_this-is-not-a-real-token-at-all');
    expect(badToken.status).toBe(401);
  });
});
