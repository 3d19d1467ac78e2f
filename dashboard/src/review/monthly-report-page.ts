/**
 * *Informe mensual* (behind sign-in, `#/informe-mensual?mes=aaaa-mm`): what a coordinator accounts for each month to
 * its board and to INAI — for its state and per implementer, the sends received, approved, returned with comments and
 * withdrawn, those awaiting a decision when the month closed and for how long, the median days a review took, and who
 * published and who published nothing. By name or by any column, as Seguimiento; as CSV; printable. The server decides
 * who may read it and computes it (functions/src/workflow/monthly-report-routes.ts, core/workflow/monthly-account.ts);
 * the administration sees every state's month (each line the «Total» of that state's report) or chooses one.
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
import { checkMonthlyReportAnswer, checkNationalReportAnswer, REPORT_PREPARING, REPORT_PREPARING_RETRY_SECONDS, WORKFLOW_PATHS, type MonthlyReportAnswer, type NationalReportAnswer, type ReportImplementer, type StateMonthlyReport } from '../../../core/workflow/contract';
import type { RefusedStretch } from '../../../core/workflow/refused-in-month';
import { MEXICAN_STATES, sameState } from '../../../core/workflow/mexican-states';
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
const refusedTotal = (r: StateMonthlyReport): number | null => (r.refusedCounted ? r.implementers.reduce((n, p) => n + (p.refusedAttempts ?? 0), 0) : null);

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

/**
 * The report's CSV columns: a state's file, and the national one (each state's «Total» row), so that a sheet made for
 * one reads the other. Added last, so that a sheet reading the file by column position keeps its columns: the refused
 * attempts and the days they are counted over (empty when they cannot be counted).
 */
const CSV_HEADER = ['mes', 'estado', 'clave', 'implementador', 'envios_recibidos', 'aprobados', 'devueltos_con_comentarios', 'retirados', 'en_espera_al_cierre', 'espera_mas_larga_dias', 'decisiones_con_tiempo_de_revision', 'mediana_dias_de_revision', 'publicaciones', 'confirmaciones_sin_cambios', 'intentos_rechazados', 'intentos_rechazados_desde', 'intentos_rechazados_hasta'];

/** The days a state's refused attempts are counted over, on its clock, for the CSV (empty when none are). */
const refusedDaysOf = (r: StateMonthlyReport): (string | null)[] => {
  const zone = stateTimeZone(r.state);
  return r.refusedCounted ? [dayOf(Date.parse(r.refusedCounted.from), zone), dayOf(Date.parse(r.refusedCounted.to) - 1, zone)] : [null, null];
};

/** A state's «Total» line of its CSV: the last of the state's file, and the state's line of the national one. */
const totalCsvRow = (r: StateMonthlyReport): (string | number | null)[] => [r.month, r.state, '', `Total de ${r.state}`, ...csvFigures(r.total), refusedTotal(r), ...refusedDaysOf(r)];

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
  const stateSel = states && h('select', { id: 'estado-informe', name: 'estado' }, h('option', { value: '' }, 'Todos los estados'), states.map((s) => h('option', { value: s, selected: s === state }, s)));
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

