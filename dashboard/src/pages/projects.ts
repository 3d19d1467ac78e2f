/** *Proyectos*: searchable, sortable, paginated table of every published project, downloadable as CSV/JSON (the table) with a link to its standard data. */
import { announce, h, route } from '../dom';
import type { ProjectRow } from '../data/rows';
import { downloadButtons, standardData } from '../components/download';
import { dataTable } from '../components/table';
import { inColumnOrder, orderOf, orderPressed, orderSaid, type ShownOrder, type ValueColumn } from '../components/column-order';
import { projectTypeTitle, sectorTitle, statusTitle } from '../labels';
import { searchedNumberNotes } from '../components/searched-numbers';
import { PROJECT_CSV_HEADER, projectCsvRow } from '../data/project-csv';
import { projectSlip, scheduleSlipShort } from '../data/schedule-slip';
import { count, date, focusPager, heading, money, moneyOrOther, NO_DATA, plural, progress, type Page } from './common';

const PAGE_SIZE = 20;

interface Col extends ValueColumn<ProjectRow> { show: (r: ProjectRow) => string }

const years = (r: ProjectRow): string => (r.startYear || r.endYear ? r.startYear === r.endYear ? String(r.startYear) : `${r.startYear ?? '¿?'}–${r.endYear ?? '¿?'}` : NO_DATA);
// The figures a reader compares come right after the project's name and stage, visible without scrolling the
// table sideways at 1280 px; what describes the project follows.
const COLS: Col[] = [
  { key: 'titulo', title: 'Proyecto', value: (r) => r.title, show: (r) => r.title },
  { key: 'etapa', title: 'Etapa', value: (r) => statusTitle(r.status), show: (r) => statusTitle(r.status) },
  { key: 'presupuesto', title: 'Presupuesto (MXN)', numeric: true, value: (r) => r.budget, show: (r) => money(r.budget) },
  { key: 'contratado', title: 'Contratado (MXN)', numeric: true, value: (r) => r.contracted, show: (r) => money(r.contracted) },
  { key: 'avance', title: 'Avance físico', numeric: true, value: (r) => r.physicalProgress, show: (r) => progress(r.physicalProgress) },
  // How late against its planned end (schedule-slip.ts): ordered by it, the latest works come first.
  { key: 'plazo', title: 'Plazo', numeric: true, value: (r) => projectSlip(r)?.days, show: (r) => scheduleSlipShort(projectSlip(r)) ?? NO_DATA },
  { key: 'institucion', title: 'Institución', value: (r) => r.authority?.name, show: (r) => r.authority?.name ?? NO_DATA },
  { key: 'implementador', title: 'Implementador', value: (r) => r.publisherName, show: (r) => r.publisherName },
  { key: 'estado', title: 'Estado', value: (r) => r.state, show: (r) => r.state },
  { key: 'tipo', title: 'Tipo', value: (r) => (r.type ? projectTypeTitle(r.type) : undefined), show: (r) => (r.type ? projectTypeTitle(r.type) : NO_DATA) },
  { key: 'sector', title: 'Sector', value: (r) => r.sector.map(sectorTitle).join('; '), show: (r) => r.sector.map(sectorTitle).join('; ') || NO_DATA },
  { key: 'periodo', title: 'Periodo', date: true, value: (r) => r.start, show: years },
  { key: 'actualizado', title: 'Actualizado', date: true, value: (r) => r.updated, show: (r) => date(r.updated) },
];

/** By name as the list opens. */
const BY_TITLE: ShownOrder = { key: 'titulo', dir: 'asc' };

/** The selection of the header's filters, in the order of the chosen column. */
export function selectProjects(rows: ProjectRow[], q: URLSearchParams): ProjectRow[] {
  return inColumnOrder(rows, COLS, orderOf(COLS, q, BY_TITLE));
}

const otherCurrencyCaption = (n: number): string =>
  (n ? `«Contratado» no suma los montos en otra moneda de los procesos de ${n === 1 ? '1 proyecto (están en su página)' : `${count(n)} proyectos (están en la página de cada uno)`}.` : '');

