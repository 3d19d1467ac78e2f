/** Submit and review: what the sidebar shows about this spreadsheet's submission and what it may do with it. */
import { backendConfigured, effectiveConfig, NOT_CONFIGURED, type AddonConfig } from '../config';
import type { Host } from '../host';
import type { ReviewContext } from '../rpc-types';
import { ServerUnavailable, UserError } from '../user-error';
import { formatCount } from '../../../core/format/es-mx';
import type { LinkLookup, Pipeline } from '../validation/core-pipeline';
import { validateWorkbook } from '../validation/run-validation';
import { documentMarkReach } from '../validation/marks';
import type { Deadline } from '../validation/time-limit';
import { workbookValues } from '../../../core/workflow/workbook-values';
import { snapshotText } from '../../../core/workflow/snapshot-text';
import type { WorkbookModel } from '../../../core/workbook/model';
import { approvalRefused, isSendChecking, sentAt, submitOutcomeText, type RegisteredPrefixes, type SendCheckingAnswer, type SubmissionListAnswer, type SubmitAnswer, type WorkbookValues } from '../../../core/workflow/contract';
import { omittedHistoryText } from '../../../core/workflow/omitted-history';
import { ACCESS_KEY_MISSING, BackendClient } from './backend-client';

export function currentConfig(h: Host): AddonConfig {
  return effectiveConfig(h.config(), h.properties(), h.spreadsheet().id());
}

function client(h: Host): BackendClient {
  const config = currentConfig(h);
  if (!backendConfigured(config)) throw new UserError(NOT_CONFIGURED);
  return new BackendClient(h.http(), config.backendUrl, () => config.apiToken || h.identityToken(), !config.apiToken);
}

/** The newest submission of this spreadsheet: the one the sidebar is about. */
function latestOf(list: SubmissionListAnswer): SubmissionListAnswer['submissions'][number] | null {
  return [...list.submissions].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.updatedAt.localeCompare(a.updatedAt))[0] ?? null;
}

/** What the sidebar shows about the submission, from a list the server already gave (no request of its own). */
export function reviewContextOf(h: Host, list: SubmissionListAnswer): ReviewContext {
  const latest = latestOf(list);
  return {
    backendConfigured: true,
    viewer: list.viewer,
    role: list.viewer.role,
    submission: latest ? {
      id: latest.id, state: latest.status, stateLabel: latest.statusLabel, updatedAt: latest.updatedAt, sentAt: sentAt(latest),
      comments: latest.comments, omittedHistory: latest.earlierEntries ? omittedHistoryText(latest.earlierEntries) : null, failureReason: latest.failureReason, newerApprovedAt: latest.newerApprovedAt ?? null, newerApprovedName: latest.newerApprovedName ?? null,
      refusedErrors: approvalRefused(latest) ? latest.findings?.errors ?? 0 : null,
      revision: latest.snapshot?.contentHash ?? null,
    } : null,
    serviceAccount: list.serviceAccount ?? currentConfig(h).serviceAccount,
    message: null,
    reviewUrl: latest && list.viewer.role !== 'capturista' ? `${currentConfig(h).backendUrl.replace(/\/+$/, '')}/#/revision/${encodeURIComponent(latest.id)}` : null,
    publishedUrl: latest?.status === 'published' ? publishedPage(currentConfig(h).backendUrl, latest.publisherId, latest.snapshot?.projects ?? 0) : null,
  };
}

/**
 * The dashboard's list of the institution's projects (or, sending only contracting processes, of its processes),
 * filtered to it as the dashboard's «Implementador» filter does (`?publisher=`).
 */
function publishedPage(backendUrl: string, publisherId: string, projects: number): string {
  return `${backendUrl.replace(/\/+$/, '')}/#/${projects > 0 ? 'proyectos' : 'contrataciones'}?publisher=${encodeURIComponent(publisherId)}`;
}

