/**
 * Publication as a background job (issue 16, item 2 / issue 13, item 7): approval answers 202 at once with the
 * submission *publicando*; the in-process queue publishes it (and writes its bulk files); a repeated delivery does
 * nothing twice; a live lease makes a second runner wait; a dead runner's lease is taken over after LEASE_MS; and
 * failures end *falló* with the reason. Real SQLite, real workbooks, real app.
 */
import { checkApproveAnswer } from '../../../core/workflow/contract';
import request from 'supertest';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createApp } from '../app';
import { workflowRoutes } from '../workflow/workflow-routes';
import { XLSX_MIME } from '../../../core/workflow/contract';
import { apiTokenAuthenticator } from '../auth/api-token-authenticator';
import { directoryUploads } from '../workflow/upload-store';
import { localHarness, projectWorkbook, PUBLISHERS, BASE_URL, USERS, xlsxOf, type LocalHarness } from '../../../test/workflow/workflow-harness';
import { inProcessQueue, type InProcessQueue } from './publication-queue';
import { LEASE_ACTION, LEASE_MS, resumeInterruptedPublications, runPublicationTask, type PublicationTaskDeps } from './publication-task';
import { bulkService } from './bulk-service';
import { bulkPrefix, publicationBulkFolder } from './bulk-files';
import { diskBlobStore } from './disk-blob-store';
import { PLATFORM_NAME } from '../app';
import type { Express } from 'express';
import { countingBackend } from '../../../test/support/counting-backend';
import { createStore } from '../store/document-store';
import { bulkDocuments } from '../../../core/packages/bulk-limit';
import { allPublishers, currentSets } from '../api/current-publications';
import { openSqliteStore } from '../store/sqlite-store';
import { startLocalServer } from '../server/local-server';
import { loadConfig } from '../config';
import { ROOT } from '../../../scripts/build';

const [MER] = PUBLISHERS;
let h: LocalHarness;
let app: Express;
let queue: InProcessQueue;
let deps: PublicationTaskDeps;
let bulkDir: string;
let clock = Date.parse('2025-03-01T12:00:00Z');
const now = () => new Date(clock);

// The real SQLite store, its reads counted as Firestore bills them (the files of all publishers, last test).
const counted = countingBackend();

beforeAll(async () => {
  h = await localHarness({ openStore: () => createStore(counted.backend) });
  bulkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'task-bulk-'));
  const uploads = directoryUploads(h.uploadDir);
  const bulk = bulkService({ store: h.store, blobs: diskBlobStore(bulkDir), baseUrl: BASE_URL, platformName: PLATFORM_NAME });
  deps = { store: h.store, baseUrl: BASE_URL, now, log: () => undefined, openSource: (s) => uploads.open(s.kind === 'xlsx' ? s.fileId : ''), bulk, allPublishersFiles: true };
  queue = inProcessQueue((task) => runPublicationTask(deps, task), { log: () => undefined, retryDelaysMs: [] });
  const routes = workflowRoutes({ store: h.store, authenticator: apiTokenAuthenticator(h.store), baseUrl: BASE_URL, uploads, maxUploadBytes: 5 * 1024 * 1024, log: () => undefined, now, publicationQueue: queue });
  app = createApp({ store: h.store, config: { publicBaseUrl: BASE_URL, maxBodyBytes: 5 * 1024 * 1024 }, log: () => undefined, extraApi: [routes], bulk });
});
afterAll(async () => { await queue.stop(); await h.close(); fs.rmSync(bulkDir, { recursive: true, force: true }); });

async function submit(title: string): Promise<string> {
  const created = await request(app).post('/api/submissions?publisher=mer').set('Authorization', h.bearer('capturistaA')).set('Content-Type', XLSX_MIME).send(await xlsxOf(projectWorkbook(MER, { title })));
  expect(created.status).toBe(201);
  return created.body.submission.id as string;
}

