/**
 * The dashboard's entry: a hash router over the pages (works from any static host, no server rewrites), the
 * navigation with `aria-current`, the header's global filters (kept in the URL and carried by every in-app link),
 * focus moved to each new page's heading, and one data load shared by all pages.
 */
import { ApiError, loadDataset, loadHomeDataset, loadPublishers, publishersChanged, refusedAsTooLarge } from './api';
import { announce, clearAnnouncement, h, makeFocusable, route, withdrawAnnouncement } from './dom';
import type { Page } from './pages/common';
import { filterDataset, filterQuery, parseFilters, PUBLISHER_FILTER_KEYS } from './data/filters';
import { scopeOf, scopeQuery } from './data/scope';
import { INDEX_MAX_ROWS } from '../../core/stats/serving-limits';
import type { Dataset } from './data/types';
import { chooseScopePage } from './pages/choose-scope';
import { countFollowed, filterBar, printSelection } from './shell/filter-bar';
import { homePage } from './pages/home';
import { projectsPage } from './pages/projects';
import { projectPage } from './pages/project';
import { processesPage } from './pages/processes';
import { processPage } from './pages/process';
import { supplierPage, suppliersPage } from './pages/suppliers';
import { institutionPage, institutionsPage } from './pages/institutions';
import { indicatorsPage } from './pages/indicators';
import { qualityPage } from './pages/quality';
import { trackingPage } from './pages/tracking';
import { pendingPage } from './pages/pending';
import { downloadsPage } from './pages/downloads';
import { aboutPage } from './pages/about';
import { glossaryPage } from './pages/glossary';
import { notFoundPage } from './pages/not-found';
import { mySubmissionsPage, reviewInboxPage, reviewSubmissionPage } from './review/review-pages';
import { stagesPage } from './review/stages-page';
import { monthlyReportPage } from './review/monthly-report-page';
import { auditLogPage } from './review/audit-log-page';
import { SIGN_IN_ROUTE, signInPage, WORK_PAGES } from './review/sign-in-page';
import { ApiError as WorkApiError, credential, onSessionChange, signedInAs, signInOffered, whoIsSignedIn } from './review/session';
import { closeBidi } from '../../core/format/bidi-closed';
import { DOCUMENT_PAGES, LIST_OF_DOCUMENT, type DashboardPage } from '../../core/addresses/dashboard-pages';
import { countryViewChosen, rememberCountryView, signedInCoordinatorState } from './review/tracking-landing';

/** Every page of DASHBOARD_PAGES (the server sends their addresses without `#` here): typed by it, none left out. */
const PAGES: Record<DashboardPage, Page> = {
  '': homePage, proyectos: projectsPage, proyecto: projectPage, contrataciones: processesPage, contratistas: suppliersPage,
  contratista: supplierPage, indicadores: indicatorsPage, calidad: qualityPage, seguimiento: trackingPage, pendientes: pendingPage, descargas: downloadsPage,
  contratacion: processPage,
  instituciones: institutionsPage,
  institucion: institutionPage,
  acerca: aboutPage,
  glosario: glossaryPage,
  // Behind sign-in (dashboard/src/review): the coordinators' inbox and submission page, the officials' status page.
  revision: reviewInboxPage, 'mis-envios': mySubmissionsPage,
  etapas: stagesPage,
  'informe-mensual': monthlyReportPage,
  bitacora: auditLogPage,
  [SIGN_IN_ROUTE]: signInPage,
};
const ROUTES: Record<string, Page> = PAGES;
/** The page of an address's name, own keys only: `#/constructor` found Object and said the data could not be loaded. */
const routeOf = (name: string): Page | undefined => (Object.prototype.hasOwnProperty.call(ROUTES, name) ? ROUTES[name] : undefined);
/** The pages whose address names a document: `#/proyecto/{id}`, `#/revision/{id}`… */
const TAKES_ID = DOCUMENT_PAGES;
/** Menu entries; detail pages highlight their list. */
const NAV: [string, string][] = [
  ['', 'Inicio'], ['proyectos', 'Proyectos'], ['contrataciones', 'Contrataciones'], ['contratistas', 'Contratistas'],
  ['instituciones', 'Instituciones'],
  ['indicadores', 'Indicadores'],
  ['calidad', 'Calidad de datos'], ['seguimiento', 'Seguimiento'], ['descargas', 'Descargas y API'],
  ['acerca', 'Acerca'],
  ['glosario', 'Glosario'],
];
const own = (table: Readonly<Record<string, string>>, key: string): string | undefined => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);
const PARENT: Record<string, string> = {
  proyecto: 'proyectos', contratista: 'contratistas',
  contratacion: 'contrataciones',
  institucion: 'instituciones',
  // Reached from Revisión (a coordinator's implementers), not from the menu.
  etapas: 'revision',
  // Reached from an implementer's row on Seguimiento.
  pendientes: 'seguimiento',
};
/**
 * Where the header's search and filters show their results from a page they do not shape: a document's page goes
 * to its list; Acerca and the Glosario, to Proyectos.
 */
