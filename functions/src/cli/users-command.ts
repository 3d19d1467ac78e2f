/** `users add|list|remove`: self-hosted accounts and their API tokens (the token is printed once, never stored). */
import { randomUUID } from 'crypto';
import type { Role, Store, User } from '../store/store';
import { issueToken } from '../auth/api-tokens';
import { readAll } from '../store/read-all';
import { allPublishers } from '../api/current-publications';
import { canonicalState, unknownStateMessage } from '../../../core/workflow/mexican-states';
import { sameState } from '../auth/policy';
import { AWAITING_DECISION } from '../../../core/workflow/contract';
import { formatCount } from '../../../core/format/es-mx';
import { type ParsedArgs, stringOption, UsageError } from './args';
import type { CliIo } from './convert-command';
import { registeredIdsText } from './known-publisher';
import { cliAudit } from './cli-audit';

const ROLES: Role[] = ['capturista', 'coordinador', 'admin'];

/** The first names of a list, for a message («a, b, c y 12 más»). */
function listed(names: string[], shown = 10): string {
  const sorted = [...names].sort((a, b) => a.localeCompare(b, 'es'));
  return sorted.length > shown ? `${sorted.slice(0, shown).join(', ')} y ${sorted.length - shown} más` : sorted.join(', ');
}

/**
 * The e-mail of `users add`, as the account is looked up when its holder signs in (lower case). Spaces around it
 * (copied from a spreadsheet or a mail) are dropped; a text that is no address is quoted with what is wrong with it:
 * «Indique un correo válido» alone left the administrator looking for a space nobody could see.
 */
function accountEmail(typed: string | undefined): string {
  if (typed === undefined || !typed.trim()) throw new UsageError('Indique el correo de la cuenta con --email.');
  const email = typed.trim().toLowerCase();
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return email;
  const why = /\s/.test(email) ? 'tiene un espacio' : !email.includes('@') ? 'le falta la arroba (@)' : email.split('@').length > 2 ? 'tiene más de una arroba (@)' : 'le falta el dominio (como @institucion.gob.mx)';
  throw new UsageError(`«${typed}» no es un correo válido: ${why}. Escríbalo como nombre@institucion.gob.mx.`);
}

/** «capturista de «merida»», «coordinador de Yucatán», «admin»: whom an account acts for. */
function accountScope(u: Pick<User, 'role' | 'publisherId' | 'state'>): string {
  return u.role === 'capturista' ? `capturista de «${u.publisherId ?? ''}»` : u.role === 'coordinador' ? `coordinador de ${u.state ?? ''}` : 'admin';
}

/** What an account entry of the audit log keeps: its e-mail and whom it acted for (never its token). */
function accountDetails(u: User): { [key: string]: string } {
  return { email: u.email, role: u.role, ...(u.publisherId !== undefined ? { publisherId: u.publisherId } : {}), ...(u.state !== undefined ? { state: u.state } : {}) };
}

function sameAccess(a: User, b: User): boolean {
  return a.role === b.role && (a.publisherId ?? '') === (b.publisherId ?? '') && (a.state ?? '') === (b.state ?? '');
}

/**
 * The account `users remove` names: by its id, the first column `users list` shows (`users remove 3f2a…`), or by its
 * e-mail (`--email`, or typed in the id's place). The id read as an e-mail answered only «Indique la cuenta por
 * eliminar con --email correo», to someone who had just copied it from the list.
 */
async function accountToRemove(args: ParsedArgs, store: Store, nube: string): Promise<User> {
  const typed = args.positional.slice(1).map((p) => p.trim()).filter(Boolean);
  const email = stringOption(args, 'email')?.trim().toLowerCase();
  const list = `Vea las cuentas con «infra-abierta users list${nube}».`;
  if (typed.length > 1) throw new UsageError(`Indique una sola cuenta por eliminar (se escribió ${listed(typed.map((t) => `«${t}»`))}): su id, como lo muestra «infra-abierta users list${nube}», o --email correo.`);
  if (!typed.length && !email) throw new UsageError(`Indique la cuenta por eliminar: su id, como lo muestra «infra-abierta users list${nube}» (infra-abierta users remove${nube} ID), o --email correo.`);
  const byEmail = async (address: string): Promise<User> => {
    const user = await store.findUserByEmail(address);
    if (!user) throw new UsageError(`No existe una cuenta con el correo ${address}. ${list}`);
    return user;
  };
  if (!typed.length) return byEmail(email as string);
  const user = typed[0].includes('@') ? await byEmail(typed[0].toLowerCase()) : await store.getUser(typed[0]);
  if (!user) throw new UsageError(`No existe una cuenta con el id «${typed[0]}». ${list}`);
  // Both given: removed only when they name the same account (one of them was mistyped otherwise).
  if (email && user.email !== email) throw new UsageError(`«${typed[0]}» es la cuenta ${user.email}, no ${email}: indique solo una de las dos (el id o --email) y revísela con «infra-abierta users list${nube}».`);
  return user;
}

