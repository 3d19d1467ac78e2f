/**
 * *Seguimiento* (control board): each implementer against its commitment — projects committed, published and
 * approved, submissions pending review, days since the last update (a publication, or an approval of unchanged
 * data) against the committed periodicity, how many days past its due date a late one is, and how much its
 * publication still lacks of what each stage asks (*Pendientes por completar*, linked); by name, or by any
 * column (the most late first), and as CSV for a report. Status is written in words with a symbol, never shown by colour alone.
 */
import { h, route } from '../dom';
import { loadTracking } from '../api';
import type { TrackingEntry } from '../data/types';
import { scrollRegion } from '../components/table';
import { sortHeaderRow } from '../components/sort-header';
import { BY_NAME, inOrder, orderAsked, orderNoteText, pressOrder, type OrderColumn } from '../components/address-order';
import { csvButton } from '../components/download';
import { calendarDate } from '../../../core/format/es-mx';
import { matchesPublisher, matchesPublisherSearch } from '../data/filters';
import { count, date, filteredNote, heading, publisherSearchNote, unfollowedFiltersNote, NO_DATA, plural, type Page } from './common';
import { STAGES } from '../../../core/workflow/stages';
import { daysLate, daysSinceUpdate, isLate, lastUpdateAt, updateDueAt } from '../../../core/workflow/update-due';
import { PROGRAM_STAGES_NOTE } from '../labels';
import { authed, signedInAs } from '../review/session';
import { coordinatorState } from '../review/own-state';
import { inboxLinkFor } from '../review/inbox-link';
import { stagesLinkFor } from '../review/stages-link';
import { checkRefusedSendsAnswer, WORKFLOW_PATHS, type Viewer } from '../../../core/workflow/contract';
import { countedPending } from '../../../core/stats/pending-version';
import { byStateSection, standingCounts } from './tracking-by-state';


/**
 * Where an implementer stands against its commitment at `now`: its symbol, words and tone on the board, the days it is
 * past its due date (`overdue`, null when not late or not countable), and the approval of unchanged data said under
 * «Última publicación» (`confirmed`).
 */
function standing(r: TrackingEntry, now: number): { mark: string; words: string; tone: string; overdue: number | null; confirmed: string | null; neverUpdated: boolean; due: string | undefined; nextDue: string | undefined } {
  // An approval of unchanged data counts as an update, as for the reminders (core/workflow/update-due.ts).
  const clock = { lastPublishedAt: r.lastPublishedAt, confirmedAt: r.confirmedAt, registeredAt: r.registeredAt, periodicityDays: r.periodicityDays };
  const late = isLate(clock, now);
  // Registered, within its first period, nothing published yet: when its first publication is due.
  const firstDue = !late && lastUpdateAt(clock) === null ? updateDueAt(clock) : undefined;
  // «Última publicación» stays the publication's date; a later confirmation is said under it, or «Días sin
  // actualizar» would not agree with it.
  const confirmed = r.confirmedAt && lastUpdateAt(clock) === r.confirmedAt && r.confirmedAt !== r.lastPublishedAt ? r.confirmedAt : null;
  const short = r.published < r.committed;
  const missing = r.committed - r.published;
  // How late, counted in Mexico City calendar days from the day the update was due: what the board is told («Días sin
  // actualizar» less the periodicity, and nothing at all for one that never published). Late means the due day is
  // over, so at least 1.
  const overdue = late ? daysLate(clock, now) : null;
  const [mark, words] = late ? ['✗', `Atrasado${overdue === null ? '' : ` ${plural(overdue, 'día', 'días')}`}: publica cada ${plural(r.periodicityDays, 'día', 'días')}${lastUpdateAt(clock) === null ? '; aún no publica' : ''}`]
    : firstDue !== undefined ? ['◷', `Nuevo: primera publicación a más tardar el ${date(firstDue)}`]
      : short ? ['⚠', `Al día, ${missing === 1 ? 'falta 1 proyecto' : `faltan ${count(missing)} proyectos`}`] : ['✓', 'Al día y completo'];
  // When its next update is due: said under «Última publicación» of one on time (the new ones say theirs in Situación,
  // the late ones how late they are), for the coordination to remind it before it is late; `due` in the CSV for all.
  const due = updateDueAt(clock);
  const nextDue = !late && firstDue === undefined ? due : undefined;
  return { mark, words, tone: late ? 'status-bad' : short || firstDue !== undefined ? 'status-warn' : 'status-ok', overdue, confirmed, neverUpdated: lastUpdateAt(clock) === null, due, nextDue };
}