export interface ConnectionCheck { ok: boolean; text: string; field?: 'url' | 'token' }

const ROLE_TEXT = { capturista: 'captura de su institución', coordinador: 'coordinación del Organismo Garante', admin: 'administración' } as const;

/**
 * Right after the settings are saved, the server is asked who is calling, so that the dialog says whether the address
 * and the access key work: it said «Configuración guardada» to a mistyped key, and the official learnt otherwise
 * only when sending. `field`: the dialog's field a failure is about, which it marks as it marks a value it refused
 * (settings.ts): the key the server did not accept, an address where nothing (or not our server) answers. A server
 * error (5xx) is about neither.
 */
export function connectionCheck(h: Host): ConnectionCheck {
  try {
    const viewer = reviewContext(h).viewer;
    if (!viewer) return { ok: false, text: NOT_CONFIGURED };
    return { ok: true, text: `Conexión comprobada: entra como ${viewer.email} (${ROLE_TEXT[viewer.role]}).${prefixesText(h, viewer)} Ya puede cerrar esta ventana.` };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    // The address is right and the key is all that is missing: said for this dialog, where the key is typed.
    if (e.message === ACCESS_KEY_MISSING) return { ok: false, text: 'La dirección es la de un servidor propio, que pide su clave de acceso: escríbala en «Clave de acceso» (empieza con «ia_»; se la da quien administra el servidor) y pulse «Guardar».', field: 'token' };
    // A 401 is the key's only when one is kept: on the cloud the add-on signs in with the Google account.
    const field = e.status === 401 && currentConfig(h).apiToken ? 'token'
      : e.status === 404 || (e instanceof ServerUnavailable && e.status === undefined) ? 'url' : undefined;
    return { ok: false, text: `Al probar la conexión, el servidor no respondió bien: ${e.message}`, ...(field ? { field } : {}) };
  }
}

/**
 * An official's registered prefixes, said when the connection is first checked: a new municipality's official read
 * in «Instrucciones» to fill in the prefixes, and learnt them only from the error on an identifier typed without
 * them. Nothing when the server cannot tell (the check itself already succeeded).
 */
function prefixesText(h: Host, viewer: NonNullable<ReviewContext['viewer']>): string {
  if (viewer.scope.kind !== 'publisher') return '';
  let registered: RegisteredPrefixes | undefined;
  try {
    registered = client(h).registeredPrefixes(viewer.scope.publisherId);
  } catch (e) {
    if (e instanceof UserError) return '';
    throw e;
  }
  return registered ? ` Los identificadores de su institución empiezan con «${registered.projectIdPrefix}-» (proyectos) y «${registered.ocidPrefix}-» (contrataciones).` : '';
}

/** What the sidebar shows while no server is set: what to configure (no request). */
function unconfiguredContext(config: AddonConfig): ReviewContext {
  return { backendConfigured: false, viewer: null, role: null, submission: null, serviceAccount: config.serviceAccount, message: NOT_CONFIGURED };
}

export function reviewContext(h: Host): ReviewContext {
  const config = currentConfig(h);
  if (!backendConfigured(config)) return unconfiguredContext(config);
  return reviewContextOf(h, client(h).list(h.spreadsheet().id()));
}

/**
 * This spreadsheet's submissions as the server lists them for the person using it, or undefined without a
 * configured server or when it cannot be asked (validation then works offline, with the sheet's prefixes);
 * `failed` hears why it could not be asked, which the sidebar says where the state goes, and whether asking again
 * later may work (no answer, a server error) or something must change first (a key refused).
 */
export function submissionsOfSheet(h: Host, failed?: (message: string, transient: boolean) => void): SubmissionListAnswer | undefined {
  if (!backendConfigured(currentConfig(h))) return undefined;
  try {
    return client(h).list(h.spreadsheet().id());
  } catch (e) {
    if (e instanceof UserError) { failed?.(e.message, e instanceof ServerUnavailable); return undefined; }
    throw e;
  }
}

