/**
 * An audit entry's details, in words (the Bitácora's «Detalle» column and its CSV): the stored details are keyed for
 * code (`from`, `changedProcesses`, `contentHash`…), and an auditor reading them months later needs «Volvió a
 * publicar un envío cuya publicación había fallado», the comment, which fields of a registration changed from what,
 * and the hash a publication had. A key this file does not know is shown as `key: value`, never dropped.
 */
import { formatCount, formatDate, formatTimestamp } from '../format/es-mx';
import { STATUS_LABELS, type SubmissionStatus } from './contract';

/** What a refused action was (access.denied's `attempted`, auth/policy.ts actions), as «Intentó …» says it. */
export const ATTEMPTED_LABELS = {
  'submission.create': 'enviar información',
  'submission.list': 'ver los envíos',
  'submission.read': 'ver este envío',
  'submission.approve': 'aprobar envíos',
  'submission.return': 'devolver envíos',
  'submission.withdraw': 'retirar envíos',
  'audit.read': 'consultar la bitácora',
  'publisher.admin': 'administrar publicadores',
  'stages.record': 'registrar las etapas del programa',
  'report.read': 'consultar el informe mensual',
} as const;

/** A registration's fields (publisher-admin-routes.ts registrationOf) as the CLI's options name them. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'nombre', state: 'entidad', level: 'orden', ocidPrefix: 'prefijo OCID', projectIdPrefix: 'prefijo de proyectos',
  license: 'licencia', publicationPolicy: 'política de publicación', uri: 'sitio', 'commitment.projects': 'proyectos comprometidos',
  'commitment.periodicityDays': 'periodicidad (días)',
};

const NOTICE_KINDS: Readonly<Record<string, string>> = {
  submitted: 'nuevo envío', resubmitted: 'nueva versión de un envío', returned: 'envío devuelto', approved: 'envío aprobado', published: 'publicación',
  refused: 'aprobación rechazada por errores', failed: 'publicación fallida', withdrawn: 'envío retirado', reminder: 'recordatorio',
};

/** A publication's OCDS releases, named so that nobody reads them as sends («envíos»). */
const RELEASE_WORDS = ['entrega OCDS', 'entregas OCDS'] as const;
const releases = (n: number): string => formatCount(n, ...RELEASE_WORDS);

/** Why a publication was published again (functions/src/publication/republish.ts RepublishReason). */
const REPUBLISH_REASONS: Readonly<Record<string, string>> = {
  address: 'enlazaba bajo otra dirección', unrecorded: 'no decía bajo qué dirección enlazaba', privacy: 'filtro de datos personales anterior',
  'record-format': 'registros de una versión anterior', index: 'índice del tablero de una versión anterior', stats: 'cifras del tablero de una versión anterior',
};

const ROLE_LABELS: Readonly<Record<string, string>> = { capturista: 'capturista', coordinador: 'coordinación', admin: 'administración' };

const own = (table: Readonly<Record<string, string>>, key: string): string | undefined => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);
const quoted = (v: unknown): string => (v === null || v === undefined ? '(sin dato)' : typeof v === 'string' ? `«${v}»` : JSON.stringify(v));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const statusLabel = (v: unknown): string => (typeof v === 'string' && own(STATUS_LABELS, v) !== undefined ? STATUS_LABELS[v as SubmissionStatus] : String(v));

