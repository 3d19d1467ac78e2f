/**
 * The add-on build's configuration (addon/README.md): a wrong address is refused in Spanish naming where it came
 * from; `--publicar` (push:addon) refuses the placeholder, which Apps Script's urlFetchWhitelist would leave unable to
 * reach any server.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadAddonConfig } from './build-addon';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'addon-config-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('names where a wrong address came from, in Spanish', () => {
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify({ backendUrl: 'datos.tamaulipas.gob.mx' }));
  expect(() => loadAddonConfig({}, file)).toThrow(`La dirección del servidor («backendUrl» de ${file}) debe empezar con https://; dice «datos.tamaulipas.gob.mx».`);
  expect(() => loadAddonConfig({ ADDON_BACKEND_URL: 'http://x.mx' }, file)).toThrow('(la variable ADDON_BACKEND_URL) debe empezar con https://');
  fs.writeFileSync(file, '{"backendUrl": "https://x.mx",}');
  expect(() => loadAddonConfig({}, file)).toThrow(/no es JSON válido/);
  fs.writeFileSync(file, JSON.stringify({ backendUrl: 'https://datos.tamaulipas.gob.mx/' }));
  expect(loadAddonConfig({}, file)).toEqual({ backendUrl: 'https://datos.tamaulipas.gob.mx', serviceAccount: null });
});

test('build:addon -- --publicar refuses the placeholder address, without a stack trace', () => {
  // Run from a copy of nothing but the environment: no ADDON_BACKEND_URL, and the repository's addon/config.json (absent in CI).
  if (fs.existsSync(path.join(__dirname, '..', 'addon', 'config.json'))) return;
  const env = { ...process.env, ADDON_BACKEND_URL: '' };
  let out = '';
  try {
    execFileSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(__dirname, 'build-addon.ts'), '--publicar'], { env, stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    out = String((e as { stderr: string }).stderr);
  }
  expect(out).toMatch(/^No se publica: sin ADDON_BACKEND_URL ni addon\/config.json/);
  expect(out).not.toMatch(/\n\s+at /);
}, 60_000);