const RESULTS_OF: Record<string, string> = {
  proyecto: 'proyectos', contratacion: 'contrataciones', contratista: 'contratistas', institucion: 'instituciones',
  acerca: 'proyectos', glosario: 'proyectos',
  // One implementer's list, which the header's search and filters do not shape: their results on Proyectos, as the box says.
  pendientes: 'proyectos',
};
/**
 * The header's filters a page follows, as its printout names them (shell/filter-bar.ts printSelection): all of them
 * on the lists, map and figures; Estado and Implementador only where the rows are the implementers; none on a
 * document's page or Acerca (a project's page printed after a filtered list said «Estado: Nuevo León» over a page
 * that is no selection), nor on the work pages, whose own choosers are printed.
 */
function filtersFollowed(name: string): readonly string[] | undefined {
  if (Object.prototype.hasOwnProperty.call(RESULTS_OF, name)) return [];
  if (PER_PUBLISHER.has(name)) return PUBLISHER_FILTER_KEYS;
  return PUBLISHERS_ONLY.has(name) ? [] : undefined;
}
/**
 * Pages of figures per implementer, which follow Estado and Implementador only (data/filters.ts PUBLISHER_FILTER_KEYS):
 * the header counts only those as active there, and the page names the others it leaves aside.
 */
const PER_PUBLISHER = new Set(['seguimiento', 'descargas', 'calidad']);
/**
 * Pages that read the publishers only, not the index: at national scale without a state (data/scope.ts) they open
 * as they are; every other page asks for a state (or, in a large state, an implementer) first.
 */
const PUBLISHERS_ONLY = new Set(['seguimiento', 'pendientes', 'descargas', 'acerca', 'glosario', 'revision', 'mis-envios', 'etapas', 'informe-mensual', 'bitacora', SIGN_IN_ROUTE]);
/** Rows loaded at once (data/scope.ts); a page may set `IA_MAX_ROWS` before this script runs (the browser tests do). */
const MAX_ROWS = Number((globalThis as { IA_MAX_ROWS?: unknown }).IA_MAX_ROWS) || INDEX_MAX_ROWS;

/**
 * Routes are `#/…` (or no hash at all: Inicio). Any other hash names an element of the page: the skip link's
 * `#contenido`, a process's `#etapa-…`. Those move the focus there and are never drawn as a page (they opened
 * «Página no encontrada» and lost the reader's filters: WCAG 2.4.1, 2.4.3).
 */
const isRoute = (hash: string): boolean => hash === '' || hash === '#' || hash.startsWith('#/');

/**
 * The address of the page being shown, with the query setQuery() rewrote: an in-page anchor puts it back, and a
 * render of this same address is a redraw (focus stays where the reader is), not a new page.
 */
let currentRoute = '';

