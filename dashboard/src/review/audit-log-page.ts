/**
 * *Bitácora* (behind sign-in, `#/bitacora?publicador=&desde=aaaa-mm-dd&hasta=aaaa-mm-dd&cuenta=`): the audit log for
 * whoever must establish, months later, who did what and when — sends, approvals and returns with their comments,
 * publications with their content hash, failed publications and retries, registrations of implementers and their
 * changes, accounts created and removed, prunes and other maintenance, sign-ins (from which address and program) and
 * refused credentials. By implementer, by period (days of Mexico
 * City) and by account; as CSV. Until now the log could be read only send by send, on each send's page.
 * The server decides who reads what (GET /api/audit: a coordination its state's implementers, the administration
 * everything); nobody can change or remove an entry (store.ts has no such operation, and prune keeps them).
 */
import { h, refuseField, route } from '../dom';
import { count, heading, type Page } from '../pages/common';
import { csvButton } from '../components/download';
import { dataTable } from '../components/table';
import { fold } from '../data/filters';
import { formatCount, formatDate, formatTimestamp, mexicoCityDay } from '../../../core/format/es-mx';
import { auditActionLabel } from '../../../core/workflow/action-labels';
import { auditDetailsText } from '../../../core/workflow/audit-details';
import { sameState } from '../../../core/workflow/mexican-states';
import { DEFAULT_TIME_ZONE, localMidnight } from '../../../core/unflatten/time-zone';
import { readTypedDate } from '../../../core/format/typed-date';
import { rerender, sessionBar, whoIsSignedIn, withSession } from './session';
import { readAuditPages, type AuditRow } from './audit-pages';


/** Pages of 1,000 entries read for one view at most (50,000 entries); past that the page says so and asks for a shorter period. */
const MAX_PAGES = 50;
/** The period a first visit shows: the last 30 days. */
const DEFAULT_DAYS = 30;
/** The column of times says whose clock it is: an auditor in another state reads it beside other records. */
const TIME_TITLE = 'Fecha y hora (Ciudad de México)';

/** The kinds of action the page filters by (`?tipo=`), by the action's prefix. */
const KINDS: readonly (readonly [key: string, label: string, prefix: string])[] = [
  ['envios', 'Envíos y decisiones', 'submission.'], ['publicaciones', 'Publicaciones', 'publication.'], ['implementadores', 'Registro de implementadores', 'publisher.'],
  ['cuentas', 'Cuentas', 'user.'], ['mantenimiento', 'Mantenimiento', 'maintenance.'], ['avisos', 'Avisos por correo', 'notification.'], ['permisos', 'Acciones rechazadas por permisos', 'access.'],
  ['sesiones', 'Inicios de sesión y intentos fallidos', 'session.'],
];

