/**
 * Deployment smoke test (issue 16, item 6): the deployable bundle functions/lib/index.js (`npm run build:functions`)
 * loaded with the production configuration, on the cloud wiring — Firestore (emulator), Google identity tokens
 * (local certificate endpoint), Application Default Credentials (local metadata server), Google Sheets, Cloud
 * Storage and Cloud Tasks (local stubs of their APIs) — after bootstrapping with the CLI's `--nube`:
 * submit → approve (202, queued) → the task function publishes → public API and bulk download from the bucket.
 */
import * as fs from 'fs';
import * as path from 'path';
import { builtinModules } from 'module';
import request from 'supertest';
import { spawn, type ChildProcess } from 'child_process';
import { deleteApp, getApps } from 'firebase-admin/app';
import { buildFunctions, ROOT } from '../../scripts/build';
import { startFirestoreEmulator, type FirestoreEmulator } from '../firestore-emulator/firestore-emulator';
import { openFirestoreStore } from '../../functions/src/store/firestore-store';
import { startTestIdentity, TEST_CLIENT_ID, type TestIdentity } from '../workflow/test-identity';
import { startSheetsStub, type SheetsStub } from '../workflow/sheets-stub';
import { projectWorkbook, xlsxOf } from '../workflow/workflow-harness';
import { WORKBOOK_JSON_MIME, XLSX_MIME } from '../../core/workflow/contract';
import { workbookValues } from '../../core/workflow/workbook-values';
import { startStorageStub, type StorageStub } from '../storage-stub/storage-stub';
import { startMetadataStub, type MetadataStub } from './metadata-stub';
import { startTasksStub, type TasksStub } from './tasks-stub';
import { runCli } from '../cli/run-cli';
import { VALIDATORS } from '../../core/validate';
import { startSmtp, subjectOf } from '../support/smtp-capture';
import { monthOf, stateTimeZone } from '../../core/workflow/report-month';

const SHEET = '1SmokeTestSpreadsheet0123456789abcdefghijk';
const SERVICE_ACCOUNT = 'infra-abierta@demo-infra-abierta.iam.gserviceaccount.com';
/** The dashboard's own web client (its sign-in needs the dashboard's address among the client's origins). */
const DASHBOARD_CLIENT = 'tablero-web.apps.googleusercontent.com';
const saved = { ...process.env };
let firestore: FirestoreEmulator;
let identity: TestIdentity;
let sheets: SheetsStub;
let storage: StorageStub;
let metadata: MetadataStub;
let tasks: TasksStub;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let child: ChildProcess | undefined;

beforeAll(async () => {
  await buildFunctions();
  firestore = await startFirestoreEmulator();
  [identity, sheets, storage, tasks, smtp] = await Promise.all([startTestIdentity(), startSheetsStub(), startStorageStub(), startTasksStub(), startSmtp({ user: 'avisos@itait.gob.mx', pass: 'contraseña-del-secreto' })]);
  metadata = await startMetadataStub(process.env.GCLOUD_PROJECT as string, SERVICE_ACCOUNT);
  Object.assign(process.env, {
    // The production configuration (docs/deploy.md) …
    GOOGLE_CLIENT_ID: TEST_CLIENT_ID,
    DASHBOARD_CLIENT_ID: DASHBOARD_CLIENT,
    PUBLIC_BASE_URL: 'https://infra-abierta.example.mx',
    BULK_BUCKET: 'demo-infra-abierta.appspot.com',
    SERVICE_ACCOUNT_EMAIL: SERVICE_ACCOUNT,
    FIRESTORE_NAMESPACE: 'smoke_',
    // Notices by SMTP; the password is the secret SMTP_PASS, which the platform hands the functions as a variable.
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_USER: 'avisos@itait.gob.mx',
    SMTP_PASS: 'contraseña-del-secreto',
    MAIL_FROM: 'Infraestructura Abierta <avisos@itait.gob.mx>',
    // … and where Google's services are, all on 127.0.0.1.
    GOOGLE_ID_TOKEN_CERTS_URL: identity.certsUrl,
    SHEETS_API_ROOT_URL: sheets.rootUrl,
    STORAGE_API_ENDPOINT: storage.apiEndpoint,
    CLOUD_TASKS_EMULATOR_HOST: tasks.host,
    GCE_METADATA_HOST: metadata.host,
    // ADC inside Cloud Functions comes from the metadata server: here, the local one above.
    METADATA_SERVER_DETECTION: 'assume-present',
  });
}, 60000);