/**
 * The sidebar's state from what submissionsOfSheet answered (`list`, or why it failed): «Validar datos» opens the
 * panel validating, and the panel takes its state from the validation's answer instead of asking the server for the
 * same list a second time. Without a server, what to configure; unreachable, nothing (the reason is said apart).
 */
export function reviewContextAfter(h: Host, list: SubmissionListAnswer | undefined, failure: string | undefined): ReviewContext | undefined {
  if (list) return reviewContextOf(h, list);
  const config = currentConfig(h);
  return failure === undefined && !backendConfigured(config) ? unconfiguredContext(config) : undefined;
}

/**
 * The prefixes the server registered for this spreadsheet's institution, which its check uses instead of the
 * Configuración sheet's: the official's own (scope), else the institution of the sheet's latest submission (a
 * coordinator looking at it). Undefined when the server cannot tell. `list` is what submissionsOfSheet answered, asked
 * once by the caller: undefined means the server could not be asked, and asking again (a default parameter did) made
 * «Validar» wait for an unreachable server three times over.
 */
export function registeredPrefixes(h: Host, list: SubmissionListAnswer | undefined): RegisteredPrefixes | undefined {
  if (!list) return undefined;
  const scope = list.viewer.scope;
  const publisherId = scope.kind === 'publisher' ? scope.publisherId : latestOf(list)?.publisherId;
  if (!publisherId) return undefined;
  try {
    return client(h).registeredPrefixes(publisherId);
  } catch (e) {
    if (e instanceof UserError) return undefined;
    throw e;
  }
}

/**
 * For «Validar»: the server's lookup of the workbook's references to other implementers (POST /api/link-check), for
 * the institution whose prefixes were learnt (`registered`). Its findings, or undefined when there is no server or it
 * could not answer: Validar then says at those cells that sending checks them.
 */
export function linkLookup(h: Host, registered: RegisteredPrefixes | undefined): LinkLookup {
  return (references) => {
    if (!registered) return undefined;
    try {
      return client(h).linkCheck(registered.id, references);
    } catch (e) {
      if (e instanceof UserError) return undefined;
      throw e;
    }
  };
}

/**
 * For «Validar»: how to tell whether the sheet still holds what its latest submission sent, or undefined without a
 * server or a submission. The answer is null when it cannot be told (the server cannot be reached: the validation
 * itself still answers). Self-hosted, the values read by the validation are what a send would send, and the revision
 * sent is the SHA-256 of those values' snapshot text (core/workflow/snapshot-text.ts), which the list already gives:
 * the add-on hashes what it read and compares, with no request. It uploaded the whole workbook's values on every
 * «Validar» (megabytes, through UrlFetchApp, for the server to hash them). In the cloud the backend reads the sheet.
 */
export function sentComparison(h: Host, list: SubmissionListAnswer | undefined): ((workbook: WorkbookModel) => boolean | null) | undefined {
  const latest = list ? latestOf(list) : null;
  // A withdrawn send is reviewed by nobody and publishes nothing: there is nothing to compare with.
  if (!latest || latest.status === 'withdrawn' || latest.status === 'draft') return undefined;
  if (currentConfig(h).apiToken) {
    const sent = latest.snapshot?.contentHash;
    // Without its snapshot the server could not tell either (it answers null for values sent without one).
    return (workbook) => (sent ? h.sha256Hex(snapshotText({ sheets: workbookValues(workbook).sheets }).text) !== sent : null);
  }
  return () => {
    try {
      return client(h).compare(latest.id).changed;
    } catch (e) {
      if (e instanceof UserError) return null;
      throw e;
    }
  };
}

