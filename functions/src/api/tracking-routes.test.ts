/**
 * `/api/tracking` (the public control board) over a real SQLite store: per publisher its commitment, what it has
 * published, what it still lacks (*Pendientes*), its approved and pending submissions and its stages — counted with one listing per status across all
 * publishers, however many publishers there are (at national scale the old per-publisher queries were thousands
 * per request, one after another).
 */
import request from 'supertest';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Publisher, Store, Submission, SubmissionStatus } from '../store/store';
import { publishExamples } from '../../../test/example-workbooks';
import type { TrackingRow } from './tracking-routes';

const BASE = 'http://127.0.0.1:8080';
let store: Store;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  await publishExamples(store, BASE);
});
afterAll(async () => { await store.close(); });

const submission = (id: string, publisherId: string, status: SubmissionStatus): Submission => ({
  id, publisherId, status, source: { kind: 'sheets', spreadsheetId: `hoja-${id}` },
  history: [{ at: '2025-07-01T00:00:00Z', by: 'u1', action: 'create' }], createdAt: '2025-07-01T00:00:00Z', updatedAt: '2025-07-01T00:00:00Z',
});

it('counts each publisher\'s approved (and published) and pending submissions (in review or failed), with four listings in all', async () => {
  const statuses: [string, SubmissionStatus][] = [['merida', 'approved'], ['merida', 'published'], ['merida', 'published'], ['merida', 'submitted'], ['merida', 'failed'], ['merida', 'returned'], ['nuevo-leon', 'submitted'], ['nuevo-leon', 'submitted'], ['nuevo-leon', 'draft']];
  // More than one page of published submissions (pages of 1,000) for one publisher.
  for (let i = 0; i < 1003; i++) statuses.push(['tuxtla-gutierrez', 'published']);
  await Promise.all(statuses.map(([publisherId, status], i) => store.createSubmission(submission(`s${String(i).padStart(4, '0')}`, publisherId, status))));
  const newcomer: Publisher = { ...(await store.getPublisher('merida'))!, id: 'campeche', name: 'Municipio de Campeche', state: 'Campeche', stages: { 'E.1': '2025-01-10' } };
  await store.putPublisher(newcomer);

  const calls: string[] = [];
  const counted: Store = {
    ...store,
    listSubmissions: (q) => { calls.push(`listSubmissions ${q?.publisherId ?? '*'} ${q?.status ?? '*'}`); return store.listSubmissions(q); },
    getCurrent: (id) => { calls.push(`getCurrent ${id}`); return store.getCurrent(id); },
    getIndex: (id) => { calls.push(`getIndex ${id}`); return store.getIndex(id); },
  };
  const app = createApp({ store: counted, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined, now: () => new Date('2025-07-11T18:00:00Z') });
  const rows = ((await request(app).get('/api/tracking').expect(200)).body as { publishers: TrackingRow[] }).publishers;
  const row = (id: string): TrackingRow => rows.find((r) => r.publisherId === id)!;
  expect(calls.filter((c) => c.startsWith('getIndex'))).toEqual([]);

  expect(rows.map((r) => r.publisherId).sort()).toEqual(['campeche', 'merida', 'nuevo-leon', 'tuxtla-gutierrez']);
  // Pending: the send in review and the one whose publication failed, both in the coordinators' inbox («Por decidir»).
  expect([row('merida').approved, row('merida').pendingReview]).toEqual([3, 2]);
  expect([row('nuevo-leon').approved, row('nuevo-leon').pendingReview]).toEqual([0, 2]);
  expect([row('tuxtla-gutierrez').approved, row('tuxtla-gutierrez').pendingReview]).toEqual([1003, 0]);
  // Registered, nothing published or sent yet: zeros, no dates, its stages.
  expect(row('campeche')).toMatchObject({ published: 0, approved: 0, pendingReview: 0, lastPublishedAt: null, daysSinceUpdate: null, stages: { 'E.1': '2025-01-10' } });
  const merida = await store.getCurrent('merida');
  expect(row('merida')).toMatchObject({ published: merida!.counts.projects, lastPublishedAt: merida!.createdAt, daysSinceUpdate: 10 });

  // What each one's publication still lacks, as many as its «Pendientes por completar» lists of each kind, kept with
  // the publication: no index read. Nothing published: not counted.
  for (const id of ['merida', 'nuevo-leon', 'tuxtla-gutierrez']) {
    const listed = ((await request(app).get(`/api/pending/${id}`).expect(200)).body as { rows: { kind: string }[] }).rows;
    expect(row(id).pending).toEqual({ points: listed.filter((r) => r.kind === 'project').length, documents: listed.filter((r) => r.kind === 'process').length });
  }
  expect(row('merida').pending!.points + row('merida').pending!.documents).toBeGreaterThan(0);
  expect(row('campeche').pending).toBeNull();

  // Four listings across publishers (one of two pages), none per publisher.
  expect(calls.filter((c) => c.startsWith('listSubmissions')).sort()).toEqual(['listSubmissions * approved', 'listSubmissions * failed', 'listSubmissions * published', 'listSubmissions * published', 'listSubmissions * submitted']);
  expect(calls.filter((c) => c.startsWith('getCurrent')).length).toBeLessThanOrEqual(4);
});

it('shows no count for a publication written before it was kept, or judged by an earlier version: its list still judges it', async () => {
  const current = (await store.getCurrent('merida'))!;
  const older: Store = { ...store, getCurrent: async (id) => {
    const p = await store.getCurrent(id);
    if (!p) return p;
    if (id === 'merida') { const { pending: _, ...counts } = p.counts; return { ...p, counts }; }
    return id === 'nuevo-leon' ? { ...p, counts: { ...p.counts, pending: { ...p.counts.pending!, version: 1 } } } : p;
  } };
  const app = createApp({ store: older, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined, now: () => new Date('2025-07-11T18:00:00Z') });
  const rows = ((await request(app).get('/api/tracking').expect(200)).body as { publishers: TrackingRow[] }).publishers;
  expect(rows.find((r) => r.publisherId === 'merida')).toMatchObject({ pending: null, lastPublishedAt: current.createdAt });
  expect(rows.find((r) => r.publisherId === 'nuevo-leon')!.pending).toBeNull();
  expect(rows.find((r) => r.publisherId === 'tuxtla-gutierrez')!.pending).not.toBeNull();
});
