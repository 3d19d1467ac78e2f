/**
 * Publishers and their commitments (Workflow issue, item 6): an admin registers each implementer — name, state,
 * order of government, ocid and project id prefixes, licence, publication policy — and what it committed to
 * publish (0 to 5 projects, said at registration; an update every so many days, 90 unless said). This is the data
 * behind the control board and the ocid check. PUT is create-or-replace; every change goes to the audit log.
 */
import { Router } from 'express';
import type { AuditEntry, Json, Publisher, Store } from '../store/store';
import { requireUser, type Authenticator } from '../auth/authenticate';
import { decisionOrigin } from '../auth/sign-in-audit';
import { can } from '../auth/policy';
import { HttpError } from './http-error';
import { requireJsonBody } from './request-limits';
import { allPublishers } from './current-publications';
import { canonicalState, unknownStateMessage } from '../../../core/workflow/mexican-states';

export interface PublisherAdminDeps { store: Store; authenticator: Authenticator; now?: () => Date }

const LEVELS = ['municipal', 'estatal', 'federal', 'autonomo'] as const;
/** Registered prefixes: OCDS `ocds-` + 6 characters; OC4IDS `oc4ids-` + 6 characters (OC4IDS project identifier guidance). */
const OCID_PREFIX = /^ocds-[a-z0-9]{6}$/;
const PROJECT_PREFIX = /^oc4ids-[a-z0-9]{6}$/;

function invalid(message: string): HttpError {
  return new HttpError(400, 'invalid-publisher', message);
}

function url(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !/^https?:\/\/\S+$/.test(value)) throw invalid(`«${name}» debe ser una dirección web (http o https).`);
  return value;
}

/**
 * The example prefixes earlier versions of the guide and the help showed (`ocds-xxxxxx`, `oc4ids-xxxxxx`; now they
 * write placeholders, PREFIJO_OCID): well formed, but nobody's. Registered with them, a publisher's data would carry identifiers that clash with every other copy of the example.
 */
const PLACEHOLDER_PREFIX = /^(ocds|oc4ids)-x{6}$/;

const PUBLISHER_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** The program's update period (a quarter) when a new registration does not say one. */
const DEFAULT_PERIODICITY_DAYS = 90;

/**
 * Validates a request body into a Publisher; every problem is a Spanish 400 naming the field. `names` says how a
 * field is called where it came from (the CLI's `--orden` for `level`); by default, the API's field name.
 * `previous` is the stored commitment when the publisher exists: the fields of the commitment not given keep it.
 */
export function parsePublisher(id: string, body: unknown, names: Readonly<Record<string, string>> = {}, previous?: Publisher['commitment']): Publisher {
  const named = (field: string): string => names[field] ?? field;
  if (!PUBLISHER_ID.test(id)) {
    // The id typed is quoted, and the one meant offered when it is only a matter of capitals or spaces («Imp-Tam »).
    const meant = id.trim().toLowerCase();
    throw invalid(`El identificador del publicador «${id}» solo admite minúsculas, números y guiones (2 a 63 caracteres)${PUBLISHER_ID.test(meant) ? `: escriba «${meant}»` : ''}.`);
  }
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (name: string, label: string): string => {
    const v = b[name];
    if (typeof v !== 'string' || !v.trim()) throw invalid(`Falta «${label}» (${named(name)}).`);
    return v.trim();
  };
  const name = text('name', 'nombre');
  const typedState = text('state', 'entidad federativa');
  const state = canonicalState(typedState);
  if (state === undefined) throw invalid(unknownStateMessage(typedState));
  // Written in lower case, as OCDS and OC4IDS identifiers are (ocid prefix registration): «OCDS-ABC123», typed from a
  // letter that capitalised it, is the same prefix, and refusing it sent the administrator to find what was wrong.
  // A refusal quotes the prefix as it was typed.
  const [typedOcid, typedProject] = [text('ocidPrefix', 'prefijo OCID'), text('projectIdPrefix', 'prefijo de proyectos')];
  const [ocidPrefix, projectIdPrefix] = [typedOcid.toLowerCase(), typedProject.toLowerCase()];
  if (!OCID_PREFIX.test(ocidPrefix)) throw invalid(`El prefijo OCID «${typedOcid}» debe ser «ocds-» seguido de 6 letras minúsculas o números.`);
  if (!PROJECT_PREFIX.test(projectIdPrefix)) throw invalid(`El prefijo de proyectos «${typedProject}» debe ser «oc4ids-» seguido de 6 letras minúsculas o números.`);
  if (PLACEHOLDER_PREFIX.test(ocidPrefix)) throw invalid(`El prefijo OCID «${ocidPrefix}» es un ejemplo, no un prefijo real. Cada institución usa el suyo, que asigna la Open Contracting Partnership (registro de prefijos de ocid); regístrelo con ese.`);
  if (PLACEHOLDER_PREFIX.test(projectIdPrefix)) throw invalid(`El prefijo de proyectos «${projectIdPrefix}» es un ejemplo, no un prefijo real. Use el prefijo que su institución registró para OC4IDS.`);
  if (b.level !== undefined && !LEVELS.includes(b.level as (typeof LEVELS)[number])) throw invalid(`«${named('level')}» debe ser uno de: ${LEVELS.join(', ')}.`);
  const c = (b.commitment ?? {}) as Record<string, unknown>;
  // How many projects an implementer committed to is its own decision, and the control board measures it against
  // that number: it is never assumed (5 was, silently). Updating a registration keeps what it had committed.
  const projects = c.projects ?? previous?.projects;
  if (projects === undefined) throw invalid(`Falta el compromiso de proyectos (${named('commitment.projects')}): cuántos proyectos se comprometió a publicar el implementador, de 0 a 5.`);
  const periodicityDays = c.periodicityDays ?? previous?.periodicityDays ?? DEFAULT_PERIODICITY_DAYS;
  const got = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? `; se recibió «${v}»` : '');
  if (!Number.isInteger(projects) || (projects as number) < 0 || (projects as number) > 5) throw invalid(`El compromiso de proyectos (${named('commitment.projects')}) debe ser un entero de 0 a 5${got(projects)}.`);
  if (!Number.isInteger(periodicityDays) || (periodicityDays as number) < 1 || (periodicityDays as number) > 366) throw invalid(`La periodicidad de actualización (${named('commitment.periodicityDays')}) debe ser un número de días entre 1 y 366${got(periodicityDays)}.`);
  const license = url(b.license, 'licencia');
  const publicationPolicy = url(b.publicationPolicy, 'política de publicación');
  const uri = url(b.uri, 'sitio del publicador');
  return {
    id, name, state, ocidPrefix, projectIdPrefix,
    commitment: { projects: projects as number, periodicityDays: periodicityDays as number },
    ...(b.level !== undefined ? { level: b.level as Publisher['level'] } : {}),
    ...(license ? { license } : {}), ...(publicationPolicy ? { publicationPolicy } : {}), ...(uri ? { uri } : {}),
  };
}

