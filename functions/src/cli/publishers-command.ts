/**
 * `publishers add|list|remove`: registers an implementer (same rules as PUT /api/publishers/{id}, parsePublisher) in
 * the local store or, with `--nube`, in the deployment's Firestore — so a new deployment can be set up before any
 * administrator can sign in. Options in Spanish, or `--archivo publicador.json` with the API's JSON body.
 */
import { parsePublisher, registerPublisher } from '../api/publisher-admin-routes';
import { allPublishers } from '../api/current-publications';
import { HttpError } from '../api/http-error';
import type { Publisher, Store } from '../store/store';
import { formatCount } from '../../../core/format/es-mx';
import { AWAITING_DECISION, STATUS_LABELS } from '../../../core/workflow/contract';
import { type ParsedArgs, stringOption, UsageError } from './args';
import { knownPublisher } from './known-publisher';
import { readAll } from '../store/read-all';
import { canonicalState, sameState, unknownStateMessage } from '../../../core/workflow/mexican-states';
import type { CliIo } from './convert-command';
import { readJsonFile } from './read-json';
import { checkInputFile } from './input-path';
import { cliAudit, cliAuditDetails } from './cli-audit';

/** Option → field of the API's body. */
const OPTIONS: Record<string, string> = {
  nombre: 'name', entidad: 'state', orden: 'level', 'prefijo-ocid': 'ocidPrefix', 'prefijo-proyectos': 'projectIdPrefix',
  licencia: 'license', politica: 'publicationPolicy', sitio: 'uri',
};

/**
 * What a re-registration keeps when it does not give it, as it keeps the commitment (parsePublisher): the order of
 * government, licence, publication policy and site. `publishers add ID --cambiar-prefijo …` to mend a prefix cleared
 * the licence and the policy unless retyped, and the next publication went out without them (its package's
 * `license` and `publicationPolicy`). Given empty (`--licencia ""`), a field is removed. PUT /api/publishers replaces.
 */
const KEPT_WHEN_NOT_GIVEN = ['level', 'license', 'publicationPolicy', 'uri'] as const;

function bodyOf(args: ParsedArgs, nube: string, previous: Publisher | undefined): Record<string, unknown> {
  const file = stringOption(args, 'archivo');
  let body: Record<string, unknown> = {};
  if (file) {
    checkInputFile(file);
    const read = readJsonFile(file);
    // A list exported from the API or the dashboard (`[{…}, {…}]`) was taken as one publisher without fields
    // («Falta «nombre» (name)»), which sent the admin looking for a missing name. The id is the command's, so one
    // file registers one publisher: said, with how to register several.
    if (typeof read !== 'object' || read === null || Array.isArray(read)) {
      const what = Array.isArray(read) ? `una lista de ${formatCount(read.length, 'elemento', 'elementos')}` : read === null ? 'null' : `un ${typeof read === 'string' ? 'texto' : typeof read === 'number' ? 'número' : 'valor'}`;
      throw new UsageError(`El archivo «${file}» contiene ${what}, no un publicador: --archivo lleva los datos de uno solo, como un objeto {"name": …, "state": …, "ocidPrefix": …, "projectIdPrefix": …, "commitment": {"projects": N}}, y su identificador va en la orden. Para registrar varios, use un archivo por publicador: «infra-abierta publishers add <id>${nube} --archivo publicador.json» para cada uno.`);
    }
    body = read as Record<string, unknown>;
  }
  for (const [option, field] of Object.entries(OPTIONS)) {
    const v = stringOption(args, option);
    if (v !== undefined) body[field] = v;
  }
  for (const field of KEPT_WHEN_NOT_GIVEN) {
    if (body[field] === undefined && previous?.[field] !== undefined) body[field] = previous[field];
    if (body[field] === '') delete body[field];
  }
  const commitment = { ...((body.commitment ?? {}) as Record<string, unknown>) };
  for (const [option, field] of [['proyectos', 'projects'], ['periodicidad', 'periodicityDays']] as const) {
    const v = stringOption(args, option);
    // A number typed as such; anything else is passed on as typed, so the message can quote it.
    if (v !== undefined) commitment[field] = /^\d+$/.test(v.trim()) ? Number(v) : v;
  }
  return { ...body, commitment };
}

/**
 * How the API's messages name each field here: by its option (`--orden`, not `level`), unless the value came only
 * from `--archivo`, whose JSON uses the API's field names.
 */
function optionNames(args: ParsedArgs): Record<string, string> {
  const fromFile = stringOption(args, 'archivo') !== undefined;
  const names: Record<string, string> = {};
  if (!fromFile || stringOption(args, 'proyectos') !== undefined) names['commitment.projects'] = '--proyectos';
  if (!fromFile || stringOption(args, 'periodicidad') !== undefined) names['commitment.periodicityDays'] = '--periodicidad';
  for (const [option, field] of Object.entries(OPTIONS)) {
    if (!fromFile || stringOption(args, option) !== undefined) names[field] = `--${option}`;
  }
  return names;
}