test('approval answers 202 at once (publicando); the task publishes (publicada) and writes the bulk files', async () => {
  const id = await submit('Parque del Centro');
  const approved = await request(app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));
  expect(approved.status).toBe(202);
  expect(approved.body.submission).toMatchObject({ status: 'approved', statusLabel: 'Aprobado, publicando' });
  // The clients (add-on, coordinators' pages) read this answer through the contract: publication null = publicando.
  expect(checkApproveAnswer(approved.body).publication).toBeNull();
  await queue.idle();
  const done = await request(app).get(`/api/submissions/${id}`).set('Authorization', h.bearer('coordinadorA'));
  expect(done.body.submission).toMatchObject({ status: 'published', statusLabel: 'Publicado' });
  expect(done.body.submission.history.map((e: { action: string }) => e.action)).toEqual(['submitted', 'approved', LEASE_ACTION, 'published']);
  // What was published: Mérida's first publication, its one project (nothing was published to be «modificado»).
  expect(done.body.submission.history.at(-1).comment).toBe('Publicado: es la primera publicación de Municipio de Mérida, con 1 proyecto.');
  // And so in the Bitácora (core/workflow/audit-details.ts reads it «Primera publicación del implementador»).
  expect((await h.store.listAudit({ publisherId: 'mer', limit: 100 })).items.find((e) => e.action === 'submission.published')?.details.first).toBe(true);
  // The coordinator who approved started the publication, as recorded (it read «sistema»).
  expect((await h.store.getSubmission(id))?.history.map((e) => e.by)).toEqual([USERS.capturistaA.id, USERS.coordinadorA.id, USERS.coordinadorA.id, USERS.coordinadorA.id]);
  expect(done.body.submission.history.map((e: { by: string }) => e.by)).toEqual([USERS.capturistaA.email, USERS.coordinadorA.email, USERS.coordinadorA.email, USERS.coordinadorA.email]);
  const current = await h.store.getCurrent('mer');
  expect(fs.existsSync(path.join(bulkDir, publicationBulkFolder(current!.id), 'datos.xlsx'))).toBe(true);
  // And the files of all publishers together, which now include this publication: a download finds them written.
  expect(fs.existsSync(path.join(bulkDir, bulkPrefix([{ publisher: MER, publication: current! }], undefined), 'datos.xlsx'))).toBe(true);
  const projects = await request(app).get('/api/oc4ids/projects?publisher=mer');
  expect(projects.body.projects[0].title).toBe('Parque del Centro');

  // A repeated delivery of the same task finds it finished and does nothing.
  expect(await runPublicationTask(deps, { submissionId: id, actorId: USERS.coordinadorA.id })).toBe('done');
  expect((await h.store.listPublications({ publisherId: 'mer' })).items).toHaveLength(1);
}, 30000);

