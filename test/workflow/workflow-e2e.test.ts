/**
 * The "done when": over HTTP with signed test tokens, submit → refused by another state's coordinador →
 * returned with comments → fixed and resubmitted → approved → served by the public API → every step audited.
 * Once with Google ID tokens and a (stubbed) Google Sheet, once self-hosted with API tokens and an .xlsx upload.
 */
import request from 'supertest';
import { cloudHarness, localHarness, projectWorkbook, PUBLISHERS, SERVICE_ACCOUNT, xlsxOf, type CloudHarness, type LocalHarness } from './workflow-harness';
import { XLSX_MIME } from '../../core/workflow/contract';
import { checkApproveAnswer, checkFindings, checkPreviewAnswer, checkSessionAnswer, checkSubmissionAnswer, checkSubmissionListAnswer, checkSubmitAnswer } from '../../core/workflow/contract';

const [MER] = PUBLISHERS;
const SHEET = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';

describe('cloud: Google ID tokens and Google Sheets', () => {
  let h: CloudHarness;
  beforeAll(async () => { h = await cloudHarness(); });
  afterAll(() => h.close());

  test('the pages sign in with Google, and officials are not offered .xlsx uploads (the add-on sends the Sheet)', async () => {
    expect((await request(h.app).get('/api/auth-config')).body).toEqual({ method: 'google', googleClientId: expect.any(String), uploads: false });
  });

  test('GET /api/session names who signed in with Google (role and scope), privately; without a token it is a 401 in Spanish', async () => {
    const res = await request(h.app).get('/api/session').set('Authorization', h.bearer('coordinadorA'));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(checkSessionAnswer(res.body)).toEqual({ viewer: { email: 'revision@inaip-yucatan.org.mx', role: 'coordinador', scope: { kind: 'state', state: 'Yucatán' } } });
    const anonymous = await request(h.app).get('/api/session');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.message).toMatch(/^Inicie sesión/);
  });

  test('refused with errors, submit, return, resubmit, approve the snapshot, update after publishing, audit', async () => {
    // A workbook with errors is not a submission: 422 with the cell findings, nothing created. Every error is listed
    // (the first 200 were, and 250 errors took two rounds), with the counts of each severity.
    const [header, row] = projectWorkbook(MER, { complete: false }).sheets[0].rows;
    h.stub.put(SHEET, { sheets: [{ name: 'projects', rows: [header, ...Array.from({ length: 250 }, (_, i) => [`${MER.projectIdPrefix}-${String(i + 1).padStart(4, '0')}`, ...row.slice(1)])] }] });
    const refused = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: SHEET });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('workbook-has-errors');
    expect(refused.body.error.message).toMatch(/^No se envió: el libro tiene 250 errores\./);
    expect(new Set(checkFindings(refused.body.error.findings).filter((f) => f.severity === 'error').map((f) => f.cell?.row))).toEqual(new Set(Array.from({ length: 250 }, (_, i) => i + 2)));
    expect(refused.body.error.counts).toMatchObject({ errors: 250 });
    // A list asked for a situation it does not have: its values, each with its name on the pages.
    expect((await request(h.app).get('/api/submissions?status=pendiente').set('Authorization', h.bearer('coordinadorA'))).body.error.message).toContain('«submitted» (En revisión)');
    expect(checkFindings(refused.body.error.findings)[0]).toMatchObject({ severity: 'error', cell: { sheet: 'projects', row: 2 } });
    expect(refused.body.error.findings[0].message).toMatch(/^Error — Hoja «projects», fila 2/);
    expect((await h.store.listSubmissions({})).items).toEqual([]);

    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Parque del Centro' }));
    const created = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: SHEET });
    expect(created.status).toBe(201);
    const first = checkSubmitAnswer(created.body);
    expect(first.outcome).toBe('created');
    expect(first.viewer).toEqual({ email: 'captura@merida.gob.mx', role: 'capturista', scope: { kind: 'publisher', publisherId: 'mer' } });
    expect(first.submission).toMatchObject({ publisherId: 'mer', publisherName: 'Municipio de Mérida', status: 'submitted', statusLabel: 'En revisión', source: { kind: 'sheets', spreadsheetId: SHEET }, submittedBy: 'captura@merida.gob.mx' });
    expect(first.submission.snapshot).toMatchObject({ contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), sheets: 1, rows: 2 });
    const id = first.submission.id;
    expect(created.headers['cache-control']).toBe('private, no-store');

    // A coordinador of another state can neither approve nor return it, nor see it.
    const other = await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorB'));
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/no tiene permiso para aprobar envíos de «Municipio de Mérida»/);
    expect((await request(h.app).get(`/api/submissions/${id}`).set('Authorization', h.bearer('coordinadorB'))).status).toBe(403);

    const returned = await request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: 'Cambie el título del parque.' });
    expect(returned.status).toBe(200);
    expect(checkSubmissionAnswer(returned.body).submission.status).toBe('returned');

    // The capturista sees the comment, in order, with who wrote it.
    const mine = checkSubmissionListAnswer((await request(h.app).get(`/api/submissions?spreadsheetId=${SHEET}`).set('Authorization', h.bearer('capturistaA'))).body);
    expect(mine.submissions).toHaveLength(1);
    expect(mine.submissions[0].comments).toEqual([{ at: expect.any(String), by: 'revision@inaip-yucatan.org.mx', text: 'Cambie el título del parque.' }]);
    expect(mine.serviceAccount).toBe(SERVICE_ACCOUNT);
    // Listed by the sheet in the store, each reader still gets only the sends in its charge — none of Mérida's for
    // another institution's official or another state's coordinator — and of the publisher asked for.
    for (const user of ['capturistaB', 'coordinadorB'] as const) {
      expect(checkSubmissionListAnswer((await request(h.app).get(`/api/submissions?spreadsheetId=${SHEET}`).set('Authorization', h.bearer(user))).body).submissions).toEqual([]);
    }
    expect(checkSubmissionListAnswer((await request(h.app).get(`/api/submissions?spreadsheetId=${SHEET}&publisher=mer`).set('Authorization', h.bearer('coordinadorA'))).body).submissions.map((s) => s.id)).toEqual([id]);
    expect(checkSubmissionListAnswer((await request(h.app).get(`/api/submissions?spreadsheetId=${SHEET}&publisher=mty`).set('Authorization', h.bearer('admin'))).body).submissions).toEqual([]);
    const coordinatorView = checkSubmissionListAnswer((await request(h.app).get('/api/submissions').set('Authorization', h.bearer('coordinadorA'))).body);
    expect(coordinatorView.viewer).toEqual({ email: 'revision@inaip-yucatan.org.mx', role: 'coordinador', scope: { kind: 'state', state: 'Yucatán' } });

    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Parque de la Paz' }));
    const resubmitted = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: SHEET });
    expect(resubmitted.status).toBe(200);
    expect(checkSubmitAnswer(resubmitted.body).outcome).toBe('resubmitted');
    expect(resubmitted.body.submission).toMatchObject({ id, status: 'submitted' });
    expect(resubmitted.body.submission.snapshot.contentHash).not.toBe(first.submission.snapshot!.contentHash);

    // The sheet keeps changing after submission: approval still publishes what was submitted and reviewed.
    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Editado después del envío' }));
    const approved = await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));
    expect(approved.status).toBe(200);
    const approval = checkApproveAnswer(approved.body);
    expect(approval.submission.status).toBe('published');
    expect(approval.publication).toMatchObject({ unchanged: false, counts: { projects: 1 } });
    expect(approval.submission.history.map((e) => e.action)).toEqual(['submitted', 'returned', 'resubmitted', 'approved', 'published']);
    const projects = await request(h.app).get('/api/oc4ids/projects?publisher=mer');
    expect(projects.body.projects.map((p: { id: string; title: string }) => [p.id, p.title])).toEqual([['oc4ids-abc123-0001', 'Parque de la Paz']]);

    // Approving again: no longer pending.
    expect((await request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'))).status).toBe(409);

    // Updates forever: after publishing, the same spreadsheet is submitted again and makes a new publication.
    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Parque de la Paz (segunda etapa)' }));
    const update = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: SHEET });
    expect(update.status).toBe(201);
    expect(update.body.submission.id).not.toBe(id);
    // The coordinator's preview: the project changed (title), against the current publication; the sheet is as submitted.
    const preview = checkPreviewAnswer((await request(h.app).get(`/api/submissions/${update.body.submission.id}/preview`).set('Authorization', h.bearer('coordinadorA'))).body);
    expect(preview.currentPublicationId).toBe(approval.publication!.id);
    expect(preview.preview.projects.counts).toEqual({ new: 0, changed: 1, unchanged: 0, removed: 0 });
    expect(preview.preview.projects.items[0]).toMatchObject({ id: 'oc4ids-abc123-0001', change: 'changed', fields: [{ path: 'title', before: 'Parque de la Paz', after: 'Parque de la Paz (segunda etapa)' }] });
    expect(preview.liveChanged).toBe(false);
    h.stub.put(SHEET, projectWorkbook(MER, { title: 'Otra edición más' }));
    expect((await request(h.app).get(`/api/submissions/${update.body.submission.id}/preview`).set('Authorization', h.bearer('coordinadorA'))).body.liveChanged).toBe(true);
    expect((await request(h.app).get(`/api/submissions/${update.body.submission.id}/preview`).set('Authorization', h.bearer('coordinadorB'))).status).toBe(403);
    const inbox = checkSubmissionListAnswer((await request(h.app).get('/api/submissions?status=submitted&state=yucatan').set('Authorization', h.bearer('admin'))).body);
    expect(inbox.submissions.map((x) => x.id)).toEqual([update.body.submission.id]);
    const second = checkApproveAnswer((await request(h.app).post(`/api/submissions/${update.body.submission.id}/approve`).set('Authorization', h.bearer('coordinadorA'))).body);
    expect(second.publication!.id).not.toBe(approval.publication!.id);
    expect((await request(h.app).get('/api/oc4ids/projects?publisher=mer')).body.projects[0].title).toBe('Parque de la Paz (segunda etapa)');

    // The audit log shows every step, to the coordinador of the state and to the admin, not to others.
    const log = await request(h.app).get('/api/audit').set('Authorization', h.bearer('coordinadorA'));
    expect(log.status).toBe(200);
    // Sign-ins are their own entries (sign-in-audit.test.ts): each account's first request here, the official's of
    // Mérida and the state's own coordination's, both Yucatán's.
    const signIns = (entries: { action: string; by: string }[]) => entries.filter((e) => e.action.startsWith('session.'));
    const work = (entries: { action: string; by: string }[]) => entries.filter((e) => !e.action.startsWith('session.'));
    expect(signIns(log.body.entries).map((e) => `${e.action} ${e.by}`).sort()).toEqual(['session.started captura@merida.gob.mx', 'session.started revision@inaip-yucatan.org.mx']);
    const actions = work(log.body.entries).map((e) => e.action);
    expect(actions.slice(0, 4)).toEqual(['submission.created', 'access.denied', 'submission.returned', 'submission.resubmitted']);
    // Entries of the same millisecond are ordered by id: compare the rest as a set.
    expect([...actions.slice(4)].sort()).toEqual(['publication.published', 'publication.published', 'submission.approved', 'submission.approved', 'submission.created', 'submission.published', 'submission.published']);
    expect(log.body.entries.find((e: { action: string }) => e.action === 'submission.returned').details.comment).toBe('Cambie el título del parque.');
    expect(work((await request(h.app).get('/api/audit').set('Authorization', h.bearer('admin'))).body.entries)).toHaveLength(11);
    // Nuevo León's coordination: its own state's accounts' sign-ins (its own, Monterrey's official's), nothing of Yucatán's.
    expect((await request(h.app).get('/api/audit').set('Authorization', h.bearer('coordinadorB'))).body.entries.map((e: { action: string; by: string }) => `${e.action} ${e.by}`).sort()).toEqual(['session.started captura@monterrey.gob.mx', 'session.started revision@cotai-nl.org.mx']);
    expect((await request(h.app).get('/api/audit').set('Authorization', h.bearer('capturistaA'))).status).toBe(403);
  });

  test('a spreadsheet not shared with the service account is refused in Spanish at submission', async () => {
    const id2 = '1ZzZzZzZzZzZzZzZzZzZzZz-notshared';
    h.stub.put(id2, projectWorkbook(MER, { title: 'Parque (versión 2)' }));
    h.stub.fail(id2, { kind: 403 });
    const failed = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: id2 });
    expect(failed.status).toBe(422);
    expect(failed.body.error.code).toBe('sheets.forbidden');
    expect(failed.body.error.message).toContain(SERVICE_ACCOUNT);
    h.stub.fail(id2, undefined);
    expect((await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: id2 })).status).toBe(201);
  });
});

