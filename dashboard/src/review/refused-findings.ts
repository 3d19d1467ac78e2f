/**
 * A refused Excel upload's findings (Mis envíos), in two labelled lists: the errors, why the workbook was not sent,
 * and the warnings, which do not block it. In one list, the warnings under the errors read as more reasons for the
 * refusal, and an official could not tell which findings to fix before sending again.
 */
import { h } from '../dom';
import type { FindingView } from '../../../core/workflow/contract';
import { inReadingOrder } from '../../../core/findings/reading-order';

/** Each list under a heading that says what it means for the send; a list with nothing in it is left out. */
export function refusedFindings(findings: readonly FindingView[]): HTMLElement[] {
  // Each list by sheet, row and column, as the CLI lists them: the server sends each in the workbook's tab order, which
  // the first appearance of each sheet keeps (ordered as one list, a sheet named first by an error came first among
  // the warnings too).
  const errors = inReadingOrder(findings.filter((f) => f.severity === 'error'));
  const others = inReadingOrder(findings.filter((f) => f.severity !== 'error'));
  const list = (id: string, title: string, items: FindingView[]): HTMLElement[] => (items.length
    ? [h('h3', { id: `titulo-${id}` }, title), h('ul', { id, 'aria-labelledby': `titulo-${id}` }, items.map((f) => h('li', null, f.message)))] : []);
  return [
    ...list('hallazgos-envio', 'Errores: por estos no se envió el libro', errors),
    ...list('advertencias-rechazo', 'Advertencias: no impiden el envío', others),
  ];
}
