/**
 * Sign-in for the coordinators' and officials' pages. The server says how (`/api/auth-config`): self-hosted, a
 * personal API token (from `infra-abierta users add`); in the cloud, the Google Identity Services button, whose ID
 * token the backend checks with the same verifier as the add-on's; a server that only publishes, nobody. «Entrar»
 * sends the credential to `POST /api/session` before keeping it and «Cerrar sesión» to `POST /api/session/sign-out`,
 * so that the Bitácora says who entered and left, when and from where (functions/src/auth/sign-in-audit.ts); who is
 * signed in is asked of `GET /api/session`. The credential lives in sessionStorage only (gone when the tab closes),
 * and every answer is checked against the workflow contract.
 */
import { announce, h, refuseField } from '../dom';
import { NO_ANSWER, serverFailed } from './server-failed';
import { watchedRead } from '../watched-read';
import { checkSessionAnswer, checkViewer, readErrorAnswer, WORKFLOW_PATHS, type AuthConfig, type FindingView, type Viewer } from '../../../core/workflow/contract';
import type { RefusalCounts } from '../../../core/workflow/refusal-findings';

const KEY = 'infra-abierta:credencial';
/** Who the credential belongs to, as the server's last answer named it (its `viewer`), kept beside it. */
const WHO = 'infra-abierta:quien';

/** The page drawn again (main.ts answers a hashchange), e.g. with the form gone once a credential is kept. */
export const rerender = (): void => { window.dispatchEvent(new HashChangeEvent('hashchange')); };

export function credential(): string | null {
  try { return sessionStorage.getItem(KEY); } catch { return null; }
}
export function signOut(): void {
  try { sessionStorage.removeItem(KEY); sessionStorage.removeItem(WHO); } catch { /* private mode */ }
  sessionChanged();
}
/**
 * «Cerrar sesión»: the server is told (for the Bitácora) while the page forgets the credential; the page does not
 * wait for it (keepalive: it is sent even as the tab closes), nor does a lost answer keep anyone signed in here.
 */
function signOutHere(): void {
  const token = credential();
  if (token) void fetch(WORKFLOW_PATHS.signOut, { method: 'POST', keepalive: true, headers: { accept: 'application/json', authorization: `Bearer ${token}` } }).catch(() => undefined);
  signOut();
}
function keep(value: string): void {
  try { sessionStorage.setItem(KEY, value); sessionStorage.removeItem(WHO); } catch { /* private mode */ }
}

const listeners = new Set<() => void>();
/** `listener` runs when someone signs out or the server names who is signed in (main.ts redraws the menu then). */
export function onSessionChange(listener: () => void): void { listeners.add(listener); }
function sessionChanged(): void { for (const l of listeners) l(); }

/** Who is signed in, as the server last said; null signed out, or before any answer named them. */
export function signedInAs(): Viewer | null {
  if (!credential()) return null;
  try {
    const kept = sessionStorage.getItem(WHO);
    return kept ? checkViewer(JSON.parse(kept)) : null;
  } catch { return null; }
}

/** Every workflow answer names its viewer: kept, so the menu offers that role's pages on every page of the tab. */
function rememberViewer(body: unknown): void {
  let viewer: Viewer;
  try { viewer = checkViewer((body as { viewer?: unknown } | null)?.viewer); } catch { return; }
  const text = JSON.stringify(viewer);
  try {
    if (sessionStorage.getItem(WHO) === text) return;
    sessionStorage.setItem(WHO, text);
  } catch { return; }
  sessionChanged();
}

let asking: Promise<Viewer> | undefined;
/**
 * Who is signed in: as kept, or else asked once of the server (`GET /api/session`). Throws ApiError as `authed`
 * does: 401 for a key the server does not know (then signed out).
 */
export function whoIsSignedIn(): Promise<Viewer> {
  const known = signedInAs();
  if (known) return Promise.resolve(known);
  asking ??= authed(WORKFLOW_PATHS.session, (b) => checkSessionAnswer(b).viewer).finally(() => { asking = undefined; });
  return asking;
}