/** Errors block approval (DESIGN §5), so a workbook with errors is not even sent; the backend checks again. */
export function submitForReview(h: Host, pipeline: Pipeline, deadline?: Deadline): ReviewContext {
  const { report, workbook } = validateWorkbook(h.spreadsheet(), pipeline, undefined, documentMarkReach(h.properties()), deadline);
  if (report.errors > 0) {
    throw new UserError(`No se puede enviar a revisión: la validación encontró ${formatCount(report.errors, 'error', 'errores')}. ${report.errors === 1 ? 'Corríjalo' : 'Corríjalos'} y valide de nuevo.`);
  }
  const c = client(h);
  // Self-hosted servers cannot read Google Sheets: the add-on sends the values it has just validated.
  const values: WorkbookValues | undefined = currentConfig(h).apiToken ? workbookValues(workbook) : undefined;
  const ss = h.spreadsheet();
  return sendAnswered(h, c.submit(ss.id(), values, ss.name()));
}

/**
 * What a send answered, for the panel: its outcome, or — a large workbook the server was still checking when it
 * answered (SEND_CHECKING) — «Revisando el libro…» with where to ask (`checking`), which the sidebar asks by itself
 * (sendOutcome) until the outcome is there. Asking here, in a loop, would hold the panel's call for minutes.
 */
function sendAnswered(h: Host, sent: SubmitAnswer | SendCheckingAnswer): ReviewContext {
  if (isSendChecking(sent)) return { ...reviewContext(h), notice: CHECKING_NOTICE, checking: sent.checking.location };
  return { ...reviewContext(h), notice: submitOutcomeText(sent.outcome, sent.submission.status) };
}

export const CHECKING_NOTICE = 'Revisando el libro… Con libros grandes tarda unos minutos; el resultado aparecerá aquí solo, sin volver a enviarlo.';

/** The outcome of a send still being checked (`location`, from the server's answer): the panel asks every few seconds. */
export function sendOutcome(h: Host, location: string): ReviewContext {
  return sendAnswered(h, client(h).sendOutcome(location));
}

/**
 * What the approval did, as the server answered it: published at once, being published, or failed already (the task
 * service down) — «Envío aprobado.» was said over «La publicación falló» in the state below it.
 */
export function approveSubmission(h: Host, id: string, revision?: string): ReviewContext {
  const { submission } = client(h).approve(id, revision);
  const said = submission.history[submission.history.length - 1]?.comment;
  const outcome: Pick<ReviewContext, 'notice' | 'noticeFailed'> = submission.status === 'published' ? { notice: `Envío aprobado. ${said ?? 'Ya está publicado.'}` }
    : submission.status === 'failed' ? { notice: `Se aprobó, pero la publicación falló: ${submission.failureReason ?? 'el servidor no dijo por qué.'} Aprobar de nuevo reintenta la publicación.`, noticeFailed: true }
      : { notice: 'Envío aprobado: se está publicando. Pulse «Validar» en unos minutos para ver cómo terminó.' };
  return { ...reviewContext(h), ...outcome };
}

/** The official takes back this sheet's send while it awaits review; the server refuses (409, in Spanish) once approved. */
export function withdrawSubmission(h: Host, id: string): ReviewContext {
  const { history } = client(h).withdraw(id).submission;
  // A returned send had already left the coordinators' inbox: «ya no está en la bandeja» said it was there until now.
  const wasReturned = ['returned', 'superseded'].includes(history[history.length - 2]?.action ?? '');
  return { ...reviewContext(h), notice: wasReturned
    ? 'Se retiró el envío devuelto: queda cerrado, con sus comentarios. Lo siguiente que envíe de esta hoja será un envío nuevo.'
    : 'Se retiró el envío: ya no está en la bandeja de su coordinación. Puede enviarlo de nuevo cuando quiera.' };
}

export function returnSubmission(h: Host, id: string, comment: string, revision?: string): ReviewContext {
  const text = comment.trim();
  if (!text) throw new UserError('Escriba un comentario que explique qué debe corregirse.');
  client(h).returnWithComment(id, text, revision);
  return reviewContext(h);
}