describe('self-hosted: API tokens and .xlsx uploads', () => {
  let h: LocalHarness;
  beforeAll(async () => { h = await localHarness(); });
  afterAll(() => h.close());

  test('the pages sign in with a token, and *Mis envíos* offers officials to send their .xlsx', async () => {
    expect((await request(h.app).get('/api/auth-config')).body).toEqual({ method: 'token', uploads: true, maxUploadBytes: 5 * 1024 * 1024 });
  });

  test('GET /api/session names the owner of an access key: an official and their institution; a key the server does not know is a 401', async () => {
    const res = await request(h.app).get('/api/session').set('Authorization', h.bearer('capturistaA'));
    expect(res.status).toBe(200);
    expect(checkSessionAnswer(res.body)).toEqual({ viewer: { email: 'captura@merida.gob.mx', role: 'capturista', scope: { kind: 'publisher', publisherId: 'mer' } } });
    const unknown = await request(h.app).get('/api/session').set('Authorization', `Bearer ia_${'x'.repeat(40)}`);
    expect(unknown.status).toBe(401);
    expect(typeof unknown.body.error.message).toBe('string');
  });

  test('upload, return, upload the fixed file, approve, publish', async () => {
    const broken = await xlsxOf(projectWorkbook(MER, { complete: false }));
    const refused = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(broken);
    expect(refused.status).toBe(422);
    const created = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(await xlsxOf(projectWorkbook(MER, { title: 'Primera versión' })));
    expect(created.status).toBe(201);
    expect(created.body.submission.source.kind).toBe('xlsx');
    const first = created.body.submission.id as string;

    expect((await request(h.app).post(`/api/submissions/${first}/return`).set('Authorization', h.bearer('coordinadorB')).send({ comment: 'x' })).status).toBe(403);
    const returned = await request(h.app).post(`/api/submissions/${first}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: 'Falta la descripción.' });
    expect(returned.body.submission.status).toBe('returned');

    // The fixed file is the returned submission's new version, with its history, as a Google Sheet sent again is.
    const fixed = await request(h.app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(await xlsxOf(projectWorkbook(MER)));
    expect([fixed.status, fixed.body.outcome, fixed.body.submission.id]).toEqual([200, 'resubmitted', first]);
    expect(fixed.body.submission.comments.map((c: { text: string }) => c.text)).toEqual(['Falta la descripción.']);
    const approved = await request(h.app).post(`/api/submissions/${fixed.body.submission.id}/approve`).set('Authorization', h.bearer('coordinadorA'));
    expect(approved.status).toBe(200);
    expect(approved.body.submission.status).toBe('published');
    const projects = await request(h.app).get('/api/oc4ids/projects?publisher=mer');
    expect(projects.body.projects.map((p: { id: string }) => p.id)).toEqual(['oc4ids-abc123-0001']);

    const audit = await request(h.app).get('/api/audit?publisher=mer').set('Authorization', h.bearer('admin'));
    // Less the official's sign-in (sign-in-audit.test.ts).
    expect(audit.body.entries.map((e: { action: string }) => e.action).filter((a: string) => a !== 'session.started')).toEqual([
      'submission.created', 'access.denied', 'submission.returned', 'submission.resubmitted', 'submission.approved', 'publication.published', 'submission.published',
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
