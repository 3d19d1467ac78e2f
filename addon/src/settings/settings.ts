/**
 * The settings dialog: where an official sets the backend's address and, for a self-hosted server, the personal
 * API token. Values are checked here (Spanish messages) before they are stored in properties.
 */
import { acceptableBackendUrl, API_TOKEN_PROPERTY, BACKEND_URL_PROPERTY, documentTokenProperty, effectiveConfig, PLACEHOLDER_BACKEND_URL, type AddonConfig, type PropertiesPort } from '../config';
import { UserError } from '../user-error';
import { dialogPage } from '../dialog-page';
import { SETTINGS_TITLE } from '../menu';
import { GOOGLE_FAILURES } from '../google-failures';
import type { ConnectionCheck } from '../backend/review';

export interface SettingsView {
  backendUrl: string;
  /** Whether a token is stored (the token itself is never sent back to the page). */
  hasApiToken: boolean;
  /** After saving: whether the server answered with these settings, said to the official (connectionCheck). */
  check?: ConnectionCheck;
}

export interface SettingsInput {
  backendUrl: string;
  /** Empty: keep the stored token; `-`: remove it. */
  apiToken: string;
}

export function settingsView(build: AddonConfig, props: PropertiesPort, documentId?: string): SettingsView {
  const config = effectiveConfig(build, props, documentId);
  return { backendUrl: config.backendUrl === PLACEHOLDER_BACKEND_URL ? '' : config.backendUrl, hasApiToken: !!config.apiToken };
}

/**
 * The server's base address from what an official pastes or types: Chrome's address bar shows
 * «datos.mi-estado.gob.mx» without its https://, and the address at hand is often a page of the dashboard
 * («…/#/mis-envios», «…/index.html») or of the API («…/api/publishers»). Each was refused («no es una dirección
 * válida») or saved as it was, and every call then answered «No existe esa página». The client adds `/api/…` itself.
 */