/**
 * Registers or replaces a publisher (PUT /api/publishers/{id}, `infra-abierta publishers add`), audited as `actor`.
 * Prefixes identify a publisher's data: one another publisher holds is a 409. The coordinators' program stages
 * (PUT /publishers/{id}/stages) and the date of the first registration (the first publication is due a period after
 * it) are kept. Says whether it existed.
 */
export interface RegisterOptions {
  /** The administrator said the prefixes of a publisher that has published are to change all the same (a wrong one corrected). */
  allowPrefixChange?: boolean;
  /** How the caller says that, in its own terms (CLI option or API field), for the refusal's message. */
  howToAllow?: string;
  /** More for the audit entry (the CLI: the system account it ran as). */
  auditDetails?: AuditEntry['details'];
}

/** The registration's fields an audit entry keeps (what the implementer is measured against, and its prefixes). */
function registrationOf(p: Publisher): { [key: string]: Json } {
  return {
    name: p.name, state: p.state, ...(p.level !== undefined ? { level: p.level } : {}), ocidPrefix: p.ocidPrefix, projectIdPrefix: p.projectIdPrefix,
    ...(p.license !== undefined ? { license: p.license } : {}), ...(p.publicationPolicy !== undefined ? { publicationPolicy: p.publicationPolicy } : {}), ...(p.uri !== undefined ? { uri: p.uri } : {}),
    commitment: { ...p.commitment },
  };
}

/**
 * A re-registration's changes, field by field ({from, to}; `null` for a field not set): the entry said only the new
 * name, state and commitment, so who changed a prefix or lowered a commitment, and from what, was nowhere.
 */
function registrationChanges(before: Publisher, after: Publisher): { [key: string]: Json } {
  const a = registrationOf(before);
  const b = registrationOf(after);
  const flat = (r: { [key: string]: Json }): Map<string, Json> => new Map(Object.entries(r).flatMap(([k, v]) => (k === 'commitment' && v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.entries(v).map(([c, w]): [string, Json] => [`commitment.${c}`, w]) : [[k, v] as [string, Json]])));
  const [from, to] = [flat(a), flat(b)];
  const changes: { [key: string]: Json } = {};
  for (const key of new Set([...from.keys(), ...to.keys()])) {
    if (from.get(key) !== to.get(key)) changes[key] = { from: from.get(key) ?? null, to: to.get(key) ?? null };
  }
  return changes;
}

