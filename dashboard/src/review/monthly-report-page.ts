/**
 * *Informe mensual* (behind sign-in, `#/informe-mensual?mes=aaaa-mm`): what a coordinator accounts for each month to
 * its board and to INAI — for its state and per implementer, the sends received, approved, returned with comments and
 * withdrawn, those awaiting a decision when the month closed and for how long, the median days a review took, and who
 * published and who published nothing. By name or by any column, as Seguimiento; as CSV; printable. The server decides
 * who may read it and computes it (functions/src/workflow/monthly-report-routes.ts, core/workflow/monthly-account.ts);
 * the administration chooses the state.
 */
import { announce, h } from '../dom';
import { count, date, heading, type Page } from '../pages/common';
import { kpis } from '../components/kpis';
import { scrollRegion } from '../components/table';
import { sortHeaderRow } from '../components/sort-header';
import { BY_NAME, inOrder, orderAsked, orderNoteText, pressOrder, type OrderColumn } from '../components/address-order';
import { csvButton } from '../components/download';
import { fold } from '../data/filters';
import { formatCount, formatList, formatNumber } from '../../../core/format/es-mx';
import { DEFAULT_TIME_ZONE } from '../../../core/unflatten/time-zone';
import { dayOf, lastCompleteMonth, monthBounds, monthLabel, monthOf, previousMonth, stateTimeZone } from '../../../core/workflow/report-month';
import type { AccountFigures } from '../../../core/workflow/monthly-account';
import { checkMonthlyReportAnswer, REPORT_PREPARING, REPORT_PREPARING_RETRY_SECONDS, WORKFLOW_PATHS, type MonthlyReportAnswer, type ReportImplementer } from '../../../core/workflow/contract';
import type { RefusedStretch } from '../../../core/workflow/refused-in-month';
import { ApiError, authed, rerender, sessionBar, signedInAs, withSession } from './session';

/** Months offered: the one under way and the two years before it. */
const MONTHS_OFFERED = 25;
/** A figure that does not apply (no send waiting, no decision to time). */
const NONE = '—';

const days = (n: number | null): string => (n === null ? NONE : formatNumber(n, Number.isInteger(n) ? 0 : 1));

type SortColumn = OrderColumn<ReportImplementer>;
const numeric = (key: string, title: string, value: (r: ReportImplementer) => number | null, what: string): SortColumn =>
  ({ key, title, numeric: true, first: 'desc', value, said: [`por ${what}, de menos a más`, `por ${what}, de más a menos`] });
const COLUMNS: SortColumn[] = [
  { key: 'implementador', title: 'Implementador', first: 'asc', value: (r) => r.name, said: ['por nombre, de la A a la Z', 'por nombre, de la Z a la A'] },
  numeric('recibidos', 'Envíos recibidos', (r) => r.received, 'envíos recibidos'),
  numeric('aprobados', 'Aprobados', (r) => r.approved, 'envíos aprobados'),
  numeric('devueltos', 'Devueltos con comentarios', (r) => r.returned, 'envíos devueltos'),
  numeric('retirados', 'Retirados', (r) => r.withdrawn, 'envíos retirados'),
  numeric('en-espera', 'En espera al cierre', (r) => r.waiting, 'envíos en espera'),
  numeric('espera-mas-larga', 'Espera más larga (días)', (r) => r.longestWaitDays, 'espera más larga'),
  numeric('mediana-revision', 'Mediana de revisión (días)', (r) => r.medianReviewDays, 'mediana de días de revisión'),
  numeric('publicaciones', 'Publicaciones', (r) => r.publications, 'publicaciones'),
  // Sends refused for errors (no submission): counted by the server only in the part of the month still kept.
  numeric('intentos-rechazados', 'Intentos rechazados', (r) => r.refusedAttempts ?? null, 'intentos rechazados'),
];

/** In the order asked; a figure that does not apply goes last either way; ties by name. */
const ordered = (rows: readonly ReportImplementer[], q: URLSearchParams): ReportImplementer[] => inOrder(rows, orderAsked(COLUMNS, q), (x, y) => BY_NAME.compare(x.name, y.name));

/**
 * A row's cells after its name: the same for an implementer and for the state's total; `refused`, its refused
 * attempts, null when the month's are no longer kept (or the server does not count them).
 */
function figureCells(f: AccountFigures, refused: number | null): HTMLElement[] {
  // Approving data identical to the published confirms it current (Seguimiento counts it as an update): said beside «0».
  const published = f.confirmations && !f.publications ? `0 (${formatCount(f.confirmations, 'confirmación', 'confirmaciones')} sin cambios)` : count(f.publications);
  return [count(f.received), count(f.approved), count(f.returned), count(f.withdrawn), count(f.waiting), days(f.longestWaitDays), days(f.medianReviewDays), published, refused === null ? NONE : count(refused)]
    .map((text) => h('td', { class: 'num' }, text));
}