export const projectsPage: Page = {
  title: 'Proyectos',
  render: ({ ds, sel, query, setQuery, filters }) => {
    const rows = sel.projects;
    // A project found through one of its processes' numbers says which (as Contrataciones does): its title and id
    // do not show it. Only with a search: the map is not built otherwise.
    const byOcid = filters.q ? new Map(ds.processes.map((p) => [p.ocid, p])) : undefined;
    const numbersOf = (r: ProjectRow): string[] => (byOcid ? r.ocids.flatMap((o) => byOcid.get(o)?.numbers ?? []) : []);
    // «Contratado» adds up pesos only. A project whose processes contracted in another currency read «Sin dato» when
    // none was in pesos, as if nothing had been published, or a pesos figure that left the dollars out unsaid: its
    // cell says «En otra moneda», and the caption counts the projects whose figure leaves something out, as the
    // project's page does (#nota-otra-moneda).
    const inOtherCurrency = new Set(ds.processes.filter((p) => p.otherCurrency).flatMap((p) => p.projectIds));
    const results = h('div', { id: 'resultados' });
    // Said through the page's live region (announce), which a new drawing of the page does not replace.
    const status = h('p', { id: 'conteo' });
    let q = new URLSearchParams(query);
    const update = (next: URLSearchParams, focusId?: string): void => { q = next; setQuery(q); draw(); if (focusId) document.getElementById(focusId)?.focus(); };
    const draw = (): void => {
      const list = selectProjects(rows, q);
      const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
      const page = Math.min(pages, Math.max(1, Number(q.get('pagina')) || 1));
      const shown = list.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
      const shownOrder = orderOf(COLS, q, BY_TITLE);
      status.textContent = `${list.length === ds.projects.length ? plural(list.length, 'proyecto', 'proyectos') : `${plural(list.length, 'proyecto', 'proyectos')} de ${count(ds.projects.length)} con los filtros elegidos`}.${pages > 1 ? ` Página ${page} de ${pages}.` : ''}`;
      announce(status.textContent ?? '');
      // The new order said after the count that draw() says (the last one said is read).
      const sort = (key: string): void => { update(orderPressed(q, key, shownOrder), `orden-${key}`); announce(orderSaid('Proyectos', COLS, orderOf(COLS, q, BY_TITLE))); };
      const goto = (p: number, id: 'pagina-anterior' | 'pagina-siguiente'): void => { const n = new URLSearchParams(q); n.set('pagina', String(p)); update(n); focusPager(id, status); };
      results.replaceChildren(
        // On a phone, one block per project, each value under its column's title (stack: 'phone'), as Pendientes.
        dataTable(['Proyectos publicados. Cifras en pesos mexicanos (MXN).', otherCurrencyCaption(list.filter((r) => inOtherCurrency.has(r.id)).length), 'Use los encabezados para ordenar.'].filter(Boolean).join(' '), COLS,
          shown.map((r) => [[h('a', { href: route('proyecto', r.id) }, r.title), ...searchedNumberNotes(numbersOf(r), filters)],
            ...COLS.slice(1).map((c) => (c.key === 'contratado' ? moneyOrOther(r.contracted, inOtherCurrency.has(r.id)) : c.show(r)))]),
          { id: 'tabla-proyectos', stack: 'phone', order: { shown: shownOrder, press: sort }, empty: 'Ningún proyecto coincide con la búsqueda y los filtros del encabezado.' }),
        // Only when there is another page, as on Contrataciones: «Página 1 de 1» between two disabled buttons was
        // noise, and two more stops that do nothing for keyboard users.
        ...(pages > 1 ? [h('nav', { class: 'pager', 'aria-label': 'Páginas' },
          h('button', { type: 'button', id: 'pagina-anterior', disabled: page <= 1, onclick: () => goto(page - 1, 'pagina-anterior') }, '← Anterior'),
          h('span', null, `Página ${page} de ${pages}`),
          h('button', { type: 'button', id: 'pagina-siguiente', disabled: page >= pages, onclick: () => goto(page + 1, 'pagina-siguiente') }, 'Siguiente →'))] : []),
      );
    };
    draw();
    return h('div', null,
      ...heading('Proyectos', 'Todos los proyectos publicados, también los que tienen datos incompletos: lo que falta se indica como «Sin dato». La búsqueda y los filtros del encabezado eligen los proyectos.'),
      status,
      // The column's sum and Inicio's total differ by design when processes are shared: said, so a reader adding up
      // the CSV knows why.
      h('p', { class: 'note', id: 'nota-contratado' }, '«Contratado»: lo que contrataron los procesos del proyecto, en pesos. Un proceso ligado a varios proyectos cuenta completo en cada uno, así que la columna puede sumar más que el «Monto contratado» de Inicio, que lo cuenta una vez.'),
      h('p', { class: 'note', id: 'nota-plazo' }, '«Plazo»: los días entre el término previsto del proyecto y su fecha de terminación publicada; si aún no termina y su término previsto ya pasó, los días desde entonces («Vencido»). En el CSV, «retraso_dias» (negativo: terminó antes) y «terminacion».'),
      downloadButtons('proyectos', [...PROJECT_CSV_HEADER], () => selectProjects(rows, q).map(projectCsvRow),
        standardData('projects', ds.publishers.find((p) => p.id === filters.publisher))),
      results);
  },
};
