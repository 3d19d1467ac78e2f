/**
 * A dashboard page's address without its `#` (a shared link that lost it) is sent to the page; real 404s, files and
 * the API are left as they were. On the real app, SQLite store, with a dashboard folder of its own.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';

let store: Store;
let app: Express;
let dashboardDir: string;

beforeAll(() => {
  store = openSqliteStore(':memory:');
  dashboardDir = fs.mkdtempSync(path.join(os.tmpdir(), 'addresses-'));
  fs.writeFileSync(path.join(dashboardDir, 'index.html'), '<!doctype html><title>tablero</title>');
  fs.writeFileSync(path.join(dashboardDir, 'app.js'), 'void 0;\n');
  app = createApp({ store, config: { publicBaseUrl: 'http://127.0.0.1:8080', maxBodyBytes: 1024 * 1024 }, log: () => undefined, dashboardDir });
});
afterAll(async () => { await store.close(); fs.rmSync(dashboardDir, { recursive: true, force: true }); });

describe('a dashboard address without its #', () => {
  test.each([
    ['/proyecto/oc4ids-mid001-MID-2024-001?state=Yucat%C3%A1n', '/#/proyecto/oc4ids-mid001-MID-2024-001?state=Yucat%C3%A1n'],
    ['/proyectos', '/#/proyectos'],
    ['/proyectos/', '/#/proyectos'],
    ['/contratista/nombre%3AConstructora%20del%20Sur', '/#/contratista/nombre%3AConstructora%20del%20Sur'],
    ['/revision/abc123', '/#/revision/abc123'],
    ['/seguimiento?state=Jalisco&orden=situacion', '/#/seguimiento?state=Jalisco&orden=situacion'],
  ])('%s goes to the page %s', async (from, to) => {
    const res = await request(app).get(from).expect(302);
    expect(res.headers.location).toBe(to);
  });

  it('is answered in Spanish, not with Express\'s «Found. Redirecting to …» (what curl or a reader of the raw answer sees)', async () => {
    for (const accept of ['*/*', 'text/html']) {
      const res = await request(app).get('/contratacion/ocds-abc%2F1?state=Yucat%C3%A1n').set('Accept', accept).expect(302);
      expect([res.headers.location, res.headers['content-language'], res.headers['content-type']]).toEqual(['/#/contratacion/ocds-abc%2F1?state=Yucat%C3%A1n', 'es-MX', 'text/plain; charset=utf-8']);
      expect(res.text).toBe('Esta página del tablero está en /#/contratacion/ocds-abc%2F1?state=Yucat%C3%A1n; su navegador la abrirá enseguida.\n');
    }
    expect((await request(app).head('/proyectos').expect(302)).text).toBeUndefined();
  });

  test.each([
    '/proyectos/algo', '/proyecto/a/b', '/no-existe', '/acerca/mas', '//proyectos', '/Proyectos',
  ])('%s is still «Página no encontrada»', async (from) => {
    const res = await request(app).get(from).set('Accept', 'text/html').expect(404);
    expect(res.text).toContain('Página no encontrada');
  });

  test('the API, the files and other methods are left alone', async () => {
    expect((await request(app).get('/api/proyectos').expect(404)).body.error.code).toBeDefined();
    await request(app).get('/app.js').expect(200);
    await request(app).get('/').expect(200);
    await request(app).post('/proyectos').expect(404);
  });
});