/** The CSV's figures: numbers a spreadsheet reads as numbers, empty when they do not apply. */
const csvFigures = (f: AccountFigures): (number | null)[] => [f.received, f.approved, f.returned, f.withdrawn, f.waiting, f.longestWaitDays, f.reviewed, f.medianReviewDays, f.publications, f.confirmations];

/** The state's refused attempts in the part of the month counted, or null when none of it is. */
const refusedTotal = (r: MonthlyReportAnswer): number | null => (r.refusedCounted ? r.implementers.reduce((n, p) => n + (p.refusedAttempts ?? 0), 0) : null);

/**
 * What «Intentos rechazados» counts, said plainly: a coordinator telling its board «N implementadores intentaron
 * enviar y su libro tenía errores» must know whether that is the whole month, and a month from before the platform
 * counted them must read as not counted, never as «nobody was refused».
 */
function refusedNote(stretch: RefusedStretch | null | undefined, month: string, zone: string): string {
  const what = '«Intentos rechazados»: envíos que la plataforma no recibió por errores en el libro, que no llegan a la bandeja';
  if (stretch === undefined) return `${what}; este servidor no los cuenta en el informe.`;
  if (stretch === null) return `${what}: en ${monthLabel(month)} la plataforma todavía no los contaba, así que este informe no tiene esa cifra (no es que no hubiera).`;
  const from = date(dayOf(Date.parse(stretch.from), zone));
  const to = date(dayOf(Date.parse(stretch.to) - 1, zone));
  // From the month's first day: every one of the month is counted (up to today in the month under way).
  const whole = Date.parse(stretch.from) === Date.parse(monthBounds(month, zone).start);
  const days = from === to ? `del ${from}` : `del ${from} al ${to}`;
  return whole ? `${what}: se cuentan todos los ${days}.`
    : `${what}: se cuentan los ${days}; la plataforma empezó a contarlos el ${from}, y los de antes en el mes no se contaron.`;
}

const slug = (text: string): string => fold(text).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * The month and (for the administration) state choosers; a change loads that report. The month under way is the
 * state's (`zone`, its capital's clock), as the server cuts it: in Cancún at 00:30 of 1 December, December.
 */
function choosers(query: URLSearchParams, setQuery: (q: URLSearchParams) => void, month: string, states: string[] | null, state: string | null, zone: string): HTMLElement {
  const current = monthOf(Date.now(), zone);
  const months: string[] = [];
  for (let m = current; months.length < MONTHS_OFFERED; m = previousMonth(m)) months.push(m);
  const monthSel = h('select', { id: 'mes', name: 'mes' }, months.map((m) => h('option', { value: m, selected: m === month }, m === current ? `${monthLabel(m)} (en curso)` : monthLabel(m))));
  const stateSel = states && h('select', { id: 'estado-informe', name: 'estado' }, h('option', { value: '' }, 'Elija un estado'), states.map((s) => h('option', { value: s, selected: s === state }, s)));
  const change = (): void => {
    const q = new URLSearchParams(query);
    q.set('mes', monthSel.value);
    if (stateSel) { if (stateSel.value) q.set('estado', stateSel.value); else q.delete('estado'); }
    setQuery(q);
    rerender();
  };
  monthSel.addEventListener('change', change);
  stateSel?.addEventListener('change', change);
  return h('form', { class: 'filters no-print', 'aria-label': 'Mes del informe', onsubmit: (e: Event) => e.preventDefault() },
    h('div', { class: 'field' }, h('label', { for: 'mes' }, 'Mes'), monthSel),
    stateSel ? h('div', { class: 'field' }, h('label', { for: 'estado-informe' }, 'Estado'), stateSel) : null);
}