/**
 * How many of the implementers shown stand where, in the words of the Situación column: what a coordinator tells its
 * board and the administration follows across 2,500 («¿cuántos están atrasados?»), which the table gave only by
 * counting its rows by eye, or the CSV in a spreadsheet. The four add up to the implementers shown.
 */
function standingsNote(rows: readonly Assessed[]): HTMLElement | null {
  if (!rows.length) return null;
  const c = standingCounts(rows);
  return h('p', { class: 'note', id: 'resumen-situacion' }, h('strong', null, 'Situación: '),
    `${plural(c.late, 'atrasado', 'atrasados')}${c.lateNeverPublished ? ` (${plural(c.lateNeverPublished, 'aún no publica', 'aún no publican')})` : ''}, `
    + `${plural(c.short, 'al día con proyectos faltantes', 'al día con proyectos faltantes')}, ${plural(c.fresh, 'nuevo en su primer periodo', 'nuevos en su primer periodo')} `
    + `y ${plural(c.complete, 'al día y completo', 'al día y completos')}.`);
}

/**
 * «3 de 7» and the list of stages reached with their dates (E.1 … E.7, recorded by the coordinators). Named with its
 * implementer, as the row's «Pendientes» link is: tabbing through the board, a screen reader said «0 de 7, botón»
 * once per implementer, the same words for each.
 */
function stagesCell(r: TrackingEntry, viewer: Viewer | null): Node {
  const reached = STAGES.filter((s) => r.stages?.[s.code]);
  const shown = `${reached.length} de ${STAGES.length}`;
  // Whoever records them goes from here to its form (review/stages-link.ts).
  const href = stagesLinkFor(viewer, r);
  return h('details', { class: 'etapas' }, h('summary', { 'aria-describedby': 'nota-etapas', 'aria-label': `Etapas del programa de ${r.name}: ${shown}` }, shown),
    h('ul', null, STAGES.map((s) => h('li', null, `${s.code} ${s.label}: ${r.stages?.[s.code] ? date(r.stages[s.code]) : 'pendiente'}`))),
    href ? h('a', { href, 'aria-label': `Registrar las etapas de ${r.name}` }, 'Registrar las etapas') : null);
}

type Assessed = { r: TrackingEntry } & ReturnType<typeof standing>;

/**
 * How far behind an implementer is, for the Situación column's order: late ones by their days past due (one whose
 * days cannot be counted after those that can), then those short of projects, the new ones, and the ones on time.
 */
function behind(a: Assessed): number {
  if (a.tone === 'status-bad') return 1_000_000 + (a.overdue ?? 0);
  return a.mark === '⚠' ? 2 : a.mark === '◷' ? 1 : 0;
}

/**
 * The columns a coordinator orders the board by (`?orden=…&dir=…`, as on Proyectos): by name, as it opens, or by
 * what they report on — the most late first, the longest without an update. `first`: the direction of a first click,
 * the useful one (the most behind first). A column without a value for a row (never updated) puts it last either way.
 */