/**
 * The accounts `users list` shows, in an order a person can read at national scale (they came in the order of their
 * random ids): administrators, then state by state its coordinators and the officials of each implementer, by
 * e-mail. `--entidad`, `--publicador` and `--rol` keep only those (a state's: its coordinators and its implementers'
 * officials).
 */
function filteredAccounts(users: User[], args: ParsedArgs, stateOf: ReadonlyMap<string, string>): User[] {
  const typedState = stringOption(args, 'entidad');
  const state = typedState === undefined ? undefined : canonicalState(typedState);
  if (typedState !== undefined && state === undefined) throw new UsageError(unknownStateMessage(typedState));
  const publisherId = stringOption(args, 'publicador')?.trim();
  const typedRole = stringOption(args, 'rol') ?? stringOption(args, 'role');
  const role = typedRole?.trim().toLowerCase();
  if (typedRole !== undefined && !ROLES.includes(role as Role)) throw new UsageError(`Indique el rol con --rol: ${ROLES.join(', ')} (se escribió «${typedRole}»).`);
  const stateOfUser = (u: User): string => u.state ?? (u.publisherId ? stateOf.get(u.publisherId) ?? '' : '');
  const rank = (u: User): number => (u.role === 'admin' ? 0 : u.role === 'coordinador' ? 1 : 2);
  return users
    .filter((u) => (state === undefined || sameState(stateOfUser(u), state)) && (publisherId === undefined || u.publisherId === publisherId) && (role === undefined || u.role === role))
    .sort((a, b) => (rank(a) === 0 || rank(b) === 0 ? rank(a) - rank(b) : 0) || stateOfUser(a).localeCompare(stateOfUser(b), 'es') || rank(a) - rank(b)
      || (a.publisherId ?? '').localeCompare(b.publisherId ?? '', 'es') || a.email.localeCompare(b.email, 'es'));
}

/**
 * A coordinator who leaves is removed at once (the person must lose access), but the last one of a state left its
 * implementers' sends waiting in an inbox nobody opens, with nothing said anywhere: said here, with the sends that
 * wait and how to name a successor.
 */
async function warnStateWithoutCoordinator(store: Store, state: string, io: CliIo, nube: string): Promise<void> {
  const coordinators = await readAll((after) => store.listUsers({ role: 'coordinador', after, limit: 1000 }));
  if (coordinators.some((u) => sameState(u.state, state))) return;
  const publishers = (await allPublishers(store)).filter((p) => sameState(p.state, state));
  if (!publishers.length) return;
  const names = new Map(publishers.map((p) => [p.id, p.name]));
  const waiting = (await Promise.all(AWAITING_DECISION.map((status) => readAll((after) => store.listSubmissions({ status, after, limit: 1000 })))))
    .flat().filter((s) => names.has(s.publisherId));
  const pending = waiting.length
    ? ` ${waiting.length === 1 ? 'Un envío espera' : `${formatCount(waiting.length, 'envío', 'envíos')} esperan`} su revisión (${listed([...new Set(waiting.map((s) => names.get(s.publisherId) as string))])}); mientras tanto, una cuenta de administración puede ${waiting.length === 1 ? 'aprobarlo o devolverlo' : 'aprobarlos o devolverlos'}.`
    : '';
  io.err(`Aviso: ${state} se queda sin coordinación: nadie revisará los envíos de ${publishers.length === 1 ? 'su implementador' : `sus ${formatCount(publishers.length, 'implementador', 'implementadores')}`}.${pending} Registre a quien la sustituye con «infra-abierta users add${nube} --email … --rol coordinador --entidad "${state}"».`);
}

/**
 * The last official of an implementer leaves (or the implementer stops publishing): nobody can send its updates or
 * receives its reminders, while Seguimiento keeps measuring it against its commitment. Said, with what stays.
 */
