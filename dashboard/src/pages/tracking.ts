/**
 * *Seguimiento* (control board): each implementer against its commitment — projects committed, published and
 * approved, submissions pending review, and days since the last update (a publication, or an approval of unchanged
 * data) against the committed periodicity, and how many days past its due date a late one is; by name, and as CSV
 * for a report. Status is written in words with a symbol, never shown by colour alone.
 */
import { h } from '../dom';
import { loadTracking } from '../api';
import type { TrackingEntry } from '../data/types';
import { dataTable } from '../components/table';
import { csvButton } from '../components/download';
import { calendarDate } from '../../../core/format/es-mx';
import { matchesPublisher } from '../data/filters';
import { count, date, filteredNote, heading, NO_DATA, plural, type Page } from './common';
import { STAGES } from '../../../core/workflow/stages';
import { daysLate, daysSinceUpdate, isLate, lastUpdateAt, updateDueAt } from '../../../core/workflow/update-due';
import { PROGRAM_STAGES_NOTE } from '../labels';
import { signedInAs } from '../review/session';
import { coordinatorState } from '../review/own-state';

/** «Municipio 9» before «Municipio 10», «Ébano» among the E. */
const BY_NAME = new Intl.Collator('es-MX', { numeric: true });

/**
 * Where an implementer stands against its commitment at `now`: its symbol, words and tone on the board, the days it is
 * past its due date (`overdue`, null when not late or not countable), and the approval of unchanged data said under
 * «Última publicación» (`confirmed`).
 */
function standing(r: TrackingEntry, now: number): { mark: string; words: string; tone: string; overdue: number | null; confirmed: string | null } {
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
  return { mark, words, tone: late ? 'status-bad' : short || firstDue !== undefined ? 'status-warn' : 'status-ok', overdue, confirmed };
}

/** «3 de 7» and the list of stages reached with their dates (E.1 … E.7, recorded by the coordinators). */
function stagesCell(r: TrackingEntry): Node {
  const reached = STAGES.filter((s) => r.stages?.[s.code]);
  return h('details', { class: 'etapas' }, h('summary', { 'aria-describedby': 'nota-etapas' }, `${reached.length} de ${STAGES.length}`),
    h('ul', null, STAGES.map((s) => h('li', null, `${s.code} ${s.label}: ${r.stages?.[s.code] ? date(r.stages[s.code]) : 'pendiente'}`))));
}

/**
 * A coordinator's page opens on their state's implementers (main.ts): said, with the way to the whole country;
 * on another state or the whole country, the way back to theirs.
 */
function ownStateNote(shownState: string | undefined, publishers: readonly { state: string }[]): HTMLElement | null {
  const own = coordinatorState(signedInAs(), publishers);
  if (!own) return null;
  if (shownState === own) {
    // A button, not a link: in-app links carry the current filters (main.ts), and this one takes the state away.
    return h('p', { class: 'note', id: 'estado-propio' }, `Se muestran los implementadores de ${own}, a su cargo. `,
      h('button', { type: 'button', onclick: () => { location.hash = '#/seguimiento'; } }, 'Ver todos los estados'));
  }
  return h('p', { class: 'note', id: 'estado-propio' }, h('a', { href: `#/seguimiento?state=${encodeURIComponent(own)}` }, `Ver solo los implementadores de ${own}, a su cargo`));
}