type SortColumn = OrderColumn<Assessed>;
const known = (n: number): number | null => (Number.isNaN(n) ? null : n);
const COLUMNS: SortColumn[] = [
  // No value: by the rows' own order, name then state (`byName`).
  { key: 'implementador', title: 'Implementador', first: 'asc', said: ['por nombre, de la A a la Z', 'por nombre, de la Z a la A'] },
  { key: 'situacion', title: 'Situación', first: 'desc', value: behind, said: ['por situación, los al día primero', 'por situación, el más atrasado primero'] },
  { key: 'comprometidos', title: 'Comprometidos', numeric: true, first: 'desc', value: (a) => a.r.committed, said: ['por proyectos comprometidos, de menos a más', 'por proyectos comprometidos, de más a menos'] },
  { key: 'publicados', title: 'Publicados', numeric: true, first: 'desc', value: (a) => a.r.published, said: ['por proyectos publicados, de menos a más', 'por proyectos publicados, de más a menos'] },
  { key: 'pendientes', title: 'Pendientes', numeric: true, first: 'desc', value: (a) => pendingTotal(a.r), said: ['por pendientes por completar, de menos a más', 'por pendientes por completar, de más a menos'] },
  { key: 'aprobados', title: 'Envíos aprobados', numeric: true, first: 'desc', value: (a) => known(a.r.approved), said: ['por envíos aprobados, de menos a más', 'por envíos aprobados, de más a menos'] },
  { key: 'por-revisar', title: 'Por revisar', numeric: true, first: 'desc', value: (a) => known(a.r.pendingReview), said: ['por envíos por revisar, de menos a más', 'por envíos por revisar, de más a menos'] },
  { key: 'ultima-publicacion', title: 'Última publicación', first: 'asc', value: (a) => a.r.lastPublishedAt, said: ['por última publicación, la más antigua primero', 'por última publicación, la más reciente primero'] },
  { key: 'dias-sin-actualizar', title: 'Días sin actualizar', numeric: true, first: 'desc', value: (a) => a.r.daysSinceUpdate, said: ['por días sin actualizar, de menos a más', 'por días sin actualizar, de más a menos'] },
  { key: 'etapas', title: 'Etapas del programa', first: 'desc', value: (a) => STAGES.filter((st) => a.r.stages?.[st.code]).length, said: ['por etapas alcanzadas, de menos a más', 'por etapas alcanzadas, de más a menos'] },
];
/**
 * For a coordination that reminds implementers before they are late: the soonest due first (the late ones, whose day
 * has passed, before them; how late, Situación says). An order without a column of its own: each row already says
 * its due day (under «Última publicación», or «Nuevo: primera publicación…»), and one more column did not fit the
 * printed board. Asked by the button above the table, or by its address (`?orden=proxima-actualizacion`).
 */
const NEXT_UPDATE: SortColumn = { key: 'proxima-actualizacion', title: 'Próxima actualización', first: 'asc', value: (a) => a.due ?? null, said: ['por próxima actualización, la más cercana primero', 'por próxima actualización, la más lejana primero'] };
const ORDERS: SortColumn[] = [...COLUMNS, NEXT_UPDATE];
/**
 * Said in each of its cells about a registered implementer that has published nothing yet («Última publicación»,
 * «Pendientes», «Días sin actualizar»): «Sin dato» read as a figure missing from data it had published.
 */
const NOT_YET = 'Aún no publica';

/** Its *Pendientes por completar*, all kinds; null when not counted (nothing published, or before the count was kept). */
function pendingTotal(r: TrackingEntry): number | null {
  return r.pending ? r.pending.points + r.pending.documents : null;
}

/**
 * The Pendientes cell: how many, linked to the list (with where to capture each), and of which kind. A publication
 * from before the count was kept says so and still links the list, which judges it when asked.
 */
function pendingCell(r: TrackingEntry): Node | string {
  if (!r.lastPublishedAt) return NOT_YET;
  const href = route('pendientes', r.publisherId);
  if (!r.pending) {
    return h('span', null, h('a', { href, class: 'pendientes', 'aria-label': `Pendientes por completar de ${r.name}: sin contar en este tablero, ver la lista` }, 'Ver la lista'),
      h('br'), h('small', null, 'Sin contar (publicación anterior)'));
  }
  const { points, documents } = r.pending;
  // «CoST IDS» kept on one line: the narrow column broke it in two.
  const [ids, keys] = [plural(points, 'dato CoST\u00a0IDS', 'datos CoST\u00a0IDS'), plural(documents, 'documento clave', 'documentos clave')];
  return h('span', null, h('a', { href, class: 'pendientes', 'aria-label': `Pendientes por completar de ${r.name}: ${count(points + documents)} (${ids.replace('\u00a0', ' ')}, ${keys})` }, count(points + documents)),
    h('br'), h('small', null, ids, h('br'), keys));
}

