/**
 * Seguimiento across the country: one line per state, counted from the same standing of each implementer that the
 * board's rows and its «Situación» note show (tracking.ts standing), so a state's line says what that state's board
 * says. The national team reported the 32 states by filtering the board state by state and counting rows; a
 * journalist asking «¿qué estado publica más?» had implementers' rows only.
 */
import { h } from '../dom';
import { count, date } from './common';
import { scrollRegion } from '../components/table';
import { csvButton } from '../components/download';
import { BY_NAME } from '../components/address-order';
import { calendarDate } from '../../../core/format/es-mx';
import { sameState } from '../../../core/workflow/mexican-states';
import type { TrackingEntry } from '../data/types';

/** An implementer as the board judged it: its row, its Situación's symbol and whether it has ever updated. */
export interface Judged { r: TrackingEntry; mark: string; neverUpdated: boolean }

/** How many stand where, by the Situación symbol: the four add up to the implementers given. */
export interface StandingCounts { late: number; lateNeverPublished: number; short: number; fresh: number; complete: number }

export function standingCounts(rows: readonly Judged[]): StandingCounts {
  const of = (mark: string): number => rows.filter((a) => a.mark === mark).length;
  return { late: of('✗'), lateNeverPublished: rows.filter((a) => a.mark === '✗' && a.neverUpdated).length, short: of('⚠'), fresh: of('◷'), complete: of('✓') };
}

interface StateLine extends StandingCounts { state: string; implementers: number; publishing: number; committed: number; published: number; pendingReview: number | null; lastPublishedAt: string | null }

function lines(rows: readonly Judged[]): StateLine[] {
  const byState = new Map<string, Judged[]>();
  for (const a of rows) {
    const key = [...byState.keys()].find((k) => sameState(k, a.r.state)) ?? a.r.state;
    const list = byState.get(key);
    if (list) list.push(a); else byState.set(key, [a]);
  }
  return [...byState].map(([state, list]) => {
    const review = list.map((a) => a.r.pendingReview);
    const last = list.map((a) => a.r.lastPublishedAt).filter((t): t is string => !!t).sort().pop() ?? null;
    return {
      state, implementers: list.length, publishing: list.filter((a) => a.r.lastPublishedAt).length, ...standingCounts(list),
      committed: list.reduce((n, a) => n + a.r.committed, 0), published: list.reduce((n, a) => n + a.r.published, 0),
      // Not known where the server does not say (a static copy of the board): not a 0.
      pendingReview: review.some((n) => Number.isNaN(n)) ? null : review.reduce((n, x) => n + x, 0), lastPublishedAt: last,
    };
  }).sort((x, y) => y.published - x.published || BY_NAME.compare(x.state, y.state));
}

/**
 * The table, most projects published first, each state linked to its own board (the header's Estado filter); null
 * when the implementers shown are of one state (its board is the page itself).
 */
export function byStateSection(rows: readonly Judged[]): HTMLElement | null {
  const all = lines(rows);
  if (all.length < 2) return null;
  const caption = 'Situación de los implementadores de cada estado';
  const head = ['Estado', 'Implementadores', 'Publican', 'Atrasados', 'De ellos, aún no publican', 'Al día con proyectos faltantes', 'Nuevos en su primer periodo', 'Al día y completos', 'Proyectos comprometidos', 'Proyectos publicados', 'Envíos por revisar', 'Última publicación'];
  const table = h('div', { id: 'tabla-por-estado', class: 'table-wrap' }, h('table', null, h('caption', null, caption),
    h('thead', null, h('tr', null, head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, all.map((s) => h('tr', null,
      h('th', { scope: 'row' }, h('a', { href: `#/seguimiento?${new URLSearchParams({ state: s.state })}` }, s.state)),
      [s.implementers, s.publishing, s.late, s.lateNeverPublished, s.short, s.fresh, s.complete, s.committed, s.published].map((n) => h('td', { class: 'num' }, count(n))),
      h('td', { class: 'num' }, s.pendingReview === null ? 'No disponible' : count(s.pendingReview)),
      h('td', null, s.lastPublishedAt ? date(s.lastPublishedAt) : 'Aún no publica'))))));
  const download = csvButton('seguimiento-por-estado',
    ['estado', 'implementadores', 'publican', 'atrasados', 'atrasados_aun_no_publican', 'al_dia_con_proyectos_faltantes', 'nuevos_en_su_primer_periodo', 'al_dia_y_completos', 'proyectos_comprometidos', 'proyectos_publicados', 'envios_por_revisar', 'ultima_publicacion'],
    () => all.map((s) => [s.state, s.implementers, s.publishing, s.late, s.lateNeverPublished, s.short, s.fresh, s.complete, s.committed, s.published, s.pendingReview, calendarDate(s.lastPublishedAt ?? undefined)]),
    'Descargar CSV', 'Descargar CSV de la situación por estado');
  return h('section', { id: 'por-estado', 'aria-labelledby': 'titulo-por-estado' },
    h('h2', { id: 'titulo-por-estado' }, 'Por estado'),
    h('p', { class: 'note' }, 'Cada estado con implementadores registrados, de más a menos proyectos publicados: las mismas cuentas que su tablero (el nombre lo abre). «Publican»: los que tienen una publicación vigente.'),
    h('div', { class: 'downloads' }, download),
    scrollRegion(table, caption));
}