async function warnPublisherWithoutOfficials(store: Store, publisherId: string, io: CliIo, nube: string): Promise<void> {
  if ((await store.listUsers({ publisherId, limit: 1 })).items.length) return;
  const publisher = await store.getPublisher(publisherId);
  if (!publisher) return;
  io.err(`Aviso: «${publisherId}» (${publisher.name}) se queda sin cuentas que capturen: nadie podrá enviar sus actualizaciones ni recibirá sus recordatorios, y Seguimiento lo seguirá midiendo frente a su compromiso de ${formatCount(publisher.commitment.projects, 'proyecto', 'proyectos')}. Lo que publicó sigue en la API y en el tablero. Registre a quien lo sustituye con «infra-abierta users add${nube} --email … --rol capturista --publicador ${publisherId}».`);
}

/**
 * Where the new account's key is used, said with the key: the administration handed a new municipality's official a
 * key and nothing else, and the official had to find out from the manuals that it opens the dashboard and goes into the
 * add-on's «Configurar servidor» with the server's address (PUBLIC_BASE_URL, when this shell has it).
 */
function keyUseText(role: Role, address: string | undefined): string {
  const base = address?.trim().replace(/\/+$/, '');
  const page = role === 'capturista' ? '«Mis envíos»' : '«Revisión»';
  const dashboard = base ? `entra al tablero en ${base}/#/entrar (${page})` : `entra al tablero de este servidor con «Iniciar sesión» (${page})`;
  const addon = role === 'capturista'
    ? `, y en Google Sheets la escribe, con la dirección ${base ?? 'del servidor'}, en Extensiones → Infraestructura Abierta → Configurar servidor`
    : '';
  return `Con ella, su titular ${dashboard}${addon}.`;
}

/**
 * `cloud`: accounts of the Firebase deployment, who sign in with their Google account (the add-on's identity
 * token carries the e-mail): no API token is issued.
 */
