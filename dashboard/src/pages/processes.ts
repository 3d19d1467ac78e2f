/** *Contrataciones*: processes by procurement method and competition band, with their amounts. */
import { announce, h, route } from '../dom';
import type { ProcessRow } from '../data/rows';
import { supplierKey } from '../data/suppliers';
import { barChart } from '../components/bar-chart';
import { dataTable } from '../components/table';
import { inColumnOrder, orderOf, orderPressed, orderSaid, type ShownOrder, type ValueColumn } from '../components/column-order';
import { downloadButtons, standardData } from '../components/download';
import { calendarDate } from '../../../core/format/es-mx';
import { cents } from '../../../core/stats/publication-index';
import { institutionKey } from '../data/institutions';
import { COMPETITION_TITLES, methodTitle, stageTitle } from '../labels';
import { methodKey, PLANNED_METHOD } from '../../../core/stats/figures';
import { CONTRACTED_RULE, NOT_CONTRACTED, count, date, focusPager, heading, moneyOrOther, NO_DATA, nothingMatched, otherCurrencyNote, plural, withTaxMark, withTaxNote, yearRule, type Page } from './common';
import { searchedNumberNotes } from '../components/searched-numbers';

const PAGE_SIZE = 100;

/** What the header's search looks in here (data/filters.ts processText), said in the heading and when it finds nothing. */
const SEARCHED_IN = 'La búsqueda del encabezado encuentra un proceso por su nombre, ocid, número de licitación o de contrato, institución o contratista (nombre o RFC).';

/** The table's columns and what each orders by (`?orden=&dir=`, as on Proyectos). */
const COLS: ValueColumn<ProcessRow>[] = [
  { key: 'proceso', title: 'Proceso', value: (r) => r.title },
  { key: 'institucion', title: 'Institución compradora', value: (r) => r.buyer?.name ?? r.publisherName },
  { key: 'etapa', title: 'Etapa', value: (r) => (r.stage ? stageTitle(r.stage) : undefined) },
  { key: 'metodo', title: 'Método', value: (r) => (r.method === 'sin-dato' ? undefined : methodTitle(methodKey(r))) },
  { key: 'licitantes', title: 'Licitantes', numeric: true, value: (r) => r.tenderers },
  { key: 'contratado', title: 'Contratado', numeric: true, value: (r) => r.contracted },
  { key: 'pagado', title: 'Pagado', numeric: true, value: (r) => r.paid },
  { key: 'contratistas', title: 'Contratistas', value: (r) => (r.suppliers.length ? r.suppliers.map((x) => x.name).join('; ') : undefined) },
  { key: 'fecha', title: 'Fecha', date: true, value: (r) => r.date },
];
/**
 * A process's «Contratado»: «con IVA» after it when its contracts publish their amount only with VAT
 * (core/stats/contract-with-tax.ts), and how much of it when only some do.
 */
const contractedCell = (r: ProcessRow): string => `${moneyOrOther(r.contracted, r.otherCurrency)}${withTaxMark(r)}`;

/** As published, until a column is chosen. */
const AS_PUBLISHED: ShownOrder = { key: '', dir: 'asc' };

/** Per group: processes, the pesos they contracted, whether any says a figure in pesos and how many amounts are in another currency. */
interface Group { n: number; amount: number; published: boolean; other: number }
function groupBy(rows: ProcessRow[], key: (r: ProcessRow) => string): [string, Group][] {
  const m = new Map<string, Group>();
  for (const r of rows) {
    const g = m.get(key(r)) ?? { n: 0, amount: 0, published: false, other: 0 };
    g.n++; g.amount += r.contracted ?? 0; g.published ||= r.contracted !== undefined; g.other += r.otherCurrency ?? 0;
    m.set(key(r), g);
  }
  return [...m.entries()].sort((a, b) => b[1].amount - a[1].amount);
}

