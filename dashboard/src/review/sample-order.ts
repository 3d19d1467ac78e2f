/**
 * A send's kept findings (its `sample`) in the order the review page lists them: errors first, as the server chose
 * them (the sample is the first ones, errors first), each severity in core's one reading order.
 *
 * Sends stored before the server kept its findings in reading order hold them in the order the checks ran
 * («Actores» before «Contrataciones», rows back and forth), and the workbook's tab order was not kept with them. The
 * best order left to derive is the template's: its sheets in the template's order, then row, then column; sheets
 * the template does not have after them. A newer send is already so ordered, and reads the same, unless its tabs
 * were dragged out of the template's order: then it too is listed in the template's (the stored order cannot be
 * told apart from an old one's), which is still sheet by sheet, row by row.
 */
import type { FindingView } from '../../../core/workflow/contract';
import { inReadingOrder } from '../../../core/findings/reading-order';
import { TEMPLATE_SHEET_ORDER } from '../../../core/template/sheet-order';

export function sampleInOrder(sample: readonly FindingView[]): FindingView[] {
  return (['error', 'warning', 'info'] as const).flatMap((severity) => inReadingOrder(sample.filter((f) => f.severity === severity), TEMPLATE_SHEET_ORDER));
}
