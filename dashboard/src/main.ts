/**
 * The dashboard's entry: a hash router over the pages (works from any static host, no server rewrites), the
 * navigation with `aria-current`, focus moved to each new page's heading, and one data load shared by all pages.
 */
import { loadDataset } from './api';
import { h } from './dom';
import type { Page } from './pages/common';
import { homePage } from './pages/home';
import { projectsPage } from './pages/projects';
import { projectPage } from './pages/project';
import { processesPage } from './pages/processes';
import { supplierPage, suppliersPage } from './pages/suppliers';
import { indicatorsPage } from './pages/indicators';
import { qualityPage } from './pages/quality';
import { trackingPage } from './pages/tracking';
import { downloadsPage } from './pages/downloads';
import { mySubmissionsPage, reviewInboxPage, reviewSubmissionPage } from './review/review-pages';

const ROUTES: Record<string, Page> = {
  '': homePage, proyectos: projectsPage, proyecto: projectPage, contrataciones: processesPage, contratistas: suppliersPage,
  contratista: supplierPage, indicadores: indicatorsPage, calidad: qualityPage, seguimiento: trackingPage, descargas: downloadsPage,
};
// Behind sign-in (dashboard/src/review): the coordinators' inbox and submission page, the officials' status page.
Object.assign(ROUTES, { revision: reviewInboxPage, 'mis-envios': mySubmissionsPage });
/** Menu entries; detail pages highlight their list. */
const NAV: [string, string][] = [
  ['', 'Inicio'], ['proyectos', 'Proyectos'], ['contrataciones', 'Contrataciones'], ['contratistas', 'Contratistas'], ['indicadores', 'Indicadores'],
  ['calidad', 'Calidad de datos'], ['seguimiento', 'Seguimiento'], ['descargas', 'Descargas y API'],
];
NAV.push(['revision', 'Revisión'], ['mis-envios', 'Mis envíos']);
const PARENT: Record<string, string> = { proyecto: 'proyectos', contratista: 'contratistas' };

function parseHash(): { name: string; params: string[]; query: URLSearchParams } {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = raw.split('?');
  const [name = '', ...params] = path.split('/').map((s) => { try { return decodeURIComponent(s); } catch { return s; } });
  return { name, params, query: new URLSearchParams(search) };
}

function renderNav(current: string): void {
  const nav = document.getElementById('menu');
  if (!nav) return;
  const active = PARENT[current] ?? current;
  nav.replaceChildren(h('ul', null, NAV.map(([r, label]) => h('li', null, h('a', { href: `#/${r}`, 'aria-current': r === active ? 'page' : undefined }, label)))));
}

let first = true;
let navigation = 0;
async function render(): Promise<void> {
  const token = ++navigation;
  const main = document.getElementById('contenido') as HTMLElement;
  const { name, params, query } = parseHash();
  const page = name === 'revision' && params.length ? reviewSubmissionPage : ROUTES[name] ?? homePage;
  renderNav(ROUTES[name] ? name : '');
  main.setAttribute('aria-busy', 'true');
  try {
    const ds = await loadDataset();
    const setQuery = (q: URLSearchParams): void => {
      const base = location.hash.replace(/^#\/?/, '').split('?')[0];
      history.replaceState(null, '', `#/${base}${q.toString() ? `?${q}` : ''}`);
    };
    const node = await page.render({ ds, params, query, setQuery });
    // A newer navigation may have happened while this page loaded: only the latest one is drawn.
    if (token !== navigation) return;
    main.replaceChildren(node);
    const title = main.querySelector('h1')?.textContent ?? page.title;
    document.title = `${title} — Infraestructura Abierta`;
    if (!first) main.querySelector<HTMLElement>('h1')?.focus();
  } catch (e) {
    if (token !== navigation) return;
    main.replaceChildren(h('h1', { tabindex: '-1' }, 'No se pudieron cargar los datos'), h('p', null, 'Intente de nuevo en unos minutos. Detalle: ', String((e as Error).message)));
  } finally {
    if (token === navigation) {
      main.removeAttribute('aria-busy');
      first = false;
      document.body.dataset.ready = 'true';
    }
  }
}

window.addEventListener('hashchange', () => { void render(); });
void render();
