/**
 * A coordinator's inbox spans publishers and is filtered to its state after the store's page is read: a page of
 * everyone's submissions held none of theirs, and the dashboard showed an empty inbox. Pages are read until `limit`
 * of the coordinator's are found, and `links.next` continues right after the last one given.
 */
import request from 'supertest';
import type { Submission } from '../../functions/src/store/store';
import { localHarness, type LocalHarness } from './workflow-harness';

let h: LocalHarness;
beforeAll(async () => { h = await localHarness(); });
afterAll(async () => { await h.close(); });

const submission = (id: string, publisherId: string, minute: number): Submission => {
  const at = new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
  return { id, publisherId, source: { kind: 'sheets', spreadsheetId: `1Sheet${id}AbCdEfGhIjKlMnOp` }, status: 'submitted', history: [{ at, by: 'u-cap-mty', action: 'submit' }], createdAt: at, updatedAt: at };
};

test('Yucatán\'s 3 submissions among 40 from Nuevo León: found in pages of 2, each once, none skipped', async () => {
  // Nuevo León first (older), then Yucatán's interleaved with more of Nuevo León's.
  const ids: string[] = [];
  for (let n = 0; n < 40; n++) await h.store.createSubmission(submission(`nl-${String(n).padStart(2, '0')}`, 'mty', n));
  for (const [n, minute] of [[1, 41], [2, 50], [3, 52]]) {
    await h.store.createSubmission(submission(`yuc-${n}`, 'mer', minute));
    ids.push(`yuc-${n}`);
  }
  await h.store.createSubmission(submission('nl-last', 'mty', 60));

  const seen: string[] = [];
  let url: string | undefined = '/api/submissions?status=submitted&limit=2';
  let pages = 0;
  while (url) {
    const res: request.Response = await request(h.app).get(url).set('Authorization', h.bearer('coordinadorA')).expect(200);
    pages++;
    seen.push(...(res.body.submissions as { id: string }[]).map((s) => s.id));
    const next = (res.body.links as { next?: string }).next;
    url = next ? `/api/submissions?${new URL(next).searchParams.toString()}` : undefined;
  }
  expect(seen).toEqual(ids);
  // The first page is full (two of Yucatán's), the next holds the third.
  expect(pages).toBeLessThanOrEqual(3);
});

test('order=newest: the same sends from the latest back, in pages of 2, each once; past the pages a reader follows, the oldest are the ones left out', async () => {
  // The submissions of the test above: Yucatán's 3 among Nuevo León's.
  const seen: string[] = [];
  let url: string | undefined = '/api/submissions?status=submitted&limit=2&order=newest';
  let first: string[] | undefined;
  while (url) {
    const res: request.Response = await request(h.app).get(url).set('Authorization', h.bearer('coordinadorA')).expect(200);
    const ids = (res.body.submissions as { id: string }[]).map((s) => s.id);
    first ??= ids;
    seen.push(...ids);
    const next = (res.body.links as { next?: string }).next;
    url = next ? `/api/submissions?${new URL(next).searchParams.toString()}` : undefined;
  }
  expect(seen).toEqual(['yuc-3', 'yuc-2', 'yuc-1']);
  expect(first).toEqual(['yuc-3', 'yuc-2']);
  // An official's own: the newest first as well.
  const own = await request(h.app).get('/api/submissions?limit=1&order=newest').set('Authorization', h.bearer('capturistaB')).expect(200);
  expect((own.body.submissions as { id: string }[]).map((s) => s.id)).toEqual(['nl-last']);
  const wrong = await request(h.app).get('/api/submissions?order=reciente').set('Authorization', h.bearer('coordinadorA')).expect(400);
  expect(wrong.body.error.code).toBe('invalid-order');
});

// A cursor of one order resumed the other from its place (the newest-first cursor, in the oldest-first listing,
// went on from there to the newest): each filter's or order's cursor serves only its own query.
test('a cursor of another filter or order is refused in Spanish, not resumed; the audit log\'s and its public chain\'s too', async () => {
  const nextOf = async (url: string): Promise<string> => new URL((await request(h.app).get(url).set('Authorization', h.bearer('coordinadorA')).expect(200)).body.links.next as string).searchParams.get('after') as string;
  const newest = await nextOf('/api/submissions?status=submitted&limit=1&order=newest');
  for (const url of ['/api/submissions?status=submitted&limit=1', '/api/submissions?status=approved&limit=1&order=newest', '/api/audit?limit=1']) {
    const res = await request(h.app).get(`${url}&after=${newest}`).set('Authorization', h.bearer('coordinadorA'));
    expect({ url, status: res.status, code: res.body.error?.code }).toEqual({ url, status: 400, code: 'invalid-cursor' });
    expect(res.body.error.message).toContain('es de otra consulta');
  }
  // The same query with another page size: resumed.
  await request(h.app).get(`/api/submissions?status=submitted&limit=2&order=newest&after=${newest}`).set('Authorization', h.bearer('coordinadorA')).expect(200);
  const audit = await nextOf('/api/audit?limit=1');
  expect((await request(h.app).get(`/api/audit/chain?after=${audit}`).expect(400)).body.error.code).toBe('invalid-cursor');
});
