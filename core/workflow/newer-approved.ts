/**
 * A send still awaiting a decision while a newer send of its institution was already approved: approving it would
 * publish its older data over the newer (approve-submission.ts refuses it, 409 'superseded'). Said by the server's
 * refusal, the review page, the inbox, the official's «Mis envíos» and the add-on's panel: it was worded four ways,
 * one of them without the time. One text, with when the newer one was sent as every send is named (formatTimestamp);
 * only what its reader can do about it differs.
 * Pure: no I/O.
 */
import { closeBidi } from '../format/bidi-closed';
import { formatTimestamp } from '../format/es-mx';

/**
 * Who reads it: the coordination deciding on the send, the official who sent it (*Mis envíos*), or that official in
 * the add-on's panel, whose way to send again is the sheet open beside it.
 */
export type NewerApprovedReader = 'coordinator' | 'official' | 'official-sheet';

/** What each reader can do: a coordinator only returns it; the official sends again what the newer one lacks. */
const WHAT_TO_DO: Record<NewerApprovedReader, string> = {
  coordinator: 'Devuélvalo con un comentario; si algo de este envío falta en aquel, pida que lo envíen de nuevo.',
  official: 'Su coordinación solo puede devolverlo; si algo de este envío falta en aquel, envíelo en un libro nuevo.',
  'official-sheet': 'Su coordinación solo puede devolverlo; si algo de esta hoja falta en aquel, actualícela y envíe la nueva versión.',
};

/**
 * `newerSentAt`: when the approved newer send was sent (contract.ts `sentAt`, the `newerApprovedAt` of the views);
 * `newerName`: its file's or spreadsheet's name, when it has one — two sends within the same second read «enviado el
 * 05/12/2026, 06:13:19 p.m.» beside a send of that very time, as if the newer one were this one.
 */
export function newerApprovedText(newerSentAt: string, reader: NewerApprovedReader, newerName?: string | null): string {
  return `No se puede aprobar este envío: ya se aprobó uno más reciente de esta institución (enviado el ${formatTimestamp(newerSentAt)}${newerName ? `, «${closeBidi(newerName)}»` : ''}), y este publicaría encima datos anteriores. ${WHAT_TO_DO[reader]}`;
}