/** Said when a sent action (approve, return, upload…) got no answer: it may have reached the server or not. */
export const NO_ANSWER_TO_ACTION = 'No se pudo comunicar con el servidor, así que no se sabe si se registró. Revise su conexión y vuelva a cargar la página: verá si ya quedó hecho antes de intentarlo de nuevo.';

/** A failed call, with the server's Spanish message (and, for a refused workbook, its findings); 401 means "sign in again". */
export class ApiError extends Error {
  /** `code`: the server's error code (409 `superseded`, `revision-changed`…), when it gave one. */
  /** `counts`: a refusal for errors says how many findings of each severity the workbook has (its list may leave some out). */
  constructor(readonly status: number, message: string, readonly findings: FindingView[] = [], readonly code?: string, readonly counts?: RefusalCounts) { super(message); }
}

/**
 * The server's refusals that end the session here, with what this page says of them. A Google account that is not
 * registered (403 `unknown-user`) has no session on the platform: kept, it left a page that said «No se pudieron
 * cargar los datos… Intente de nuevo en unos minutos» and no way to choose another account. An expired Google token
 * (they last an hour) is told in the add-on's words by the server («Vuelva a abrir el complemento»).
 */
function sessionEnd(status: number, code: string | undefined, message: string): string | undefined {
  if (code === 'expired-credentials') return 'Su sesión de Google expiró (dura una hora). Inicie sesión de nuevo para continuar.';
  if (status === 401 || code === 'unknown-user') return message;
  return undefined;
}

/** `body` is sent as JSON; `file`, as it is, with its own content type (an .xlsx upload). */
export async function authed<T>(url: string, check: (body: unknown) => T, init: { method?: 'GET' | 'POST' | 'PUT'; body?: unknown; file?: { bytes: Blob; type: string } } = {}): Promise<T> {
  const token = credential();
  if (!token) throw new ApiError(401, 'Inicie sesión para continuar.');
  const contentType = init.file ? init.file.type : init.body !== undefined ? 'application/json' : undefined;
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) },
      ...(init.file ? { body: init.file.bytes } : init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch {
    // No answer at all (connection lost, server down): the browser's own words («Failed to fetch») were shown as
    // the outcome of «Aprobar», in English, and did not say whether it had been done.
    throw new ApiError(0, (init.method ?? 'GET') === 'GET' ? NO_ANSWER : NO_ANSWER_TO_ACTION);
  }
  let body: unknown = null;
  try { body = await res.json(); } catch { body = null; }
  if (!res.ok) {
    const refused = readErrorAnswer(body)?.error;
    const message = refused?.message ?? serverFailed(res.status);
    const ended = sessionEnd(res.status, refused?.code, message);
    // Every page answers a 401 by drawing the sign-in form again with why (withSession), so a session that ends is one.
    if (ended !== undefined) { endedBecause = ended; signOut(); throw new ApiError(401, ended); }
    throw new ApiError(res.status, message, refused?.findings, refused?.code, refused?.counts);
  }
  const checked = check(body);
  rememberViewer(body);
  return checked;
}

export const ROLE_LABELS: Record<Viewer['role'], string> = { capturista: 'Capturista', coordinador: 'Coordinación (Organismo Garante)', admin: 'Administración' };

/**
 * «captura@… — Capturista, Municipio …» and a sign-out button that re-renders the page. `publishers`: the public
 * list, to name an official's institution (its id otherwise).
 */
export function sessionBar(viewer: Viewer, onSignOut: () => void, publishers: readonly { id: string; name: string }[] = []): HTMLElement {
  const { scope: s } = viewer;
  // «— Coordinación (Organismo Garante), Yucatán»: inside parentheses the role's own read «(Coordinación (Organismo
  // Garante) — Yucatán)».
  const scope = s.kind === 'state' ? `, ${s.state}` : s.kind === 'publisher' ? `, ${publishers.find((p) => p.id === s.publisherId)?.name ?? s.publisherId}` : '';
  return h('p', { class: 'session' }, 'Sesión: ', h('strong', null, viewer.email), ` — ${ROLE_LABELS[viewer.role]}${scope} `,
    h('button', { type: 'button', onclick: () => { signOutHere(); onSignOut(); } }, 'Cerrar sesión'));
}

