/**
 * Two uploads of the same institution wait in the inbox (each edited workbook is its own submission): once the newer
 * one is published, approving the older one is refused — it would publish the older data over the newer (a
 * walk of the review found a progress reading gone from the public data that way).
 */
import request from 'supertest';
import { checkPreviewAnswer, checkSubmissionListAnswer } from '../../core/workflow/contract';
import { newerApprovedText } from '../../core/workflow/newer-approved';
import { BASE_URL, localHarness, PUBLISHERS, projectWorkbook, uploadXlsx, xlsxOf, type LocalHarness } from './workflow-harness';
import { runPublicationTask } from '../../functions/src/publication/publication-task';
import type { PublicationTask } from '../../functions/src/publication/publication-queue';

let h: LocalHarness;
beforeAll(async () => { h = await localHarness(); });
afterAll(() => h.close());

const upload = async (title: string) => uploadXlsx(h, await xlsxOf(projectWorkbook(PUBLISHERS[0], { title })));
const approve = (id: string) => request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));

test('an older submission cannot be approved over a newer one already published', async () => {
  const older = await upload('Parque del Centro');
  expect(older.status).toBe(201);
  await new Promise((resolve) => setTimeout(resolve, 5)); // sent later, by the clock
  const newer = await upload('Parque del Centro, segunda etapa');
  expect(newer.status).toBe(201);
  expect(newer.body.submission.id).not.toBe(older.body.submission.id);
  const preview = (id: string) => request(h.app).get(`/api/submissions/${id}/preview`).set('Authorization', h.bearer('coordinadorA'));
  expect(checkPreviewAnswer((await preview(older.body.submission.id)).body).newerApprovedAt).toBeNull();
  expect((await approve(newer.body.submission.id)).status).toBe(200);
  // The coordinator is told before clicking «Aprobar»: the preview names when the newer one was sent.
  expect(checkPreviewAnswer((await preview(older.body.submission.id)).body).newerApprovedAt).toBe(newer.body.submission.snapshot.takenAt);
  const refused = await approve(older.body.submission.id);
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('superseded');
  // When the newer one was sent, with the seconds, as the review pages show every time (core/format/es-mx.ts).
  expect(refused.body.error.message).toMatch(/^No se puede aprobar este envío: ya se aprobó uno más reciente de esta institución \(enviado el \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}:\d{2}\u00a0[ap]\.m\.\), y este publicaría encima datos anteriores\. Devuélvalo con un comentario/);
  // The words the review pages and the add-on say it with (core/workflow/newer-approved.ts), with that send's time.
  expect(refused.body.error.message).toBe(newerApprovedText(newer.body.submission.snapshot.takenAt, 'coordinator'));
  // The older one is still there to be returned, and what is published is the newer one.
  expect((await h.store.getSubmission(older.body.submission.id))?.status).toBe('submitted');
  const projects = await request(h.app).get('/api/oc4ids/projects');
  expect(projects.body.projects.map((p: { title: string }) => p.title)).toEqual(['Parque del Centro, segunda etapa']);
});

test("an upload keeps its file's name, without the official's folders or control characters", async () => {
  const sent = await uploadXlsx(h, await xlsxOf(projectWorkbook(PUBLISHERS[0], { title: 'Parque de marzo' })), 'C:\\Users\\juan\\Documentos\\obras\u0007 marzo.xlsx');
  expect(sent.status).toBe(201);
  expect(sent.body.submission.source).toMatchObject({ kind: 'xlsx', name: 'obras marzo.xlsx' });
});

test('an upload\'s long name is cut between characters, never inside an emoji', async () => {
  const send = async (name: string) => uploadXlsx(h, await xlsxOf(projectWorkbook(PUBLISHERS[0], { title: `Parque ${name.length}` })), name);
  const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  // 66 characters (126 UTF-16 units): `slice(0, 120)` kept half of the 60th emoji.
  const fits = `a${'🏗'.repeat(60)}.xlsx`;
  const kept = await send(fits);
  expect(kept.status).toBe(201);
  expect(kept.body.submission.source.name).toBe(fits);
  // Longer than 120 characters, an emoji at the cut: cut before it, with «…», as a spreadsheet's name is.
  const long = await send(`${'a'.repeat(119)}🏗 obras.xlsx`);
  expect(long.status).toBe(201);
  expect(long.body.submission.source.name).toBe(`${'a'.repeat(119)}…`);
  expect(loneSurrogate.test(long.body.submission.source.name)).toBe(false);
});

