/**
 * A send's body is read only for a signed-in caller (workflow-routes.ts `signedIn`): an anonymous request, or one with
 * a key that is not valid, is answered 401 before its .xlsx is buffered or its gzip inflated and parsed — whatever
 * its size (a small gzip body inflated to the values' limit, 160 MiB, and was parsed before its 401). Over a real
 * socket, as the add-on's gzip travels.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as zlib from 'zlib';
import { WORKBOOK_JSON_MIME, XLSX_MIME } from '../../core/workflow/contract';
import { localHarness, type LocalHarness } from './workflow-harness';

let h: LocalHarness;
let server: http.Server;
let base: string;
beforeAll(async () => {
  h = await localHarness({ maxUploadBytes: 64 * 1024, maxValuesBytes: 128 * 1024 });
  server = http.createServer(h.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await h.close();
});

interface Answer { status: number; body: { error?: { code: string; message: string } } }

function post(path: string, body: Buffer, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: 'POST', headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8') || 'null') as Answer['body'] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A gzip body that inflates past the values' limit (1 MiB of JSON; the limit here is 128 KiB). */
const bomb = zlib.gzipSync(Buffer.from(`{"workbook":"${'a'.repeat(1024 * 1024)}"}`));
const GZIP = { 'Content-Type': WORKBOOK_JSON_MIME, 'Content-Encoding': 'gzip' };
const CALLERS = [['anonymous', {}], ['a key that is not valid', { Authorization: 'Bearer ia_0000000000000000000000000000000000000000' }]] as const;

test.each(CALLERS)('%s: 401 before an upload over the limit is read', async (_who, auth) => {
  const res = await post('/api/submissions?publisher=mer', Buffer.alloc(100 * 1024, 1), { ...auth, 'Content-Type': XLSX_MIME });
  expect(res.status).toBe(401);
  expect(res.body.error?.message).toMatch(/sesión|clave de acceso/);
});

test.each(CALLERS)('%s: 401 before a gzip body is inflated (a send and a comparison)', async (_who, auth) => {
  expect(bomb.length).toBeLessThan(64 * 1024);
  for (const path of ['/api/submissions', '/api/submissions/cualquiera/compare']) {
    const res = await post(path, bomb, { ...auth, ...GZIP });
    expect(res.status).toBe(401);
  }
});

test('signed in, the same body is read and refused for its size, in Spanish', async () => {
  const res = await post('/api/submissions', bomb, { Authorization: h.bearer('capturistaA'), ...GZIP });
  expect(res.status).toBe(413);
  expect(res.body.error?.message).toMatch(/^Los datos del libro enviados desde Google Sheets ocupan más de/);
});