export function backendBase(typed: string): string {
  let url = typed.trim().replace(/[#?].*$/, '');
  if (url && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = `${/^(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/i.test(url) ? 'http' : 'https'}://${url}`;
  return url.replace(/\/index\.html?$/i, '').replace(/^([a-z]+:\/\/[^/]+(?:\/.*?)?)\/api(?:\/.*)?$/i, '$1').replace(/\/+$/, '');
}

const NO_URL = 'Escriba la dirección del servidor, por ejemplo https://datos.mi-estado.gob.mx.';
const NOT_HTTPS = ' no es una dirección válida: debe empezar con https:// (por ejemplo https://datos.mi-estado.gob.mx).';
const BAD_TOKEN = 'La clave de acceso no tiene la forma esperada (empieza con «ia_»). Cópiela completa, como se la dio quien administra el servidor.';
/**
 * Each refusal of saveSettings and the field (its input's id in settingsHtml) it is about: google.script.run hands
 * the dialog only the message, by which it marks that field.
 */
const REFUSED_FIELDS: readonly (readonly [text: string, field: 'url' | 'token'])[] = [[NO_URL, 'url'], [NOT_HTTPS, 'url'], [BAD_TOKEN, 'token']];

/**
 * A key is saved for this spreadsheet (`documentId`) and as the user's key for spreadsheets with none of their own (a
 * new one works without typing it again); «-» removes both.
 */
export function saveSettings(build: AddonConfig, props: PropertiesPort, input: SettingsInput, documentId?: string): SettingsView {
  const url = backendBase(String(input.backendUrl ?? ''));
  if (!url) throw new UserError(NO_URL);
  if (!acceptableBackendUrl(url)) throw new UserError(`«${url.slice(0, 80)}»${NOT_HTTPS}`);
  const token = String(input.apiToken ?? '').trim();
  if (token && token !== '-' && !/^ia_[A-Za-z0-9_-]{20,}$/.test(token)) throw new UserError(BAD_TOKEN);
  props.setDocument(BACKEND_URL_PROPERTY, url);
  for (const key of [API_TOKEN_PROPERTY, ...(documentId ? [documentTokenProperty(documentId)] : [])]) {
    if (token === '-') props.setUser(key, null);
    else if (token) props.setUser(key, token);
  }
  return settingsView(build, props, documentId);
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The dialog page (HtmlService): a small form calling saveAddonSettings through google.script.run. Each field is
 * described by the help under it, which a screen reader reads with the field (it was only read by going through the
 * text, after the field had been left). A value saveSettings refuses is refused on its field, as the dashboard's
 * sign-in refuses a key (WCAG 3.3.1): marked invalid, described by why, the focus there to correct it — where it
 * already was (Enter in the field), said through the status line instead. The message was only in the status line
 * under «Guardar», tied to no field: back on the address, a screen reader said nothing was wrong with it.
 */
export function settingsHtml(view: SettingsView): string {
  return dialogPage({ title: SETTINGS_TITLE, style: `body{font:13px Arial,sans-serif;margin:0;padding:4px 8px;color:#202124}label{display:block;font-weight:bold;margin-top:12px}
input{width:100%;box-sizing:border-box;padding:6px;margin-top:4px;font:inherit}p.help{color:#5f6368;margin:4px 0}
button{margin-top:14px;background:#1a73e8;color:#fff;border:0;border-radius:4px;padding:8px 16px;font:inherit;cursor:pointer}
#status{margin-top:10px}#status.error,p.error{color:#b3261e}p.error{margin:4px 0}
#status.said{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}`, body: `<form id="form">
<label for="url">Dirección del servidor</label>
<!-- Text, not type="url": the browser's own check stopped «datos.mi-estado.gob.mx» with «Introduce una URL» (in the
browser's language) before saveSettings could add its https://. -->
<input id="url" name="url" type="text" inputmode="url" autocapitalize="off" spellcheck="false" value="${escape(view.backendUrl)}" placeholder="https://datos.mi-estado.gob.mx" aria-describedby="url-help">
<p class="help" id="url-help">Se la da su coordinación. Se guarda para este documento.</p>
<p class="error" id="url-error" hidden></p>
<label for="token">Clave de acceso (solo servidores propios)</label>
<input id="token" name="token" type="password" autocomplete="off" placeholder="${view.hasApiToken ? 'Guardada; escriba otra para reemplazarla, o «-» para quitarla' : 'ia_…'}" aria-describedby="token-help">
<p class="help" id="token-help">Si su institución usa un servidor propio, escriba la clave personal que le dieron. Solo usted la ve; se guarda para esta hoja (si captura para dos implementadores, escriba en la hoja de cada uno la clave de esa cuenta).</p>
<p class="error" id="token-error" hidden></p>
<button type="submit">Guardar</button>
<div id="status" role="status" aria-live="polite"></div>
</form>
<script>
// Google's own failures (two accounts signed in, a lost connection…) in Spanish, as the sidebar says them.
var googleFailures = ${JSON.stringify(GOOGLE_FAILURES).replace(/</g, '\\u003c')};
function failureText(message) {
  for (var i = 0; i < googleFailures.length; i++) if (new RegExp(googleFailures[i][0], googleFailures[i][1]).test(message)) return googleFailures[i][2];
  return message;
}
var refusedFields = ${JSON.stringify(REFUSED_FIELDS).replace(/</g, '\\u003c')};
function unmark(field) {
  field.removeAttribute('aria-invalid');
  field.setAttribute('aria-describedby', field.id + '-help');
  document.getElementById(field.id + '-error').hidden = true;
}
// The field (its id) a refusal is about, marked with message.
function markField(id, message, status) {
  var field = document.getElementById(id);
  var error = document.getElementById(field.id + '-error');
  error.textContent = message;
  error.hidden = false;
  field.setAttribute('aria-invalid', 'true');
  field.setAttribute('aria-describedby', error.id + ' ' + field.id + '-help');
  // Said, not shown twice: the message is already under its field.
  if (document.activeElement === field) { status.className = 'said'; status.textContent = error.textContent; } else { status.className = ''; status.textContent = ''; field.focus(); }
}
// The field a refusal is about, marked; false when it is about none (the message then goes to the status line).
function refuseOnField(message, status) {
  for (var i = 0; i < refusedFields.length; i++) {
    if (message.indexOf(refusedFields[i][0]) === -1) continue;
    markField(refusedFields[i][1], message, status);
    return true;
  }
  return false;
}
['url', 'token'].forEach(function (id) {
  var field = document.getElementById(id);
  field.addEventListener('input', function () { if (field.getAttribute('aria-invalid')) unmark(field); });
});
document.getElementById('form').addEventListener('submit', function (e) {
  e.preventDefault();
  var status = document.getElementById('status');
  unmark(document.getElementById('url')); unmark(document.getElementById('token'));
  status.className = ''; status.textContent = 'Guardando…';
  google.script.run
    .withSuccessHandler(function (view) {
      var check = view && view.check;
      // The address as saved (https:// added, a page of the dashboard taken off): what the official should see.
      if (view && view.backendUrl) document.getElementById('url').value = view.backendUrl;
      // Saved, but the server did not take the key or nothing answers at the address: said on that field, as a
      // value refused before saving is (the key is kept in the field, to be corrected rather than typed again).
      if (check && !check.ok && check.field) { markField(check.field, 'Configuración guardada. ' + check.text, status); return; }
      status.className = check && !check.ok ? 'error' : '';
      status.textContent = 'Configuración guardada. ' + (check ? check.text : 'Ya puede cerrar esta ventana.');
      document.getElementById('token').value = '';
    })
    .withFailureHandler(function (err) {
      var message = (err && err.message) || '';
      if (refuseOnField(message, status)) return;
      status.className = 'error'; status.textContent = failureText(message) || 'No se pudo guardar.';
    })
    .saveAddonSettings({ backendUrl: document.getElementById('url').value, apiToken: document.getElementById('token').value });
});
</script>` });
}