function reportBody(r: MonthlyReportAnswer, query: URLSearchParams, setQuery: (q: URLSearchParams) => void): HTMLElement {
  const label = monthLabel(r.month);
  const t = r.total;
  const published = r.implementers.filter((p) => p.publications > 0).length;
  const silent = r.implementers.filter((p) => p.publications === 0).sort((a, b) => BY_NAME.compare(a.name, b.name));
  let q = new URLSearchParams(query);
  const orderNote = h('span', { class: 'note' });
  const head = h('thead');
  const body = h('tbody');
  const caption = `Envíos de cada implementador de ${r.state} en ${label}`;
  // A month before the state's first implementer was registered (the report counts those registered by its close):
  // «Todos los implementadores de Yucatán publicaron» was said of none, and «No hay implementadores registrados» of a
  // state that has them now.
  const noneYet = r.complete ? `Al cierre de ${label} no había implementadores registrados en ${r.state}.` : `No hay implementadores registrados en ${r.state}.`;
  const refusedOf = (p: ReportImplementer): number | null => (r.refusedCounted ? p.refusedAttempts ?? 0 : null);
  const totalRow = h('tfoot', null, h('tr', null, h('th', { scope: 'row' }, `Total de ${r.state}`), figureCells(t, refusedTotal(r))));
  const results = h('div', { id: 'tabla-informe', class: 'table-wrap' }, h('table', null, h('caption', null, caption, orderNote), head, body, totalRow));
  const draw = (): void => {
    const shownOrder = orderAsked(COLUMNS, q);
    orderNote.textContent = orderNoteText(shownOrder);
    head.replaceChildren(sortHeaderRow(COLUMNS, shownOrder.column.key, shownOrder.dir, (c) => pressOrder(q, c, shownOrder, COLUMNS, (next) => { q = next; setQuery(q); draw(); })));
    const rows = ordered(r.implementers, q);
    body.replaceChildren(...(rows.length ? rows.map((p) => h('tr', null, h('th', { scope: 'row' }, p.name), figureCells(p, refusedOf(p))))
      : [h('tr', null, h('td', { colspan: COLUMNS.length }, h('span', { class: 'empty-note' }, noneYet)))]));
  };
  draw();
  const zone = stateTimeZone(r.state);
  const refusedDays = r.refusedCounted ? [dayOf(Date.parse(r.refusedCounted.from), zone), dayOf(Date.parse(r.refusedCounted.to) - 1, zone)] : [null, null];
  const download = csvButton(`informe-mensual-${slug(r.state)}-${r.month}`,
    // Added last, so that a sheet reading the file by column position keeps its columns: the refused attempts and the
    // days they are counted over (empty when they cannot be counted).
    ['mes', 'estado', 'clave', 'implementador', 'envios_recibidos', 'aprobados', 'devueltos_con_comentarios', 'retirados', 'en_espera_al_cierre', 'espera_mas_larga_dias', 'decisiones_con_tiempo_de_revision', 'mediana_dias_de_revision', 'publicaciones', 'confirmaciones_sin_cambios', 'intentos_rechazados', 'intentos_rechazados_desde', 'intentos_rechazados_hasta'],
    () => [...ordered(r.implementers, q).map((p) => [r.month, r.state, p.publisherId, p.name, ...csvFigures(p), refusedOf(p), ...refusedDays]), [r.month, r.state, '', `Total de ${r.state}`, ...csvFigures(t), refusedTotal(r), ...refusedDays]],
    'Descargar CSV', 'Descargar CSV del informe mensual');
  const printButton = h('button', { type: 'button', onclick: () => window.print() }, 'Imprimir');
  // The month's last day and today on the state's clock, as the server cut the month: on Mexico City's, Baja
  // California's November closed «(01/12/2026)».
  const closed = r.complete ? `al cierre del mes (${date(dayOf(Date.parse(r.closedAt) - 1, zone))})` : `hasta hoy (${date(dayOf(Date.parse(r.closedAt), zone))}); el mes está en curso`;
  return h('section', { 'aria-labelledby': 'titulo-informe', id: 'informe' },
    h('h2', { id: 'titulo-informe' }, `${r.state}, ${label}${r.complete ? '' : ' (en curso)'}`),
    kpis([
      { label: 'Envíos recibidos', value: count(t.received) },
      { label: 'Aprobados', value: count(t.approved) },
      { label: 'Devueltos con comentarios', value: count(t.returned) },
      { label: 'Retirados por el implementador', value: count(t.withdrawn) },
      { label: 'En espera de decisión al cierre', value: count(t.waiting), ...(t.longestWaitDays !== null ? { hint: `el más antiguo, ${formatCount(t.longestWaitDays, 'día', 'días')}` } : {}) },
      { label: 'Mediana de días de revisión', value: days(t.medianReviewDays), hint: t.reviewed ? `de ${formatCount(t.reviewed, 'decisión', 'decisiones')}` : 'sin decisiones en el mes' },
      { label: 'Implementadores que publicaron', value: `${count(published)} de ${count(r.implementers.length)}` },
      ...(r.refusedCounted ? [{ label: 'Implementadores con intentos rechazados', value: `${count(r.implementers.filter((p) => (p.refusedAttempts ?? 0) > 0).length)} de ${count(r.implementers.length)}`, hint: formatCount(refusedTotal(r) ?? 0, 'intento', 'intentos') }] : []),
    ], 'cifras-informe'),
    h('p', { class: 'note', id: 'nota-informe' }, `Meses, días y fechas ${zone === DEFAULT_TIME_ZONE ? 'de la Ciudad de México' : `con la hora de ${r.state} (${zone})`}. «Envíos recibidos» cuenta cada envío y cada versión nueva de uno devuelto: un libro devuelto y enviado de nuevo cuenta dos veces. «En espera» cuenta los envíos en revisión o con la publicación fallida ${closed}; la revisión se cuenta en días del envío (o de su versión más reciente) a la decisión: aprobarlo o devolverlo con comentarios. «Publicaciones»: versiones nuevas de los datos publicadas en el mes.`),
    h('p', { class: 'note', id: 'nota-rechazados' }, refusedNote(r.refusedCounted, r.month, zone)),
    r.implementers.length === 0 ? h('p', { id: 'sin-publicar' }, noneYet)
      : silent.length === 0 ? h('p', { id: 'sin-publicar' }, `Todos los implementadores de ${r.state} publicaron en ${label}.`)
      : h('details', { id: 'sin-publicar', open: silent.length <= 10 },
        h('summary', null, `${silent.length === 1 ? 'No publicó' : 'No publicaron'} nada en ${label}: ${formatCount(silent.length, 'implementador', 'implementadores')} de ${count(r.implementers.length)}`),
        h('p', null, `${formatList(silent.map((p) => p.name))}.`)),
    h('div', { class: 'downloads no-print' }, download, printButton),
    scrollRegion(results, caption));
}

