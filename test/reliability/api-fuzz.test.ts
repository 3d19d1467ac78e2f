/**
 * The API never answers 5xx to what a client sends (Reliability issue §2): random paths, queries, methods,
 * cursors, ids and bodies (malformed JSON, oversized, wrong types) over the whole app — public routes, bulk,
 * workflow — on published example data. Every 4xx is JSON `{error: {code, message}}` with a Spanish message.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../functions/src/app';
import { apiTokenAuthenticator } from '../../functions/src/auth/api-token-authenticator';
import { issueToken } from '../../functions/src/auth/api-tokens';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import type { Store } from '../../functions/src/store/store';
import { publish } from '../../functions/src/publication/publish';
import { directoryUploads } from '../../functions/src/workflow/upload-store';
import { workflowRoutes } from '../../functions/src/workflow/workflow-routes';
import { MAX_JSON_BODY_BYTES } from '../../functions/src/api/request-limits';
import { exampleWorkbook, publisherOf } from '../example-workbooks';

const SPANISH = /[áéíóúñ¿¡«»]|\b(el|la|los|las|de|no|una?|es)\b/i;

let app: Express;
let store: Store;
let token: string;
let uploads: string;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  const workbook = await exampleWorkbook('merida');
  const publisher = publisherOf('merida', workbook);
  await store.putPublisher(publisher);
  await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: 'http://api.test' });
  const issued = issueToken();
  token = issued.token;
  await store.putUser({ id: 'u-admin', email: 'admin@x.mx', role: 'admin', tokenHash: issued.hash });
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'api-fuzz-'));
  const routes = workflowRoutes({
    store, authenticator: apiTokenAuthenticator(store), baseUrl: 'http://api.test', uploads: directoryUploads(uploads),
    maxUploadBytes: 256 * 1024, log: () => {}, rateLimits: { perToken: { limit: 1e6, windowMs: 60_000 }, perIp: { limit: 1e6, windowMs: 60_000 } },
  });
  app = createApp({ store, config: { publicBaseUrl: 'http://api.test', maxBodyBytes: 256 * 1024 }, log: () => {}, extraApi: [routes] });
});
afterAll(async () => { await store.close(); fs.rmSync(uploads, { recursive: true, force: true }); });

function expectClientError(res: request.Response, method: string): void {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400 && method !== 'HEAD') {
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(typeof res.body.error?.code).toBe('string');
    expect(res.body.error.message).toMatch(SPANISH);
  }
}

const SEGMENTS = ['api', 'ocds', 'oc4ids', 'releases', 'records', 'projects', 'publishers', 'stats', 'bulk', 'submissions', 'audit', 'approve', 'return',
  'releases.json', 'datos.xlsx', 'records.jsonl', 'nada.zip', 'ocds-mid001-MID-OP-2024-001', 'oc4ids-mid001-0001', 'merida', '..', '.', '%00', '%E0%A4%A',
  '%2F', '%25', '__proto__', 'constructor', '<script>', 'ñ', '💥', ' ', 'x'.repeat(3000)];
const KEYS = ['publisher', 'limit', 'after', 'ocid', 'releaseID', 'status', 'spreadsheetId', '__proto__', 'limit[]', 'after[a]'];
const VALUES = ['', '0', '-1', '1', '1000', '1001', '1e3', '2.5', 'NaN', 'merida', 'nadie', 'eyJwIjotMX0', 'eyJwIjoxLCJjIjp7fX0', 'eyJwIjo5OTl9', Buffer.from('{"p":0,"c":"zzz"}').toString('base64url'),
  '%', '%%', '<img src=x>', "' OR 1=1 --", 'a'.repeat(5000), 'ocds-mid001-MID-OP-2024-001'];

const pathArb = fc.array(fc.oneof(fc.constantFrom(...SEGMENTS), fc.string({ maxLength: 12 }).map(encodeURIComponent)), { minLength: 1, maxLength: 5 })
  .map((segs) => `/${segs[0] === 'api' ? '' : 'api/'}${segs.join('/')}`);
const queryArb = fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 20 }))), { maxLength: 4 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

describe('random requests never get a 5xx', () => {
  test('GET/HEAD/odd methods over random paths and queries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'), pathArb, queryArb, fc.boolean(), async (method, p, q, auth) => {
        let req = request(app)[method.toLowerCase() as 'get'](`${p}${q ? `?${q}` : ''}`);
        if (auth) req = req.set('Authorization', `Bearer ${token}`);
        expectClientError(await req, method);
      }),
      { numRuns: 300 },
    );
  });

  test('POST bodies: malformed JSON, wrong types, random JSON, to every POST route', async () => {
    const body = fc.oneof(
      fc.constantFrom('{', '{"spreadsheetId":', 'null', '[]', '"x"', '1', '{"__proto__":{"admin":true}}', '\u0000', '{"comment":' + '"a"'.repeat(10) + '}'),
      fc.json().map((j) => j),
      fc.string({ maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/submissions', '/api/submissions/nada/approve', '/api/submissions/nada/return', '/api/ocds/releases', '/api/nada'),
        body, fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), fc.boolean(),
        async (p, b, type, auth) => {
          let req = request(app).post(p).set('Content-Type', type);
          if (auth) req = req.set('Authorization', `Bearer ${token}`);
          expectClientError(await req.send(b), 'POST');
        }),
      { numRuns: 200 },
    );
  });
});

describe('specific hostile requests', () => {
  test('an oversized JSON body is 413 in Spanish; an oversized upload too', async () => {
    const big = JSON.stringify({ comment: 'a'.repeat(MAX_JSON_BODY_BYTES) });
    const json = await request(app).post('/api/submissions/x/return').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(big);
    expect(json.status).toBe(413);
    expect(json.body.error).toEqual({ code: 'too-large', message: 'La solicitud es demasiado grande.' });
    const upload = await request(app).post('/api/submissions?publisher=merida').set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.alloc(300 * 1024, 1));
    expect(upload.status).toBe(413);
  });

  test('malformed JSON, bad cursors, unknown ids, odd methods', async () => {
    const malformed = await request(app).post('/api/submissions').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send('{"spreadsheetId": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid-json');
    const cursor = await request(app).get('/api/ocds/releases?after=bm8tZXMtdW4tY3Vyc29y');
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.message).toMatch(/«after» no es válido/);
    expect((await request(app).get('/api/ocds/records/ocds-mid001-NO-EXISTE')).status).toBe(404);
    expect((await request(app).get('/api/oc4ids/projects/oc4ids-zzz-1')).status).toBe(404);
    // A read-only address names the methods it takes (read-only-methods.ts); the rest of the API, those it uses.
    const odd = await request(app).delete('/api/ocds/releases');
    expect(odd.status).toBe(405);
    expect(odd.headers.allow).toBe('GET, HEAD');
    expect(odd.body.error.message).toMatch(/no acepta el método DELETE/);
    const oddWrite = await request(app).delete('/api/submissions');
    expect(oddWrite.status).toBe(405);
    expect(oddWrite.headers.allow).toMatch(/^GET, HEAD, POST/);
    expect(oddWrite.body.error.message).toMatch(/no acepta el método DELETE/);
    const badPercent = await request(app).get('/api/ocds/records/%E0%A4%A');
    expect(badPercent.status).toBe(400);
    expect(badPercent.body.error.message).toMatch(SPANISH);
    const outside = await request(app).get('/no-existe');
    expect(outside.status).toBe(404);
  });
});