test('the inbox flags each send older than one already approved, with when that one was sent, reading only the approved send its implementer names', async () => {
  const list = async () => checkSubmissionListAnswer((await request(h.app).get('/api/submissions?status=submitted&limit=1000').set('Authorization', h.bearer('coordinadorA'))).body).submissions;
  const olders: string[] = [];
  for (const title of ['Mercado uno', 'Mercado dos', 'Mercado tres']) {
    olders.push((await upload(title)).body.submission.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const newer = await upload('Mercado cuatro');
  // Nothing approved after them yet: none is flagged.
  expect((await list()).filter((s) => olders.includes(s.id)).map((s) => s.newerApprovedAt)).toEqual([undefined, undefined, undefined]);
  expect((await approve(newer.body.submission.id)).status).toBe(200);
  // A year of the institution's sends published before these (straight into the store, as kept before the platform
  // named the latest approved one).
  for (let i = 0; i < 30; i++) {
    const at = new Date(Date.UTC(2025, 0, 1 + i)).toISOString();
    await h.store.createSubmission({ id: `publicada-${i}`, publisherId: 'mer', source: { kind: 'xlsx', fileId: `${i}`.padEnd(64, '0') }, status: 'published', history: [{ at, by: 'u-cap-mer', action: 'submitted' }], createdAt: at, updatedAt: at });
  }
  // Store reads made looking for the implementer's approved or published sends: the documents listed with those
  // statuses, and the sends read one by one. They were every one of its published sends, for each inbox shown.
  let reads = 0;
  const { listSubmissions, getSubmission } = h.store;
  h.store.listSubmissions = async (q) => {
    const page = await listSubmissions.call(h.store, q);
    if (q?.status === 'published' || q?.status === 'approved') reads += page.items.length;
    return page;
  };
  h.store.getSubmission = async (id) => { reads += 1; return getSubmission.call(h.store, id); };
  try {
    const inbox = await list();
    const flagged = inbox.filter((s) => olders.includes(s.id));
    expect(flagged.map((s) => s.newerApprovedAt)).toEqual(Array(3).fill(newer.body.submission.snapshot.takenAt));
    // The send its publisher names as its latest approved (Publisher.latestApproval), once per implementer shown.
    expect(reads).toBe(1);
  } finally {
    h.store.listSubmissions = listSubmissions;
    h.store.getSubmission = getSubmission;
  }
  // The latest approved send named is refused when approved (errors found): the sends are read again, and it is the
  // one published before it that counts.
  const newest = await upload('Mercado cinco');
  const registered = (await h.store.getPublisher('mer'))!;
  await h.store.putPublisher({ ...registered, projectIdPrefix: 'oc4ids-otro99' });
  expect((await approve(newest.body.submission.id)).status).toBe(422);
  await h.store.putPublisher({ ...(await h.store.getPublisher('mer'))!, projectIdPrefix: registered.projectIdPrefix });
  expect((await h.store.getPublisher('mer'))?.latestApproval?.submissionId).toBe(newest.body.submission.id);
  const again = await list();
  expect(again.filter((s) => olders.includes(s.id)).map((s) => s.newerApprovedAt)).toEqual(Array(3).fill(newer.body.submission.snapshot.takenAt));
  expect(again.find((s) => s.id === newest.body.submission.id)?.newerApprovedAt).toBeUndefined();
});

test.each([['newer', 'older'], ['older', 'newer']])('an older send approved together with a newer one never publishes over it: publications run %s first', async (first) => {
  // Both approved before either is published (two coordinators, or one clicking down the inbox): each claim passed
  // the older-send check, and the tasks run in any order (Cloud Tasks, a retried task).
  const tasks: PublicationTask[] = [];
  const q = await localHarness({ publicationQueue: { enqueue: async (task) => { tasks.push(task); } } });
  try {
    const send = async (title: string) => (await uploadXlsx(q, await xlsxOf(projectWorkbook(PUBLISHERS[0], { title })))).body.submission.id as string;
    const older = await send('Mercado, avance de marzo');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await send('Mercado, avance de abril');
    for (const id of [older, newer]) {
      expect((await request(q.app).post(`/api/submissions/${id}/approve`).set('Authorization', q.bearer('coordinadorA'))).status).toBe(202);
    }
    const run = (id: string) => runPublicationTask({ store: q.store, baseUrl: BASE_URL, now: () => new Date(), log: () => {}, openSource: () => { throw new Error('uploads read their snapshot'); } }, tasks.find((t) => t.submissionId === id)!);
    for (const id of first === 'newer' ? [newer, older] : [older, newer]) await run(id);
    expect((await q.store.getSubmission(newer))?.status).toBe('published');
    const projects = await request(q.app).get('/api/oc4ids/projects');
    expect(projects.body.projects.map((p: { title: string }) => p.title)).toEqual(['Mercado, avance de abril']);
    // Refused either way: run first, it would only be published over at once (the claim refuses it the same way).
    const refused = await q.store.getSubmission(older);
    expect(refused?.status).toBe('failed');
    expect(refused?.history.at(-1)?.comment).toMatch(/^No se puede aprobar este envío: ya se aprobó uno más reciente de esta institución \(enviado el .*\), y este publicaría encima datos anteriores/);
    // And it stays refused: approving it again is the 409 of a send older than one approved.
    expect((await request(q.app).post(`/api/submissions/${older}/approve`).set('Authorization', q.bearer('coordinadorA'))).body.error?.code).toBe('superseded');
  } finally {
    await q.close();
  }
});