/** By name as the board opens, then by state (one name in two states). */
const byName = (a: Assessed, b: Assessed): number => BY_NAME.compare(a.r.name, b.r.name) || BY_NAME.compare(a.r.state, b.r.state);
const ordered = (rows: readonly Assessed[], q: URLSearchParams): Assessed[] => inOrder(rows, orderAsked(ORDERS, q), byName);

/** The order's parameters of an address (`orden`, `dir`), to carry to another view of the board. */
function withOrder(hash: string, q: URLSearchParams): string {
  const carried = new URLSearchParams();
  for (const k of ['orden', 'dir']) { const v = q.get(k); if (v) carried.set(k, v); }
  if (!carried.toString()) return hash;
  return `${hash}${hash.includes('?') ? '&' : '?'}${carried}`;
}

/**
 * A coordinator's page opens on their state's implementers (main.ts): said, with the way to the whole country;
 * on another state or the whole country, the way back to theirs.
 */
function ownStateNote(shownState: string | undefined, publishers: readonly { state: string }[], order: () => URLSearchParams): HTMLElement | null {
  const own = coordinatorState(signedInAs(), publishers);
  if (!own) return null;
  if (shownState === own) {
    // A button, not a link: in-app links carry the current filters (main.ts), and this one takes the state away.
    return h('p', { class: 'note', id: 'estado-propio' }, `Se muestran los implementadores de ${own}, a su cargo. `,
      // The order chosen stays (it was lost with the state).
      h('button', { type: 'button', onclick: () => { location.hash = withOrder('#/seguimiento', order()); } }, 'Ver todos los estados'));
  }
  const to = `#/seguimiento?state=${encodeURIComponent(own)}`;
  const link = h('a', { href: to }, `Ver solo los implementadores de ${own}, a su cargo`);
  // With the order chosen since the page was drawn.
  link.addEventListener('click', () => link.setAttribute('href', withOrder(to, order())));
  return h('p', { class: 'note', id: 'estado-propio' }, link);
}