export async function usersCommand(args: ParsedArgs, store: Store, io: CliIo, opts: { cloud?: boolean; address?: string } = {}, now: () => Date = () => new Date()): Promise<number> {
  const action = args.positional[0];
  // Commands suggested here work where this one did: without --nube they would act on a local file instead.
  const nube = opts.cloud ? ' --nube' : '';
  if (action === 'add') {
    const email = accountEmail(stringOption(args, 'email'));
    // «Capturista» as a person writes it is the role «capturista».
    const typedRole = stringOption(args, 'rol') ?? stringOption(args, 'role');
    const role = typedRole?.trim().toLowerCase();
    if (!role || !ROLES.includes(role as Role)) throw new UsageError(`Indique el rol con --rol: ${ROLES.join(', ')}${typedRole !== undefined ? ` (se escribió «${typedRole}»)` : ''}.`);
    const user: User = { id: randomUUID(), email, role: role as Role };
    if (role === 'capturista') {
      const publisherId = stringOption(args, 'publicador');
      if (!publisherId) throw new UsageError('Una cuenta «capturista» necesita --publicador <id>.');
      if (!(await store.getPublisher(publisherId))) {
        const ids = (await allPublishers(store)).map((p) => p.id);
        throw new UsageError(`No existe el publicador «${publisherId}». ${ids.length ? `${registeredIdsText(publisherId, ids, nube)}` : `Aún no hay publicadores: regístrelo antes con «infra-abierta publishers add ${publisherId}${nube} …».`}`);
      }
      user.publisherId = publisherId;
    }
    if (role === 'coordinador') {
      const typed = stringOption(args, 'entidad');
      if (!typed) throw new UsageError('Una cuenta «coordinador» necesita --entidad "<Estado>".');
      const state = canonicalState(typed);
      if (state === undefined) throw new UsageError(unknownStateMessage(typed));
      user.state = state;
      // A coordinator sees the implementers of its state (auth/policy.ts sameState: accents and case aside); a
      // misspelt state gives an empty inbox and no error anywhere, so it is said here (still created: the state's
      // implementers may be registered later).
      // Said once: a bootstrap that registers the coordinations before their implementers got it for every one.
      // Once a coordination already waits for its state's implementers, the admin is evidently registering ahead,
      // and the warning is not repeated; a deployment where every coordination has implementers still gets it.
      const states = [...new Set((await allPublishers(store)).map((p) => p.state))];
      const hasPublishers = (s: string | undefined): boolean => s !== undefined && states.some((p) => sameState(p, s));
      const waiting = (await readAll((after) => store.listUsers({ role: 'coordinador', after, limit: 1000 }))).filter((u) => u.email !== email && !hasPublishers(u.state));
      if (states.length && !hasPublishers(state) && !waiting.length) io.err(`Aviso: ningún publicador registrado es de «${state}»; esta cuenta no verá envíos hasta que lo haya. Entidades con publicadores: ${listed(states)}. (Si registra otras coordinaciones antes que sus publicadores, no se repetirá.)`);
    }
    // An option that does not apply to the role is said, not silently dropped (a coordinator is scoped by state).
    const unused = role === 'capturista' ? 'entidad' : role === 'coordinador' ? 'publicador' : stringOption(args, 'publicador') !== undefined ? 'publicador' : 'entidad';
    if (stringOption(args, unused) !== undefined) io.err(`Aviso: se ignora --${unused}: una cuenta «${role}» ${role === 'capturista' ? 'es de un publicador (--publicador)' : role === 'coordinador' ? 've los publicadores de su entidad (--entidad)' : 've todos los publicadores'}.`);
    // A lost access key is the usual reason to add an account again: how to issue a new one is said.
    // In the cloud the usual reason is a change of role, publisher or state (there is no key to lose): said how.
    const existing = await store.findUserByEmail(user.email);
    // The same command run again (a setup script repeated after a failure halfway) finds what it asked for: done,
    // not an error that stops the script. Anything else about it differs, and what is said.
    if (existing && sameAccess(existing, user)) {
      io.out(`La cuenta ${user.email} (${accountScope(user)}) ya existía así; no se cambió nada.${opts.cloud ? '' : ` Su clave de acceso es la que se mostró al crearla; si la perdió, elimine la cuenta con «infra-abierta users remove --email ${user.email}» y créela de nuevo: recibirá una clave nueva y la anterior dejará de servir.`}`);
      return 0;
    }
    if (existing) throw new UsageError(`Ya existe una cuenta con el correo ${user.email}, ${accountScope(existing)} (no ${accountScope(user)}).${opts.cloud ? ` Para cambiarle el rol, el publicador o la entidad, elimínela con «infra-abierta users remove --nube --email ${user.email}» y créela de nuevo.` : ` Para cambiarle el rol, el publicador o la entidad, elimínela con «infra-abierta users remove --email ${user.email}» y créela de nuevo (recibirá una clave nueva).`}`);
    // Who may act for whom, from when: an auditor reads it beside what the account did (the actions name its id).
    const created = () => cliAudit(store, now(), 'user.created', `user/${user.id}`, user.publisherId, accountDetails(user));
    if (opts.cloud) {
      await store.putUser(user);
      await created();
      io.out(`Cuenta creada: ${user.email} (${user.role}). Entra con su cuenta de Google ${user.email}; no necesita clave de acceso.`);
      return 0;
    }
    const { token, hash } = issueToken();
    await store.putUser({ ...user, tokenHash: hash });
    await created();
    io.out(`Cuenta creada: ${user.email} (${user.role}).`);
    io.out(`Clave de acceso (se muestra una sola vez; guárdela en un lugar seguro y désela a su titular):\n${token}`);
    io.out(keyUseText(user.role, opts.address));
    return 0;
  }
  if (action === 'list') {
    const users = await readAll((after) => store.listUsers({ after, limit: 1000 }));
    if (!users.length) {
      io.err(`Aún no hay cuentas. Cree una con «infra-abierta users add${nube} --email … --rol …».`);
      return 0;
    }
    const stateOf = new Map((await allPublishers(store)).map((p) => [p.id, p.state]));
    const shown = filteredAccounts(users, args, stateOf);
    if (!shown.length) {
      io.err(`Ninguna de las ${formatCount(users.length, 'cuenta', 'cuentas')} cumple lo indicado. Vea todas con «infra-abierta users list${nube}».`);
      return 0;
    }
    io.out('id\tcorreo\trol\tpublicador o entidad');
    for (const u of shown) io.out(`${u.id}\t${u.email}\t${u.role}\t${u.publisherId ?? u.state ?? ''}`);
    return 0;
  }
  if (action === 'remove') {
    const user = await accountToRemove(args, store, nube);
    // Kept first: removed, the account's sends and decisions still name it by its e-mail (workflow/actor-name.ts).
    await store.noteFormerAccount({ id: user.id, email: user.email, removedAt: now().toISOString() });
    await store.deleteUser(user.id);
    // Its e-mail stays here: the log's entries name the account by id, which nothing else resolves once removed.
    await cliAudit(store, now(), 'user.removed', `user/${user.id}`, user.publisherId, accountDetails(user));
    io.out(`Cuenta eliminada: ${user.email}.`);
    if (user.role === 'coordinador' && user.state) await warnStateWithoutCoordinator(store, user.state, io, nube);
    if (user.role === 'capturista' && user.publisherId) await warnPublisherWithoutOfficials(store, user.publisherId, io, nube);
    return 0;
  }
  throw new UsageError(`Uso: infra-abierta users add|list|remove${nube} …`);
}