/** The details of one entry as short Spanish phrases, in a stable order; joined by «; » for a cell. */
export function auditDetailsParts(action: string, details: Readonly<Record<string, unknown>>): string[] {
  const parts: string[] = [];
  const done = new Set<string>();
  const take = (key: string): unknown => { done.add(key); return details[key]; };
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(details, key) && details[key] !== undefined;

  if (has('comment')) parts.push(`Comentario: «${String(take('comment'))}»`);
  if (has('from')) {
    const from = take('from');
    parts.push(action === 'submission.approved' && from === 'failed' ? 'Reintento: la publicación anterior de este envío había fallado' : `Estaba «${statusLabel(from)}»`);
  }
  if (has('reason') && !action.startsWith('session.')) parts.push(`Motivo: ${String(take('reason'))}`);
  if (has('code')) parts.push(`Código: ${String(take('code'))}`);
  if (has('errors') || has('warnings')) parts.push([has('errors') ? formatCount(Number(take('errors')), 'error', 'errores') : '', has('warnings') ? formatCount(Number(take('warnings')), 'advertencia', 'advertencias') : ''].filter(Boolean).join(' y '));
  if (has('publicationId')) parts.push(`Publicación ${String(take('publicationId'))}`);
  if (has('republishedFrom')) parts.push(`Los mismos datos que la publicación ${String(take('republishedFrom'))}`);
  if (has('redactedFrom')) parts.push(`Suprimidos de la publicación ${String(take('redactedFrom'))}`);
  if (has('redactedReleases') && Array.isArray(details.redactedReleases)) {
    const places = (take('redactedReleases') as unknown[]).filter(isRecord).map((r) => `${String(r.id)} (${Array.isArray(r.pointers) ? r.pointers.join(', ') : ''})`);
    const total = has('redactedReleaseCount') ? Number(take('redactedReleaseCount')) : places.length;
    parts.push(`En ${releases(total)}: ${places.join('; ')}${total > places.length ? ` y ${formatCount(total - places.length, 'más', 'más')}` : ''}`);
  }
  // A redaction changes no process by a new release (writePublication's `changedProcesses` is 0, and «0 contrataciones
  // cambiadas» read as if it had done nothing): it says how many processes it changed the releases of.
  if (has('redactedOcids') || has('redactedProcessCount')) {
    const listed = take('redactedOcids');
    const n = has('redactedProcessCount') ? Number(take('redactedProcessCount')) : Array.isArray(listed) ? listed.length : 0;
    parts.push(`${formatCount(n, 'contratación', 'contrataciones')} con datos suprimidos`);
  }
  if (action === 'publication.redacted' && has('changedProcesses')) take('changedProcesses');
  if (has('redactedSubmissions') && Array.isArray(details.redactedSubmissions)) parts.push(`También en las advertencias o comentarios de los envíos ${(take('redactedSubmissions') as unknown[]).map(String).join(', ')}`);
  if (has('redactedProjects') && Array.isArray(details.redactedProjects)) {
    const places = (take('redactedProjects') as unknown[]).filter(isRecord).map((p) => `${String(p.id)} (${Array.isArray(p.pointers) ? p.pointers.join(', ') : ''})`);
    const total = has('redactedProjectCount') ? Number(take('redactedProjectCount')) : places.length;
    if (total) parts.push(`En ${formatCount(total, 'proyecto', 'proyectos')}: ${places.join('; ')}${total > places.length ? ` y ${formatCount(total - places.length, 'más', 'más')}` : ''}`);
  }
  if (has('reasons') && Array.isArray(details.reasons)) parts.push(`Por qué: ${(take('reasons') as unknown[]).map((r) => own(REPUBLISH_REASONS, String(r)) ?? String(r)).join(', ')}`);
  if (has('linksNow')) {
    const before = take('linksBefore');
    const now = String(take('linksNow'));
    parts.push(typeof before === 'string' && before !== now ? `Enlaces de sus registros: de ${before} a ${now}` : `Enlaces de sus registros bajo ${now}`);
  }
  if (has('unchanged')) { if (take('unchanged') === true) parts.push('Sin cambios en los datos: confirmó lo publicado'); }
  // An implementer's first publication (approve-submission.ts): its processes are new, none «cambiada».
  const first = has('first') && take('first') === true;
  if (first) parts.push('Primera publicación del implementador');
  if (has('changedProcesses') && !done.has('changedProcesses')) {
    const n = Number(take('changedProcesses'));
    // A first publication of projects only brought no process: «0 contrataciones nuevas» said nothing.
    if (!first) parts.push(formatCount(n, 'contratación cambiada', 'contrataciones cambiadas'));
    else if (n > 0) parts.push(formatCount(n, 'contratación nueva', 'contrataciones nuevas'));
  }
  if (has('changedOcids') && Array.isArray(details.changedOcids)) {
    const list = (take('changedOcids') as unknown[]).map(String);
    const total = Number(details.changedProcesses ?? list.length);
    parts.push(`${first ? 'Contrataciones publicadas' : 'Contrataciones que cambiaron'}: ${list.join(', ')}${total > list.length ? ` y ${formatCount(total - list.length, 'más', 'más')}` : ''}`);
  }
  // On a first publication there was no record to compile again.
  if (has('rebuiltRecords')) {
    const n = Number(take('rebuiltRecords'));
    parts.push(first ? formatCount(n, 'registro compilado', 'registros compilados') : formatCount(n, 'registro recompilado', 'registros recompilados'));
  }
  if (has('releases')) parts.push(releases(Number(take('releases'))));
  if (has('projects')) parts.push(formatCount(Number(take('projects')), 'proyecto', 'proyectos'));
  if (has('counts') && isRecord(details.counts)) {
    const c = take('counts') as Record<string, unknown>;
    parts.push(`Tenía ${releases(Number(c.releases ?? 0))}, ${formatCount(Number(c.records ?? 0), 'registro', 'registros')} y ${formatCount(Number(c.projects ?? 0), 'proyecto', 'proyectos')}`);
  }
  if (has('createdAt')) parts.push(`Publicada el ${formatDate(String(take('createdAt')))}`);
  if (has('status') && action === 'publication.pruned') { if (take('status') === 'writing') parts.push('No se había terminado de escribir'); }
  // A send's is its workbook's (what the coordinator reviewed). A publication's is the key publish() compares to find
  // a send with nothing new (hashContent, taken before summaries are derived): no file hashes to it, and an auditor
  // who read «huella del contenido publicado» beside the files' own hashes took the difference for an alteration.
  if (has('contentHash')) parts.push(`${action.startsWith('submission.') ? 'Huella del libro enviado (SHA-256)' : 'Clave del contenido (SHA-256, con la que se reconoce un envío sin cambios; no es la huella de ningún archivo)'}: ${String(take('contentHash'))}`);
  // What the public downloads, hashed as publish() wrote it: the SHA-256 of each JSON Lines file (huellas.json).
  if (has('servedSha256') && isRecord(details.servedSha256)) {
    const served = take('servedSha256') as Record<string, unknown>;
    parts.push(`Huellas de los archivos publicados (SHA-256): ${Object.entries(served).map(([kind, hash]) => `${kind}.jsonl ${String(hash)}`).join(', ')}`);
  }
  if (has('revision')) { const r = take('revision'); if (r !== null) parts.push(`Revisión: ${String(r)}`); }
  if (has('fileName')) parts.push(`Libro «${String(take('fileName'))}»`);
  // The Google spreadsheet's id, or the kept copy's of an uploaded file.
  if (has('source')) { const id = take('source'); if (id !== null) parts.push(`Identificador del libro: ${String(id)}`); }
  // submission.other-implementer (spreadsheet-implementer.ts): the sheet, and the implementer it was sent for.
  if (has('spreadsheetId')) parts.push(`Hoja de cálculo: ${String(take('spreadsheetId'))}`);
  if (has('sentFor')) parts.push(`Enviada como del implementador ${String(take('sentFor'))}`);
  if (has('by')) parts.push(`Lo reemplazó el envío ${String(take('by'))}`);
  if (has('kind')) { const k = String(take('kind')); parts.push(`Aviso: ${own(NOTICE_KINDS, k) ?? k}`); }
  if (has('recipients')) parts.push(formatCount(Number(take('recipients')), 'destinatario', 'destinatarios'));
  if (has('attempted')) { const a = String(take('attempted')); parts.push(`Intentó ${own(ATTEMPTED_LABELS, a) ?? a}`); }
  // One refused batch of stages: every implementer of the entry's state it was refused for, in one entry.
  if (has('publisherIds') && Array.isArray(details.publisherIds)) {
    const ids = (take('publisherIds') as unknown[]).map(String);
    parts.push(`${ids.length === 1 ? 'Del implementador' : `De ${formatCount(ids.length, 'implementador', 'implementadores')}`}: ${ids.join(', ')}`);
  }
  if (has('email')) parts.push(`Cuenta ${String(take('email'))}`);
  if (has('role')) { const r = String(take('role')); parts.push(`rol ${own(ROLE_LABELS, r) ?? r}`); }
  if (action.startsWith('user.') && has('publisherId')) parts.push(`del implementador ${String(take('publisherId'))}`);
  if (action.startsWith('user.') && has('state')) parts.push(`de ${String(take('state'))}`);
  if (has('changes') && isRecord(details.changes)) {
    const changes = Object.entries(take('changes') as Record<string, unknown>).map(([field, c]) => `${own(FIELD_LABELS, field) ?? field} ${quoted(isRecord(c) ? c.from : undefined)} → ${quoted(isRecord(c) ? c.to : undefined)}`);
    parts.push(changes.length ? `Cambió: ${changes.join(', ')}` : 'Sin cambios en el registro');
  }
  if (action.startsWith('publisher.') && action !== 'publisher.stages') {
    // The registration as it was left: what the implementer is measured against and its prefixes.
    for (const key of ['name', 'state', 'level', 'ocidPrefix', 'projectIdPrefix', 'license', 'publicationPolicy', 'uri']) if (has(key)) parts.push(`${FIELD_LABELS[key]} ${quoted(take(key))}`);
    if (has('commitment') && isRecord(details.commitment)) {
      const c = take('commitment') as Record<string, unknown>;
      parts.push(`compromiso: ${formatCount(Number(c.projects ?? 0), 'proyecto', 'proyectos')} cada ${formatCount(Number(c.periodicityDays ?? 0), 'día', 'días')}`);
    }
  }
  if (has('stages') && isRecord(details.stages)) {
    const s = Object.entries(take('stages') as Record<string, unknown>).map(([code, day]) => `${code}: ${typeof day === 'string' ? formatDate(day) : 'sin fecha'}`);
    parts.push(`Etapas: ${s.join(', ')}`);
  }
  if (has('before')) parts.push(`Anteriores al ${formatDate(String(take('before')))}`);
  if (has('publications')) parts.push(formatCount(Number(take('publications')), 'publicación borrada', 'publicaciones borradas'));
  if (has('bulkFiles')) parts.push(formatCount(Number(take('bulkFiles')), 'archivo de descarga borrado', 'archivos de descarga borrados'));
  if (has('workbookCopies')) parts.push(formatCount(Number(take('workbookCopies')), 'copia de libro borrada', 'copias de libros borradas'));
  if (has('combinedFolders')) parts.push(formatCount(Number(take('combinedFolders')), 'carpeta de descargas conjuntas borrada', 'carpetas de descargas conjuntas borradas'));
  if (has('written')) parts.push(formatCount(Number(take('written')), 'conjunto de archivos escrito', 'conjuntos de archivos escritos'));
  if (has('upToDate')) parts.push(formatCount(Number(take('upToDate')), 'ya al día', 'ya al día'));
  if (has('failed')) parts.push(formatCount(Number(take('failed')), 'con falla', 'con falla'));
  if (has('systemUser')) parts.push(`Usuario del sistema: ${String(take('systemUser'))}`);
  if (action.startsWith('session.')) parts.push(...sessionParts(action, take, has));
  // A decision's (approve, return, send, withdraw, a registration): where it was taken from, as a sign-in's.
  else parts.push(...originParts(take, has));
  done.add('queued');
  for (const [key, value] of Object.entries(details)) if (!done.has(key) && value !== undefined) parts.push(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return parts.filter(Boolean);
}

/** Why a credential was refused (functions/src/auth/sign-in-audit.ts RefusalReason). */
const REFUSAL_REASONS: Readonly<Record<string, string>> = {
  'malformed-header': 'la solicitud no traía una credencial «Bearer»',
  'not-a-key': 'lo enviado no tiene la forma de una clave de acceso',
  'unknown-key': 'clave de acceso desconocida (inventada, de una cuenta eliminada o reemplazada por una nueva)',
  'invalid-token': 'credencial de Google no válida (firma, emisor o destinatario incorrectos)',
  'expired-token': 'credencial de Google vencida (duran una hora)',
  'unverified-email': 'cuenta de Google sin correo verificado',
  'unregistered-account': 'cuenta de Google auténtica pero no registrada en la plataforma',
  other: 'otro motivo',
};

/**
 * Where a request came from, as the server saw it (functions/src/auth/sign-in-audit.ts originDetails). The add-on's
 * requests are made by Google's Apps Script servers (UrlFetchApp, whose program says «Google-Apps-Script»): their
 * address is Google's, not that of the official's computer, and the entry says so rather than let it be read as where
 * the person was.
 */
function originParts(take: (key: string) => unknown, has: (key: string) => boolean): string[] {
  const parts: string[] = [];
  if (has('ip')) parts.push(`Dirección IP: ${String(take('ip'))}`);
  if (has('userAgent')) {
    const agent = String(take('userAgent'));
    parts.push(`Programa: ${agent}${/Google-Apps-Script/i.test(agent) ? ' (el complemento de Hojas de cálculo: la dirección es de los servidores de Google, no la de la computadora de quien lo usó)' : ''}`);
  }
  return parts;
}

/** A sign-in entry's details: where from, with what, and for a refusal why and how many times. */
function sessionParts(action: string, take: (key: string) => unknown, has: (key: string) => boolean): string[] {
  const parts: string[] = [];
  if (has('reason')) { const r = String(take('reason')); parts.push(`Motivo: ${own(REFUSAL_REASONS, r) ?? r}`); }
  if (has('account')) parts.push(`Cuenta de Google ${String(take('account'))}`);
  if (has('attempts')) {
    const n = Number(take('attempts'));
    const minutes = has('windowMinutes') ? Number(take('windowMinutes')) : undefined;
    // The 1st, 10th, 100th… attempt of an address is written (sign-in-audit.ts): the count says how many there were.
    parts.push(n === 1 ? 'Primer intento fallido desde esa dirección' : `${formatCount(n, 'intento fallido', 'intentos fallidos')} desde esa dirección${minutes ? ` en ${formatCount(minutes, 'minuto', 'minutos')}` : ''} (se anotan el 1.º, el 10.º, el 100.º…)`);
  }
  if (has('limit') && action === 'session.failures-not-recorded') {
    const minutes = has('windowMinutes') ? ` en ${formatCount(Number(take('windowMinutes')), 'minuto', 'minutos')}` : '';
    parts.push(`Ya se anotaron ${formatCount(Number(take('limit')), 'intento fallido', 'intentos fallidos')}${minutes}: los siguientes no se anotan uno por uno`);
  }
  if (has('until')) parts.push(`hasta el ${formatTimestamp(String(take('until')))} (Ciudad de México)`);
  parts.push(...originParts(take, has));
  if (has('via')) { const v = String(take('via')); parts.push(v === 'google' ? 'Con cuenta de Google' : v === 'clave' ? 'Con clave de acceso' : `Con ${v}`); }
  if (has('state')) parts.push(`Coordinación de ${String(take('state'))}`);
  take('windowMinutes');
  return parts;
}

export function auditDetailsText(action: string, details: Readonly<Record<string, unknown>>): string {
  return auditDetailsParts(action, details).join('; ');
}