/** Focus (and scroll to) the element an in-page anchor names; a section is reached at its heading, which names it. */
function focusAnchor(id: string): boolean {
  const target = document.getElementById(id);
  if (!target) return false;
  const el = (target.matches('section') && target.querySelector<HTMLElement>('h1, h2, h3')) || target;
  makeFocusable(el);
  target.scrollIntoView();
  el.focus({ preventScroll: true });
  return true;
}
const anchorId = (hash: string): string => { try { return decodeURIComponent(hash.replace(/^#/, '')); } catch { return hash.replace(/^#/, ''); } };

// An address opened with an anchor in place of a route (a copied `…/#contenido`): Inicio, and the anchor once drawn.
const initialAnchor = isRoute(location.hash) ? undefined : anchorId(location.hash);
if (initialAnchor !== undefined) history.replaceState(null, '', `${location.pathname}${location.search}#/`);

function parseHash(): { name: string; path: string; params: string[]; query: URLSearchParams } {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = raw.split('?');
  const [name = '', ...params] = path.split('/').map((s) => { try { return decodeURIComponent(s); } catch { return s; } });
  return { name, path, params, query: new URLSearchParams(search) };
}

const withQuery = (href: string, q: string): string => (q ? `${href}${href.includes('?') ? '&' : '?'}${q}` : href);

/** Whether this server signs anyone in, once it said (`/api/auth-config`); until then, and on one that only publishes, not. */
let signInHere = false;

/**
 * The public sections, then what depends on the session: for a visitor, «Iniciar sesión» (the work pages are not
 * theirs; opened by their address they ask to sign in) — only on a server that signs people in: one that only
 * publishes offered a sign-in that led nowhere; signed in, the work pages of the role the server named
 * (review/sign-in-page.ts WORK_PAGES). A key whose owner no answer has named yet adds nothing until one does.
 */
function menuEntries(): (readonly [string, string])[] {
  const viewer = signedInAs();
  if (viewer) return [...NAV, ...WORK_PAGES[viewer.role]];
  return credential() || !signInHere ? NAV : [...NAV, [SIGN_IN_ROUTE, 'Iniciar sesión']];
}

/** What the menu was last drawn with: the session changing redraws it with the same page marked. */
let navState = { current: '', fq: '', drawn: '' };
function renderNav(current: string, fq: string): void {
  const nav = document.getElementById('menu');
  if (!nav) return;
  const active = own(PARENT, current) ?? current;
  const entries = menuEntries();
  navState = { current, fq, drawn: JSON.stringify([active, fq, entries]) };
  nav.replaceChildren(h('ul', null, entries.map(([r, label]) => h('li', null, h('a', { href: withQuery(`#/${r}`, fq), 'aria-current': r === active ? 'page' : undefined }, label)))));
  setMenuOpen(false);
}
/** The menu drawn again if its entries changed (a redraw would close it on a phone and drop a focus inside it). */
function refreshNav(): void {
  const { current, fq, drawn } = navState;
  if (JSON.stringify([own(PARENT, current) ?? current, fq, menuEntries()]) !== drawn) renderNav(current, fq);
}
// Signed in or out while a page is shown: the menu follows at once.
onSessionChange(refreshNav);
/** Asked with each page's data (render waits for both: a page is drawn with its full menu); the answer is kept once given. */
const learnSignIn = (): Promise<void> => signInOffered().then((offered) => { signInHere = offered; refreshNav(); });

/**
 * On narrow screens (styles.css, `max-width: 40rem`) the sections hide behind a «Menú» button, a disclosure with
 * `aria-expanded`; wider, the button is not shown and the menu always is. Choosing a page closes it; Escape closes
 * it and gives the focus back to the button.
 */
const menuButton = h('button', { type: 'button', class: 'menu-toggle', id: 'boton-menu', 'aria-expanded': 'false', 'aria-controls': 'menu' },
  h('span', { class: 'menu-icon', 'aria-hidden': 'true' }), 'Menú');
function setMenuOpen(open: boolean): void {
  menuButton.setAttribute('aria-expanded', String(open));
  document.querySelector('header.site')?.classList.toggle('menu-open', open);
}
menuButton.addEventListener('click', () => setMenuOpen(menuButton.getAttribute('aria-expanded') !== 'true'));
document.getElementById('menu')?.before(menuButton);
document.querySelector('header.site')?.addEventListener('keydown', (e) => {
  if ((e as KeyboardEvent).key !== 'Escape' || menuButton.getAttribute('aria-expanded') !== 'true') return;
  setMenuOpen(false);
  menuButton.focus();
});

/** The filter query the header shows, and whether the last navigation came from it (then focus stays there). */
let barQuery: string | undefined;
let fromBar = false;

function renderFilterBar(ds: Dataset, query: URLSearchParams): void {
  const slot = document.getElementById('filtros');
  const fq = filterQuery(query).toString();
  if (!slot || fq === barQuery) return;
  barQuery = fq;
  // Redrawn with its new state (count of filters, "Quitar filtros"), keeping what the reader was doing in it:
  // the focused control, the caret and the text being typed in the search box, the panel open.
  const active = document.activeElement instanceof HTMLElement && slot.contains(document.activeElement) ? document.activeElement : undefined;
  const typed = active instanceof HTMLInputElement ? { value: active.value, caret: active.selectionStart } : undefined;
  const wasOpen = slot.querySelector('details')?.open ?? false;
  slot.replaceChildren(filterBar(ds, parseFilters(query), query.get('q') ?? '', (next) => {
    const { name, path, query: current } = parseHash();
    // A page that the selection does not shape shows its results in a list instead: a search typed on a project's
    // page (or Acerca) only added «?q=…» to its address, and nothing on screen changed. Clearing the filters there
    // (next is empty) stays on the page.
    const list = own(RESULTS_OF, name);
    if (list !== undefined && next.toString()) {
      fromBar = true;
      location.hash = `#/${list}?${next}`;
      return;
    }
    // Page state (sorting, method…) stays; the page number restarts with a new selection.
    const q = new URLSearchParams();
    current.forEach((v, k) => { if (!(filterQuery(new URLSearchParams([[k, v]])).toString()) && k !== 'pagina') q.append(k, v); });
    next.forEach((v, k) => q.set(k, v));
    fromBar = true;
    location.hash = `#/${path}${q.toString() ? `?${q}` : ''}`;
  }));
  const details = slot.querySelector('details');
  if (details && wasOpen) details.open = true;
  if (active) {
    const again = (active.id && document.getElementById(active.id)) || slot.querySelector<HTMLElement>('summary');
    again?.focus();
    // The text being typed, when this redraw answers the bar itself; after Back or Forward the box shows the address's.
    if (typed && fromBar && again instanceof HTMLInputElement) { again.value = typed.value; again.setSelectionRange(typed.caret, typed.caret); }
  }
}

// In-app links carry the current filters (a filtered view stays filtered from page to page), unless they set their own.
document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a[href^="#/"]') as HTMLAnchorElement | null;
  if (!a) return;
  const href = a.getAttribute('href') ?? '';
  const fq = filterQuery(parseHash().query).toString();
  if (fq && !filterQuery(new URLSearchParams(href.split('?')[1] ?? '')).toString()) a.setAttribute('href', withQuery(href, fq));
});

/**
 * The link of the page that was followed, kept in that page's own history entry: Back to it puts the focus on that
 * link, where the reader left the list, instead of on the heading, from which a keyboard user tabbed through the
 * filters and every row above it again. Caught before the listener above adds the filters to its address, so that
 * the key is the link as the page draws it again.
 */
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.('a[href^="#/"]') as HTMLAnchorElement | null;
  const main = document.getElementById('contenido');
  if (!a || !main?.contains(a)) return;
  history.replaceState({ ...(history.state as object | null), followed: focusKey(a) }, '');
}, true);