const isDay = (text: string | null): text is string => text !== null && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T12:00:00Z`));

/** The instant a day of Mexico City starts (its midnight, daylight time of earlier years included), ISO 8601 UTC. */
function dayStart(day: string, plusDays = 0): string {
  const t = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + plusDays));
  return new Date(Date.parse(localMidnight(DEFAULT_TIME_ZONE, t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()))).toISOString();
}

/** «Envío abc», «Implementador merida»…: what an entry acted on, with a link to a send's page. */
function targetCell(target: string): string | HTMLElement {
  const [kind, ...rest] = target.split('/');
  const id = rest.join('/');
  if (kind === 'submission' && id) return h('a', { href: route('revision', id) }, `Envío ${id}`);
  const names: Record<string, string> = { publication: 'Publicación', publisher: 'Implementador', user: 'Cuenta' };
  const name = Object.prototype.hasOwnProperty.call(names, kind) ? names[kind] : undefined;
  return name && id ? `${name} ${id}` : target === 'publications' ? 'Publicaciones' : target === 'bulk' ? 'Archivos de descarga' : target === 'session' ? 'Inicio de sesión' : target;
}
const targetText = (target: string): string => { const c = targetCell(target); return typeof c === 'string' ? c : c.textContent ?? target; };


function readPeriod(publisherId: string, since: string, before: string): Promise<{ entries: AuditRow[]; more: boolean }> {
  const params = new URLSearchParams({ since, before, limit: '1000' });
  if (publisherId) params.set('publisher', publisherId);
  return readAuditPages(params, MAX_PAGES);
}

export const auditLogPage: Page = {
  title: 'Bitácora',
  render: ({ ds, query, setQuery }) => withSession(async () => {
    const intro = heading('Bitácora', 'Quién hizo qué y cuándo: envíos, aprobaciones y devoluciones con sus comentarios, publicaciones y sus fallas, registros de implementadores y sus cambios, cuentas creadas y eliminadas, el mantenimiento del servidor, y quién entró a la plataforma, cuándo y desde dónde, con los intentos fallidos. Nadie puede cambiar ni borrar sus entradas.');
    const viewer = await whoIsSignedIn();
    if (viewer.role === 'capturista') {
      return h('div', null, ...intro, sessionBar(viewer, rerender, ds.publishers),
        h('p', { class: 'status-warn', role: 'note', id: 'bitacora-solo-coordinacion' }, 'La bitácora es para las coordinaciones y la administración. Lo que pasó con sus envíos está en ', h('a', { href: route('mis-envios') }, 'Mis envíos'), '.'));
    }
    const scope = viewer.scope;
    const publishers = ds.publishers.filter((p) => scope.kind === 'all' || (scope.kind === 'state' && sameState(p.state, scope.state)))
      .sort((a, b) => a.name.localeCompare(b.name, 'es'));
    const today = mexicoCityDay(Date.now());
    const from = isDay(query.get('desde')) ? query.get('desde') as string : mexicoCityDay(Date.parse(dayStart(today, -DEFAULT_DAYS)) + 12 * 3_600_000);
    const to = isDay(query.get('hasta')) ? query.get('hasta') as string : today;
    const publisherId = publishers.some((p) => p.id === query.get('publicador')) ? query.get('publicador') as string : '';
    const account = (query.get('cuenta') ?? '').trim();
    const kind = KINDS.find(([key]) => key === query.get('tipo'));

    const publisherSel = h('select', { id: 'bitacora-implementador', name: 'publicador' },
      h('option', { value: '' }, scope.kind === 'all' ? 'Todos' : 'Todos los de su entidad'),
      publishers.map((p) => h('option', { value: p.id, selected: p.id === publisherId }, p.name)));
    // Text fields read as dd/mm/aaaa, as Etapas' (a browser's date input shows its own language's order, mm/dd/yyyy in
    // an English one); the address keeps aaaa-mm-dd.
    const dayInput = (id: string, name: string, day: string) => h('input', { type: 'text', autocomplete: 'off', id, name, size: 10, maxlength: 10, value: formatDate(day), 'aria-describedby': 'bitacora-formato' });
    const fromInput = dayInput('bitacora-desde', 'desde', from);
    const toInput = dayInput('bitacora-hasta', 'hasta', to);
    const kindSel = h('select', { id: 'bitacora-tipo', name: 'tipo' }, h('option', { value: '' }, 'Todas'), KINDS.map(([key, label]) => h('option', { value: key, selected: key === kind?.[0] }, label)));
    const accountInput = h('input', { type: 'search', id: 'bitacora-cuenta', name: 'cuenta', value: account, placeholder: 'correo o parte de él' });
    // Not a live region: the field it is about gets the focus and is described by it, read there (an alert read it a
    // second time); where the focus already is (Enter in that field), it is said through the page's live region.
    const problem = h('p', { id: 'bitacora-problema' });
    const form = h('form', {
      class: 'filters', 'aria-label': 'Filtros de la bitácora', novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        const q = new URLSearchParams();
        if (publisherSel.value) q.set('publicador', publisherSel.value);
        // A day corrected is no longer marked: «Desde el día» stayed «inválido» while the message was about «Hasta».
        for (const input of [fromInput, toInput]) { input.removeAttribute('aria-invalid'); input.setAttribute('aria-describedby', 'bitacora-formato'); }
        // Described by why (WCAG 3.3.1), not only by the format: back on the field, a reader heard «inválido» and no reason.
        const refuse = (input: HTMLInputElement, text: string) => {
          problem.className = 'status-bad';
          problem.textContent = text;
          refuseField(input, `${problem.id} bitacora-formato`, text);
        };
        for (const [input, key, label] of [[fromInput, 'desde', 'Desde el día'], [toInput, 'hasta', 'Hasta el día']] as const) {
          const typed = readTypedDate(input.value);
          if ('problem' in typed) return refuse(input, `«${label}»: ${typed.problem === 'format' ? `escriba la fecha como dd/mm/aaaa, por ejemplo 31/03/2024 (se escribió «${input.value}»)` : `el ${input.value} no existe en el calendario`}.`);
          q.set(key, typed.iso);
        }
        // A period ending before it starts, on «Desde el día» before anything is asked (it drew a page saying so,
        // with no field marked).
        const [start, end] = [q.get('desde') as string, q.get('hasta') as string];
        if (start > end) return refuse(fromInput, reversedPeriod(start, end));
        if (kindSel.value) q.set('tipo', kindSel.value);
        if (accountInput.value.trim()) q.set('cuenta', accountInput.value.trim());
        setQuery(q);
        rerender();
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'bitacora-implementador' }, 'Implementador'), publisherSel),
    h('div', { class: 'field' }, h('label', { for: 'bitacora-desde' }, 'Desde el día'), fromInput),
    h('div', { class: 'field' }, h('label', { for: 'bitacora-hasta' }, 'Hasta el día (incluido)'), toInput),
    h('div', { class: 'field' }, h('label', { for: 'bitacora-tipo' }, 'Acciones'), kindSel),
    h('div', { class: 'field' }, h('label', { for: 'bitacora-cuenta' }, 'Cuenta'), accountInput),
    h('button', { type: 'submit' }, 'Mostrar'),
    h('p', { class: 'note', id: 'bitacora-formato' }, 'Fechas como dd/mm/aaaa, días de la Ciudad de México.'),
    problem);

    if (from > to) {
      return h('div', null, ...intro, sessionBar(viewer, rerender, ds.publishers), form,
        h('p', { class: 'status-bad', role: 'alert', id: 'bitacora-periodo' }, reversedPeriod(from, to)));
    }
    const { entries, more } = await readPeriod(publisherId, dayStart(from), dayStart(to, 1));
    // A removed account's e-mail, from the log's own «Creó la cuenta» / «Eliminó la cuenta» entries read here.
    const removed = new Map(entries.filter((e) => e.action === 'user.created' || e.action === 'user.removed').map((e) => [e.target.slice('user/'.length), String(e.details?.email ?? '')]));
    // The server names one removed since the e-mail was kept at its removal «cuenta eliminada (correo)» itself.
    const who = (e: AuditRow): string => (e.by === 'cuenta eliminada' ? `cuenta eliminada${removed.get(e.actor) ? ` (${removed.get(e.actor)})` : ''}, id ${e.actor}`
      : e.by?.startsWith('cuenta eliminada (') ? `${e.by}, id ${e.actor}` : e.by ?? e.actor);
    const wanted = fold(account);
    // Newest first, as a log is read; by e-mail or by an account's id (what a removed account's entries keep).
    const shown = entries.filter((e) => (!wanted || fold(who(e)).includes(wanted)) && (!kind || e.action.startsWith(kind[2]))).sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
    const names = new Map(ds.publishers.map((p) => [p.id, p.name]));
    const implementer = (e: AuditRow): string => (e.publisherId ? names.get(e.publisherId) ?? e.publisherId : '');
    const period = from === to ? `del ${formatDate(from)}` : `del ${formatDate(from)} al ${formatDate(to)}`;
    const scopeText = publisherId ? names.get(publisherId) ?? publisherId : scope.kind === 'all' ? 'todos' : `los implementadores de ${scope.kind === 'state' ? scope.state : ''}`;
    const caption = `Bitácora de ${scopeText}, ${period}${kind ? `, ${kind[1].toLowerCase()}` : ''}${account ? `, cuenta «${account}»` : ''}: ${formatCount(shown.length, 'entrada', 'entradas')}`;
    const table = dataTable(caption, [{ title: TIME_TITLE }, { title: 'Acción' }, { title: 'Cuenta' }, { title: 'Implementador' }, { title: 'Sobre' }, { title: 'Detalle' }],
      // Hashes and ids break anywhere: unbroken, one pushed the table sideways past the page.
      shown.map((e) => [formatTimestamp(e.at), auditActionLabel(e.action), who(e), implementer(e), h('span', { class: 'code' }, targetCell(e.target)), h('span', { class: 'code' }, auditDetailsText(e.action, e.details ?? {}))]),
      { id: 'tabla-bitacora', empty: 'No hay entradas en la bitácora para esta selección.' });
    const stamp = `${from}_${to}${publisherId ? `_${publisherId}` : ''}`;
    const download = csvButton(`bitacora_${stamp}`,
      ['fecha_hora_ciudad_de_mexico', 'fecha_hora_utc', 'accion', 'clave_accion', 'cuenta', 'id_cuenta', 'clave_implementador', 'implementador', 'sobre', 'detalle', 'detalle_json', 'id_entrada', 'numero_en_cadena', 'huella_anterior', 'huella_entrada'],
      () => shown.map((e) => [formatTimestamp(e.at), e.at, auditActionLabel(e.action), e.action, who(e), e.actor, e.publisherId ?? '', implementer(e), targetText(e.target), auditDetailsText(e.action, e.details ?? {}), JSON.stringify(e.details ?? {}), e.id, e.seq ?? '', e.prev ?? '', e.hash ?? '']),
      'Descargar CSV', 'Descargar CSV de la bitácora');
    return h('div', null, ...intro, sessionBar(viewer, rerender, ds.publishers), form,
      h('p', { class: 'note', id: 'nota-bitacora' }, `Días y horas de la Ciudad de México (${count(shown.length)} de ${formatCount(entries.length, 'entrada leída', 'entradas leídas')}). «Huella» es la huella SHA-256 de un libro enviado o de lo publicado: la misma huella, el mismo contenido. Las entradas de la administración que no son de un implementador (cuentas de coordinación, mantenimiento) solo las ve la administración; los inicios de sesión de las cuentas de una entidad los ve también su coordinación, y los intentos fallidos sin cuenta conocida solo la administración. Cada entrada lleva su número y la huella de la anterior (columnas del CSV): borrar o editar una rompe la cadena, y «infra-abierta verificar --bitacora» lo dice.`),
      more ? h('p', { class: 'status-warn', role: 'note', id: 'bitacora-incompleta' }, `Se leyeron las primeras ${formatCount(entries.length, 'entrada', 'entradas')} del periodo: elija un periodo más corto o un implementador para verlas todas.`) : null,
      h('div', { class: 'downloads' }, download),
      table);
  }, rerender),
};

/** A period whose first day (aaaa-mm-dd) is after its last: what to correct. */
function reversedPeriod(from: string, to: string): string {
  return `El día «desde» (${formatDate(from)}) es posterior al día «hasta» (${formatDate(to)}): corrija el periodo.`;
}
