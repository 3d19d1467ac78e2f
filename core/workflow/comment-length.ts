/**
 * A coordinator's comment longer than a decision keeps (MAX_COMMENT_LENGTH): said with both lengths, in es-MX, by the
 * server and by the review page before it sends it. The refusal read «Escriba en «comment» qué debe corregirse
 * (hasta 5000 caracteres)» to a coordinator who had written 5,400: the request's field name, an ungrouped figure,
 * and «escriba» for what was written. Its advice points to the send's findings in «Mis envíos», kept whole
 * (functions/src/workflow/send-findings.ts), not to validating the workbook, which an official who captures in Excel
 * and uploads the file cannot do.
 * Pure: no I/O.
 */
import { formatNumber } from '../format/es-mx';
import { MAX_COMMENT_LENGTH } from './contract';

/** Characters as the server counts them (code points), after trimming as it does. */
export const commentLength = (comment: string): number => [...comment.trim()].length;

/** The message for a comment over the limit; null when it fits. */
export function commentTooLongText(comment: string): string | null {
  const length = commentLength(comment);
  if (length <= MAX_COMMENT_LENGTH) return null;
  return `El comentario tiene ${formatNumber(length, 0)} caracteres y caben hasta ${formatNumber(MAX_COMMENT_LENGTH, 0)}: acórtelo antes de devolver el envío (por ejemplo, nombre los primeros problemas: los hallazgos del envío, todos, con su hoja y su celda, los ve el implementador en «Mis envíos» del tablero).`;
}
