/**
 * The header's global search and filters (data/filters.ts). They live in the URL of every page: changing one
 * navigates to the same page with the new query, so the browser's back button and a shared link restore the view.
 * The selects sit in a disclosure so the header stays short: on narrow screens (the `max-width: 40rem` of
 * styles.css) it opens only when asked, even with a filter on, and shares the search's row; wider, it is open while
 * a filter is on.
 */
import { h } from '../dom';
import type { Dataset } from '../data/types';
import { FILTER_KEYS, activeFilters, matchesPublisher, type Filters } from '../data/filters';
import { projectTypeTitle, sectorTitle, statusTitle } from '../labels';
import { matchesMunicipality, municipalityOptions } from '../data/municipality';

const collator = new Intl.Collator('es-MX');
/** The phone layout of styles.css (header in two rows, menu behind a button). */
const NARROW = '(max-width: 40rem)';
const uniq = (xs: (string | undefined)[]): string[] => [...new Set(xs.filter((x): x is string => !!x))].sort(collator.compare);

const byTitle = (codes: string[], title: (code: string) => string): [string, string][] =>
  codes.map((c): [string, string] => [c, title(c)]).sort((a, b) => collator.compare(a[1], b[1]));

/**
 * A value the address asks for that nothing published has (a mistyped state, an implementer since renamed, an old
 * link) is an option of its own, chosen: otherwise the select showed «Todos» while «Filtros (1 activo)» emptied the
 * page, and nothing on it said which filter.
 */
function select(name: string, label: string, options: [string, string][], value: string | undefined): HTMLElement {
  const id = `filtro-${name}`;
  const unknown = value !== undefined && value !== '' && !options.some(([v]) => v === value);
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name },
      h('option', { value: '' }, 'Todos'),
      options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)),
      unknown ? h('option', { value, selected: true }, `${value} (sin datos publicados)`) : null));
}

/** «Filtros (2 activos)»; on a phone it reads «Filtros (2)» and screen readers still hear «activos». */
const summaryText = (n: number): (string | Node)[] => (n ? ['Filtros (', String(n), h('span', { class: 'narrow-hidden' }, ` ${n === 1 ? 'activo' : 'activos'}`), ')'] : ['Filtros']);

/**
 * The count of «Filtros (n activos)» for the page shown: the filters it follows (`keys`; undefined: all of them). On
 * Calidad or Seguimiento, which follow Estado and Implementador only (data/filters.ts PUBLISHER_FILTER_KEYS), a
 * Municipio chosen on the map read «Filtros (1 activo)» over figures it did not shape. Written for each page (main.ts):
 * the bar is drawn again only when the filters change, not when the page does.
 */
export function countFollowed(keys: readonly string[] | undefined): void {
  const form = document.querySelector<HTMLFormElement>('#filtros form');
  const summary = form?.querySelector('.filter-panel summary');
  if (!form || !summary) return;
  // There the search chooses implementers by name or state (data/filters.ts matchesPublisherSearch): the box says so.
  implementersOnly = !!keys;
  const search = form.querySelector<HTMLInputElement>('#buscar');
  if (search) search.placeholder = searchHint(typeof matchMedia === 'function' && matchMedia(NARROW).matches);
  const n = Array.from(form.querySelectorAll('select')).filter((el) => el.value && (!keys || keys.includes(el.name))).length;
  summary.replaceChildren(...summaryText(n));
}

/** Whether the page shown lists implementers (Calidad, Seguimiento, Descargas), set by countFollowed for each page. */
let implementersOnly = false;
/** What the search box finds on the page shown, as much of it as its width shows whole. */
const searchHint = (narrow: boolean): string => (implementersOnly ? (narrow ? 'Implementador…' : 'Implementador o estado…')
  : narrow ? 'Proyecto, clave…' : 'Proyecto, clave, institución, contratista…');

