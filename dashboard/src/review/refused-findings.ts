/**
 * A refused Excel upload's findings (Mis envíos), in two labelled lists: the errors, why the workbook was not sent,
 * and the warnings, which do not block it. In one list, the warnings under the errors read as more reasons for the
 * refusal, and an official could not tell which findings to fix before sending again.
 *
 * Every error is listed (the server sends them all, up to MAX_REFUSAL_ERRORS: refusal-findings.ts), with a CSV of them
 * to work through: the list stopped at 200 with nothing saying so, and an official with 700 errors fixed 200, sent
 * again, and met the next 200. Its coordination reads the same list for a week (refused-sends.ts), shared as it is here.
 */
import { h } from '../dom';
import { count } from '../pages/common';
import { csvButton } from '../components/download';
import type { FindingView } from '../../../core/workflow/contract';
import type { RefusalCounts } from '../../../core/workflow/refusal-findings';
import { formatCount } from '../../../core/format/es-mx';
import { columnLetter } from '../../../core/workbook/model';
import { SEVERITY_ES } from '../../../core/messages/render';
import { inReadingOrder } from '../../../core/findings/reading-order';

/**
 * Each list under a heading that says what it means for the send; a list with nothing in it is left out. `checked`:
 * «Revisar sin enviar» (nothing was sent, so nothing was refused: the errors are why it would not be received).
 */
export function refusedFindings(findings: readonly FindingView[], counts?: RefusalCounts, said: 'refused' | 'checked' = 'refused'): HTMLElement[] {
  // Each list by sheet, row and column, as the CLI lists them: the server sends each in the workbook's tab order, which
  // the first appearance of each sheet keeps (ordered as one list, a sheet named first by an error came first among
  // the warnings too).
  const errors = inReadingOrder(findings.filter((f) => f.severity === 'error'));
  const others = inReadingOrder(findings.filter((f) => f.severity !== 'error'));
  // The server's counts (an older server sent none: its list is then all that is known).
  const allErrors = counts?.errors ?? errors.length;
  const allOthers = counts ? counts.warnings + counts.infos : others.length;
  const list = (id: string, items: FindingView[]): HTMLElement[] => (items.length
    ? [h('ul', { id, 'aria-labelledby': `titulo-${id}` }, items.map((f) => h('li', null, f.message)))] : []);
  const csv = errors.length > 1 ? csvButton('errores-del-libro', ['hoja', 'fila', 'columna', 'encabezado', 'gravedad', 'mensaje', 'codigo'],
    () => errors.map((x) => [x.cell?.sheet ?? 'Libro completo', x.cell?.row ?? null, x.cell?.column ? columnLetter(x.cell.column) : null, x.cell?.header ?? null, SEVERITY_ES[x.severity], x.message, x.code]),
    `Descargar CSV de los ${count(errors.length)} errores`) : null;
  return [
    ...(allErrors ? [h('h3', { id: 'titulo-hallazgos-envio' }, said === 'checked' ? 'Errores: por estos no se recibiría el libro' : 'Errores: por estos no se envió el libro'),
      errors.length < allErrors ? h('p', { class: 'note', id: 'errores-parciales' }, `Se listan los primeros ${count(errors.length)} de ${formatCount(allErrors, 'error', 'errores')}. Corríjalos y ${said === 'checked' ? 'revise' : 'envíe'} el libro de nuevo para ver los siguientes.`) : null,
      csv,
      ...list('hallazgos-envio', errors)].filter((x): x is HTMLElement => x !== null) : []),
    ...(allOthers ? [h('h3', { id: 'titulo-advertencias-rechazo' }, 'Advertencias: no impiden el envío'),
      // Below many errors the warnings are left out: counted, so that none is taken for the last word.
      others.length < allOthers ? h('p', { class: 'note', id: 'advertencias-parciales' }, others.length
        ? `Se listan ${count(others.length)} de ${formatCount(allOthers, 'advertencia o aviso', 'advertencias y avisos')}; las verá todas al enviar el libro sin errores.`
        : `El libro tiene además ${formatCount(allOthers, 'advertencia o aviso', 'advertencias y avisos')}; las verá al enviarlo sin errores.`) : null,
      ...list('advertencias-rechazo', others)].filter((x): x is HTMLElement => x !== null) : []),
  ];
}