export const trackingPage: Page = {
  title: 'Seguimiento',
  render: async ({ ds, filters }) => {
    const tracking = await loadTracking();
    const rows: TrackingEntry[] = tracking ?? ds.publishers.map((p) => ({
      publisherId: p.id, name: p.name, state: p.state, committed: p.commitment.projects, periodicityDays: p.commitment.periodicityDays,
      published: p.currentPublication?.counts.projects ?? 0, approved: NaN, pendingReview: NaN, lastPublishedAt: p.currentPublication?.createdAt ?? null,
      confirmedAt: p.confirmedAt ?? null, registeredAt: p.registeredAt ?? null,
      daysSinceUpdate: daysSinceUpdate({ lastPublishedAt: p.currentPublication?.createdAt, confirmedAt: p.confirmedAt }, Date.now()),
    }));
    const opt = (n: number): string => (Number.isNaN(n) ? 'No disponible' : count(n));
    // The header's Estado and Implementador filters choose the rows, as on every other page. By name, as the
    // filters list them: they came in the order of the implementers' ids, which nobody reads (a state's 120 in an
    // order a coordinator could not search by eye).
    const shown = rows.filter((r) => matchesPublisher(filters, r)).sort((a, b) => BY_NAME.compare(a.name, b.name) || BY_NAME.compare(a.state, b.state));
    const now = Date.now();
    const assessed = shown.map((r) => ({ r, ...standing(r, now) }));
    const table = dataTable('Avance de cada implementador frente a su compromiso', [
      { title: 'Implementador' }, { title: 'Situación' }, { title: 'Comprometidos', numeric: true }, { title: 'Publicados', numeric: true },
      { title: 'Envíos aprobados', numeric: true }, { title: 'Por revisar', numeric: true }, { title: 'Última publicación' }, { title: 'Días sin actualizar', numeric: true }, { title: 'Etapas del programa' },
    ], assessed.map(({ r, mark, words, tone, confirmed }) => {
      const lastPublished = confirmed ? h('span', null, date(r.lastPublishedAt), h('br'), h('small', null, `confirmada sin cambios el ${date(confirmed)}`)) : date(r.lastPublishedAt);
      // The symbol is for the eye (with the colour); the words say it, so screen readers skip the symbol (WCAG 1.1.1).
      return [h('span', null, r.name, h('br'), h('small', null, r.state)), h('span', { class: tone }, h('span', { 'aria-hidden': 'true' }, mark), ` ${words}`),
        // Data on the platform with no approved submission was published directly (the CLI, an administrator): said
        // so, or «0» next to «Al día y completo» read as a contradiction.
        count(r.committed), count(r.published), r.approved === 0 && r.lastPublishedAt ? '0 (publicado sin revisión)' : opt(r.approved), opt(r.pendingReview), lastPublished, r.daysSinceUpdate === null ? NO_DATA : count(r.daysSinceUpdate), stagesCell(r)];
    }), { id: 'tabla-seguimiento' });
    // The board's table for a report (a coordinator's monthly one to its board): the rows shown, in their order; dates
    // aaaa-mm-dd, which spreadsheet programs read as dates in any locale; figures as numbers, empty when not known.
    const known = (n: number): number | null => (Number.isNaN(n) ? null : n);
    const download = csvButton('seguimiento', ['clave', 'implementador', 'estado', 'situacion', 'dias_de_atraso', 'periodicidad_dias', 'proyectos_comprometidos', 'proyectos_publicados', 'envios_aprobados', 'envios_por_revisar', 'ultima_publicacion', 'confirmada_sin_cambios', 'dias_sin_actualizar', ...STAGES.map((st) => `etapa_${st.code}`)],
      () => assessed.map(({ r, words, overdue, confirmed }) => [r.publisherId, r.name, r.state, words, overdue, r.periodicityDays, r.committed, r.published, known(r.approved), known(r.pendingReview),
        calendarDate(r.lastPublishedAt ?? undefined), calendarDate(confirmed ?? undefined), r.daysSinceUpdate, ...STAGES.map((st) => calendarDate(r.stages?.[st.code]))]),
      'Descargar CSV', 'Descargar CSV de la tabla de seguimiento');
    return h('div', null,
      ...heading('Seguimiento de compromisos', 'Tablero de control para los Organismos Garantes: cada implementador frente a lo que se comprometió a publicar. Use los filtros Estado e Implementador del encabezado para ver los de un estado.'),
      // «E.1 REDA» and the other stages of the last column, in words (labels.ts).
      h('p', { class: 'note', id: 'nota-etapas' }, h('strong', null, 'Etapas del programa: '), PROGRAM_STAGES_NOTE),
      ownStateNote(filters.state, ds.publishers),
      filteredNote(shown.length, rows.length, 'implementador', 'implementadores'),
      tracking ? null : h('p', { class: 'note' }, 'Los datos de envíos no están disponibles en este servidor.'),
      download,
      table);
  },
};
