/**
 * A server started before `npm run build:dashboard` (or `npx infra-abierta serve` without `npm run build`): its
 * start-up log and `/` say the dashboard is not built and how to build it, and once it is built it is served at
 * `/` without a restart (the folder was looked at once, at start: «Página no encontrada» until restarted).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfig } from '../functions/src/config';
import { startLocalServer } from '../functions/src/server/local-server';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tablero-despues-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test('dashboard built after the server started: said at start and at /, then served without a restart', async () => {
  const env = { METADATA_SERVER_DETECTION: 'none', INFRA_SQLITE: ':memory:', PORT: '0', HOST: '127.0.0.1' };
  const logged: string[] = [];
  const server = await startLocalServer(loadConfig(env), { root, seed: false, env, log: (m) => logged.push(m) });
  try {
    const dist = path.join(root, 'dashboard', 'dist');
    expect(logged).toContain(`Aviso: el tablero no está compilado (falta ${dist}). Ejecute «npm run build:dashboard»: el servidor lo sirve en cuanto termina, sin reiniciar; mientras tanto «/» lo dice.`);
    const before = await fetch(server.url);
    expect([before.status, before.headers.get('cache-control')]).toEqual([503, 'no-store']);
    expect(await before.text()).toContain('Quien lo administra debe ejecutar <code>npm run build:dashboard</code>');
    // Other addresses keep their Spanish «not found», and the API its answers. (`/proyectos` is a page's address
    // without its #, sent to `/#/proyectos`: dashboard-addresses.ts.)
    expect((await fetch(`${server.url}proyectos/algo`)).status).toBe(404);
    expect((await fetch(`${server.url}api/publishers`)).status).toBe(200);

    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Tablero</title>');
    const after = await fetch(server.url);
    expect([after.status, await after.text()]).toEqual([200, '<!doctype html><title>Tablero</title>']);
  } finally {
    await server.close();
  }
});