export const processesPage: Page = {
  title: 'Contrataciones',
  render: ({ ds, sel, query, setQuery, filters }) => {
    const all = sel.processes;
    const results = h('div', { id: 'resultados' });
    const methodSel = h('select', { id: 'filtro-metodo' }, h('option', { value: '' }, 'Todos'), [...new Set(all.map(methodKey))].map((m) => h('option', { value: m, selected: query.get('metodo') === m }, methodTitle(m))));
    const bandSel = h('select', { id: 'filtro-competencia' }, h('option', { value: '' }, 'Todas'), Object.entries(COMPETITION_TITLES).map(([b, t]) => h('option', { value: b, selected: query.get('competencia') === b }, t)));
    let page = Math.max(1, Number(query.get('pagina')) || 1);
    let order = orderOf(COLS, query, AS_PUBLISHED);
    // The table's order, and the downloads' (the rows as the table lists them).
    const selected = (): ProcessRow[] => inColumnOrder(all.filter((r) => (!methodSel.value || methodKey(r) === methodSel.value) && (!bandSel.value || r.band === bandSel.value)), COLS, order);
    const draw = (pager?: 'pagina-anterior' | 'pagina-siguiente'): void => {
      const rows = selected();
      // The table shows one page of rows (thousands of rows would take seconds to lay out); charts and downloads cover all.
      const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
      page = Math.min(page, pages);
      const goto = (p: number, id: 'pagina-anterior' | 'pagina-siguiente'): void => { page = p; setQuery(queryOf()); draw(id); };
      // Back to the first page, the focus back on the title pressed, as on Proyectos.
      const press = (key: string): void => { order = orderOf(COLS, orderPressed(queryOf(), key, order), AS_PUBLISHED); page = 1; setQuery(queryOf()); draw(); document.getElementById(`orden-${key}`)?.focus(); announce(orderSaid('Procesos', COLS, order)); };
      // Said through the page's live region (announce), which a new drawing of the page does not replace.
      // Worded as the other lists (filteredNote): «de N» only when filters leave some out; «19 procesos de
      // contratación de 19.» read as if something were missing.
      const shown = rows.length === ds.processes.length ? `${plural(rows.length, 'proceso de contratación', 'procesos de contratación')}.` : `${plural(rows.length, 'proceso de contratación', 'procesos de contratación')} de ${count(ds.processes.length)} con los filtros elegidos.`;
      const counted = h('p', null, `${shown}${pages > 1 ? ` Tabla: página ${page} de ${pages}.` : ''}`);
      // Nothing to list says why, as Inicio does (the header's search and filters, or this page's two), and how out.
      const why = rows.length || !ds.processes.length ? null : h('p', { class: 'status-bad', id: 'sin-resultados' }, all.length
        ? 'Ningún proceso de esta selección tiene el método y la competencia elegidos. Elija otros en «Método de contratación» o «Competencia».'
        : `${nothingMatched(ds, filters, 'Ningún proceso de contratación')}${filters.q ? ` ${SEARCHED_IN}` : ''}`);
      announce(`${counted.textContent ?? ''}${why ? ` ${why.textContent ?? ''}` : ''}`);
      results.replaceChildren(
        counted,
        ...(why ? [why] : []),
        h('p', { class: 'note', id: 'nota-contratado' }, [CONTRACTED_RULE, withTaxNote(cents(rows.reduce((n, r) => n + (r.contractedWithTax ?? 0), 0)), rows.filter((r) => r.contractedWithTax !== undefined).length), yearRule(filters)].filter(Boolean).join(' ')),
        barChart('Monto contratado por método (MXN)', groupBy(rows, methodKey).map(([m, g]) => ({ label: methodTitle(m), value: g.amount, display: `${m === PLANNED_METHOD ? NOT_CONTRACTED : moneyOrOther(g.published ? cents(g.amount) : undefined, g.other)} (${count(g.n)})` })), 'Monto contratado (número de procesos)'),
        barChart('Procesos por competencia', groupBy(rows, (r) => r.band).map(([b, g]) => ({ label: COMPETITION_TITLES[b] ?? b, value: g.n, display: count(g.n) })), 'Procesos'),
        dataTable(['Procesos de contratación. Cifras en MXN.', otherCurrencyNote(rows.reduce((n, r) => n + (r.otherCurrency ?? 0), 0)), 'Use los encabezados para ordenar.'].filter(Boolean).join(' '), COLS,
          rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((r) => [
            h('span', null, h('a', { href: route('contratacion', r.ocid) }, r.title), h('br'), h('small', { class: 'code' }, r.ocid),
              ...searchedNumberNotes(r.numbers, filters)),
            r.buyer ? h('a', { href: route('institucion', institutionKey(r.buyer)) }, r.buyer.name) : r.publisherName, stageTitle(r.stage), methodTitle(methodKey(r)), r.tenderers === undefined ? (r.band === 'planning' ? 'Aún no' : NO_DATA) : count(r.tenderers), contractedCell(r), moneyOrOther(r.paid, r.otherCurrency),
            r.suppliers.length ? r.suppliers.map((s, i) => [i ? '; ' : '', h('a', { href: route('contratista', supplierKey(s)) }, s.name)]) : NO_DATA,
            date(r.date)]), { id: 'tabla-contrataciones', stack: 'phone', order: { shown: order, press } }),
        ...(pages > 1 ? [h('nav', { class: 'pager', 'aria-label': 'Páginas de la tabla' },
          h('button', { type: 'button', id: 'pagina-anterior', disabled: page <= 1, onclick: () => goto(page - 1, 'pagina-anterior') }, '← Anterior'),
          h('span', null, `Página ${page} de ${pages}`),
          h('button', { type: 'button', id: 'pagina-siguiente', disabled: page >= pages, onclick: () => goto(page + 1, 'pagina-siguiente') }, 'Siguiente →'))] : []),
      );
      if (pager) focusPager(pager, counted);
    };
    const queryOf = (): URLSearchParams => {
      const q = new URLSearchParams();
      if (methodSel.value) q.set('metodo', methodSel.value);
      if (bandSel.value) q.set('competencia', bandSel.value);
      if (order.key) { q.set('orden', order.key); q.set('dir', order.dir); }
      if (page > 1) q.set('pagina', String(page));
      return q;
    };
    const changed = (): void => {
      page = 1;
      setQuery(queryOf());
      draw();
    };
    methodSel.addEventListener('change', changed);
    bandSel.addEventListener('change', changed);
    draw();
    return h('div', null,
      ...heading('Contrataciones', `Procesos de contratación publicados en EDCA-MX (OCDS): método, competencia (número de licitantes) y montos. ${SEARCHED_IN}`),
      h('form', { class: 'filters', 'aria-label': 'Filtros', onsubmit: (e: Event) => e.preventDefault() },
        h('div', { class: 'field' }, h('label', { for: 'filtro-metodo' }, 'Método de contratación'), methodSel),
        h('div', { class: 'field' }, h('label', { for: 'filtro-competencia' }, 'Competencia'), bandSel)),
      // The procedure's and contracts' numbers too (what a news story cites), after the ocid.
      downloadButtons('contrataciones', ['ocid', 'numeros_licitacion_y_contratos', 'titulo', 'implementador', 'institucion_compradora', 'etapa', 'metodo', 'licitantes', 'contratado_mxn', 'contratado_con_iva_mxn', 'contratado_iva_incluido_mxn', 'pagado_mxn', 'contratistas', 'fecha'],
        () => selected().map((r) => [r.ocid, r.numbers?.join('; '), r.title, r.publisherName, r.buyer?.name, stageTitle(r.stage), methodTitle(methodKey(r)), r.tenderers, r.contracted, r.contractedWithTax, r.contractedInclTax ?? r.contracted, r.paid, r.suppliers.map((s) => s.name).join('; '), calendarDate(r.date)]),
        standardData('records', ds.publishers.find((p) => p.id === filters.publisher))),
      results);
  },
};