export async function registerPublisher(store: Store, publisher: Publisher, actor: string, at: Date, options: RegisterOptions = {}): Promise<{ existed: boolean; previous?: Publisher }> {
  const clash = (await allPublishers(store)).find((p) => p.id !== publisher.id && (p.ocidPrefix === publisher.ocidPrefix || p.projectIdPrefix === publisher.projectIdPrefix));
  if (clash) {
    // Which of the two prefixes, and whose: «asignado a Implementador 2» left the administrator of a hundred
    // registrations guessing which one was mistyped.
    const [label, prefix] = clash.ocidPrefix === publisher.ocidPrefix ? ['prefijo OCID', publisher.ocidPrefix] : ['prefijo de proyectos', publisher.projectIdPrefix];
    throw new HttpError(409, 'conflict', `El ${label} «${prefix}» ya está asignado a «${clash.id}» (${clash.name}): cada institución tiene el suyo. Revise que lo escribió bien.`);
  }
  const previous = await store.getPublisher(publisher.id);
  const existed = previous !== undefined;
  if (previous && !options.allowPrefixChange) await refusePublishedPrefixChange(store, previous, publisher, options.howToAllow);
  // Replaced over what is stored at the write: its stages (unless given), first registration, last confirmation of its
  // data and latest approved send (store.ts confirmedAt, latestApproval: the workflow's) are kept, whatever was
  // written meanwhile.
  if (existed) {
    await store.updatePublisher(publisher.id, (previous) => ({
      ...publisher, ...(previous.stages && !publisher.stages ? { stages: previous.stages } : {}), ...(previous.registeredAt ? { registeredAt: previous.registeredAt } : {}),
      ...(previous.confirmedAt ? { confirmedAt: previous.confirmedAt } : {}),
      ...(previous.latestApproval ? { latestApproval: previous.latestApproval } : {}),
    }));
  } else {
    await store.putPublisher({ ...publisher, registeredAt: at.toISOString() });
  }
  await store.appendAudit({
    at: at.toISOString(), actor, action: existed ? 'publisher.updated' : 'publisher.created', target: `publisher/${publisher.id}`, publisherId: publisher.id,
    details: { ...registrationOf(publisher), ...(previous ? { changes: registrationChanges(previous, publisher) } : {}), ...options.auditDetails },
  });
  return { existed, ...(previous ? { previous } : {}) };
}

/**
 * A publisher that has published keeps its prefixes: every published ocid and project id carries them and never
 * changes (OCDS), and the next send is checked against the registered ones. Changed (a re-registration with a typo,
 * or an id reused for another institution), every process already published was refused in the implementer's next
 * send, and renaming them to the new prefix left the published ones out of its next publication.
 */
async function refusePublishedPrefixChange(store: Store, previous: Publisher, publisher: Publisher, howToAllow = 'envíe de nuevo con «allowPrefixChange»: true'): Promise<void> {
  const changed = [
    ...(previous.ocidPrefix !== publisher.ocidPrefix ? [`el prefijo OCID «${previous.ocidPrefix}» por «${publisher.ocidPrefix}»`] : []),
    ...(previous.projectIdPrefix !== publisher.projectIdPrefix ? [`el prefijo de proyectos «${previous.projectIdPrefix}» por «${publisher.projectIdPrefix}»`] : []),
  ];
  if (!changed.length || !(await store.listPublications({ publisherId: publisher.id, limit: 1 })).items.length) return;
  throw new HttpError(409, 'published-prefix', `No se cambia ${changed.join(' ni ')} de «${publisher.id}» (${previous.name}): ya publicó datos con ${changed.length > 1 ? 'ellos: los identificadores publicados los llevan' : 'él: los identificadores publicados lo llevan'}, y no cambian. Con otro prefijo, sus envíos siguientes se rechazarían. Regístrelo de nuevo con ${changed.length > 1 ? 'los prefijos' : 'el prefijo'} de antes; si se trata de otra institución, regístrela con otro identificador de publicador. Solo si el prefijo registrado estaba mal y debe corregirse aunque cambien los identificadores de lo que publique en adelante, ${howToAllow}.`);
}

export function publisherAdminRoutes(deps: PublisherAdminDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  router.put('/publishers/:id', async (req, res) => {
    const user = await requireUser(req, deps.authenticator);
    if (!can(user, 'publisher.admin')) throw new HttpError(403, 'forbidden', 'Solo una cuenta de administración puede registrar publicadores.');
    requireJsonBody(req, 'los datos del publicador');
    const id = String(req.params.id);
    const publisher = parsePublisher(id, req.body, {}, (await deps.store.getPublisher(id))?.commitment);
    const { existed } = await registerPublisher(deps.store, publisher, user.id, now(), { allowPrefixChange: (req.body as { allowPrefixChange?: unknown }).allowPrefixChange === true, auditDetails: decisionOrigin(req) });
    res.set('Cache-Control', 'private, no-store').status(existed ? 200 : 201).json({ publisher });
  });
  return router;
}