/** The link followed from this history entry's page, when the reader comes back to it (see above). */
function followedLink(main: HTMLElement): HTMLElement | null {
  const key = (history.state as { followed?: unknown } | null)?.followed;
  return typeof key === 'string' ? findByKey(main, key) : null;
}

// In-page anchors (`href="#contenido"`, `#etapa-…`): the focus moves to their target, no history entry, no new page.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.('a[href^="#"]') as HTMLAnchorElement | null;
  const href = a?.getAttribute('href') ?? '';
  if (!a || isRoute(href)) return;
  if (focusAnchor(anchorId(href))) e.preventDefault();
});

/**
 * What had the focus in <main> before a redraw, found again in the new drawing: the element with the same id, or
 * else the same kind of link or button with the same text and target (WCAG 2.4.3: a redraw never sends the
 * reader elsewhere; a select browsed with the arrow keys keeps the focus).
 */
function focusKey(el: HTMLElement): string {
  return el.id ? `#${el.id}` : `${el.tagName}|${el.getAttribute('href') ?? ''}|${(el.textContent ?? '').trim()}`;
}
function findByKey(root: HTMLElement, key: string): HTMLElement | null {
  if (key.startsWith('#')) return root.querySelector<HTMLElement>(`#${CSS.escape(key.slice(1))}`);
  const tag = key.slice(0, key.indexOf('|'));
  return Array.from(root.querySelectorAll<HTMLElement>(tag)).find((el) => focusKey(el) === key) ?? null;
}

