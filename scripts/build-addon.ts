/**
 * Builds the Apps Script add-on into addon/dist (pushed by clasp, `.clasp.json` rootDir):
 *  - Code.js: addon/src/main.ts + core + the compiled validators as one esbuild IIFE, followed by one generated
 *    top-level `function` per export, because Apps Script only calls top-level functions (menus, triggers,
 *    google.script.run);
 *  - sidebar.html: one self-contained page, CSS and JS inlined (HtmlService serves no other files; no CDN);
 *  - appsscript.json: editor add-on manifest, V8, least scopes, urlFetchWhitelist = the backend.
 * Backend URL and service account: env ADDON_BACKEND_URL / ADDON_SERVICE_ACCOUNT, else addon/config.json.
 */
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { PLACEHOLDER_BACKEND_URL } from '../addon/src/config';
import { validatorCode } from './validator-code';

export interface AddonBuildConfig { backendUrl: string; serviceAccount: string | null }

const ROOT = path.resolve(__dirname, '..');
const GLOBAL_NAME = '__addon';

/**
 * How code that runs in Apps Script is bundled: one IIFE (Apps Script loads files as plain scripts, no modules, no
 * require) for its V8 without code generation, with the same validator code as the CLI and the functions
 * (scripts/validator-code.ts), and the builtins read through bundle-globals.ts. bench:validate bundles its Apps
 * Script stand-in with these options too.
 */
export const APPS_SCRIPT_BUNDLE = {
  bundle: true, format: 'iife', target: 'es2019', platform: 'neutral', mainFields: ['main', 'module'], logLevel: 'warning',
  plugins: [validatorCode], inject: [path.join(__dirname, 'bundle-globals.ts')],
} satisfies esbuild.BuildOptions;

/** A configuration the build cannot use: said in Spanish, naming where the value came from, without a stack trace. */
export class AddonConfigError extends Error {}

export function loadAddonConfig(env: NodeJS.ProcessEnv = process.env, configFile = path.join(ROOT, 'addon', 'config.json')): AddonBuildConfig {
  let file: Partial<AddonBuildConfig> = {};
  if (fs.existsSync(configFile)) {
    try {
      file = JSON.parse(fs.readFileSync(configFile, 'utf8')) as Partial<AddonBuildConfig>;
    } catch (e) {
      throw new AddonConfigError(`${configFile} no es JSON válido (${(e as Error).message}). Debe verse así: {"backendUrl": "https://su-proyecto.web.app", "serviceAccount": "infra-abierta@su-proyecto.iam.gserviceaccount.com"}.`);
    }
  }
  const source = env.ADDON_BACKEND_URL ? 'la variable ADDON_BACKEND_URL' : file.backendUrl ? `«backendUrl» de ${configFile}` : undefined;
  const backendUrl = String(env.ADDON_BACKEND_URL || file.backendUrl || PLACEHOLDER_BACKEND_URL).replace(/\/+$/, '');
  if (!/^https:\/\/[^/]+/.test(backendUrl)) throw new AddonConfigError(`La dirección del servidor (${source ?? 'predeterminada'}) debe empezar con https://; dice «${backendUrl}». Escríbala completa, p. ej. https://datos.su-estado.gob.mx.`);
  // `https://<PROYECTO>.web.app`, as docs/deploy.md writes it, passed the check above and stopped the build with
  // «TypeError: Invalid URL» and a stack trace when the manifest was written.
  if (!canParse(backendUrl)) throw new AddonConfigError(`La dirección del servidor (${source ?? 'predeterminada'}) no es una dirección web válida: «${backendUrl}». ${/[<>]/.test(backendUrl) ? 'Sustituya el marcador entre < > por su valor, ' : 'Escríbala completa, '}p. ej. https://datos.su-estado.gob.mx.`);
  // The add-on appends `/api/submissions…` itself (addon/src/backend): an address ending in /api made every call go
  // to /api/api/… and answer «not found». A server under another prefix (https://x.gob.mx/datos) is fine.
  if (/\/api$/i.test(new URL(backendUrl).pathname)) {
    throw new AddonConfigError(`La dirección del servidor (${source ?? 'predeterminada'}) termina en /api: «${backendUrl}». Escriba la dirección de la plataforma sin /api (p. ej. ${backendUrl.replace(/\/api$/i, '')}); el complemento agrega /api/… por su cuenta.`);
  }
  const serviceAccountSource = env.ADDON_SERVICE_ACCOUNT ? 'la variable ADDON_SERVICE_ACCOUNT' : `«serviceAccount» de ${configFile}`;
  const serviceAccount = env.ADDON_SERVICE_ACCOUNT || file.serviceAccount || null;
  if (serviceAccount !== null && /[<>]/.test(serviceAccount)) throw new AddonConfigError(`La cuenta de servicio (${serviceAccountSource}) conserva un marcador entre < >: «${serviceAccount}». Escriba la de su despliegue, SERVICE_ACCOUNT_EMAIL (docs/deploy.md §4).`);
  return { backendUrl, serviceAccount };
}