test('two deliveries at once: one runs, the other finds the lease and waits', async () => {
  clock += 60_000;
  const id = await submit('Mercado Municipal');
  const before = (await h.store.listPublications({ publisherId: 'mer' })).items.length;
  const stalled = inProcessQueue(async () => 'done', { log: () => undefined });
  const routes = workflowRoutes({ store: h.store, authenticator: apiTokenAuthenticator(h.store), baseUrl: BASE_URL, uploads: directoryUploads(h.uploadDir), maxUploadBytes: 1024 * 1024, log: () => undefined, now, publicationQueue: stalled });
  const quiet = createApp({ store: h.store, config: { publicBaseUrl: BASE_URL, maxBodyBytes: 1024 * 1024 }, log: () => undefined, extraApi: [routes] });
  expect((await request(quiet).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'))).status).toBe(202);
  const task = { submissionId: id, actorId: USERS.coordinadorA.id };
  const results = await Promise.all([runPublicationTask(deps, task), runPublicationTask(deps, task)]);
  expect(results.sort()).toEqual(['busy', 'done']);
  expect((await h.store.getSubmission(id))?.status).toBe('published');
  expect((await h.store.listPublications({ publisherId: 'mer' })).items).toHaveLength(before + 1);
  // Approving again while it is being published (or after) is a Spanish 409.
  const again = await request(app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));
  expect(again.status).toBe(409);
}, 30000);

test('a dead runner: its lease holds for LEASE_MS, then the next delivery takes over and publishes', async () => {
  clock += 60_000;
  const id = await submit('Biblioteca Pública');
  const s = await h.store.getSubmission(id);
  // What a runner killed mid-way leaves behind: approved, with its lease taken.
  await h.store.transitionSubmission(id, ['submitted'], 'approved', { at: now().toISOString(), by: USERS.coordinadorA.id, action: 'approved' });
  await h.store.transitionSubmission(id, ['approved'], 'approved', { at: now().toISOString(), by: 'system', action: LEASE_ACTION });
  expect(s?.status).toBe('submitted');
  const task = { submissionId: id, actorId: USERS.coordinadorA.id };
  clock += LEASE_MS - 1000;
  expect(await runPublicationTask(deps, task)).toBe('busy');
  clock += 2000;
  expect(await runPublicationTask(deps, task)).toBe('done');
  const after = await h.store.getSubmission(id);
  expect(after?.status).toBe('published');
  expect(after?.history.filter((e) => e.action === LEASE_ACTION).map((e) => e.comment ?? null)).toEqual([null, 'Reintento 2 de la publicación.']);
  // A lease kept before the approver was recorded (`system`) reads as the approver's; a step the platform took by
  // itself says so in words.
  const shown = await request(app).get(`/api/submissions/${id}`).set('Authorization', h.bearer('coordinadorA'));
  expect(shown.body.submission.history.filter((e: { action: string }) => e.action === LEASE_ACTION).map((e: { by: string }) => e.by)).toEqual([USERS.coordinadorA.email, USERS.coordinadorA.email]);
}, 30000);

test('start-up of the single process takes interrupted publications over at once', async () => {
  clock += 60_000;
  const id = await submit('Unidad Deportiva');
  await h.store.transitionSubmission(id, ['submitted'], 'approved', { at: now().toISOString(), by: USERS.coordinadorA.id, action: 'approved' });
  await h.store.transitionSubmission(id, ['approved'], 'approved', { at: now().toISOString(), by: 'system', action: LEASE_ACTION });
  const resumed = await resumeInterruptedPublications(h.store, (task) => runPublicationTask(deps, task, { takeOver: true }));
  expect(resumed).toBe(1);
  expect((await h.store.getSubmission(id))?.status).toBe('published');
}, 30000);

test('serve --procesos: a worker started again after one died takes over at once what that one was publishing, never a live sibling\'s', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'task-cluster-'));
  const file = path.join(dir, 'datos.sqlite');
  const store = openSqliteStore(file);
  // Two approvals being published when a worker died: one by the dead worker, one by its live sibling.
  const at = new Date().toISOString();
  const leased = async (id: string, publisherId: string): Promise<void> => {
    await store.putPublisher(PUBLISHERS.find((p) => p.id === publisherId)!);
    await store.createSubmission({
      id, publisherId, source: { kind: 'xlsx', fileId: `libro-${id}` }, status: 'approved', createdAt: at, updatedAt: at,
      history: [{ at, by: USERS.capturistaA.id, action: 'submitted' }, { at, by: USERS.coordinadorA.id, action: 'approved' }, { at, by: USERS.coordinadorA.id, action: LEASE_ACTION }],
    });
  };
  await leased('del-caido', 'mer');
  await leased('del-vivo', 'mty');
  await store.close();
  const env = { METADATA_SERVER_DETECTION: 'none', INFRA_SQLITE: file, PORT: '0', HOST: '127.0.0.1' };
  const logged: string[] = [];
  const replacement = await startLocalServer(loadConfig(env), { root: ROOT, seed: false, notices: false, env, log: (m) => logged.push(m), recover: { takeOver: ['del-caido'] } });
  try {
    await replacement.publications.idle();
    const leases = async (id: string) => (await replacement.store.getSubmission(id))?.history.filter((e) => e.action === LEASE_ACTION).map((e) => e.comment ?? null);
    // The dead one's is taken over at once (its workbook is not there: the attempt ends falló, with the reason).
    expect(await leases('del-caido')).toEqual([null, 'Reintento 2 de la publicación.']);
    // The sibling's lease is live: its delivery waits for it. Before, it was taken over too and published twice at
    // once; and a worker other than the first, started again, took over nothing: the dead one's stayed «publicando».
    expect(await leases('del-vivo')).toEqual([null]);
    expect((await replacement.store.getSubmission('del-vivo'))?.status).toBe('approved');
    expect(logged).toContain('Se reanuda 1 publicación interrumpida.');
  } finally {
    await replacement.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 30000);

