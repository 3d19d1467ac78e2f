/**
 * A refused Excel upload's findings (Mis envíos), in two labelled lists: the errors, why the workbook was not sent,
 * and the warnings, which do not block it. In one list, the warnings under the errors read as more reasons for the
 * refusal, and an official could not tell which findings to fix before sending again.
 */
import { h } from '../dom';
import type { FindingView } from '../../../core/workflow/contract';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * By sheet (in the order the server names them first), row and column: in the server's order the list jumped
 * between sheets, as the checks ran.
 */
function inReadingOrder(findings: readonly FindingView[]): FindingView[] {
  const sheets = new Map<string, number>();
  for (const f of findings) if (f.cell && !sheets.has(f.cell.sheet)) sheets.set(f.cell.sheet, sheets.size);
  const rank = (f: FindingView): number => (f.cell ? sheets.get(f.cell.sheet) ?? 0 : -1);
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || rank(a) - rank(b)
    || (a.cell?.row ?? 0) - (b.cell?.row ?? 0) || (a.cell?.column ?? 0) - (b.cell?.column ?? 0));
}

/** Each list under a heading that says what it means for the send; a list with nothing in it is left out. */
export function refusedFindings(findings: readonly FindingView[]): HTMLElement[] {
  const ordered = inReadingOrder(findings);
  const errors = ordered.filter((f) => f.severity === 'error');
  const others = ordered.filter((f) => f.severity !== 'error');
  const list = (id: string, title: string, items: FindingView[]): HTMLElement[] => (items.length
    ? [h('h3', { id: `titulo-${id}` }, title), h('ul', { id, 'aria-labelledby': `titulo-${id}` }, items.map((f) => h('li', null, f.message)))] : []);
  return [
    ...list('hallazgos-envio', 'Errores: por estos no se envió el libro', errors),
    ...list('advertencias-rechazo', 'Advertencias: no impiden el envío', others),
  ];
}