export const monthlyReportPage: Page = {
  title: 'Informe mensual',
  render: ({ ds, query, setQuery }) => withSession(async () => {
    const intro = heading('Informe mensual', 'Lo que pasó en el mes con los envíos de los implementadores a su cargo, para su consejo y para el INAI: recibidos, aprobados, devueltos, en espera y cuánto tardó la revisión, y quién publicó.');
    const state = query.get('estado');
    const viewer = signedInAs();
    // The state's clock cuts its months (the server's default month is the last one over there).
    const zone = stateTimeZone(state ?? (viewer?.scope.kind === 'state' ? viewer.scope.state : undefined));
    const month = query.get('mes') ?? lastCompleteMonth(Date.now(), zone);
    const params = new URLSearchParams({ month });
    if (state) params.set('state', state);
    // The administration answers for every state and chooses one (the server asks it to: 400 missing-state); a
    // coordinator has its own.
    const states = [...new Set(ds.publishers.map((p) => p.state))].sort(BY_NAME.compare);
    let report: MonthlyReportAnswer;
    try {
      report = checkMonthlyReportAnswer(await authed(`${WORKFLOW_PATHS.monthlyReport}?${params}`, (b) => b));
    } catch (e) {
      // Being prepared (its month closes made for the first time, after an upgrade): the server's words, and asked
      // again shortly by the page itself — never a report with some implementers missing.
      if (e instanceof ApiError && e.code === REPORT_PREPARING) {
        const note = h('p', { class: 'note', id: 'informe-preparando', role: 'status' }, `${e.message} Esta página lo vuelve a pedir sola cada ${REPORT_PREPARING_RETRY_SECONDS} segundos.`);
        // Only while this page is still the one shown (not another month, nor another page of the site).
        window.setTimeout(() => { if (note.isConnected) rerender(); }, REPORT_PREPARING_RETRY_SECONDS * 1000);
        return h('div', null, ...intro, note, choosers(query, setQuery, month, viewer?.scope.kind === 'all' ? states : null, state, zone));
      }
      // Refused (an official, another state) or asked wrongly (no state chosen): the server's words, on a page of its own.
      if (!(e instanceof ApiError) || (e.status !== 403 && e.status !== 400)) throw e;
      return h('div', null, ...intro, e.code === 'missing-state' ? h('p', { class: 'note', id: 'elija-estado' }, 'Elija el estado del informe.') : h('p', { class: 'status-bad', role: 'alert' }, e.message),
        e.status === 400 ? choosers(query, setQuery, month, states, state, zone) : null);
    }
    // Said as well as drawn: another month (or state) chosen redraws the report with the focus kept on its chooser, and
    // a screen reader heard nothing of it (the inbox's and the lists' filters say their counts).
    const t = report.total;
    announce(`Informe de ${report.state}, ${monthLabel(report.month)}${report.complete ? '' : ' (en curso)'}: ${formatCount(t.received, 'envío recibido', 'envíos recibidos')}, ${formatCount(t.approved, 'aprobado', 'aprobados')}, ${formatCount(t.returned, 'devuelto', 'devueltos')} y ${count(t.waiting)} en espera.`);
    return h('div', null, ...intro,
      h('div', { class: 'no-print' }, sessionBar(report.viewer, rerender, ds.publishers)),
      choosers(query, setQuery, report.month, report.viewer.scope.kind === 'all' ? states : null, state, stateTimeZone(report.state)),
      reportBody(report, query, setQuery));
  }, rerender),
};
