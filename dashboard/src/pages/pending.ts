/**
 * *Pendientes por completar* (`#/pendientes/{implementador}`): for one implementer, each project and process with
 * what its stage asks for and it has not published — CoST IDS points of the projects, key documents of the
 * processes — and the sheet and columns of the template where the official captures it (/api/pending, computed from
 * the publication: core/stats/pending.ts). What a coordinator hands the implementer at their monthly meeting:
 * filtered by kind, sheet or point, ordered by any column, as CSV (the rows shown) or as an Excel workbook (all).
 * Public, as the data it is read from: each project's page already shows which CoST IDS points it lacks.
 */
import { announce, h, route } from '../dom';
import { getJson } from '../api';
import { dataTable } from '../components/table';
import { inColumnOrder, orderOf, orderPressed, orderSaid, type ShownOrder, type ValueColumn } from '../components/column-order';
import { csvButton } from '../components/download';
import { count, date, focusPager, heading, plural, type Page } from './common';
import { PENDING_KIND_TITLES as KIND, type PendingRow } from '../../../core/stats/pending-row';

/** What `/api/pending/{id}` answers (functions/src/api/pending-routes.ts). */
interface PendingAnswer { publisherId: string; name: string; state: string; publicationId: string | null; publishedAt: string | null; rows: PendingRow[] }

const PAGE_SIZE = 100;

/** The table's columns and what each orders by (`?orden=&dir=`, as on Contrataciones). */
const COLS: ValueColumn<PendingRow>[] = [
  { key: 'documento', title: 'Proyecto o proceso', value: (r) => r.title },
  { key: 'etapa', title: 'Etapa', value: (r) => r.stage },
  { key: 'dato', title: 'Dato que falta', value: (r) => r.point },
  { key: 'hoja', title: 'Hoja', value: (r) => r.sheet || undefined },
  { key: 'columnas', title: 'Columnas', value: (r) => r.columns || undefined },
  { key: 'como', title: 'Cómo completarlo', value: (r) => r.how },
  { key: 'motivo', title: 'Por qué se pide', value: (r) => r.basis },
];
/** As the server lists them (projects, then processes, by identifier; each one's points in the standard's order), until a column is chosen. */
const AS_LISTED: ShownOrder = { key: '', dir: 'asc' };

/** A select of the distinct values of the rows, in Spanish order, with «Todos» first; the address's value chosen. */
function choices(id: string, all: string, values: string[], chosen: string | null, label: (v: string) => string = (v) => v): HTMLSelectElement {
  const distinct = [...new Set(values.filter(Boolean))].sort(new Intl.Collator('es-MX').compare);
  return h('select', { id }, h('option', { value: '' }, all), distinct.map((v) => h('option', { value: v, selected: chosen === v }, label(v))));
}