let config: Promise<AuthConfig> | undefined;
/** How this server signs in (`none`: it only publishes), asked once per tab; a failed answer is asked again next time. */
export function authConfig(): Promise<AuthConfig> {
  // Every page waits for this answer (main.ts): watched, so that a lost one does not leave them all «Cargando…».
  config ??= watchedRead(WORKFLOW_PATHS.authConfig, { headers: { accept: 'application/json' } }).catch(() => { throw new ApiError(0, NO_ANSWER); }).then(async (res) => {
    if (!res.ok) throw new ApiError(res.status, serverFailed(res.status));
    return (await res.json()) as AuthConfig;
  });
  config.catch(() => { config = undefined; });
  return config;
}

/** Whether this server signs anyone in (the menu offers «Iniciar sesión» only then); unknown as not. */
export const signInOffered = (): Promise<boolean> => authConfig().then((c) => c.method !== 'none', () => false);

interface Gis { accounts: { id: { initialize(o: { client_id: string; callback: (r: { credential?: string }) => void }): void; renderButton(el: HTMLElement, o: Record<string, string>): void } } }

/**
 * «Entrar»: the credential is checked by the server (`POST /api/session`, which writes the sign-in to the Bitácora)
 * and kept only when it names an account. Throws ApiError: the server's refusal, or 0 when nothing answered.
 */
async function signIn(value: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(WORKFLOW_PATHS.session, { method: 'POST', headers: { accept: 'application/json', authorization: `Bearer ${value}` } });
  } catch {
    throw new ApiError(0, NO_ANSWER);
  }
  let body: unknown = null;
  try { body = await res.json(); } catch { body = null; }
  if (!res.ok) {
    const refused = readErrorAnswer(body)?.error;
    throw new ApiError(res.status, sessionEnd(res.status, refused?.code, refused?.message ?? serverFailed(res.status)) ?? refused?.message ?? serverFailed(res.status), [], refused?.code);
  }
  checkSessionAnswer(body);
  keep(value);
  rememberViewer(body);
}

/**
 * A refused «Entrar» is told as a session that ended is (signInAgain: an alert after the heading, describing the key
 * field); nothing answered, in the form's own status line, with the key still typed.
 */
function afterSignIn(done: () => void, status: HTMLElement): (e: unknown) => void {
  return (e) => {
    const message = e instanceof ApiError ? e.message : NO_ANSWER;
    if (e instanceof ApiError && e.status !== 0) { endedBecause = message; done(); return; }
    status.textContent = message;
    announce(message);
  };
}

