/**
 * Client of the backend's submission API (DESIGN §8): create, list, approve, return with comments.
 * Identity is the Google ID token of the person using the sheet (`ScriptApp.getIdentityToken()`);
 * the backend verifies it and decides what the person may do. Error bodies are `{error: {code, message}}` in Spanish.
 */
import type { Role, SubmissionComment, SubmissionState, SubmissionView } from '../rpc-types';
import { UserError } from '../user-error';
import type { HttpPort, HttpRequest } from './http-port';

export const STATE_LABELS: Record<SubmissionState, string> = {
  draft: 'Borrador',
  submitted: 'En revisión',
  returned: 'Devuelta con comentarios',
  approved: 'Aprobada',
  published: 'Publicada',
};

/** Backends may name states in Spanish or with near synonyms; anything unknown is shown as a draft. */
const STATE_ALIASES: Record<string, SubmissionState> = {
  draft: 'draft', borrador: 'draft',
  submitted: 'submitted', pending: 'submitted', in_review: 'submitted', review: 'submitted', en_revision: 'submitted',
  returned: 'returned', devuelta: 'returned',
  approved: 'approved', aprobada: 'approved',
  published: 'published', publicada: 'published',
};

export interface SubmissionList {
  submissions: SubmissionView[];
  role: Role | null;
  serviceAccount: string | null;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function comment(v: unknown): SubmissionComment | null {
  if (!isObject(v)) return null;
  const body = text(v.text) ?? text(v.comment) ?? text(v.message);
  if (!body) return null;
  return { author: text(v.author) ?? text(v.by) ?? text(v.email) ?? '', text: body, at: text(v.at) ?? text(v.createdAt) ?? '' };
}

export function toSubmissionView(v: unknown): SubmissionView | null {
  if (!isObject(v)) return null;
  const id = text(v.id);
  if (!id) return null;
  const state = STATE_ALIASES[String(v.state ?? v.status ?? '').toLowerCase()] ?? 'draft';
  const comments = Array.isArray(v.comments) ? v.comments.map(comment).filter((c): c is SubmissionComment => c !== null) : [];
  return { id, state, stateLabel: STATE_LABELS[state], updatedAt: text(v.updatedAt) ?? text(v.updated) ?? text(v.createdAt), comments };
}

const ROLES = new Set<Role>(['capturista', 'coordinador', 'admin']);

function role(v: unknown): Role | null {
  return typeof v === 'string' && ROLES.has(v as Role) ? (v as Role) : null;
}

function statusMessage(status: number): string {
  if (status === 401) return 'No se pudo confirmar su identidad ante el servidor. Cierre y vuelva a abrir la hoja e intente de nuevo.';
  if (status === 403) return 'Su cuenta no tiene permiso para esta acción. Pida acceso a su coordinador.';
  if (status === 404) return 'El servidor no encontró el envío. Actualice el panel e intente de nuevo.';
  if (status === 409) return 'El envío cambió mientras tanto. Actualice el panel e intente de nuevo.';
  return 'El servidor no pudo atender la solicitud. Intente de nuevo en unos minutos.';
}

export class BackendClient {
  constructor(private readonly http: HttpPort, private readonly baseUrl: string, private readonly identityToken: () => string) {}

  private call(method: HttpRequest['method'], path: string, body?: unknown): unknown {
    const request: HttpRequest = {
      method,
      url: this.baseUrl.replace(/\/+$/, '') + path,
      headers: { Authorization: `Bearer ${this.identityToken()}`, Accept: 'application/json' },
    };
    if (body !== undefined) request.body = body;
    let response;
    try {
      response = this.http.fetch(request);
    } catch {
      throw new UserError('No fue posible comunicarse con el servidor de Infraestructura Abierta. Revise su conexión e intente de nuevo.');
    }
    let parsed: unknown = null;
    try { parsed = response.text ? JSON.parse(response.text) : null; } catch { parsed = null; }
    if (response.status >= 200 && response.status < 300) return parsed;
    const message = isObject(parsed) && isObject(parsed.error) ? text(parsed.error.message) : null;
    throw new UserError(message ?? statusMessage(response.status));
  }

  list(spreadsheetId: string): SubmissionList {
    const body = this.call('get', `/api/submissions?spreadsheetId=${encodeURIComponent(spreadsheetId)}`);
    const raw = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.submissions) ? body.submissions : [];
    const submissions = raw.map(toSubmissionView).filter((s): s is SubmissionView => s !== null)
      .sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
    const viewer = isObject(body) && isObject(body.viewer) ? body.viewer : {};
    return {
      submissions,
      role: isObject(body) ? role(body.role) ?? role(viewer.role) : null,
      serviceAccount: isObject(body) ? text(body.serviceAccount) : null,
    };
  }

  private one(body: unknown): SubmissionView {
    const view = toSubmissionView(isObject(body) && isObject(body.submission) ? body.submission : body);
    if (!view) throw new UserError('El servidor respondió algo que el complemento no reconoce. Actualice el panel.');
    return view;
  }

  submit(spreadsheetId: string): SubmissionView {
    return this.one(this.call('post', '/api/submissions', { spreadsheetId }));
  }

  approve(id: string): SubmissionView {
    return this.one(this.call('post', `/api/submissions/${encodeURIComponent(id)}/approve`));
  }

  returnWithComment(id: string, comment: string): SubmissionView {
    return this.one(this.call('post', `/api/submissions/${encodeURIComponent(id)}/return`, { comment }));
  }
}