/** «3 proyectos, actualización cada 90 días»: what the control board measures the implementer against. */
function commitmentText(c: Publisher['commitment']): string {
  return `${formatCount(c.projects, 'proyecto', 'proyectos')}, actualización cada ${formatCount(c.periodicityDays, 'día', 'días')}`;
}

/**
 * What a re-registration changed, field by field («entidad «Aguascalientes» → «Sonora»»). The same id typed for a
 * second institution replaced the first one's name, state and prefixes under «Publicador actualizado», and its
 * capturistas, sends and coordination went with it unseen.
 */
function publisherChanges(before: Publisher, after: Publisher): string[] {
  const quoted = (v: string | undefined): string => (v === undefined ? '(sin dato)' : `«${v}»`);
  const fields: [string, string | undefined, string | undefined][] = [
    ['nombre', before.name, after.name], ['entidad', before.state, after.state], ['orden', before.level, after.level],
    ['prefijo OCID', before.ocidPrefix, after.ocidPrefix], ['prefijo de proyectos', before.projectIdPrefix, after.projectIdPrefix],
    ['licencia', before.license, after.license], ['política', before.publicationPolicy, after.publicationPolicy], ['sitio', before.uri, after.uri],
  ];
  const changes = fields.filter(([, a, b]) => a !== b).map(([label, a, b]) => `${label} ${quoted(a)} → ${quoted(b)}`);
  // The state decides who reviews it (auth/policy.ts): said, since its pending sends move with it.
  if (before.state !== after.state) changes[changes.findIndex((c) => c.startsWith('entidad '))] += ` (desde ahora lo revisa la coordinación de ${after.state}, también sus envíos pendientes)`;
  if (before.commitment.projects !== after.commitment.projects) changes.push(`proyectos comprometidos ${before.commitment.projects} → ${after.commitment.projects}`);
  if (before.commitment.periodicityDays !== after.commitment.periodicityDays) changes.push(`periodicidad ${before.commitment.periodicityDays} → ${formatCount(after.commitment.periodicityDays, 'día', 'días')}`);
  return changes;
}

/**
 * `publishers remove ID`: a registration made by mistake (a misspelt id) otherwise stayed for good, on the public
 * list and on Seguimiento. Only one with nothing behind it: published data stays served, and a submission or an
 * account refers to it.
 */
async function removePublisher(id: string | undefined, store: Store, io: CliIo, at: Date, nube: string): Promise<number> {
  if (!id) throw new UsageError(`Indique el identificador del publicador: infra-abierta publishers remove <id>${nube}`);
  const publisher = await knownPublisher(store, id, nube);
  if ((await store.listPublications({ publisherId: id, limit: 1 })).items.length) {
    throw new UsageError(`No se elimina «${id}» (${publisher.name}): ya publicó datos, que siguen en la API y en el tablero. Para corregir su nombre, entidad u otros datos, regístrelo de nuevo con «infra-abierta publishers add ${id}${nube} …».`);
  }
  const sends = await readAll((after) => store.listSubmissions({ publisherId: id, after, limit: 1000 }));
  if (sends.length) {
    // Not relaxed for sends all withdrawn or returned: each keeps its workbook, comments and review history under
    // this id, which the coordinator's and the capturista's lists look up; removed, they would be left without
    // their institution. How many, in which situation, and what can be done instead, is said.
    const counts = new Map<string, number>();
    for (const s of sends) counts.set(STATUS_LABELS[s.status], (counts.get(STATUS_LABELS[s.status]) ?? 0) + 1);
    const open = sends.filter((s) => AWAITING_DECISION.includes(s.status)).length;
    throw new UsageError(`No se elimina «${id}» (${publisher.name}): tiene ${formatCount(sends.length, 'envío', 'envíos')} (${[...counts].map(([label, n]) => `${label}: ${n}`).join(', ')}), que se conservan con su libro, sus comentarios y su historial bajo este identificador, aunque estén retirados o devueltos; sin él quedarían sin publicador. Déjelo registrado: para corregir su nombre, entidad u otros datos, regístrelo de nuevo con «infra-abierta publishers add ${id}${nube} …».${open ? ` ${open === 1 ? 'Uno espera revisión: la coordinación de ' + publisher.state + ' lo decide' : `${open} esperan revisión: la coordinación de ${publisher.state} los decide`} desde el complemento.` : ''}`);
  }
  const users = (await store.listUsers({ publisherId: id, limit: 20 })).items.map((u) => u.email);
  if (users.length) {
    throw new UsageError(`No se elimina «${id}» (${publisher.name}): ${users.length === 1 ? 'la cuenta' : 'las cuentas'} ${users.map((e) => `«${e}»`).join(', ')} ${users.length === 1 ? 'captura' : 'capturan'} para él. Elimínelas antes con «infra-abierta users remove${nube} --email …».`);
  }
  await store.deletePublisher(id);
  await cliAudit(store, at, 'publisher.deleted', `publisher/${id}`, id, { name: publisher.name, state: publisher.state, ocidPrefix: publisher.ocidPrefix, projectIdPrefix: publisher.projectIdPrefix });
  io.out(`Publicador eliminado: ${id} — ${publisher.name} (${publisher.state}).`);
  return 0;
}

