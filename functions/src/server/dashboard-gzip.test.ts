/**
 * The self-hosted server sends the dashboard's files gzipped to a browser that takes it (they went as they are: a
 * phone downloaded app.js's 212 KB where 70 KB do), the same bytes once decoded, with their own ETag answered 304;
 * a client that does not take gzip gets the file as it is, and a dashboard built again is served at once. On the
 * real app, SQLite store, with a dashboard folder of its own.
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';

let store: Store;
let app: Express;
let server: http.Server;
let dir: string;
const SCRIPT = `${'const x = "tablero";\n'.repeat(2000)}`;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-gzip-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>tablero</title>');
  fs.writeFileSync(path.join(dir, 'app.js'), SCRIPT);
  app = createApp({ store, config: { publicBaseUrl: 'http://127.0.0.1:8080', maxBodyBytes: 1024 * 1024 }, log: () => undefined, dashboardDir: dir });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The answer's bytes as they came over the wire (supertest would decode them). */
function get(url: string, encoding: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: url, headers: { 'Accept-Encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('a browser gets app.js gzipped, the same bytes once decoded, cacheable, and 304 for its ETag', async () => {
  const res = await get('/app.js', 'gzip, deflate, br');
  expect(res.status).toBe(200);
  expect(res.headers['content-encoding']).toBe('gzip');
  expect(res.headers['content-type']).toMatch(/^application\/javascript|^text\/javascript/);
  expect(res.headers.vary).toMatch(/Accept-Encoding/i);
  expect(res.headers['cache-control']).toBe('public, max-age=300');
  const sent = res.body;
  expect(sent.length).toBeLessThan(SCRIPT.length / 10);
  expect(gunzipSync(sent).toString('utf8')).toBe(SCRIPT);
  // The security headers every answer carries (api/security-headers.ts).
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  await request(app).get('/app.js').set('Accept-Encoding', 'gzip').set('If-None-Match', res.headers.etag as string).expect(304);
});

test('the page at / too; a client that takes no gzip gets the file as it is, told it varies', async () => {
  const page = await get('/', 'gzip');
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  expect(gunzipSync(page.body).toString('utf8')).toContain('<title>tablero</title>');
  const plain = await get('/app.js', 'identity');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.toString('utf8')).toBe(SCRIPT);
  expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
  expect(plain.headers.etag).not.toBe((await get('/app.js', 'gzip')).headers.etag);
});

test('a dashboard built again is sent as built, and a file that is not there is still «no encontrada»', async () => {
  const first = await get('/app.js', 'gzip');
  const rebuilt = `${SCRIPT}// otra versión\n`;
  fs.writeFileSync(path.join(dir, 'app.js'), rebuilt);
  fs.utimesSync(path.join(dir, 'app.js'), new Date(), new Date(Date.now() + 5000));
  const again = await get('/app.js', 'gzip');
  expect(gunzipSync(again.body).toString('utf8')).toBe(rebuilt);
  expect(again.headers.etag).not.toBe(first.headers.etag);
  await request(app).get('/no-existe.js').set('Accept-Encoding', 'gzip').set('Accept', 'text/html').expect(404);
});

// index.html names its script and styles by the build's hash, and the outlines' file carries its own: under those
// addresses the bytes never change, and a visit after five minutes asked again for each (a round trip more on a
// phone's line). Under another hash (a page still open from before a rebuild) they are the usual five minutes.
test('the script, styles and outlines the served index.html names by its hash are kept a year, gzipped or not; under another hash or none, five minutes', async () => {
  const page = path.join(dir, 'index.html');
  const before = fs.readFileSync(page, 'utf8');
  fs.writeFileSync(path.join(dir, 'app.css'), 'main{color:#222}');
  fs.writeFileSync(path.join(dir, 'mapa-0123456789ab.json'), '{"viewBox":"0 0 1 1"}');
  const built = (hash: string, at: number): void => {
    fs.writeFileSync(page, `<!doctype html><link rel="stylesheet" href="app.css?v=${hash}"><script src="app.js?v=${hash}" defer></script>`);
    fs.utimesSync(page, new Date(), new Date(at));
  };
  const cache = async (url: string, encoding = 'gzip'): Promise<unknown> => (await get(url, encoding)).headers['cache-control'];
  try {
    built('aaaaaaaaaaaa', Date.now() + 10_000);
    const year = 'public, max-age=31536000, immutable';
    expect([await cache('/app.js?v=aaaaaaaaaaaa'), await cache('/app.js?v=aaaaaaaaaaaa', 'identity'), await cache('/app.css?v=aaaaaaaaaaaa'), await cache('/mapa-0123456789ab.json')]).toEqual([year, year, year, year]);
    expect([await cache('/app.js'), await cache('/app.js?v=bbbbbbbbbbbb', 'identity'), await cache('/'), await cache('/index.html', 'identity')]).toEqual(Array(4).fill('public, max-age=300'));
    // Built again: the old hash is no longer this build's.
    built('bbbbbbbbbbbb', Date.now() + 20_000);
    expect([await cache('/app.js?v=aaaaaaaaaaaa'), await cache('/app.js?v=bbbbbbbbbbbb')]).toEqual(['public, max-age=300', year]);
  } finally {
    fs.writeFileSync(page, before);
  }
});