function reportBody(r: StateMonthlyReport, query: URLSearchParams, setQuery: (q: URLSearchParams) => void): HTMLElement {
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
  const refusedDays = refusedDaysOf(r);
  const download = csvButton(`informe-mensual-${slug(r.state)}-${r.month}`, CSV_HEADER,
    () => [...ordered(r.implementers, q).map((p) => [r.month, r.state, p.publisherId, p.name, ...csvFigures(p), refusedOf(p), ...refusedDays]), totalCsvRow(r)],
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

/** A state's line of the national view: its report's «Total» figures under the state's name, and its implementers. */
interface StateRow extends ReportImplementer { registered: number; publishedBy: number; report: StateMonthlyReport }
const stateRow = (s: StateMonthlyReport): StateRow => ({
  publisherId: '', name: s.state, ...s.total, ...(s.refusedCounted ? { refusedAttempts: refusedTotal(s) ?? 0 } : {}),
  registered: s.implementers.length, publishedBy: s.implementers.filter((p) => p.publications > 0).length, report: s,
});
/** The state's columns, then the figures as each state's report heads them. */
const STATE_COLUMNS: OrderColumn<StateRow>[] = [
  { key: 'estado', title: 'Estado', first: 'asc', value: (r) => r.name, said: ['por estado, de la A a la Z', 'por estado, de la Z a la A'] },
  { key: 'implementadores', title: 'Implementadores', numeric: true, first: 'desc', value: (r) => r.registered, said: ['por implementadores, de menos a más', 'por implementadores, de más a menos'] },
  { key: 'publicaron', title: 'Publicaron', numeric: true, first: 'desc', value: (r) => r.publishedBy, said: ['por implementadores que publicaron, de menos a más', 'por implementadores que publicaron, de más a menos'] },
  ...COLUMNS.slice(1),
];

/**
 * The administration's view of a month (no state chosen): one line per state with implementers, each the «Total» of
 * that state's own report (GET /api/monthly-report/states makes each as the state's), linked to it; its CSV is each
 * state's «Total» line of its own CSV, same columns. Before, the national team opened the report of each state and
 * added their CSVs up by hand, and saw a coordinator's queue waiting since the 10th only by opening that state.
 */
function nationalBody(r: NationalReportAnswer, query: URLSearchParams, setQuery: (q: URLSearchParams) => void): HTMLElement {
  const label = monthLabel(r.month);
  const rows = r.states.map(stateRow);
  let q = new URLSearchParams(query);
  const orderNote = h('span', { class: 'note' });
  const head = h('thead');
  const body = h('tbody');
  const caption = `Envíos de los implementadores de cada estado en ${label}`;
  const link = (state: string): string => `#/informe-mensual?${new URLSearchParams({ mes: r.month, estado: state })}`;
  const draw = (): void => {
    const shown = orderAsked(STATE_COLUMNS, q);
    orderNote.textContent = orderNoteText(shown);
    head.replaceChildren(sortHeaderRow(STATE_COLUMNS, shown.column.key, shown.dir, (c) => pressOrder(q, c, shown, STATE_COLUMNS, (next) => { q = next; setQuery(q); draw(); })));
    const sorted = inOrder(rows, shown, (x, y) => BY_NAME.compare(x.name, y.name));
    body.replaceChildren(...(sorted.length ? sorted.map((s) => h('tr', null, h('th', { scope: 'row' }, h('a', { href: link(s.name) }, s.name)),
      h('td', { class: 'num' }, count(s.registered)), h('td', { class: 'num' }, count(s.publishedBy)), figureCells(s.report.total, refusedTotal(s.report))))
      : [h('tr', null, h('td', { colspan: STATE_COLUMNS.length }, h('span', { class: 'empty-note' }, 'No hay implementadores registrados en ningún estado.')))]));
  };
  draw();
  const ordered = (): StateRow[] => inOrder(rows, orderAsked(STATE_COLUMNS, q), (x, y) => BY_NAME.compare(x.name, y.name));
  const download = csvButton(`informe-mensual-todos-los-estados-${r.month}`, CSV_HEADER, () => ordered().map((s) => totalCsvRow(s.report)),
    'Descargar CSV', 'Descargar CSV del informe mensual de todos los estados');
  const printButton = h('button', { type: 'button', onclick: () => window.print() }, 'Imprimir');
  const sum = (f: (s: StateRow) => number): number => rows.reduce((n, s) => n + f(s), 0);
  // The longest wait of any state's queue, and whose: the coordinator to call.
  const longest = rows.filter((s) => s.longestWaitDays !== null).sort((x, y) => (y.longestWaitDays as number) - (x.longestWaitDays as number))[0];
  const without = MEXICAN_STATES.filter((m) => !rows.some((s) => sameState(s.name, m)));
  const silent = rows.map((s) => ({ state: s.name, names: s.report.implementers.filter((p) => p.publications === 0).map((p) => p.name).sort(BY_NAME.compare) })).filter((x) => x.names.length);
  const complete = r.states.every((s) => s.complete);
  return h('section', { 'aria-labelledby': 'titulo-informe', id: 'informe' },
    h('h2', { id: 'titulo-informe' }, `Todos los estados, ${label}${complete ? '' : ' (en curso)'}`),
    kpis([
      { label: 'Estados con implementadores registrados', value: `${count(rows.length)} de ${count(MEXICAN_STATES.length)}` },
      { label: 'Implementadores que publicaron', value: `${count(sum((s) => s.publishedBy))} de ${count(sum((s) => s.registered))}` },
      { label: 'Envíos recibidos', value: count(sum((s) => s.received)) },
      { label: 'Aprobados', value: count(sum((s) => s.approved)) },
      { label: 'Devueltos con comentarios', value: count(sum((s) => s.returned)) },
      { label: 'En espera de decisión al cierre', value: count(sum((s) => s.waiting)), ...(longest ? { hint: `el más antiguo, ${formatCount(longest.longestWaitDays as number, 'día', 'días')} (${longest.name})` } : {}) },
    ], 'cifras-informe'),
    h('p', { class: 'note', id: 'nota-informe' }, `Cada fila es la del total del informe de su estado, con sus meses y días en la hora de ese estado; su nombre abre ese informe, con cada implementador. Las columnas y su significado son las del informe de cada estado, y el CSV tiene las mismas columnas que el de un estado (una fila por estado, la de su total). La mediana de días de revisión es la de cada estado: no se suma ni se promedia entre estados.`),
    without.length ? h('p', { id: 'estados-sin-implementadores' }, `Sin implementadores registrados: ${formatCount(without.length, 'estado', 'estados')} (${formatList(without)}).`) : null,
    silent.length === 0 ? h('p', { id: 'sin-publicar' }, rows.length ? `Todos los implementadores registrados publicaron en ${label}.` : 'No hay implementadores registrados.')
      : h('details', { id: 'sin-publicar' },
        h('summary', null, `No publicaron nada en ${label}: ${formatCount(silent.reduce((n, x) => n + x.names.length, 0), 'implementador', 'implementadores')} de ${count(sum((s) => s.registered))}, por estado`),
        h('ul', null, silent.map((x) => h('li', null, `${x.state}: ${formatList(x.names)}.`)))),
    h('div', { class: 'downloads no-print' }, download, printButton),
    scrollRegion(h('div', { id: 'tabla-estados', class: 'table-wrap' }, h('table', null, h('caption', null, caption, orderNote), head, body)), caption));
}

/**
 * The report asked for: the state's; without a state, the viewer's own (a coordinator) or, for the administration,
 * which answers for every state (the state route asks it to name one: 400 missing-state), every state's.
 */
async function loadReport(month: string, state: string | null): Promise<MonthlyReportAnswer | NationalReportAnswer> {
  const params = new URLSearchParams({ month });
  if (state) params.set('state', state);
  try {
    return checkMonthlyReportAnswer(await authed(`${WORKFLOW_PATHS.monthlyReport}?${params}`, (b) => b));
  } catch (e) {
    if (state || !(e instanceof ApiError) || e.code !== 'missing-state') throw e;
    return checkNationalReportAnswer(await authed(`${WORKFLOW_PATHS.nationalReport}?${new URLSearchParams({ month })}`, (b) => b));
  }
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
    // The administration answers for every state: all of them, or the one it chooses; a coordinator has its own.
    const states = [...new Set(ds.publishers.map((p) => p.state))].sort(BY_NAME.compare);
    let report: MonthlyReportAnswer | NationalReportAnswer;
    try {
      report = await loadReport(month, state);
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
    if ('states' in report) {
      const waiting = report.states.reduce((n, s) => n + s.total.waiting, 0);
      announce(`Informe de todos los estados, ${monthLabel(report.month)}: ${formatCount(report.states.length, 'estado', 'estados')} con implementadores y ${count(waiting)} ${waiting === 1 ? 'envío' : 'envíos'} en espera.`);
      return h('div', null, ...intro,
        h('div', { class: 'no-print' }, sessionBar(report.viewer, rerender, ds.publishers)),
        choosers(query, setQuery, report.month, states, null, zone),
        nationalBody(report, query, setQuery));
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