function canParse(url: string): boolean {
  try {
    return new URL(url).hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Why `--publicar` (push:addon) refuses to push this configuration, if it does. Apps Script only fetches what the
 * manifest's urlFetchWhitelist names, so the example's address leaves the add-on unable to reach any server; the
 * example's account is shown to every capturista as the one to share their sheets with. addon/config.example.json
 * copied without editing used to be pushed with its account, and its address was refused as if there were no file.
 */
export function publishProblem(env: NodeJS.ProcessEnv = process.env, configFile = path.join(ROOT, 'addon', 'config.json')): string | undefined {
  const config = loadAddonConfig(env, configFile);
  const example = (value: string) => value.toUpperCase().includes('SU-PROYECTO');
  if (example(config.backendUrl)) {
    return env.ADDON_BACKEND_URL || fs.existsSync(configFile)
      ? `No se publica: ${env.ADDON_BACKEND_URL ? 'la variable ADDON_BACKEND_URL' : `«backendUrl» de ${configFile}`} tiene la dirección de ejemplo (${config.backendUrl}), y Apps Script solo deja consultar la dirección del manifiesto. Escriba la de su servidor, PUBLIC_BASE_URL (docs/deploy.md §9, paso 3).`
      : `No se publica: sin ADDON_BACKEND_URL ni addon/config.json, el complemento usa la dirección de ejemplo ${PLACEHOLDER_BACKEND_URL}, y Apps Script solo deja consultar la dirección del manifiesto. Defina la de su servidor (vea addon/README.md).`;
  }
  if (config.serviceAccount !== null && example(config.serviceAccount)) {
    return `No se publica: ${env.ADDON_SERVICE_ACCOUNT ? 'la variable ADDON_SERVICE_ACCOUNT' : `«serviceAccount» de ${configFile}`} tiene la cuenta de ejemplo (${config.serviceAccount}), y el panel la mostraría como la cuenta con la que compartir las hojas. Escriba la de su despliegue, SERVICE_ACCOUNT_EMAIL (docs/deploy.md §4).`;
  }
  return undefined;
}

/** The script id .clasp.json comes with (docs/deploy.md §9, paso 2): each deployment writes its own in its place. */
export const PLACEHOLDER_SCRIPT_ID = 'SET-YOUR-SCRIPT-ID';

/**
 * Why `--publicar` refuses to push to the script .clasp.json names, if it does. `clasp push` sent the repository's
 * placeholder (a fresh clone, or a version checked out without the deployer's .clasp.json: §10) or a pasted editor
 * address to Google, which answered in English about an entity not found, after the build had run.
 */
export function claspProblem(claspFile = path.join(ROOT, '.clasp.json')): string | undefined {
  const step = 'copie el ID de la secuencia de comandos de su proyecto de Apps Script (Configuración del proyecto) en «scriptId» (docs/deploy.md §9, paso 2)';
  let scriptId: unknown;
  try {
    scriptId = (JSON.parse(fs.readFileSync(claspFile, 'utf8')) as { scriptId?: unknown }).scriptId;
  } catch (e) {
    return `No se publica: no se pudo leer ${claspFile} (${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no existe' : 'no es JSON válido'}); debe verse así: {"scriptId": "<ID>", "rootDir": "addon/dist"}: ${step}.`;
  }
  if (scriptId === PLACEHOLDER_SCRIPT_ID) return `No se publica: «scriptId» de ${claspFile} tiene todavía el valor de ejemplo ${PLACEHOLDER_SCRIPT_ID}: ${step}. En un clon nuevo del repositorio, o tras cambiar de versión sin recuperar su .clasp.json (§10), hay que ponerlo de nuevo.`;
  if (typeof scriptId !== 'string' || !/^[A-Za-z0-9_-]{20,}$/.test(scriptId)) {
    const inAddress = typeof scriptId === 'string' ? /\/projects\/([A-Za-z0-9_-]{20,})/.exec(scriptId)?.[1] : undefined;
    return `No se publica: «scriptId» de ${claspFile} no es el ID de una secuencia de comandos («${String(scriptId)}»)${inAddress ? `; parece la dirección del editor: el ID es ${inAddress}` : ''}. ${step[0].toUpperCase()}${step.slice(1)}.`;
  }
  return undefined;
}

export function addonManifest(config: AddonBuildConfig): Record<string, unknown> {
  return {
    timeZone: 'America/Mexico_City',
    runtimeVersion: 'V8',
    exceptionLogging: 'STACKDRIVER',
    oauthScopes: [
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      // userinfo.email + openid: ScriptApp.getIdentityToken() carries the user's verified email to the backend.
      'https://www.googleapis.com/auth/userinfo.email',
      'openid',
    ],
    urlFetchWhitelist: [`${new URL(config.backendUrl).origin}/`],
  };
}

/** `function onOpen(){return __addon.onOpen.apply(this,arguments)}` for each export. */
export function topLevelStubs(names: string[]): string {
  return names.map((n) => `function ${n}(){return ${GLOBAL_NAME}.${n}.apply(this,arguments)}`).join('\n');
}

async function exportNames(entry: string): Promise<string[]> {
  const probe = await esbuild.build({ entryPoints: [entry], bundle: true, format: 'esm', write: false, metafile: true, outdir: 'probe', logLevel: 'silent' });
  return Object.values(probe.metafile.outputs).flatMap((o) => o.exports).sort();
}

async function buildCode(config: AddonBuildConfig): Promise<{ code: string; exports: string[] }> {
  const entry = path.join(ROOT, 'addon', 'src', 'main.ts');
  // Not `exports`: in the CommonJS this file is run as, that name would hide the module's own (APPS_SCRIPT_BUNDLE).
  const names = await exportNames(entry);
  const result = await esbuild.build({
    ...APPS_SCRIPT_BUNDLE, entryPoints: [entry], write: false, globalName: GLOBAL_NAME,
    // The compiled validators are large; minifying halves Code.js (Stackdriver logs keep the messages).
    minify: true,
    define: { __ADDON_CONFIG__: JSON.stringify(config) },
  });
  const banner = '/* Infraestructura Abierta — complemento de Google Sheets. Generado por scripts/build-addon.ts; no lo edite. */\n';
  return { code: `${banner}${result.outputFiles[0].text}\n${topLevelStubs(names)}\n`, exports: names };
}

/** Inlines CSS and the bundled sidebar script into the HTML page; `</` is escaped so no string closes the tag. */
export async function buildSidebar(): Promise<string> {
  const dir = path.join(ROOT, 'addon', 'sidebar');
  const script = await esbuild.build({
    entryPoints: [path.join(dir, 'sidebar.ts')], bundle: true, write: false, format: 'iife', target: 'es2019', platform: 'browser', logLevel: 'warning',
  });
  const js = script.outputFiles[0].text.replace(/<\//g, '<\\/');
  const css = fs.readFileSync(path.join(dir, 'sidebar.css'), 'utf8');
  const html = fs.readFileSync(path.join(dir, 'sidebar.html'), 'utf8');
  return html.replace('/* INLINE_CSS */', () => css).replace('/* INLINE_JS */', () => js);
}

export interface AddonBuild { outDir: string; files: string[]; exports: string[]; codeBytes: number }

export async function buildAddon(outDir = path.join(ROOT, 'addon', 'dist'), config = loadAddonConfig()): Promise<AddonBuild> {
  fs.mkdirSync(outDir, { recursive: true });
  const { code, exports: names } = await buildCode(config);
  const files = {
    'Code.js': code,
    'sidebar.html': await buildSidebar(),
    'appsscript.json': `${JSON.stringify(addonManifest(config), null, 2)}\n`,
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(outDir, name), text);
  return { outDir, files: Object.keys(files), exports: names, codeBytes: Buffer.byteLength(code) };
}

/**
 * `npm run build:addon [-- --publicar]`. Without a backend address the add-on is built with the placeholder, fine for
 * tests and for `npm start` (which builds everything, add-on included, for a server that does not use it); but Apps
 * Script only fetches what the manifest's urlFetchWhitelist names, so pushed like that it could reach no server:
 * `--publicar` (push:addon) refuses it.
 */
function main(): void {
  const config = loadAddonConfig();
  const problem = process.argv.includes('--publicar') ? publishProblem() ?? claspProblem() : undefined;
  if (problem !== undefined) throw new AddonConfigError(problem);
  void buildAddon(undefined, config).then((b) => {
    console.log(`addon/dist: ${b.files.join(', ')} (Code.js ${(b.codeBytes / 1024).toFixed(0)} KB, ${b.exports.length} funciones)`);
  }).catch((e) => { console.error(e); process.exit(1); });
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    if (!(e instanceof AddonConfigError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}