export function filterBar(ds: Dataset, f: Filters, rawQ: string, onChange: (q: URLSearchParams) => void): HTMLFormElement {
  const rows = ds.projects;
  const years = new Set<number>();
  for (const r of rows) {
    const from = r.startYear ?? r.endYear;
    const to = r.endYear ?? r.startYear;
    if (from !== undefined && to !== undefined) for (let y = from; y <= to && y - from < 50; y++) years.add(y);
  }
  const form = h('form', { class: 'global-filters', role: 'search', 'aria-label': 'Buscar y filtrar en todo el tablero' }) as HTMLFormElement;
  const narrow = typeof matchMedia === 'function' && matchMedia(NARROW).matches;
  const search = h('input', { type: 'search', id: 'buscar', name: 'q', value: rawQ, autocomplete: 'off', placeholder: searchHint(narrow) });
  // On a phone the box shares its row with «Buscar» and «Filtros», and its label is hidden: the long hint read
  // «Proyecto, clave, ins». A phone turned, or a window resized, gets the hint that fits.
  if (typeof matchMedia === 'function') matchMedia(NARROW).addEventListener('change', (e) => { search.placeholder = searchHint(e.matches); });
  const n = activeFilters({ ...f, q: undefined });
  const details = h('details', { class: 'filter-panel', open: n > 0 && !narrow },
    h('summary', null, summaryText(n)),
    h('div', { class: 'filter-grid' },
      select('year', 'Año', [...years].sort().map((y) => [String(y), String(y)]), f.year?.toString()),
      select('state', 'Estado', uniq(ds.publishers.map((p) => p.state)).map((s) => [s, s]), f.state),
      // With a state chosen, its implementers only (a national list is thousands long), and the one filtered.
      select('publisher', 'Implementador', ds.publishers.filter((p) => !f.state || p.state === f.state || p.id === f.publisher).sort((a, b) => collator.compare(a.name, b.name)).map((p) => [p.id, p.name]), f.publisher),
      // Coded lists in the order of their Spanish titles, which is what the reader scans (not the codes').
      select('sector', 'Sector', byTitle(uniq(rows.flatMap((r) => r.sector)), sectorTitle), f.sector),
      select('type', 'Tipo de proyecto', byTitle(uniq(rows.map((r) => r.type)), projectTypeTitle), f.type),
      select('status', 'Etapa del proyecto', byTitle(uniq(rows.map((r) => r.status)), statusTitle), f.status),
      // The municipalities of the chosen state or implementer only, and the one filtered: with Chiapas chosen it
      // offered Monterrey and Mérida, whose choice emptied every page. A name several states share carries its
      // state (data/municipality.ts): «Juárez» alone mixed the Juárez of each state.
      select('municipality', 'Municipio', municipalityOptions(rows, rows.filter((r) => matchesPublisher(f, r) || (!!f.municipality && matchesMunicipality(r, f.municipality))), f.municipality, collator.compare), f.municipality)),
    n ? h('button', { type: 'button', id: 'quitar-filtros', onclick: () => onChange(new URLSearchParams(search.value ? { q: search.value } : {})) }, 'Quitar filtros') : null);
  // Escape closes the panel and gives the focus back to its summary, which opened it (as the menu does, main.ts): a
  // keyboard user otherwise tabbed through all seven selects to leave it. Not further up: the menu stays as it is.
  details.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key !== 'Escape' || !details.open) return;
    e.stopPropagation();
    details.open = false;
    details.querySelector<HTMLElement>('summary')?.focus();
  });
  const read = (): URLSearchParams => {
    const q = new URLSearchParams();
    for (const k of FILTER_KEYS) { const el = form.elements.namedItem(k) as HTMLInputElement | HTMLSelectElement | null; if (el?.value) q.set(k, el.value); }
    return q;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => onChange(read()), 300); });
  form.addEventListener('change', (e) => { if ((e.target as Element).tagName === 'SELECT') onChange(read()); });
  form.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(timer); onChange(read()); });
  form.append(h('div', { class: 'field search' }, h('label', { for: 'buscar' }, 'Buscar en el tablero'), h('div', { class: 'search-row' }, search, h('button', { type: 'submit' }, 'Buscar'))), details);
  // What they chose, for the printed page (printSelection below; written by main.ts for each page).
  form.append(h('p', { class: 'filters-printed' }));
  return form;
}

/**
 * Writes in the bar the search and filters that chose the page's rows, as its selects show them («Estado: Nuevo
 * León; Sector: Salud»), for the printed page only (styles.css): on paper, or in a PDF saved from it, the header's
 * controls are not drawn, and a list read «5 proyectos de 14 con los filtros elegidos» without saying which.
 * `keys`: the filters the page follows (undefined: all of them, the search too; empty: none, nothing written).
 */
export function printSelection(keys: readonly string[] | undefined): void {
  const form = document.querySelector<HTMLFormElement>('#filtros form');
  const line = form?.querySelector('.filters-printed');
  if (!form || !line) return;
  const parts: string[] = [];
  const search = form.querySelector<HTMLInputElement>('#buscar')?.value.trim();
  // On the pages of implementers (keys: Estado and Implementador) the search chose them by name or state.
  if (search && !keys) parts.push(`Búsqueda: «${search}»`);
  else if (search && keys?.length) parts.push(`Búsqueda de implementadores: «${search}»`);
  for (const el of Array.from(form.querySelectorAll('select'))) {
    if (!el.value || (keys && !keys.includes(el.name))) continue;
    const label = form.querySelector(`label[for="${el.id}"]`)?.textContent ?? el.name;
    parts.push(`${label}: ${el.selectedOptions[0]?.textContent ?? el.value}`);
  }
  line.textContent = parts.length ? `Selección de esta vista — ${parts.join('; ')}.` : '';
}
