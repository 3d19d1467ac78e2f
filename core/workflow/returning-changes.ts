/**
 * What the coordinator is told about processes a send returns to an earlier published state (ItemChange.returnsTo):
 * an older copy of the workbook sent again by mistake takes back the corrections published since, which the preview
 * otherwise showed as any other «Modificada», the corrected value going back to the mistake.
 * Pure: no I/O.
 */
import type { ReturnsTo } from './contract';
import { formatCount, formatDate } from '../format/es-mx';

/** Under one process: to which publication it goes back, and since when its changes are undone. */
export function returnsToText(r: ReturnsTo): string {
  return `Vuelve a como se publicó el ${formatDate(r.publishedAt)}: aprobar deshace lo que se publicó de esta contratación desde el ${formatDate(r.undoneSince)}.`;
}

/** What each reader can do about it: the coordinator returns the send; the official who sent it withdraws it. */
const WHAT_TO_DO = {
  coordinator: 'Revise los campos de cada una antes de aprobar; si lo es, devuélvalo para que quien capturó envíe el libro vigente.',
  official: 'Revise los campos de cada una; si lo es, retire este envío («Retirar envío», en Mis envíos) y envíe el libro vigente.',
} as const;

/** Above the list: how many, and what it likely is. */
export function returningGroupText(n: number, reader: keyof typeof WHAT_TO_DO): string {
  return `${formatCount(n, 'contratación vuelve', 'contrataciones vuelven')} a como ${n === 1 ? 'estaba publicada' : 'estaban publicadas'} antes: aprobar deshace lo que se publicó después. ¿Es una copia anterior del libro? ${WHAT_TO_DO[reader]}`;
}