/**
 * A page whose data takes a while (a project's whole record on a phone's weak signal) showed and said nothing: the
 * last page stayed on screen with the focus on the link just followed, and a screen reader was silent until the new
 * heading, as if the link had not worked. Past a moment, «Cargando…» is shown at the top of the window and said
 * through #anuncio (the note itself is hidden from screen readers, so it is not read twice); both end with the page.
 * Not on the first load, whose <main> already says «Cargando datos…» (index.html).
 */
const LOADING = 'Cargando…';
const LOADING_AFTER_MS = 500;
const loadingNote = h('p', { id: 'cargando', class: 'loading-note', 'aria-hidden': 'true', hidden: true }, LOADING);
document.body.append(loadingNote);
// This script runs, so index.html's note for one the connection lost (styles.css .boot-late) is not about this visit:
// from here a read that fails says so itself, however long the data takes on a weak signal.
document.querySelector('#contenido > .boot-late')?.remove();
let loadingTimer: ReturnType<typeof setTimeout> | undefined;
function loadingStarts(): void {
  clearTimeout(loadingTimer);
  loadingTimer = setTimeout(() => { loadingNote.hidden = false; announce(LOADING); }, LOADING_AFTER_MS);
}
function loadingEnds(): void {
  clearTimeout(loadingTimer);
  loadingNote.hidden = true;
  withdrawAnnouncement(LOADING);
}

/** The page drawn last (its route's name): Seguimiento opens on a coordinator's state when reached from another. */
let lastName: string | undefined;