/** The sign-in form; calls `done` once a credential is kept. */
export async function signInForm(done: () => void): Promise<HTMLElement> {
  const config = await authConfig();
  if (config.method === 'none') {
    return h('section', { class: 'signin', id: 'sin-inicio-de-sesion', 'aria-labelledby': 'titulo-entrar' }, h('h1', { id: 'titulo-entrar', tabindex: '-1' }, 'Iniciar sesión'),
      h('p', null, 'Este servidor solo publica los datos: aquí no se reciben ni se revisan envíos, y no hay cuentas con las cuales iniciar sesión. Para consultar y descargar los datos no necesita iniciar sesión.'));
  }
  const status = h('p', { role: 'status', class: 'note' });
  if (config.method === 'google') {
    const slot = h('div', { id: 'boton-google' });
    const drawButton = (): void => {
      const gis = (window as unknown as { google?: Gis }).google;
      if (!gis) { status.textContent = 'No se pudo cargar el inicio de sesión de Google.'; return; }
      gis.accounts.id.initialize({ client_id: config.googleClientId, callback: (r) => { if (r.credential) signIn(r.credential).then(done, afterSignIn(done, status)); } });
      gis.accounts.id.renderButton(slot, { theme: 'outline', size: 'large', locale: 'es-419', text: 'signin_with' });
    };
    // Google's script is loaded once per tab: the form drawn again (signed out, a session that ended) reuses it.
    if ((window as unknown as { google?: Gis }).google) queueMicrotask(drawButton);
    else {
      const script = h('script', { src: 'https://accounts.google.com/gsi/client', async: true });
      script.addEventListener('load', drawButton);
      script.addEventListener('error', () => { script.remove(); status.textContent = 'No se pudo cargar el inicio de sesión de Google. Revise su conexión.'; });
      document.head.appendChild(script);
    }
    return h('section', { class: 'signin', 'aria-labelledby': 'titulo-entrar' }, h('h1', { id: 'titulo-entrar', tabindex: '-1' }, 'Iniciar sesión'),
      h('p', null, 'Use la cuenta de Google que quien administra la plataforma registró para usted.'), slot, status);
  }
  const input = h('input', { id: 'clave', name: 'clave', type: 'password', autocomplete: 'off', required: true, placeholder: 'ia_…' });
  /**
   * A key that cannot be one is refused on its field, as Etapas refuses a wrong date: the field marked invalid and
   * described by why (after the reason a session ended, when that is said too), the message in the page's error
   * colour, and the focus on the field to paste it again — where it already was (Enter in the field), said through
   * #anuncio instead. The message was a grey note under «Entrar», tied to nothing.
   */
  const wrongKey = h('p', { id: 'clave-incorrecta', class: 'status-bad', hidden: true });
  const refuse = (why: string): void => {
    wrongKey.textContent = why;
    wrongKey.hidden = false;
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== wrongKey.id);
    refuseField(input, [...described, wrongKey.id].join(' '), why);
  };
  // Changed: no longer the key refused.
  input.addEventListener('input', () => {
    if (wrongKey.hidden) return;
    wrongKey.hidden = true;
    input.removeAttribute('aria-invalid');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== wrongKey.id);
    if (described.length) input.setAttribute('aria-describedby', described.join(' ')); else input.removeAttribute('aria-describedby');
  });
  const form = h('form', { class: 'signin', 'aria-labelledby': 'titulo-entrar' },
    h('h1', { id: 'titulo-entrar', tabindex: '-1' }, 'Iniciar sesión'),
    h('p', null, 'Escriba su clave de acceso personal (se la da quien administra este servidor).'),
    h('div', { class: 'field' }, h('label', { for: 'clave' }, 'Clave de acceso'), input, wrongKey),
    h('button', { type: 'submit' }, 'Entrar'), status);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = input.value.trim();
    if (!/^ia_\S{20,}$/.test(value)) {
      refuse(value.startsWith('ia_') ? 'La clave está incompleta: cópiela completa, desde «ia_» hasta el final.' : 'La clave de acceso empieza con «ia_». Cópiela completa, como se la dieron.');
      return;
    }
    if (form.getAttribute('aria-busy') === 'true') return;
    form.setAttribute('aria-busy', 'true');
    status.textContent = '';
    signIn(value).then(done, afterSignIn(done, status)).finally(() => form.removeAttribute('aria-busy'));
  });
  return form;
}

/**
 * Why the server last refused the key (401), until a sign-in form says it: a page that answers a refused action by
 * drawing itself again (Aprobar, Devolver, an upload) found no key and showed the bare form, with no word of why.
 */
let endedBecause: string | null = null;

/**
 * The sign-in form with why it is back, right after its heading (the focus lands there) and announced as an alert;
 * it also describes the key field, read when the reader reaches it (WCAG 3.3.1, 4.1.3). Above the heading, with no
 * role, it was skipped.
 */
async function signInAgain(why: string, rerender: () => void): Promise<HTMLElement> {
  const form = await signInForm(rerender);
  const said = h('p', { class: 'status-bad', role: 'alert', id: 'sesion-vencida' }, why);
  const title = form.querySelector('h1');
  if (title) title.after(said); else form.prepend(said);
  form.querySelector('#clave')?.setAttribute('aria-describedby', said.id);
  return form;
}

/** Renders `page` once signed in; the sign-in form otherwise, or again after a 401. */
export async function withSession(render: () => Promise<Node>, rerender: () => void): Promise<Node> {
  const why = endedBecause;
  endedBecause = null;
  if (!credential()) return why ? signInAgain(why, rerender) : signInForm(rerender);
  try {
    return await render();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      endedBecause = null;
      return signInAgain(e.message, rerender);
    }
    throw e;
  }
}
