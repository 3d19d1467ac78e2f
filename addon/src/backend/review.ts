/** Submit and review: what the sidebar shows about this spreadsheet's submission and what it may do with it. */
import { backendConfigured } from '../config';
import type { Host } from '../host';
import type { ReviewContext } from '../rpc-types';
import { UserError } from '../user-error';
import type { Pipeline } from '../validation/core-pipeline';
import { runValidation } from '../validation/run-validation';
import { BackendClient } from './backend-client';

function client(h: Host): BackendClient {
  if (!backendConfigured(h.config())) {
    throw new UserError('El complemento aún no tiene configurada la dirección del servidor. Avise a quien lo instaló (vea addon/README.md).');
  }
  return new BackendClient(h.http(), h.config().backendUrl, () => h.identityToken());
}

export function reviewContext(h: Host): ReviewContext {
  const config = h.config();
  if (!backendConfigured(config)) return { backendConfigured: false, role: null, submission: null, serviceAccount: config.serviceAccount };
  const list = client(h).list(h.spreadsheet().id());
  return { backendConfigured: true, role: list.role, submission: list.submissions[0] ?? null, serviceAccount: list.serviceAccount ?? config.serviceAccount };
}

/** Errors block approval (DESIGN §5), so a workbook with errors is not even sent; the check runs again here. */
export function submitForReview(h: Host, pipeline: Pipeline): ReviewContext {
  const report = runValidation(h.spreadsheet(), pipeline);
  if (report.errors > 0) {
    throw new UserError(`No se puede enviar a revisión: la validación encontró ${report.errors === 1 ? '1 error' : `${report.errors} errores`}. Corríjalos y valide de nuevo.`);
  }
  client(h).submit(h.spreadsheet().id());
  return reviewContext(h);
}

export function approveSubmission(h: Host, id: string): ReviewContext {
  client(h).approve(id);
  return reviewContext(h);
}

export function returnSubmission(h: Host, id: string, comment: string): ReviewContext {
  const text = comment.trim();
  if (!text) throw new UserError('Escriba un comentario que explique qué debe corregirse.');
  client(h).returnWithComment(id, text);
  return reviewContext(h);
}