afterAll(async () => {
  if (child && child.exitCode === null) await new Promise((resolve) => { child?.once('exit', resolve); child?.kill('SIGTERM'); });
  process.env = saved;
  await Promise.all(getApps().map((a) => deleteApp(a)));
  await Promise.all([identity.close(), sheets.close(), storage.close(), tasks.close(), metadata.close(), smtp.close()]);
  await firestore.stop();
});

// firebase deploy uploads functions/ only, and Cloud Build installs functions/package.json's dependencies: a package
// the bundle requires that is missing there loads here (the repository's node_modules) and fails in Google at start.
test('every package the bundle requires is a dependency of functions/package.json, in the range the tests ran with', () => {
  const bundle = fs.readFileSync(path.join(ROOT, 'functions/lib/index.js'), 'utf8');
  const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
  const required = new Set([...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]).filter((s) => !s.startsWith('node:') && !builtinModules.includes(s)).map(packageOf));
  expect(required.size).toBeGreaterThan(5);
  const deployed = (JSON.parse(fs.readFileSync(path.join(ROOT, 'functions/package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
  const tested = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
  for (const name of required) expect({ name, deployed: deployed[name] }).toEqual({ name, deployed: tested[name] });
});

test('bootstrap with --nube, then submit → approve → task publishes → bulk download, on the built bundle', async () => {
  const project = process.env.GCLOUD_PROJECT as string;
  expect((await runCli('publishers', 'add', 'itait', '--nube', '--proyecto', project, '--nombre', 'Instituto Tamaulipeco de Infraestructura', '--entidad', 'Tamaulipas', '--prefijo-ocid', 'ocds-itait1', '--prefijo-proyectos', 'oc4ids-itait1', '--proyectos', '5')).code).toBe(0);
  expect((await runCli('users', 'add', '--nube', '--proyecto', project, '--email', 'obras@itait.gob.mx', '--rol', 'capturista', '--publicador', 'itait')).code).toBe(0);
  expect((await runCli('users', 'add', '--nube', '--proyecto', project, '--email', 'revision@itait-og.mx', '--rol', 'coordinador', '--entidad', 'Tamaulipas')).code).toBe(0);

  // The bundle runs in its own Node process, served as the Functions framework serves it.
  child = spawn(process.execPath, [path.join(ROOT, 'test/deploy/serve-bundle.js')], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  const served = await new Promise<{ api: string; review: string; tasks: string; endpoints: Record<string, Record<string, unknown>>; params: { name: string }[] }>((resolve, reject) => {
    let out = '';
    child?.stdout?.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0])); });
    child?.once('exit', (code) => reject(new Error(`the bundle exited with ${code}`)));
  });
  expect(served.endpoints.publishSubmission).toMatchObject({ availableMemoryMb: 2048, timeoutSeconds: 540, concurrency: 1, taskQueueTrigger: { retryConfig: { maxAttempts: 8 } } });
  expect(served.endpoints.api).toMatchObject({ availableMemoryMb: 1024, timeoutSeconds: 300, concurrency: 80 });
  expect(served.endpoints.review).toMatchObject({ availableMemoryMb: 2048, timeoutSeconds: 300, concurrency: 1 });
  // Every function runs as the account the sheets are shared with, named by the deploy-time parameter (a setting
  // made by hand on the services would be undone by the next deploy).
  for (const name of ['api', 'review', 'publishSubmission', 'updateReminders']) expect(served.endpoints[name].serviceAccountEmail).toBe('{{ params.SERVICE_ACCOUNT_EMAIL }}');
  // …and every one is handed the mail server's password from Secret Manager.
  for (const name of ['api', 'review', 'publishSubmission', 'updateReminders']) expect(served.endpoints[name].secretEnvironmentVariables).toEqual([expect.objectContaining({ key: 'SMTP_PASS' })]);
  expect(served.params).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'SERVICE_ACCOUNT_EMAIL', type: 'string' }), expect.objectContaining({ name: 'SMTP_PASS', type: 'secret' })]));
  expect(served.params).toHaveLength(2);
  // Hosting sends the review routes to `review` (firebase.json; test/firebase-files.test.ts checks the rules).
  const bundle = { api: served.api, review: served.review, tasks: served.tasks };

  sheets.put(SHEET, projectWorkbook({ id: 'itait', name: 'ITAIT', state: 'Tamaulipas', ocidPrefix: 'ocds-itait1', projectIdPrefix: 'oc4ids-itait1', commitment: { projects: 5, periodicityDays: 90 } }, { title: 'Puente Tampico' }));
  const capturista = `Bearer ${identity.token({ email: 'obras@itait.gob.mx' })}`;
  const coordinador = `Bearer ${identity.token({ email: 'revision@itait-og.mx' })}`;
  // Cloud Tasks delivers a task to the function with an OIDC token (checked by Cloud Run before it arrives).
  const oidc = ['e30', Buffer.from(JSON.stringify({ uid: 'cloud-tasks', email: SERVICE_ACCOUNT })).toString('base64url'), 'sig'].join('.');
  const deliver = (body: object) => request(bundle.tasks).post('/').set('Authorization', `Bearer ${oidc}`).set('Content-Type', 'application/json').send(body);
  // The send is checked by a task of the queue (send-check.ts), which the request waits for within its budget.
  const sending = request(bundle.review).post('/api/submissions').set('Authorization', capturista).send({ spreadsheetId: SHEET }).then((r) => r);
  while (tasks.tasks.length === 0) await new Promise((r) => setTimeout(r, 50));
  expect(tasks.tasks[0]).toMatchObject({ queue: 'publishSubmission', body: { data: { send: { spreadsheetId: SHEET } } } });
  expect((await deliver(tasks.tasks[0].body as object)).status).toBe(204);
  const created = await sending;
  expect(created.status).toBe(201);
  const id = created.body.submission.id as string;

  const approved = await request(bundle.review).post(`/api/submissions/${id}/approve`).set('Authorization', coordinador);
  expect(approved.status).toBe(202);
  expect(approved.body.submission.statusLabel).toBe('Aprobado, publicando');
  expect(tasks.tasks).toHaveLength(2);
  expect(tasks.tasks[1]).toMatchObject({ queue: 'publishSubmission', body: { data: { submissionId: id } } });

  const dispatched = await deliver(tasks.tasks[1].body as object);
  expect(dispatched.status).toBe(204);
  expect(sheets.requests.every((r) => r.authorization?.startsWith('Bearer metadata-token-'))).toBe(true);
  // …asked for with the Sheets scope: the runtime account's default token (cloud-platform) is refused by the Sheets API.
  expect(new Set(sheets.requests.flatMap((r) => metadata.scopesOf((r.authorization ?? '').slice('Bearer '.length))))).toEqual(new Set(['https://www.googleapis.com/auth/spreadsheets.readonly']));

  // The dashboard signs in with its own client; its tokens are accepted as the add-on's are, anyone else's are not.
  expect((await request(bundle.api).get('/api/auth-config')).body).toEqual({ method: 'google', googleClientId: DASHBOARD_CLIENT, uploads: false });
  const fromDashboard = `Bearer ${identity.token({ email: 'revision@itait-og.mx', aud: DASHBOARD_CLIENT })}`;
  const done = await request(bundle.review).get(`/api/submissions/${id}`).set('Authorization', fromDashboard);
  // Who signed in, as the dashboard asks it (Hosting sends /api/session to `api`).
  expect((await request(bundle.api).get('/api/session').set('Authorization', fromDashboard)).body.viewer).toMatchObject({ email: 'revision@itait-og.mx', role: 'coordinador' });
  expect((await request(bundle.review).get(`/api/submissions/${id}`).set('Authorization', `Bearer ${identity.token({ email: 'revision@itait-og.mx', aud: 'otro.apps.googleusercontent.com' })}`)).status).toBe(401);
  expect(done.body.submission.failureReason).toBeNull();
  expect(done.body.submission).toMatchObject({ status: 'published', statusLabel: 'Publicado' });
  // Cross-origin, as the app says (read-cors.ts) and not the platform's wrapper: any page may read; none may ask to
  // approve (a POST's preflight gets no Access-Control-Allow-Origin), on `api` and on `review` alike.
  const from = 'https://otro-sitio.example';
  for (const fn of [bundle.api, bundle.review]) {
    const write = await request(fn).options(`/api/submissions/${id}/approve`).set('Origin', from).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization');
    expect(write.headers['access-control-allow-origin']).toBeUndefined();
    expect(write.headers['access-control-allow-methods']).toBeUndefined();
  }
  const read = await request(bundle.api).options('/api/oc4ids/projects').set('Origin', from).set('Access-Control-Request-Method', 'GET');
  expect(read.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD' });
  const projects = await request(bundle.api).get('/api/oc4ids/projects?publisher=itait');
  expect(projects.body.projects[0]).toMatchObject({ id: 'oc4ids-itait1-0001', title: 'Puente Tampico' });
  expect(projects.body.uri).toMatch(/^https:\/\/infra-abierta\.example\.mx\/api\/oc4ids\/projects/);

  // The task wrote the bulk files to the bucket; the download streams them from there.
  // The task wrote the publisher's files and those of all publishers together (which now include this publication).
  expect([...storage.objects.keys()].filter((k) => k.endsWith('/datos.xlsx')).map((k) => k.split('/')[1]).sort()).toEqual(['publicaciones', 'todos']);
  const bulk = await request(bundle.api).get('/api/bulk/projects.json?publisher=itait').set('Accept-Encoding', 'identity')
    .buffer(true).parse((res, cb) => { const c: Buffer[] = []; res.on('data', (x: Buffer) => c.push(x)); res.on('end', () => cb(null, Buffer.concat(c))); });
  expect(bulk.status).toBe(200);
  expect(Number(bulk.headers['content-length'])).toBe((bulk.body as Buffer).length);
  expect(bulk.headers.etag).toMatch(/^"/);
  const pkg = JSON.parse((bulk.body as Buffer).toString('utf8')) as { projects: { title: string }[] };
  if (!VALIDATORS.projectPackage(pkg)) throw new Error(JSON.stringify(VALIDATORS.projectPackage.errors?.slice(0, 3)));
  expect(pkg.projects.map((p) => p.title)).toEqual(['Puente Tampico']);

  // The coordinator was told of the send, and the official of its publication, through the mail server.
  expect(smtp.mails.map((m) => [m.to, subjectOf(m.raw)])).toEqual([
    [['revision@itait-og.mx'], 'Nuevo envío de Instituto Tamaulipeco de Infraestructura para revisión'],
    [['obras@itait.gob.mx'], 'Su envío de Instituto Tamaulipeco de Infraestructura fue aprobado y publicado'],
  ]);

  // A second delivery of the same tasks (Cloud Tasks is at-least-once) changes nothing: no second send, no second notice.
  expect((await deliver(tasks.tasks[1].body as object)).status).toBe(204);
  expect((await deliver(tasks.tasks[0].body as object)).status).toBe(204);
  expect(smtp.mails).toHaveLength(2);

  // A large send's preview is a task of the same queue (workflow/prepared-preview.ts: `review` enqueues it as
  // `{ preview }` and waits for what it keeps): delivered to the function, it keeps the preview against what is
  // published now, which the review's request then answers.
  const hash = done.body.submission.snapshot.contentHash as string;
  const store = openFirestoreStore({ projectId: process.env.GCLOUD_PROJECT, namespace: 'smoke_' });
  try {
    await store.deletePreparedPreview(hash, 'itait');
    const preview = { data: { preview: { contentHash: hash, publisherId: 'itait' } } };
    expect((await request(bundle.tasks).post('/').set('Authorization', `Bearer ${oidc}`).set('Content-Type', 'application/json').send(preview)).status).toBe(204);
    const kept = JSON.parse(await store.getPreparedPreview(hash, 'itait') ?? 'null') as { state: string; currentPublicationId: string; preview: { projects: { counts: unknown } } };
    expect(kept).toMatchObject({ state: 'ready', currentPublicationId: (await store.getCurrent('itait'))?.id });
    expect(kept.preview.projects.counts).toEqual({ new: 0, changed: 0, unchanged: 1, removed: 0 });
    const answer = await request(bundle.review).get(`/api/submissions/${id}/preview`).set('Authorization', fromDashboard);
    expect([answer.status, answer.body.preview?.projects.counts]).toEqual([200, kept.preview.projects.counts]);
  } finally {
    await store.close();
  }

  // A send in the cloud is a Google spreadsheet's id, always checked by a task (above). An .xlsx — what «Mis envíos»
  // sends a self-hosted server — and the add-on's values are refused at the door, in Spanish, and leave nothing: no
  // task, nothing in the bucket. So no workbook is ever read inside a request here, where Hosting cuts one at 60 s.
  // (Taking uploads in the cloud would need somewhere private to keep them for the task: not the bulk bucket, which
  // may be public — docs/deploy.md §3.5.)
  const left = () => ({ tasks: tasks.tasks.length, objects: storage.objects.size });
  const before = left();
  const itait = projectWorkbook({ id: 'itait', name: 'ITAIT', state: 'Tamaulipas', ocidPrefix: 'ocds-itait1', projectIdPrefix: 'oc4ids-itait1', commitment: { projects: 5, periodicityDays: 90 } }, { title: 'Puente Madero' });
  const xlsx = await request(bundle.review).post('/api/submissions?publisher=itait&archivo=obras.xlsx').set('Authorization', capturista).set('Content-Type', XLSX_MIME).send(await xlsxOf(itait));
  expect([xlsx.status, xlsx.body.error]).toEqual([415, { code: 'uploads-disabled', message: 'Esta plataforma recibe hojas de cálculo de Google (spreadsheetId), no archivos .xlsx.' }]);
  const values = await request(bundle.review).post('/api/submissions').set('Authorization', capturista).set('Content-Type', WORKBOOK_JSON_MIME).send(JSON.stringify({ spreadsheetId: SHEET, workbook: workbookValues(itait) }));
  expect([values.status, values.body.error]).toEqual([415, { code: 'values-disabled', message: 'Esta plataforma lee la hoja de cálculo directamente: envíe solo «spreadsheetId».' }]);
  expect(left()).toEqual(before);

  // A send refused at the door, on the same wiring: the task reads the sheet (a filter leaves out a row holding data:
  // the Sheets API's rowMetadata says so, as an .xlsx would), refuses it for its errors, and keeps its line and the
  // month's count, which the coordination reads on `review` (Revisión, Seguimiento) and on `api` (Informe mensual).
  const BROKEN = '1SmokeTestBrokenSheet0123456789abcdefghijkl';
  const broken = projectWorkbook({ id: 'itait', name: 'ITAIT', state: 'Tamaulipas', ocidPrefix: 'ocds-itait1', projectIdPrefix: 'oc4ids-itait1', commitment: { projects: 5, periodicityDays: 90 } }, { complete: false });
  broken.sheets[0].rows.push(broken.sheets[0].rows[1].map((v, i) => (i === 0 ? 'oc4ids-itait1-0002' : v)));
  broken.sheets[0].hiddenRows = { count: 1, rows: [3] };
  sheets.put(BROKEN, broken);
  const queued = tasks.tasks.length;
  const refusing = request(bundle.review).post('/api/submissions').set('Authorization', capturista).send({ spreadsheetId: BROKEN }).then((r) => r);
  while (tasks.tasks.length === queued) await new Promise((r) => setTimeout(r, 50));
  const refusalTask = tasks.tasks[queued].body as object;
  expect((await deliver(refusalTask)).status).toBe(204);
  const refused = await refusing;
  expect([refused.status, refused.body.error.code]).toEqual([422, 'workbook-has-errors']);
  const codes = (refused.body.error.findings as { code: string; severity: string }[]).map((f) => `${f.severity} ${f.code}`);
  expect(codes).toEqual(expect.arrayContaining(['error program.required', 'warning sheet.hidden-rows']));
  // Cloud Tasks may deliver it again: still one line and one in the month's count.
  expect((await deliver(refusalTask)).status).toBe(204);
  const lines = await request(bundle.review).get('/api/submissions/refused').set('Authorization', coordinador);
  expect(lines.body.refused).toEqual([expect.objectContaining({ publisherId: 'itait', by: 'obras@itait.gob.mx', errors: 2, warnings: 1 })]);
  const detail = await request(bundle.review).get(`/api/submissions/refused/${encodeURIComponent(lines.body.refused[0].id as string)}`).set('Authorization', coordinador);
  expect([detail.status, detail.body.message, detail.body.findings]).toEqual([200, refused.body.error.message, refused.body.error.findings]);
  const month = monthOf(Date.now(), stateTimeZone('Tamaulipas'));
  const report = await request(bundle.api).get(`/api/monthly-report?month=${month}`).set('Authorization', coordinador);
  expect([report.status, report.body.implementers.map((i: { refusedAttempts?: number }) => i.refusedAttempts)]).toEqual([200, [1]]);
  // «Revisar sin enviar» takes an .xlsx, which the cloud does not: told to check the sheet with «Validar», nothing kept.
  const kept = left();
  const check = await request(bundle.api).post('/api/workbook-check?publisher=itait&archivo=obras.xlsx').set('Authorization', capturista).set('Content-Type', XLSX_MIME).send(await xlsxOf(broken));
  expect([check.status, check.body.error]).toEqual([415, { code: 'uploads-disabled', message: 'Esta plataforma recibe hojas de cálculo de Google, no archivos .xlsx: revise su libro con «Validar» del complemento.' }]);
  expect(left()).toEqual(kept);
  // «Validar»'s question about links to other implementers, on `api` (Hosting sends /api/link-check there).
  expect((await request(bundle.api).post('/api/link-check').set('Authorization', capturista).send({ processes: [], named: [] })).body).toEqual({ findings: [] });
}, 45000);
