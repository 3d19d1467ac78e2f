/**
 * A send a newer upload of its institution replaced (its approval had found errors; workflow-routes.ts `supersede`):
 * stored as `returned` with a last history step `superseded`, whose comment names the newer send. Every text about
 * it is here — what the coordinator is told when approving or returning it, what the official is asked before
 * withdrawing it and told after sending its workbook again — so that none calls it «Devuelto con comentarios»:
 * nobody returned it nor commented, and what to do is to look at the newer send.
 * Pure: no I/O.
 */
import { replacedByNewer, type SubmissionStatus } from './contract';

type Steps = { status: SubmissionStatus; history: readonly { action: string; comment?: string }[] };

const COMMENT_START = 'Reemplazado por un envío más reciente de la misma institución: ';
/**
 * How the comment began before: before it said «institución», as the other texts here do, and before a submission
 * was «el envío» (masculine) everywhere. Kept comments still name the newer send.
 */
const OLD_COMMENT_STARTS = ['Reemplazada por un envío más reciente de la misma institución: ', 'Reemplazada por un envío más reciente del mismo publicador: '];

/**
 * The `superseded` step's comment: which send replaced it, by the time it was sent and its file name, as the pages
 * name sends (`which`: «el del 04/12/2026, 11:50:02 p.m. («obra corregida.xlsx»)»).
 */
export function replacedComment(which: string): string {
  return endSentence(`${COMMENT_START}${which}`);
}

/** A sentence's closing period, unless it already ends with one («p.m.»). */
const endSentence = (text: string): string => (text.endsWith('.') ? text : `${text}.`);

/**
 * Which send replaced this one («el del …»), from its latest `superseded` step, while it is still replaced or was
 * just sent again (`reopenedAfterReplacement`); undefined otherwise, or when the step does not name it.
 */
export function replacingSend(s: Steps): string | undefined {
  if (!replacedByNewer(s) && !reopenedAfterReplacement(s)) return undefined;
  const comment = [...s.history].reverse().find((h) => h.action === 'superseded')?.comment;
  const start = [COMMENT_START, ...OLD_COMMENT_STARTS].find((s) => comment?.startsWith(s));
  if (comment === undefined || start === undefined) return undefined;
  // The comment's closing period, unless it is the one of «p.m.» (a send without a file name).
  return comment.slice(start.length).replace(/\)\.$/, ')') || undefined;
}

/** Its official sent the replaced send's workbook again: it is back under review, after the send that replaced it. */
export function reopenedAfterReplacement(s: Steps): boolean {
  const n = s.history.length;
  return s.status === 'submitted' && s.history[n - 1]?.action === 'resubmitted' && s.history[n - 2]?.action === 'superseded';
}

/** « , el del …» when the newer send is known. */
const naming = (s: Steps): string => {
  const which = replacingSend(s);
  return which ? `, ${which}` : '';
};

/**
 * The coordinator's 409 on approving (`what`: aprobación) or returning (`what`: revisión) a replaced send: it is no
 * longer theirs to decide, the newer one is.
 */
export function replacedDecisionText(what: 'aprobación' | 'revisión', s: Steps): string {
  const head = endSentence(`Este envío ya no está en espera de ${what}: lo reemplazó uno más reciente de la misma institución${naming(s)}`);
  return what === 'aprobación'
    ? `${head} Abra ese envío en la bandeja para aprobarlo o devolverlo; este ya no se publicará.`
    : `${head} Si algo debe corregirse, devuelva ese envío con sus comentarios.`;
}

/** Said on a replaced send's page to the coordinator: the decision is on the newer one. */
export function replacedReviewNote(s: Steps): string {
  return endSentence(`Nadie tiene que aprobar ni devolver este envío: lo reemplazó uno más reciente de la misma institución${naming(s)}, y este ya no se publicará`);
}

/**
 * Asked of the official before withdrawing a replaced send (Mis envíos). Whatever became of the newer send (under
 * review, returned, published), withdrawing this one does not touch it.
 */
export function replacedWithdrawQuestion(s: Steps): string {
  return `¿Retirar este envío? Ya lo reemplazó su envío más reciente${naming(s)}: retirarlo solo lo cierra, y aquel no cambia.`;
}

/** Said under a replaced send's situation (Mis envíos): nothing to do with it, whatever became of the newer one. */
export function replacedNote(s: Steps): string {
  return `Lo reemplazó su envío más reciente${naming(s)}: aquel es el que cuenta, y este ya no se publicará. No tiene que hacer nada con este envío.`;
}

/** Told the official who sent a replaced send's workbook again: it is back in the inbox, beside the one that replaced it. */
export function reopenedText(s: Steps): string {
  return `Se volvió a enviar el libro de un envío que había sido reemplazado por otro más reciente${naming(s)}: vuelve a la bandeja de su coordinación, junto al que lo reemplazó. Si no quería enviarlo de nuevo, retírelo en «Mis envíos» («Retirar envío»).`;
}