export const trackingPage: Page = {
  title: 'Seguimiento',
  render: async ({ ds, filters, query, setQuery }) => {
    const tracking = await loadTracking();
    const rows: TrackingEntry[] = tracking ?? ds.publishers.map((p) => ({
      publisherId: p.id, name: p.name, state: p.state, committed: p.commitment.projects, periodicityDays: p.commitment.periodicityDays,
      published: p.currentPublication?.counts.projects ?? 0, pending: countedPending(p.currentPublication?.counts.pending), approved: NaN, pendingReview: NaN, lastPublishedAt: p.currentPublication?.createdAt ?? null,
      confirmedAt: p.confirmedAt ?? null, registeredAt: p.registeredAt ?? null,
      daysSinceUpdate: daysSinceUpdate({ lastPublishedAt: p.currentPublication?.createdAt, confirmedAt: p.confirmedAt }, Date.now()),
    }));
    const opt = (n: number): string => (Number.isNaN(n) ? 'No disponible' : count(n));
    // Sends awaiting a decision, for whoever makes it a way to them (review/inbox-link.ts).
    const viewer = signedInAs();
    // And, for whoever reviews them, the sends refused for errors this week (review/refused-sends.ts): an implementer
    // stuck on a workbook it cannot send read «0» here, as one that had sent nothing.
    const refused = viewer && viewer.role !== 'capturista' ? await authed(WORKFLOW_PATHS.refused, checkRefusedSendsAnswer).catch(() => null) : null;
    const attempts = new Map<string, number>();
    const keptDays = refused?.keptDays ?? 7;
    for (const x of refused?.refused ?? []) attempts.set(x.publisherId, (attempts.get(x.publisherId) ?? 0) + 1);
    const reviewCell = (r: TrackingEntry): Node | string => {
      const href = r.pendingReview > 0 ? inboxLinkFor(viewer, r) : null;
      const pending = href ? h('a', { href, class: 'por-revisar', 'aria-label': `${plural(r.pendingReview, 'envío por revisar', 'envíos por revisar')} de ${r.name}: ${r.pendingReview === 1 ? 'abrirlo' : 'abrirlos'} en la bandeja` }, count(r.pendingReview)) : opt(r.pendingReview);
      const tried = attempts.get(r.publisherId) ?? 0;
      const inbox = tried > 0 ? inboxLinkFor(viewer, r) : null;
      return inbox ? h('span', null, pending, h('br'), h('a', { href: inbox, class: 'intentos-rechazados' }, `${plural(tried, 'intento rechazado', 'intentos rechazados')} en ${count(keptDays)} días`)) : pending;
    };
    // The header's Estado and Implementador filters choose the rows, as on every other page; the column headers, their
    // order. By name as it opens, as the filters list them: they came in the order of the implementers' ids, which
    // nobody reads (a state's 120 in an order a coordinator could not search by eye).
    const chosen = rows.filter((r) => matchesPublisher(filters, r));
    // And the header's search, by name or state (the rows are implementers).
    const shown = chosen.filter((r) => matchesPublisherSearch(filters, r, r.publisherId));
    const now = Date.now();
    const assessed: Assessed[] = shown.map((r) => ({ r, ...standing(r, now) }));
    let q = new URLSearchParams(query);
    // Drawn again in place when the order changes: the table and its caption stay (the caption holds the scrolling
    // cue, table.ts scrollRegion), its header and rows are replaced.
    const orderNote = h('span', { class: 'note' });
    const nextUpdateOrder = h('button', { type: 'button', class: 'sort', id: `orden-${NEXT_UPDATE.key}` });
    const head = h('thead');
    const body = h('tbody');
    const results = h('div', { id: 'tabla-seguimiento', class: 'table-wrap' },
      h('table', null, h('caption', null, 'Avance de cada implementador frente a su compromiso', orderNote), head, body));
    const draw = (): void => {
      const shownOrder = orderAsked(ORDERS, q);
      const sort = (c: SortColumn): void => pressOrder(q, c, shownOrder, ORDERS, (next) => { q = next; setQuery(q); draw(); });
      const byDue = shownOrder.column === NEXT_UPDATE;
      nextUpdateOrder.setAttribute('aria-pressed', String(byDue));
      nextUpdateOrder.textContent = `Ordenar por próxima actualización${byDue ? (shownOrder.dir === 'asc' ? ' ▲' : ' ▼') : ''}`;
      nextUpdateOrder.onclick = () => sort(NEXT_UPDATE);
      const list = ordered(assessed, q);
      orderNote.textContent = orderNoteText(shownOrder);
      head.replaceChildren(sortHeaderRow(COLUMNS, shownOrder.column.key, shownOrder.dir, sort));
      body.replaceChildren(...(list.length ? list.map(({ r, mark, words, tone, confirmed, nextDue, neverUpdated }) => {
          const lastPublished = confirmed || nextDue ? h('span', null, date(r.lastPublishedAt),
            ...(confirmed ? [h('br'), h('small', null, `confirmada sin cambios el ${date(confirmed)}`)] : []),
            ...(nextDue ? [h('br'), h('small', { class: 'proxima-actualizacion' }, `próxima a más tardar el ${date(nextDue)}`)] : []))
            : r.lastPublishedAt ? date(r.lastPublishedAt) : NOT_YET;
          return h('tr', null,
            h('th', { scope: 'row' }, h('span', null, r.name, h('br'), h('small', null, r.state))),
            // The symbol is for the eye (with the colour); the words say it, so screen readers skip the symbol (WCAG 1.1.1).
            h('td', null, h('span', { class: tone }, h('span', { 'aria-hidden': 'true' }, mark), ` ${words}`)),
            h('td', { class: 'num' }, count(r.committed)), h('td', { class: 'num' }, count(r.published)),
            // What it has yet to complete of what is due, linked to the list with where to capture each one.
            h('td', { class: 'num' }, pendingCell(r)),
            // Data on the platform with no approved submission was published directly (the CLI, an administrator): said
            // so, or «0» next to «Al día y completo» read as a contradiction.
            h('td', { class: 'num' }, r.approved === 0 && r.lastPublishedAt ? '0 (publicado sin revisión)' : opt(r.approved)), h('td', { class: 'num' }, reviewCell(r)),
            h('td', null, lastPublished), h('td', { class: 'num' }, r.daysSinceUpdate === null ? (neverUpdated ? NOT_YET : NO_DATA) : count(r.daysSinceUpdate)), h('td', null, stagesCell(r, viewer)));
        }) : [h('tr', null, h('td', { colspan: COLUMNS.length }, h('span', { class: 'empty-note' }, 'Sin datos publicados para esta selección.')))]));
    };
    draw();
    const table = scrollRegion(results, 'Avance de cada implementador frente a su compromiso');
    // The board's table for a report (a coordinator's monthly one to its board): the rows shown, in their order; dates
    // aaaa-mm-dd, which spreadsheet programs read as dates in any locale; figures as numbers, empty when not known.
    // A column added later goes last (proxima_actualizacion, after the stages): a coordinator's sheet that reads the
    // file by column position keeps reading the same columns.
    const download = csvButton('seguimiento', ['clave', 'implementador', 'estado', 'situacion', 'dias_de_atraso', 'periodicidad_dias', 'proyectos_comprometidos', 'proyectos_publicados', 'pendientes_datos_cost_ids', 'pendientes_documentos_clave', 'envios_aprobados', 'envios_por_revisar', 'ultima_publicacion', 'confirmada_sin_cambios', 'dias_sin_actualizar', ...STAGES.map((st) => `etapa_${st.code}`), 'proxima_actualizacion', `intentos_rechazados_${keptDays}_dias`],
      () => ordered(assessed, q).map(({ r, words, overdue, confirmed, due }) => [r.publisherId, r.name, r.state, words, overdue, r.periodicityDays, r.committed, r.published, r.pending?.points ?? null, r.pending?.documents ?? null, known(r.approved), known(r.pendingReview),
        calendarDate(r.lastPublishedAt ?? undefined), calendarDate(confirmed ?? undefined), r.daysSinceUpdate, ...STAGES.map((st) => calendarDate(r.stages?.[st.code])), due ?? null,
        // As the page shows them beside «Por revisar»; empty where they are not read (signed out, an official's account).
        refused ? attempts.get(r.publisherId) ?? 0 : null]),
      'Descargar CSV', 'Descargar CSV de la tabla de seguimiento');
    const byState = byStateSection(assessed);
    return h('div', null,
      ...heading('Seguimiento de compromisos', 'Tablero de control para los Organismos Garantes: cada implementador frente a lo que se comprometió a publicar. Use los filtros Estado e Implementador del encabezado para ver los de un estado.'),
      // «E.1 REDA» and the other stages of the last column, in words (labels.ts).
      h('p', { class: 'note', id: 'nota-etapas' }, h('strong', null, 'Etapas del programa: '), PROGRAM_STAGES_NOTE),
      ownStateNote(filters.state, ds.publishers, () => q),
      unfollowedFiltersNote(filters),
      publisherSearchNote(filters, query, shown.length, chosen.length),
      filteredNote(shown.length, rows.length, 'implementador', 'implementadores'),
      standingsNote(assessed),
      tracking ? null : h('p', { class: 'note' }, 'Los datos de envíos no están disponibles en este servidor.'),
      // Across states (the whole country, or a search spanning several), a line per state before the implementers.
      byState, byState ? h('h2', { id: 'titulo-por-implementador' }, 'Por implementador') : null,
      h('div', { class: 'downloads' }, download, nextUpdateOrder),
      table);
  },
};
