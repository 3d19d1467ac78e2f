/**
 * A browser app on another site reads the API as the Fetch standard lets it: the data with its ETag, the Spanish
 * error of a 404 on any path, and a preflight for a revalidating GET (`If-None-Match`); writes get no preflight.
 */
import request from 'supertest';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import type { Express } from 'express';

let store: Store;
let app: Express;
beforeAll(() => {
  store = openSqliteStore(':memory:');
  app = createApp({ store, config: { publicBaseUrl: 'http://127.0.0.1:8080', maxBodyBytes: 1024 * 1024 }, log: () => undefined });
});
afterAll(async () => { await store.close(); });

const ORIGIN = 'http://127.0.0.1:18301';

test('data and refusals are readable from another origin, ETag included', async () => {
  const data = await request(app).get('/api/publishers').set('Origin', ORIGIN);
  expect(data.status).toBe(200);
  expect(data.headers['access-control-allow-origin']).toBe('*');
  expect(data.headers['access-control-expose-headers']).toContain('ETag');
  // And a listing's next page (`Link: <…>; rel="next"`), which a browser hides from the page unless exposed.
  expect(data.headers['access-control-expose-headers']).toMatch(/\bLink\b/);
  for (const path of ['/api/nope', '/api/bulk/nope.json', '/api/ocds/records/nope']) {
    const missing = await request(app).get(path).set('Origin', ORIGIN);
    expect([path, missing.status, missing.headers['access-control-allow-origin']]).toEqual([path, 404, '*']);
    expect(missing.body.error.message).toMatch(/^No (se encontró|existe)/);
  }
});

test('a preflight for a revalidating GET is allowed; one for a write is not', async () => {
  const get = await request(app).options('/api/ocds/releases').set('Origin', ORIGIN).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'if-none-match');
  expect(get.status).toBe(204);
  expect(get.headers['access-control-allow-headers']).toContain('If-None-Match');
  expect(get.headers['access-control-allow-methods']).toBe('GET, HEAD');
  // A page resuming a bulk download asks for the rest of the file it has, and reads which part came.
  const resume = await request(app).options('/api/bulk/releases.json').set('Origin', ORIGIN).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'range, if-range');
  expect(resume.headers['access-control-allow-headers']).toContain('If-Range');
  expect((await request(app).get('/api/publishers').set('Origin', ORIGIN)).headers['access-control-expose-headers']).toContain('Content-Range');
  const post = await request(app).options('/api/submissions').set('Origin', ORIGIN).set('Access-Control-Request-Method', 'POST');
  expect(post.headers['access-control-allow-origin']).toBeUndefined();
});

/** The Fetch standard's CORS-preflight check: every header the request adds must be named (case-insensitive) in the answer. */
function browserSends(preflight: request.Response, headers: string[]): boolean {
  const allowed = String(preflight.headers['access-control-allow-headers'] ?? '').split(',').map((h) => h.trim().toLowerCase());
  return preflight.status === 204 && preflight.headers['access-control-allow-origin'] === '*' && headers.every((h) => allowed.includes(h) || allowed.includes('*'));
}

// A browser notebook that reads past its cache sends `Cache-Control: no-cache` (and `Pragma`); HTTP libraries send
// Accept and Content-Type on every request. The browser refused the preflight and the page saw «Failed to fetch».
test.each([
  [['cache-control']], [['pragma', 'cache-control']], [['accept']], [['content-type']], [['cache-control', 'if-none-match']], [['range', 'if-range', 'cache-control']],
])('a cross-origin read may add %j', async (headers) => {
  const preflight = await request(app).options('/api/ocds/releases').set('Origin', ORIGIN).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', headers.join(','));
  expect(browserSends(preflight, headers)).toBe(true);
});

test('Authorization is still not allowed from another origin: reads there are public, without a session', async () => {
  const preflight = await request(app).options('/api/submissions').set('Origin', ORIGIN).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'authorization');
  expect(browserSends(preflight, ['authorization'])).toBe(false);
});
