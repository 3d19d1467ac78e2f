/**
 * Above «Aprobar» of a send whose institution sent a newer one, also awaiting a decision (PreviewAnswer.newerPending):
 * which one, named as the inbox names sends (the time, and the file's name when it has one: two sent within the same
 * second read alike by the time alone), and what to do. Without a name the time ends the sentence with its «p.m.»:
 * the page read «08:48:53 p.m..».
 * Pure: no I/O.
 */
import { formatTimestamp } from '../format/es-mx';

export function newerPendingText(publisherName: string, newerSentAt: string, newerName?: string | null): string {
  const which = `${formatTimestamp(newerSentAt)}${newerName ? ` («${newerName}»)` : ''}`;
  return `${publisherName} envió después otro libro, que también espera su decisión: el del ${which.endsWith('.') ? which : `${which}.`} Revise ese antes de aprobar este: aprobado este primero, se publican sus datos y, al aprobar aquel, los de aquel encima; si aquel ya trae lo de este, devuelva este con un comentario.`;
}