test('a failure ends falló with the reason, shown to the coordinator; approving again retries', async () => {
  clock += 60_000;
  const id = await submit('Centro de Salud');
  // The submitted revision cannot be read any more (its stored snapshot is gone): the task fails, saying so.
  const s = (await h.store.getSubmission(id))!;
  await h.store.transitionSubmission(id, ['submitted'], 'submitted', { at: now().toISOString(), by: 'system', action: 'note' }, { snapshot: { ...s.snapshot!, contentHash: 'perdido' } });
  expect((await request(app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'))).status).toBe(202);
  await queue.idle();
  const failed = await request(app).get(`/api/submissions/${id}`).set('Authorization', h.bearer('coordinadorA'));
  expect(failed.body.submission).toMatchObject({ status: 'failed', statusLabel: 'La publicación falló' });
  expect(failed.body.submission.failureReason).toMatch(/No se encontró la versión enviada de este envío/);
  expect(failed.body.submission.history.find((e: { action: string }) => e.action === 'note').by).toBe('la plataforma (automático)');
  expect((await request(app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'))).status).toBe(202);
  await queue.idle();
}, 30000);

test('an approval whose implementer is no longer registered ends falló, in the history and in the audit log', async () => {
  clock += 60_000;
  const id = await submit('Casa de la Cultura');
  await h.store.transitionSubmission(id, ['submitted'], 'approved', { at: now().toISOString(), by: USERS.coordinadorA.id, action: 'approved' });
  const registered = (await h.store.getPublisher('mer'))!;
  await h.store.deletePublisher('mer');
  try {
    expect(await runPublicationTask(deps, { submissionId: id, actorId: USERS.coordinadorA.id })).toBe('done');
  } finally {
    await h.store.putPublisher(registered);
  }
  expect((await h.store.getSubmission(id))?.status).toBe('failed');
  const log = (await h.store.listAudit({ publisherId: 'mer', since: now().toISOString() })).items.filter((e) => e.target === `submission/${id}`);
  expect(log.map((e) => [e.action, e.details.reason])).toEqual([['submission.created', undefined], ['submission.failed', 'El implementador de este envío ya no está registrado.']]);
});

test('the files of all publishers: above the limit no read per publisher decides it; at the limit they are written, one over it not', async () => {
  // 60 more implementers with a current publication each (counted by their publications; no document is needed).
  for (let i = 0; i < 60; i++) {
    const id = `otro${String(i).padStart(2, '0')}`;
    await h.store.putPublisher({ ...MER, id, name: `Implementador ${i}`, ocidPrefix: `ocds-x${i}`, projectIdPrefix: `oc4ids-x${i}` });
    await h.store.createPublication({ id: `pub-${id}`, publisherId: id, contentHash: `h-${id}`, createdAt: now().toISOString() });
    await h.store.completePublication(`pub-${id}`, { releases: 10, records: 5, projects: 1 });
    await h.store.setCurrent(id, `pub-${id}`, null);
  }
  // Once per store, pointers switched by an earlier version are given their total (none here): not counted below.
  await h.store.publishedDocuments();
  const allFilesWritten = async () => {
    const sets = await currentSets(h.store, await allPublishers(h.store));
    return { documents: bulkDocuments(sets.map((s) => s.publication.counts)), written: fs.existsSync(path.join(bulkDir, bulkPrefix(sets, undefined), 'datos.xlsx')) };
  };
  /** Publishes a new version of MER's workbook; the reads of publishers and pointers from its approval to its end. */
  const publishWith = async (max: number, title: string) => {
    deps.allPublishersMaxDocuments = max;
    const id = await submit(title);
    counted.reset();
    await request(app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA')).expect(202);
    await queue.idle();
    expect((await h.store.getSubmission(id))?.status).toBe('published');
    return counted.count('publishers', 'current');
  };
  try {
    // Far above the limit: the approval and its task read a few publishers and pointers, not 3 per publisher (61).
    expect(await publishWith(1, 'Parque Norte')).toBeLessThan(20);
    const above = await allFilesWritten();
    expect(above.written).toBe(false);
    // Exactly at the limit they are written, as the API offers them (reading every publisher and pointer to know
    // which publications: a publisher and a pointer each, and the publication); one document over it, not.
    expect(await publishWith(above.documents, 'Parque Sur')).toBeGreaterThan(2 * 60);
    expect(await allFilesWritten()).toEqual({ documents: above.documents, written: true });
    await publishWith(above.documents - 1, 'Parque Oriente');
    expect(await allFilesWritten()).toEqual({ documents: above.documents, written: false });
  } finally {
    delete deps.allPublishersMaxDocuments;
  }
}, 30000);
