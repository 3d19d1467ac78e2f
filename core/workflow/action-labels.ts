/**
 * What someone did to a submission, in words: the history's steps (Historial: «Quién» · «Acción») and the audit
 * log's (Bitácora: «Acción» · «Usuario»), one catalogue for both. Each label is a past-tense verb of whoever the
 * row names — a person, or «la plataforma (automático)» — and the reason or details stay in the step's comment.
 * Noun phrases («La publicación falló», «Aprobación rechazada por errores») read as situations among actions, and
 * the Bitácora said «Recibió el envío» beside the official who had sent it.
 */

/** A history step's action (functions/src/workflow, functions/src/publication/publication-task.ts) → its label. */
export const HISTORY_ACTION_LABELS: Readonly<Record<string, string>> = {
  submitted: 'Envió a revisión',
  resubmitted: 'Envió una nueva versión',
  returned: 'Devolvió con comentarios',
  approved: 'Aprobó',
  // By who approved: the platform found errors while publishing (the comment says how many).
  'approval-refused': 'Intentó aprobar, pero el libro tiene errores',
  'publication-started': 'Comenzó a publicar',
  published: 'Publicó',
  // By who approved, or the platform: the comment says why.
  failed: 'Intentó publicar, pero falló',
  // By the official whose newer upload took this one's place in the inbox.
  superseded: 'Lo reemplazó con un envío más reciente',
  withdrawn: 'Retiró el envío',
};

/** Audit actions of submissions that are not named as their history step. */
const SUBMISSION_AUDIT_STEPS: Readonly<Record<string, string>> = { created: 'submitted' };

/**
 * The audit log's other actions (publish.ts, notifications.ts, workflow-routes.ts, publisher-admin-routes.ts and the
 * CLI's cli-audit.ts). The object (which implementer, account or publication) is the entry's target, shown beside it.
 */
const OTHER_AUDIT_LABELS: Readonly<Record<string, string>> = {
  'publication.published': 'Publicó una versión nueva de los datos',
  // `infra-abierta history`: the releases the implementer had published before, laid down as its first publication.
  'publication.history': 'Publicó las entregas que el implementador ya había publicado antes (su historia)',
  // `publications republish`: the details say from which publication, why, and under which address before and now.
  'publication.republished': 'Volvió a publicar los mismos datos, sin cambiarlos, tras un cambio de dirección o de versión de la plataforma',
  // `publications redact`: the details say from which publication, why, and which releases and fields (never the texts).
  'publication.redacted': 'Suprimió datos personales de lo ya publicado (reemplazó textos en los procesos y proyectos publicados)',
  // `publications redact` when nothing published holds the texts any more, but the findings or comments of sends do.
  'submissions.redacted': 'Suprimió datos personales de las advertencias y comentarios de envíos',
  'notification.sent': 'Envió un aviso por correo',
  'notification.failed': 'No pudo enviar un aviso por correo',
  'access.denied': 'Intentó una acción que su cuenta no permite',
  // workflow/spreadsheet-implementer.ts: refused; the details say the sheet and the implementer it was sent for.
  'submission.other-implementer': 'Intentó enviar la hoja de cálculo de este implementador como de otro (se rechazó)',
  'publisher.created': 'Registró al implementador',
  // The entry's details say which fields changed, from what to what (prefixes, commitment…).
  'publisher.updated': 'Cambió el registro del implementador',
  'publisher.deleted': 'Eliminó el registro del implementador',
  'publisher.stages': 'Registró las etapas del programa del implementador',
  'user.created': 'Creó la cuenta',
  'user.removed': 'Eliminó la cuenta',
  // `publications prune`: one entry per publication removed, and one for the run.
  'publication.pruned': 'Borró una publicación anterior, ya reemplazada',
  'maintenance.pruned': 'Borró publicaciones anteriores y copias de libros que ya no se necesitaban',
  'maintenance.bulk-rebuilt': 'Volvió a escribir los archivos de descarga',
  // functions/src/auth/sign-in-audit.ts: the dashboard's «Entrar» and «Cerrar sesión», an account's first request from
  // an address and program not seen for 12 hours (the add-on, a script, a key used elsewhere), and refused credentials.
  'session.signed-in': 'Inició sesión en el tablero',
  'session.signed-out': 'Cerró sesión en el tablero',
  'session.started': 'Usó su cuenta desde una dirección o programa nuevo',
  'session.sign-in-failed': 'Intentó entrar con una credencial rechazada',
  'session.failures-not-recorded': 'Dejó de anotar uno por uno los intentos fallidos de entrar (demasiados)',
};

/** `table[key]` when the table has it ('constructor' is no action). */
const own = (table: Readonly<Record<string, string>>, key: string): string | undefined => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);

/** A history step's label; an action this catalogue does not know is shown as written. */
export function historyActionLabel(action: string): string {
  return own(HISTORY_ACTION_LABELS, action) ?? action;
}

/** An audit entry's label: `submission.<step>` says what its history step says. */
export function auditActionLabel(action: string): string {
  const step = /^submission\.(.+)$/.exec(action)?.[1];
  if (step !== undefined) {
    const label = own(HISTORY_ACTION_LABELS, own(SUBMISSION_AUDIT_STEPS, step) ?? step);
    if (label !== undefined) return label;
  }
  return own(OTHER_AUDIT_LABELS, action) ?? action;
}