let first = true;
let navigation = 0;
async function render(retried = false): Promise<void> {
  const token = ++navigation;
  const main = document.getElementById('contenido') as HTMLElement;
  // The same address drawn again (a page's own refresh, a select that changes what the page loads): not a new page.
  const hash = location.hash || '#/';
  const redraw = hash === currentRoute;
  currentRoute = hash;
  // A new page: what the last one said through #anuncio is not about it. Before it is drawn, so that what the new
  // page says as it draws (its count of results) is kept; a redraw of the same address keeps its announcement.
  if (!redraw) clearAnnouncement();
  const parsed = parseHash();
  const query = parsed.query;
  let { name, params } = parsed;
  // An id typed or pasted with its slashes as they are (`#/contratacion/ocds-213czf-IMS/1160`, an ocid as published;
  // the pages' own links write `%2F`) is one id: only its first part was looked for, «no encontrada», or another
  // document's page opened. A slash at the end is no part of it.
  if (TAKES_ID.has(name) && name !== 'revision' && params.length > 1) {
    const parts = [...params];
    while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    params = [parts.join('/')];
  }
  // A document's page without its id (`#/proyecto/`, a link cut short) said «clave «»»: its list instead.
  if (TAKES_ID.has(name) && !params[0] && (name !== 'revision' || params.length)) {
    name = LIST_OF_DOCUMENT[name as DashboardPage] ?? name;
    params = [];
    history.replaceState(null, '', `#/${name}${query.toString() ? `?${query}` : ''}`);
    currentRoute = location.hash;
  }
  const arrived = name !== lastName;
  lastName = name;
  // Only the detail pages take an address below theirs (`#/proyecto/{id}`); `#/proyectos/algo` is not a page.
  let page = name === 'revision' && params.length ? reviewSubmissionPage : params.some(Boolean) && !TAKES_ID.has(name) ? notFoundPage : routeOf(name) ?? notFoundPage;
  renderNav(name, filterQuery(query).toString());
  main.setAttribute('aria-busy', 'true');
  // Only for a page the reader asked for: a new address, or «Intentar de nuevo» on a page that failed; a page's own
  // refresh of itself (a submission being published, looked at every 3 s) is not announced.
  if (!first && (!redraw || main.querySelector('#reintentar'))) loadingStarts();
  try {
    const [publishers] = await Promise.all([loadPublishers(), learnSignIn()]);
    // A coordinator lands on Seguimiento with their own state's implementers (the header's Estado filter set, in the
    // address, so it reads as any filter does); choosing «Todos» there, or «Ver todos los estados», shows the country,
    // and keeps showing it in this tab. The public opens it on the whole country.
    if (name === 'seguimiento') {
      const chosen = !!(query.get('state') || query.get('publisher'));
      if (chosen) rememberCountryView(false);
      else if (!arrived && signedInAs()?.role === 'coordinador') rememberCountryView(true);
      else if (!countryViewChosen()) {
        const own = await signedInCoordinatorState(publishers);
        if (token !== navigation) return;
        if (own) {
          query.set('state', own);
          history.replaceState(null, '', `#/${name}?${query}`);
          currentRoute = location.hash;
          renderNav(name, filterQuery(query).toString());
        }
      }
    }
    const filters = parseFilters(query);
    // All the data, one state's or implementer's, or — too much and nothing named — a list to choose from (data/scope.ts).
    const scope = scopeOf(publishers, filters, name, params, MAX_ROWS);
    const scopeQ = scopeQuery(scope);
    // Inicio without a search draws from the index's core half (what its map, counters, charts and filters read);
    // every other view, and a search (it reads process titles), waits for the details too.
    const homeOnly = name === '' && !query.get('q');
    let ds: Dataset;
    if (scope.kind === 'choose') {
      ds = { publishers, projects: [], processes: [] };
      if (routeOf(name) && !PUBLISHERS_ONLY.has(name)) page = chooseScopePage(page, name, params);
    } else ds = homeOnly ? await loadHomeDataset(scopeQ) : await loadDataset(scopeQ);
    // Marks read by `npm run bench:dashboard`: data ready, then page drawn (the first of each per tab).
    if (first) performance.mark('ia:datos');
    renderFilterBar(ds, query);
    printSelection(filtersFollowed(name));
    countFollowed(PER_PUBLISHER.has(name) ? PUBLISHER_FILTER_KEYS : undefined);
    const setQuery = (q: URLSearchParams): void => {
      const base = location.hash.replace(/^#\/?/, '').split('?')[0];
      const all = filterQuery(parseHash().query);
      q.forEach((v, k) => all.set(k, v));
      history.replaceState(null, '', `#/${base}${all.toString() ? `?${all}` : ''}`);
      currentRoute = location.hash;
    };
    const node = await page.render({ ds, params, query, filters, sel: filterDataset(ds, filters), scope, setQuery });
    // A newer navigation may have happened while this page loaded: only the latest one is drawn.
    if (token !== navigation) return;
    const focused = document.activeElement instanceof HTMLElement && document.activeElement !== main && main.contains(document.activeElement) ? focusKey(document.activeElement) : undefined;
    main.replaceChildren(node);
    if (first) performance.mark('ia:pagina');
    // Once Inicio is drawn, the details download in the background for the next page.
    if (first && homeOnly && scope.kind !== 'choose') setTimeout(() => { loadDataset(scopeQ).catch(() => undefined); }, 0);
    const title = main.querySelector('h1')?.textContent ?? page.title;
    document.title = `${closeBidi(title)} — Infraestructura Abierta`;
    // The focus goes to the new page's heading when the address changes — to the link followed from it, on coming
    // back to a page (followedLink) — (not when the header's filters changed it:
    // the reader stays in them), never on a redraw of the same address, where it stays on what the reader was using
    // (the heading only when that is gone, rather than lost to <body>).
    if (!first && !fromBar) {
      if (!redraw) (followedLink(main) ?? main.querySelector<HTMLElement>('h1'))?.focus();
      else if (focused) (findByKey(main, focused) ?? main.querySelector<HTMLElement>('h1'))?.focus();
    }
    if (first && initialAnchor !== undefined) focusAnchor(initialAnchor);
    // A key no answer has named the owner of yet (a page that asked nothing, or was refused): the server is asked
    // once the page is drawn — not alongside it, where its 401 took the key from under a work page's own request,
    // which then showed the sign-in form without saying why. The menu follows (onSessionChange).
    if (credential() && !signedInAs()) whoIsSignedIn().catch(() => undefined);
  } catch (e) {
    if (token !== navigation) return;
    // The data grew past a budget since this tab read the counts (data/scope.ts): read them again and choose again, once.
    if (!retried && refusedAsTooLarge(e)) {
      publishersChanged();
      return render(true);
    }
    // Asked again from here (a failed load is not kept, api.ts): on a phone that lost its signal for a moment, reloading
    // was the only way, and on Inicio its one link, «Volver al inicio», led where the reader already was.
    main.replaceChildren(h('h1', { tabindex: '-1' }, 'No se pudieron cargar los datos'), h('p', null, loadFailure(e)),
      h('p', null, h('button', { type: 'button', id: 'reintentar', onclick: () => { void render(); } }, 'Intentar de nuevo'),
        name ? [' o ', h('a', { href: route('') }, 'volver al inicio')] : null));
    // The tab and the screen reader said the page it came from («Proyectos — …») over this one.
    document.title = 'No se pudieron cargar los datos — Infraestructura Abierta';
    // On its heading, as a page drawn (the focus was lost to <body> with what held it, such as «Entrar»).
    if (!first) main.querySelector<HTMLElement>('h1')?.focus();
  } finally {
    if (token === navigation) {
      main.removeAttribute('aria-busy');
      loadingEnds();
      first = false;
      fromBar = false;
      document.body.dataset.ready = 'true';
    }
  }
}

/**
 * What the failed page says: the API reads' own Spanish words (api.ts, review/session.ts); anything else is a fault
 * of the page, whose (English) message goes to the console, not to the reader.
 */
function loadFailure(e: unknown): string {
  if (e instanceof ApiError || e instanceof WorkApiError) return e.message;
  console.error(e);
  return 'Ocurrió un problema al mostrar esta página. Intente de nuevo en unos minutos.';
}

window.addEventListener('hashchange', () => {
  if (isRoute(location.hash)) { void render(); return; }
  // An anchor reached by its address (typed, or a link without the click above): the route is put back as it was,
  // with its filters, and the page is not drawn again.
  const id = anchorId(location.hash);
  history.replaceState(null, '', currentRoute || '#/');
  focusAnchor(id);
});
void render();
