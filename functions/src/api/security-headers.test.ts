/**
 * Security headers (issue 13 item 5) on every kind of answer of the real app: API JSON, dashboard pages and
 * assets, refusals (404, 405, 400) and internal errors; the header CSP is the dashboard's `<meta>` policy plus
 * `frame-ancestors 'none'`, and Firebase Hosting sends the same headers for the dashboard in the cloud.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import express, { type Express } from 'express';
import request from 'supertest';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import { SECURITY_HEADERS } from './security-headers';

const ROOT = path.resolve(__dirname, '../../..');
const INDEX_HTML = fs.readFileSync(path.join(ROOT, 'dashboard', 'src', 'index.html'), 'utf8');

let store: Store;
let app: Express;
let dashboardDir: string;

beforeAll(() => {
  store = openSqliteStore(':memory:');
  dashboardDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headers-'));
  fs.writeFileSync(path.join(dashboardDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(dashboardDir, 'app.js'), 'void 0;\n');
  const failing = express.Router().get('/falla', () => { throw new Error('SQLITE_IOERR: disk I/O error in table "submissions"'); });
  app = createApp({ store, config: { publicBaseUrl: 'http://127.0.0.1:8080', maxBodyBytes: 1024 * 1024 }, log: () => undefined, dashboardDir, extraApi: [failing] });
});
afterAll(async () => { await store.close(); fs.rmSync(dashboardDir, { recursive: true, force: true }); });

function expectSecurityHeaders(res: request.Response): void {
  expect(res.headers['content-security-policy']).toBe(SECURITY_HEADERS['Content-Security-Policy']);
  expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
}

describe('security headers on every answer', () => {
  test.each([
    ['API JSON', () => request(app).get('/api/publishers'), 200],
    ['dashboard page', () => request(app).get('/'), 200],
    ['dashboard asset', () => request(app).get('/app.js'), 200],
    ['unknown API path', () => request(app).get('/api/no-existe'), 404],
    ['method not allowed', () => request(app).delete('/api/publishers'), 405],
    ['malformed JSON', () => request(app).post('/api/submissions').set('Content-Type', 'application/json').send('{"a":'), 400],
    ['internal error', () => request(app).get('/api/falla'), 500],
  ])('%s', async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expectSecurityHeaders(res);
    if (status >= 400) expect(JSON.stringify(res.body)).not.toMatch(/SQLITE|submissions|Cannot|Error:/);
  });

  test('an unknown page: a Spanish 404 with the same headers, not express\'s English page and its own policy', async () => {
    const res = await request(app).get('/no-existe.html');
    expect(res.status).toBe(404);
    expectSecurityHeaders(res);
    expect(res.text).not.toMatch(/Cannot GET/);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('Página no encontrada');
    // A client that asks only for JSON gets the same answer as JSON.
    const json = await request(app).get('/no-existe.html').set('Accept', 'application/json');
    expect(json.status).toBe(404);
    expectSecurityHeaders(json);
    expect((json.body as { error: { message: string } }).error.message).toBe('No existe esa página.');
  });

  test('the header policy is the dashboard\'s <meta> policy, plus frame-ancestors', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(INDEX_HTML)?.[1];
    expect(meta).toBeDefined();
    const directives = (csp: string): string[] => csp.split(';').map((d) => d.trim()).filter(Boolean).sort();
    expect(directives(SECURITY_HEADERS['Content-Security-Policy'])).toEqual(directives(`${meta ?? ''}; frame-ancestors 'none'`));
  });

  test('Firebase Hosting sends the same headers for every dashboard file', () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'firebase.json'), 'utf8')) as { hosting: { headers: { source: string; headers: { key: string; value: string }[] }[] } };
    const all = config.hosting.headers.find((h) => h.source === '**');
    expect(Object.fromEntries((all?.headers ?? []).map((h) => [h.key, h.value]))).toEqual(SECURITY_HEADERS);
  });
});