export const pendingPage: Page = {
  title: 'Pendientes por completar',
  render: async ({ ds, params, query, setQuery }) => {
    const id = params[0] ?? '';
    // An address naming no implementer (mistyped, or one removed): said so, with the way back. The API's 404 made it
    // «No se pudieron cargar los datos» with «Intentar de nuevo», which could never help.
    if (!ds.publishers.some((p) => p.id === id)) {
      return h('div', null, ...heading('Implementador no encontrado', `No hay un implementador registrado con la clave «${id}».`), h('a', { href: route('seguimiento') }, 'Volver a Seguimiento'));
    }
    const answer = await getJson<PendingAnswer>(`/api/pending/${encodeURIComponent(id)}`);
    const all = answer.rows;
    const back = h('p', null, h('a', { href: route('seguimiento') }, 'Volver a Seguimiento'));
    const title = `Pendientes por completar: ${answer.name}`;
    if (!answer.publicationId) {
      return h('div', null, ...heading(title), h('p', { id: 'resumen-pendientes' }, `${answer.name} aún no publica: cuando publique, aquí se listará lo que le falte completar.`), back);
    }
    const kindSel = h('select', { id: 'filtro-tipo' }, h('option', { value: '' }, 'Proyectos y procesos'),
      (['project', 'process'] as const).filter((k) => all.some((r) => r.kind === k)).map((k) => h('option', { value: k, selected: query.get('tipo') === k }, k === 'project' ? 'Solo proyectos' : 'Solo procesos de contratación')));
    const sheetSel = choices('filtro-hoja', 'Todas', all.map((r) => r.sheet), query.get('hoja'));
    const pointSel = choices('filtro-dato', 'Todos', all.map((r) => r.point), query.get('dato'));
    const search = h('input', { id: 'filtro-texto', type: 'search', value: query.get('buscar') ?? '', autocomplete: 'off' });
    let page = Math.max(1, Number(query.get('pagina')) || 1);
    let order = orderOf(COLS, query, AS_LISTED);
    const words = (r: PendingRow): string => `${r.id} ${r.title} ${r.process ?? ''}`.toLocaleLowerCase('es-MX');
    // The rows the filters keep, in the order chosen: the table's, and the CSV's.
    const selected = (): PendingRow[] => {
      const text = search.value.trim().toLocaleLowerCase('es-MX');
      return inColumnOrder(all.filter((r) => (!kindSel.value || r.kind === kindSel.value) && (!sheetSel.value || r.sheet === sheetSel.value)
        && (!pointSel.value || r.point === pointSel.value) && (!text || words(r).includes(text))), COLS, order);
    };
    const documents = (rows: PendingRow[], kind: PendingRow['kind']): number => new Set(rows.filter((r) => r.kind === kind).map((r) => r.id)).size;
    const results = h('div', { id: 'resultados' });
    const queryOf = (): URLSearchParams => {
      const q = new URLSearchParams();
      if (kindSel.value) q.set('tipo', kindSel.value);
      if (sheetSel.value) q.set('hoja', sheetSel.value);
      if (pointSel.value) q.set('dato', pointSel.value);
      if (search.value.trim()) q.set('buscar', search.value.trim());
      if (order.key) { q.set('orden', order.key); q.set('dir', order.dir); }
      if (page > 1) q.set('pagina', String(page));
      return q;
    };
    const draw = (pager?: 'pagina-anterior' | 'pagina-siguiente'): void => {
      const rows = selected();
      const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
      page = Math.min(page, pages);
      const goto = (p: number, used: 'pagina-anterior' | 'pagina-siguiente'): void => { page = p; setQuery(queryOf()); draw(used); };
      const press = (key: string): void => { order = orderOf(COLS, orderPressed(queryOf(), key, order), AS_LISTED); page = 1; setQuery(queryOf()); draw(); document.getElementById(`orden-${key}`)?.focus(); announce(orderSaid('Pendientes', COLS, order)); };
      const of = rows.length === all.length ? '' : ` de ${count(all.length)}, con los filtros elegidos`;
      const counted = h('p', { id: 'cuenta-pendientes' }, `${plural(rows.length, 'pendiente', 'pendientes')}${of}: ${plural(documents(rows, 'project'), 'proyecto', 'proyectos')} y ${plural(documents(rows, 'process'), 'proceso de contratación', 'procesos de contratación')}.${pages > 1 ? ` Tabla: página ${page} de ${pages}.` : ''}`);
      announce(counted.textContent ?? '');
      results.replaceChildren(counted,
        dataTable(`Pendientes de ${answer.name}. Use los encabezados para ordenar.`, COLS,
          rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((r) => [
            h('span', null, h('a', { href: r.kind === 'project' ? route('proyecto', r.id) : route('contratacion', r.id) }, r.title), h('br'),
              h('small', null, `${KIND[r.kind]} `, h('span', { class: 'code' }, r.id)),
              ...(r.process ? [h('br'), h('small', null, 'Proceso del proyecto ', h('span', { class: 'code' }, r.process))] : [])),
            r.stage, r.point, r.sheet, r.columns, r.how, r.basis]),
          { id: 'tabla-pendientes', stack: true, order: { shown: order, press }, empty: all.length ? 'Ningún pendiente con los filtros elegidos.' : 'Nada pendiente: cada proyecto y proceso publica lo que pide su etapa.' }),
        ...(pages > 1 ? [h('nav', { class: 'pager', 'aria-label': 'Páginas de la tabla' },
          h('button', { type: 'button', id: 'pagina-anterior', disabled: page <= 1, onclick: () => goto(page - 1, 'pagina-anterior') }, '← Anterior'),
          h('span', null, `Página ${page} de ${pages}`),
          h('button', { type: 'button', id: 'pagina-siguiente', disabled: page >= pages, onclick: () => goto(page + 1, 'pagina-siguiente') }, 'Siguiente →'))] : []));
      if (pager) focusPager(pager, counted);
    };
    const changed = (): void => { page = 1; setQuery(queryOf()); draw(); };
    for (const control of [kindSel, sheetSel, pointSel]) control.addEventListener('change', changed);
    search.addEventListener('input', changed);
    draw();
    // The rows shown, in their order, in the words of the table: a list to work through beside the template.
    const csv = csvButton(`pendientes-${answer.publisherId}`, ['tipo', 'identificador', 'titulo', 'proceso_del_proyecto', 'etapa', 'dato_que_falta', 'hoja', 'columnas', 'como_completarlo', 'por_que_se_pide'],
      () => selected().map((r) => [KIND[r.kind], r.id, r.title, r.process, r.stage, r.point, r.sheet, r.columns, r.how, r.basis]),
      'Descargar CSV', 'Descargar CSV de los pendientes mostrados');
    return h('div', null,
      ...heading(title, `Lo que ${answer.name} (${answer.state}) aún no publica de lo que pide la etapa de cada proyecto (los datos del estándar de datos de infraestructura de CoST, IDS) y de cada proceso de contratación (los documentos clave del programa), con la hoja y las columnas de la plantilla donde se captura. Calculado con lo publicado el ${date(answer.publishedAt)}: cambia cuando el implementador publique una actualización.`),
      h('form', { class: 'filters', 'aria-label': 'Filtros de los pendientes', onsubmit: (e: Event) => e.preventDefault() },
        h('div', { class: 'field' }, h('label', { for: 'filtro-tipo' }, 'Mostrar'), kindSel),
        h('div', { class: 'field' }, h('label', { for: 'filtro-hoja' }, 'Hoja de la plantilla'), sheetSel),
        h('div', { class: 'field' }, h('label', { for: 'filtro-dato' }, 'Dato que falta'), pointSel),
        h('div', { class: 'field' }, h('label', { for: 'filtro-texto' }, 'Identificador o título'), search)),
      h('div', { class: 'downloads' }, csv,
        h('a', { class: 'download-xlsx', href: `/api/pending/${encodeURIComponent(answer.publisherId)}/pendientes.xlsx`, download: '' }, 'Descargar Excel (todos los pendientes)')),
      results,
      back);
  },
};
