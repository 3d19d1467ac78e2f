/**
 * The 400 for a `?status=` of the submissions list that is none of them: each value with the situation the pages
 * call it. It listed `draft, submitted, approved…`, English words a Spanish reader (a coordinator who edits a link
 * to share, or an integrator reading the answer) had to map to «En revisión», «Publicado»… by guessing. Pure.
 */
import { formatList } from '../format/es-mx';
import { STATUS_LABELS, SUBMISSION_STATUSES } from './contract';

export function statusChoiceText(given: string): string {
  const choices = SUBMISSION_STATUSES.map((s) => `«${s}» (${STATUS_LABELS[s]})`);
  return `El parámetro «status» elige la situación de los envíos: ${formatList(choices, 'o')}; sin él, todas (se recibió «${given}»).`;
}
