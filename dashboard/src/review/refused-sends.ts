/**
 * «Intentos rechazados» on the inbox: the sends of the implementers in the coordinator's charge that the platform
 * refused for errors (GET /api/submissions/refused). A refused send creates no submission, so an implementer stuck on
 * a workbook it could not send read, in the inbox and on Seguimiento, as one that had sent nothing — and was scolded
 * when it needed help. One row per implementer (its attempts of the week, the last one's date, errors and warnings,
 * who sent it), and on request the last attempt's findings, as its official was shown them, with their CSV.
 */
import { h } from '../dom';
import { count } from '../pages/common';
import { dataTable } from '../components/table';
import { formatCount, formatTimestamp } from '../../../core/format/es-mx';
import { checkRefusedSendAnswer, WORKFLOW_PATHS, type RefusedSendView, type RefusedSendsAnswer } from '../../../core/workflow/contract';
import { ApiError, authed } from './session';
import { refusedFindings } from './refused-findings';

/** Each implementer's attempts, the latest first (the answer lists them newest first). */
function byImplementer(refused: readonly RefusedSendView[]): { last: RefusedSendView; attempts: number }[] {
  const seen = new Map<string, { last: RefusedSendView; attempts: number }>();
  for (const r of refused) {
    const one = seen.get(r.publisherId);
    if (one) one.attempts++; else seen.set(r.publisherId, { last: r, attempts: 1 });
  }
  return [...seen.values()];
}

/** The section for the refusals `shown` (already filtered as the inbox is); null when there are none to show. */
export function refusedSendsSection(answer: RefusedSendsAnswer, shown: readonly RefusedSendView[]): HTMLElement | null {
  if (!shown.length) return null;
  const detail = h('div', { id: 'hallazgos-rechazo', 'aria-live': 'polite' });
  const open = async (r: RefusedSendView, button: HTMLButtonElement): Promise<void> => {
    button.disabled = true;
    detail.replaceChildren(h('p', { class: 'note', role: 'status' }, 'Leyendo los hallazgos…'));
    try {
      const one = checkRefusedSendAnswer(await authed(WORKFLOW_PATHS.refusedSend(r.id), (b) => b));
      detail.replaceChildren(
        h('h3', { id: 'titulo-hallazgos-rechazo' }, `Último intento de ${r.publisherName}, ${formatTimestamp(r.at)}`),
        h('p', null, `Lo que se le dijo a ${r.by}: ${one.message}`),
        ...refusedFindings(one.findings, { errors: r.errors, warnings: r.warnings, infos: r.infos }));
    } catch (e) {
      detail.replaceChildren(h('p', { class: 'status-bad' }, `No se pudieron leer los hallazgos: ${e instanceof ApiError ? e.message : 'error inesperado'}`));
    } finally {
      button.disabled = false;
    }
  };
  const rows = byImplementer(shown).map(({ last, attempts }) => {
    const button = h('button', { type: 'button', class: 'ver-rechazo', 'aria-label': `Ver los hallazgos del último intento de ${last.publisherName}` }, 'Ver los hallazgos') as HTMLButtonElement;
    button.onclick = () => void open(last, button);
    return [last.publisherName, count(attempts), formatTimestamp(last.at), count(last.errors), count(last.warnings), last.by, button];
  });
  return h('section', { 'aria-labelledby': 'titulo-rechazados', id: 'intentos-rechazados' },
    h('h2', { id: 'titulo-rechazados' }, 'Intentos rechazados'),
    h('p', { class: 'note' }, `Libros que ${formatCount(rows.length, 'implementador', 'implementadores')} a su cargo ${rows.length === 1 ? 'intentó' : 'intentaron'} enviar en los últimos ${count(answer.keptDays)} días y la plataforma rechazó por errores: no llegan a la bandeja. Sus hallazgos dicen en qué hoja, fila y columna corregir, por si le piden ayuda.`),
    dataTable('Intentos rechazados, el más reciente primero', [{ title: 'Implementador' }, { title: 'Intentos', numeric: true }, { title: 'Último intento' }, { title: 'Errores', numeric: true }, { title: 'Advertencias', numeric: true }, { title: 'Enviado por' }, { title: 'Hallazgos' }], rows, { id: 'tabla-rechazados' }),
    detail);
}
