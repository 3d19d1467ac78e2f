/**
 * The add-on build's configuration (addon/README.md): a wrong address is refused in Spanish naming where it came
 * from; `--publicar` (push:addon) refuses the placeholder, which Apps Script's urlFetchWhitelist would leave unable to
 * reach any server.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { claspProblem, loadAddonConfig, PLACEHOLDER_SCRIPT_ID, publishProblem } from './build-addon';

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

test('an address ending in /api is refused (the add-on adds /api/… itself); a server under another prefix is kept', () => {
  const file = path.join(dir, 'absent.json');
  for (const url of ['https://datos.tamaulipas.gob.mx/api', 'https://datos.tamaulipas.gob.mx/api/', 'https://x.gob.mx/datos/API']) {
    expect(() => loadAddonConfig({ ADDON_BACKEND_URL: url }, file)).toThrow(`La dirección del servidor (la variable ADDON_BACKEND_URL) termina en /api: «${url.replace(/\/$/, '')}». Escriba la dirección de la plataforma sin /api (p. ej. ${url.replace(/\/?(api|API)\/?$/, '')})`);
  }
  const configFile = path.join(dir, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify({ backendUrl: 'https://datos.tamaulipas.gob.mx/api/' }));
  expect(() => loadAddonConfig({}, configFile)).toThrow(`(«backendUrl» de ${configFile}) termina en /api`);
  expect(loadAddonConfig({ ADDON_BACKEND_URL: 'https://x.gob.mx/datos' }, file).backendUrl).toBe('https://x.gob.mx/datos');
  expect(loadAddonConfig({ ADDON_BACKEND_URL: 'https://x.gob.mx/apis' }, file).backendUrl).toBe('https://x.gob.mx/apis');
});

test('build:addon -- --publicar refuses the placeholder address, without a stack trace', () => {
  // Run from a copy of nothing but the environment: no ADDON_BACKEND_URL, and the repository's addon/config.json (absent in CI).
  if (fs.existsSync(path.join(__dirname, '..', 'addon', 'config.json'))) return;
  const env = { ...process.env, ADDON_BACKEND_URL: '' };
  let out = '';
  try {
    execFileSync(process.execPath, ['-r', path.join(__dirname, 'register-ts.js'), path.join(__dirname, 'build-addon.ts'), '--publicar'], { env, stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    out = String((e as { stderr: string }).stderr);
  }
  expect(out).toMatch(/^No se publica: sin ADDON_BACKEND_URL ni addon\/config.json/);
  expect(out).not.toMatch(/\n\s+at /);
}, 60_000);

// docs/deploy.md §9, paso 3: «Copie addon/config.example.json como addon/config.json con backendUrl = PUBLIC_BASE_URL».
test('push:addon refuses the example copied without editing, and the guide\'s <…> is named, not a stack trace', () => {
  const file = path.join(dir, 'config.json');
  fs.copyFileSync(path.join(__dirname, '..', 'addon', 'config.example.json'), file);
  expect(publishProblem({}, file)).toBe(`No se publica: «backendUrl» de ${file} tiene la dirección de ejemplo (https://SU-PROYECTO.web.app), y Apps Script solo deja consultar la dirección del manifiesto. Escriba la de su servidor, PUBLIC_BASE_URL (docs/deploy.md §9, paso 3).`);
  // The address put right, the example's account is still refused: the panel shows it to every capturista.
  expect(publishProblem({ ADDON_BACKEND_URL: 'https://infra-abierta-mx.web.app' }, file)).toMatch(/^No se publica: «serviceAccount» de .* tiene la cuenta de ejemplo \(infra-abierta@SU-PROYECTO\.iam\.gserviceaccount\.com\)/);
  expect(publishProblem({ ADDON_BACKEND_URL: 'https://infra-abierta-mx.web.app', ADDON_SERVICE_ACCOUNT: 'infra-abierta@infra-abierta-mx.iam.gserviceaccount.com' }, file)).toBeUndefined();
  expect(() => loadAddonConfig({ ADDON_BACKEND_URL: 'https://<PROYECTO>.web.app' }, file)).toThrow('La dirección del servidor (la variable ADDON_BACKEND_URL) no es una dirección web válida: «https://<PROYECTO>.web.app». Sustituya el marcador entre < > por su valor, p. ej. https://datos.su-estado.gob.mx.');
  expect(() => loadAddonConfig({ ADDON_BACKEND_URL: 'https://infra-abierta-mx.web.app', ADDON_SERVICE_ACCOUNT: 'infra-abierta@<PROYECTO>.iam.gserviceaccount.com' }, file)).toThrow(/^La cuenta de servicio \(la variable ADDON_SERVICE_ACCOUNT\) conserva un marcador entre < >/);
});

// docs/deploy.md §9, paso 2 (and §10, a version checked out): clasp pushed to the repository's placeholder script id, or
// to a pasted editor address, and Google answered in English; push:addon now stops before the build, naming the step.
test('push:addon refuses the placeholder script id of .clasp.json, or an editor address, naming the step', () => {
  const file = path.join(dir, '.clasp.json');
  expect(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.clasp.json'), 'utf8')).scriptId).toBe(PLACEHOLDER_SCRIPT_ID);
  fs.writeFileSync(file, JSON.stringify({ scriptId: PLACEHOLDER_SCRIPT_ID, rootDir: 'addon/dist' }));
  expect(claspProblem(file)).toMatch(/^No se publica: «scriptId» de .* tiene todavía el valor de ejemplo SET-YOUR-SCRIPT-ID: copie el ID .*\(docs\/deploy\.md §9, paso 2\)/);
  const id = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcdefghijklmnopqr';
  fs.writeFileSync(file, JSON.stringify({ scriptId: `https://script.google.com/home/projects/${id}/edit`, rootDir: 'addon/dist' }));
  expect(claspProblem(file)).toContain(`parece la dirección del editor: el ID es ${id}.`);
  expect(claspProblem(path.join(dir, 'no-hay.json'))).toMatch(/^No se publica: no se pudo leer .*no-hay\.json \(no existe\)/);
  fs.writeFileSync(file, JSON.stringify({ scriptId: id, rootDir: 'addon/dist' }));
  expect(claspProblem(file)).toBeUndefined();
});
