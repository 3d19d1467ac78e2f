/**
 * Said wherever a send's history or its comments are shown and the send no longer keeps all of them
 * (store/submission-history.ts keeps its first entry and its newest; `earlierEntries` counts the others): a send
 * sent again and returned round after round showed a history that began with the first send and went on months
 * later, as if nothing had happened between. One text for the review pages and the add-on's panel.
 * Pure: no I/O.
 */
import { formatCount } from '../format/es-mx';

export function omittedHistoryText(earlierEntries: number): string {
  return `Se muestran el primer envío y las entradas más recientes: ${formatCount(earlierEntries, 'entrada intermedia ya no se guarda', 'entradas intermedias ya no se guardan')} en este envío, ni sus comentarios.`;
}