export async function publishersCommand(args: ParsedArgs, store: Store, io: CliIo, opts: { cloud?: boolean } = {}, now: () => Date = () => new Date()): Promise<number> {
  const action = args.positional[0];
  // The commands this one suggests work where it worked: in the cloud, one copied without --nube went to a local
  // SQLite file in the current folder, and answered as if it had done what was asked.
  const nube = opts.cloud ? ' --nube' : '';
  if (action === 'add') {
    const id = args.positional[1];
    if (!id) throw new UsageError(`Indique el identificador del publicador: infra-abierta publishers add <id>${nube} --nombre … --entidad … --prefijo-ocid PREFIJO_OCID --prefijo-proyectos PREFIJO_OC4IDS --proyectos N`);
    let publisher;
    let previous;
    let lowered: string[] = [];
    try {
      const registered = await store.getPublisher(id);
      const body = bodyOf(args, nube, registered);
      publisher = parsePublisher(id, body, optionNames(args), registered?.commitment);
      // Lowered by parsePublisher: said, so the administrator knows which prefix was registered.
      lowered = ([['prefijo OCID', body.ocidPrefix, publisher.ocidPrefix], ['prefijo de proyectos', body.projectIdPrefix, publisher.projectIdPrefix]] as const)
        .filter(([, typed, kept]) => typeof typed === 'string' && typed.trim() !== kept)
        .map(([label, typed, kept]) => `${label} «${String(typed).trim()}» registrado como «${kept}»`);
      ({ previous } = await registerPublisher(store, publisher, 'cli', now(), { allowPrefixChange: args.options['cambiar-prefijo'] === true, howToAllow: 'repita la orden con --cambiar-prefijo', auditDetails: cliAuditDetails() }));
    } catch (e) {
      if (e instanceof HttpError) throw new UsageError(e.message);
      throw e;
    }
    const changes = previous ? publisherChanges(previous, publisher) : [];
    const verb = !previous ? 'Publicador registrado' : changes.length ? 'Publicador actualizado' : 'Publicador sin cambios';
    io.out(`${verb}: ${publisher.id} — ${publisher.name} (${publisher.state}). Compromiso: ${commitmentText(publisher.commitment)}.`);
    if (changes.length) io.out(`Cambios: ${changes.join('; ')}.`);
    if (lowered.length) io.err(`Nota: ${lowered.join('; ')}, en minúsculas, como se escriben los identificadores OCDS y OC4IDS.`);
    // Moved to a state nobody coordinates yet: its sends (pending ones too) would wait unseen.
    if (previous && previous.state !== publisher.state) {
      const coordinators = await readAll((after) => store.listUsers({ role: 'coordinador', after, limit: 1000 }));
      const state = publisher.state;
      if (!coordinators.some((u) => sameState(u.state, state))) io.err(`Aviso: ${state} aún no tiene coordinación: nadie revisará los envíos de «${publisher.id}» hasta que la haya. Regístrela con «infra-abierta users add${nube} --email … --rol coordinador --entidad "${state}"».`);
    }
    return 0;
  }
  if (action === 'list') {
    const all = await allPublishers(store);
    if (!all.length) {
      io.err(`Aún no hay publicadores. Registre uno con «infra-abierta publishers add <id>${nube} --nombre … --entidad … --prefijo-ocid … --prefijo-proyectos … --proyectos N».`);
      return 0;
    }
    // `--entidad`, as `users list` takes it: a state's implementers. It was known (to `add`) and so ignored without a
    // word, and the whole country's list came back under the same header, for a count of one state's.
    const typedState = stringOption(args, 'entidad');
    const state = typedState === undefined ? undefined : canonicalState(typedState);
    if (typedState !== undefined && state === undefined) throw new UsageError(unknownStateMessage(typedState));
    const publishers = state === undefined ? all : all.filter((p) => sameState(p.state, state));
    if (!publishers.length) {
      const states = [...new Set(all.map((p) => p.state))].sort((a, b) => a.localeCompare(b, 'es'));
      io.err(`Ningún publicador registrado es de ${state}. Entidades con publicadores: ${states.join(', ')}.`);
      return 0;
    }
    io.out('id\tnombre\tentidad\tprefijo OCID\tprefijo de proyectos\tcompromiso');
    for (const p of publishers) io.out(`${p.id}\t${p.name}\t${p.state}\t${p.ocidPrefix}\t${p.projectIdPrefix}\t${commitmentText(p.commitment)}`);
    return 0;
  }
  if (action === 'remove') return removePublisher(args.positional[1], store, io, now(), nube);
  throw new UsageError(`Uso: infra-abierta publishers add <id>${nube} … | publishers list${nube} | publishers remove <id>${nube}`);
}
