/** Helpers shared by the pages: formatted figures with an explicit "Sin dato", the filter form, the page context. */
import { formatCompact, formatDate, formatMoney, formatNumber } from '../../../core/format/es-mx';
import { h } from '../dom';
import type { Dataset } from '../data/types';
import { FILTER_KEYS, type Filters } from '../data/filters';
import { sectorTitle, statusTitle } from '../labels';

export interface PageContext {
  ds: Dataset;
  params: string[];
  query: URLSearchParams;
  /** Rewrites the query of the current page without a new history entry or a re-render. */
  setQuery: (q: URLSearchParams) => void;
}
export interface Page {
  title: string;
  /** The *Proyecto* page fetches its document, so a page may answer later. */
  render: (ctx: PageContext) => Node | Promise<Node>;
}

export const NO_DATA = 'Sin dato';
export const money = (v: number | undefined): string => (v === undefined ? NO_DATA : formatMoney(v));
export const compactMoney = (v: number): string => `$${formatCompact(v)}`;
export const date = (v: string | undefined | null): string => (v ? formatDate(v) : NO_DATA);
export const count = (n: number): string => formatNumber(n, 0);
export const percent = (share: number | undefined): string => (share === undefined ? NO_DATA : `${formatNumber(share * 100, share * 100 % 1 === 0 ? 0 : 1)} %`);

export function heading(title: string, intro?: string): Node[] {
  return intro ? [h('h1', { tabindex: '-1' }, title), h('p', { class: 'intro' }, intro)] : [h('h1', { tabindex: '-1' }, title)];
}

function select(name: string, label: string, options: [string, string][], value: string | undefined, onChange: () => void): HTMLElement {
  const id = `filtro-${name}`;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name, onchange: onChange },
      h('option', { value: '' }, 'Todos'),
      options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
}

/** The five filters of *Inicio* / *Proyectos*; calls back with the new query on every change. */
export function filterForm(ds: Dataset, f: Filters, onChange: (f: URLSearchParams) => void): HTMLFormElement {
  const rows = ds.projects;
  const years = new Set<number>();
  for (const r of rows) {
    const from = r.startYear ?? r.endYear;
    const to = r.endYear ?? r.startYear;
    if (from !== undefined && to !== undefined) for (let y = from; y <= to && y - from < 50; y++) years.add(y);
  }
  const uniq = (xs: string[]): string[] => [...new Set(xs)].sort((a, b) => a.localeCompare(b, 'es-MX'));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filtros', onsubmit: (e: Event) => e.preventDefault() }) as HTMLFormElement;
  const changed = (): void => {
    const q = new URLSearchParams();
    for (const k of FILTER_KEYS) { const v = (form.elements.namedItem(k) as HTMLSelectElement).value; if (v) q.set(k, v); }
    onChange(q);
  };
  form.append(
    select('year', 'Año', [...years].sort().map((y) => [String(y), String(y)]), f.year?.toString(), changed),
    select('state', 'Estado', uniq(ds.publishers.map((p) => p.state)).map((s) => [s, s]), f.state, changed),
    select('publisher', 'Implementador', [...ds.publishers].sort((a, b) => a.name.localeCompare(b.name, 'es-MX')).map((p) => [p.id, p.name]), f.publisher, changed),
    select('sector', 'Sector', uniq(rows.flatMap((r) => r.sector)).map((s) => [s, sectorTitle(s)]), f.sector, changed),
    select('status', 'Etapa del proyecto', uniq(rows.map((r) => r.status)).map((s) => [s, statusTitle(s)]), f.status, changed),
  );
  return form;
}
