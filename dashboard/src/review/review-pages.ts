/**
 * The review pages (behind sign-in): *Revisión* — the inbox of the submissions a coordinator may review (filters
 * by state, implementer and status; oldest first); *Envío* — one submission with its findings, completeness, the
 * preview of what approving would change, Aprobar / Devolver con comentarios, history and audit; *Mis envíos* —
 * an official's submissions with every comment, in order.
 */
import { uploadTooLarge } from '../../../core/workflow/upload-too-large';
import { TEMPLATE_FILE_NAME, TEMPLATE_PATH } from '../../../core/template/template-download';
import { publishedCount } from '../../../core/packages/bulk-contents';
import type { PublisherInfo } from '../data/types';
import { announce, h, returnFocus, route, sayOutcome } from '../dom';
import { dataTable } from '../components/table';
import { count, heading, type Page } from '../pages/common';
import { hoverHint } from '../components/hover-hint';
import { formatCount, formatDate, formatDateTime, formatMoney, formatShare, formatTimestamp } from '../../../core/format/es-mx';
import { findingsCountText } from '../../../core/workflow/findings-count';
import { nextToDecide } from './next-to-decide';
import { INBOX_COLUMNS, inInboxOrder, OLDEST_FIRST } from './inbox-order';
import { orderOf, orderPressed, orderSaid } from '../components/column-order';
import { approvalQuestion } from '../../../core/workflow/approval-question';
import { sameState } from '../../../core/workflow/mexican-states';
import { auditActionLabel, historyActionLabel } from '../../../core/workflow/action-labels';
import { auditDetailsText } from '../../../core/workflow/audit-details';
import {
  AWAITING_DECISION, NEWEST_FIRST, WITHDRAWABLE, approvalRefused, checkApproveAnswer, checkPreviewAnswer, checkRefusedSendsAnswer, continuedUpload, checkSubmissionAnswer, checkSubmissionListAnswer, checkSubmitOrChecking, checkWorkbookCheckOrChecking, isSendChecking, SEND_CHECKING_RETRY_SECONDS, PREVIEW_PREPARING, PREVIEW_PREPARING_RETRY_SECONDS, replacedByNewer, sentAt, STATUS_LABELS, submitOutcomeText, SUBMISSION_STATUSES, WORKFLOW_PATHS, XLSX_MIME,
  type Change, type ChangeGroup, type DecisionRequest, type ElsewhereProcess, type FindingsView, type PreviewAnswer, type SubmissionListAnswer, type SubmissionStatus, type SubmissionView, type Viewer,
} from '../../../core/workflow/contract';
import { ApiError, authConfig, authed, rerender, sessionBar, withSession } from './session';
import { trackingChanged } from '../api';
import { refusedFindings } from './refused-findings';
import { refusedSendsSection } from './refused-sends';
import { REFUSAL_SEEN_BY_COORDINATION } from '../../../core/workflow/refusal-seen';
import { readAuditPages, type AuditRow } from './audit-pages';
import { sampleInOrder } from './sample-order';
import { sendFindingsSection } from './send-findings';
import { isMoneyPath } from '../../../core/workflow/money-path';
import { byLatestActivity, latestActivity } from '../../../core/workflow/latest-activity';
import { omittedHistoryText } from '../../../core/workflow/omitted-history';
import { commentTooLongText } from '../../../core/workflow/comment-length';
import { newerApprovedText, type NewerApprovedReader } from '../../../core/workflow/newer-approved';
import { newerPendingText } from '../../../core/workflow/newer-pending';
import { returnsToText, returningGroupText } from '../../../core/workflow/returning-changes';
import { reopenedAfterReplacement, reopenedText, replacedNote, replacedReviewNote, replacedWithdrawQuestion } from '../../../core/workflow/replaced-send';


/**
 * «3 contrataciones y 2 proyectos»: what the official filled in the revision sent («Contiene 1 contratación, 1
 * proyecto.» read as a list cut short). Null for revisions kept before
 * these were counted: the file's sheets and rows (headers, Instrucciones and Catálogos included, «69 hojas, 553
 * filas» for a few processes) said nothing about what was sent.
 */
const sentSize = (s: SubmissionView): string | null => (s.snapshot?.processes === undefined || s.snapshot.projects === undefined ? null
  : `${formatCount(s.snapshot.processes, 'contratación', 'contrataciones')} y ${formatCount(s.snapshot.projects, 'proyecto', 'proyectos')}`);

/**
 * « · «libro corregido.xlsx»» (an upload's file name) or « · Hoja de cálculo: «Obra pública 2024»» (the Google
 * spreadsheet the add-on sent from): to tell two sends apart, and which spreadsheet a send came from.
 */
const fileNote = (s: SubmissionView): string => (!s.source.name ? '' : s.source.kind === 'xlsx' ? ` · «${s.source.name}»` : ` · Hoja de cálculo: «${s.source.name}»`);

// A withdrawn send is neither good nor bad news: it reads muted, as closed; so does one a newer upload replaced
// (returned, but nobody found anything wrong with it: contract.ts replacedByNewer).
const statusBadge = (s: SubmissionView): HTMLElement =>
  h('span', { class: s.status === 'published' ? 'status-ok' : s.status === 'withdrawn' || replacedByNewer(s) ? 'note' : s.status === 'returned' || s.status === 'failed' ? 'status-bad' : 'status-warn' },
    s.failureReason ? `${s.statusLabel}: ${s.failureReason}` : s.statusLabel);

function select(id: string, label: string, options: [string, string][], value: string | null): HTMLSelectElement {
  return h('select', { id, name: id, 'aria-label': label }, h('option', { value: '' }, 'Todos'), options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));
}

/**
 * Said above a list of findings when it is not all of them: a submission keeps only its first ones (errors first;
 * SAMPLE_SIZE in functions/src/workflow/findings-summary.ts), and «Hallazgos: 120 advertencias» above a list of 50
 * read as if the list were complete.
 */
function sampleNote(shown: number, total: number, s: SubmissionView): HTMLElement | null {
  // The platform keeps every finding of a send (and of its approval): the list is on the send's page, by pages,
  // with a CSV (send-findings.ts). The note sent the official to validate the workbook again — an Excel uploader
  // without the command had no way to — while the list was one link away.
  return shown < total ? h('p', { class: 'note lista-completa' }, `Se muestran los primeros ${count(shown)} de ${formatCount(total, 'hallazgo', 'hallazgos')}, los errores primero. `,
    h('a', { href: route('revision', s.id) }, 'Ver la lista completa, con cada hoja y celda'), ' (y descargarla en CSV).') : null;
}

/** «⚠» before words that already say it: for the eye only (WCAG 1.1.1). */
const warnMark = (): HTMLElement => h('span', { 'aria-hidden': 'true' }, '⚠');

const PUBLISHING = 'Aprobado. Se está publicando; esta página muestra el resultado cuando termine.';

/**
 * How an approval ended, within the request or in the background, from the submission's last history entry:
 * «Publicado: 1 contratación nueva o modificada…; 4 proyectos en total.» (approve-submission.ts), the failure's
 * reason, or why the approval was refused. Both paths say it in these words: the request's said «Aprobado y
 * publicado. Publicado: …» and the background's «Publicado: …».
 */
function publishedOutcome(s: SubmissionView): { ok: boolean; text: string } {
  const comment = s.history[s.history.length - 1]?.comment;
  // The comment says it («Publicado: …», or that nothing changed): «Publicado. Publicado: …» said it twice.
  if (s.status === 'published') return { ok: true, text: comment ?? 'Publicado.' };
  if (s.status === 'failed') return { ok: false, text: `La publicación falló${s.failureReason ? `: ${s.failureReason}` : '.'}` };
  return { ok: false, text: comment ?? `Situación del envío: ${s.statusLabel}.` };
}

/** A decision's outcome, shown again when its submission page is redrawn with the new state. */
const DECISION_NOTICES = new Map<string, { text: string; ok: boolean; code?: string }>();

/**
 * A comment being written when the session ended, by submission: given back to the page drawn after signing in again
 * (the refused «Devolver con comentarios» had dropped what the coordinator had typed).
 */
const COMMENT_DRAFTS = new Map<string, string>();

/** Pages of 1,000 a listing follows through `links.next` before it stops (and says so). */
const MAX_LIST_PAGES = 10;

/**
 * A listing of submissions with every page (`links.next`): a coordinator's inbox spans publishers, and the first
 * page alone left out whatever came after it. Stops after MAX_LIST_PAGES, keeping `links.next` so the page can say
 * that more exist.
 */
async function submissionList(params: URLSearchParams): Promise<SubmissionListAnswer> {
  const first = checkSubmissionListAnswer(await authed(`${WORKFLOW_PATHS.submissions}?${params}`, (b) => b));
  const submissions = [...first.submissions];
  let next = first.links.next;
  for (let read = 1; next && read < MAX_LIST_PAGES; read++) {
    const after = new URL(next, location.href).searchParams.get('after');
    if (!after) break;
    params.set('after', after);
    const page = checkSubmissionListAnswer(await authed(`${WORKFLOW_PATHS.submissions}?${params}`, (b) => b));
    submissions.push(...page.submissions);
    next = page.links.next;
  }
  return { ...first, submissions, links: next ? { next } : {} };
}


/**
 * A publisher's audit entries from `since` on, every page (`links.next`) up to MAX_LIST_PAGES; `more`: it stopped
 * there. A send's Bitácora read the first page alone, its implementer's first 1,000 entries since the send was
 * made: a send of a busy institution, returned and sent again months later, showed its first actions and not its
 * latest, without saying so.
 */
function auditSince(publisherId: string, since: string): Promise<{ entries: AuditRow[]; more: boolean }> {
  return readAuditPages(new URLSearchParams({ publisher: publisherId, since, limit: '1000' }), MAX_LIST_PAGES);
}

/**
 * Said under a listing cut at MAX_LIST_PAGES: which ones it holds, the newest (read with NEWEST_FIRST) or the oldest.
 */
function moreNote(list: SubmissionListAnswer, newest: boolean): Node | null {
  return list.links.next ? h('p', { class: 'note', id: 'hay-mas' }, `Se muestran ${newest ? 'los' : 'los primeros'} ${formatCount(list.submissions.length, 'envío', 'envíos')} ${newest ? 'más recientes' : 'de la lista, los más antiguos'}; hay más.`) : null;
}

/**
 * The inbox's own choices (its Estado, Implementador and Situación, and the column it is ordered by: inbox-order.ts), carried to a send's page and back by «Volver a
 * la bandeja»: going back gave the whole inbox, and a coordinator working through one implementer's sends chose it
 * again after each one. «situacion» is kept even empty (its «Todos»; absent is «por decidir»).
 */
const INBOX_KEYS = ['estado', 'implementador', 'situacion', 'orden', 'dir'] as const;
function inboxQuery(q: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const k of INBOX_KEYS) { const v = q.get(k); if (v !== null) out.set(k, v); }
  const text = out.toString();
  return text ? `?${text}` : '';
}

/**
 * The inbox's first view: the sends awaiting a decision, «En revisión» and «La publicación falló» (approved again from
 * its page). It showed «En revisión» only, and a failed publication left the inbox unless another filter was chosen.
 */
const PENDING = 'por-decidir';

/**
 * Who reads what a send older than an approved one calls for: an official opening the inbox was told «Devuélvalo con
 * un comentario», which only the coordination can do.
 */
const readerOf = (viewer: Viewer): NewerApprovedReader => (viewer.role === 'capturista' ? 'official' : 'coordinator');
// Short enough for a phone's select (390 px): «Por decidir (en revisión o publicación fallida)» was cut at «fa».
const PENDING_LABEL = 'En revisión o publicación fallida';

export const reviewInboxPage: Page = {
  title: 'Revisión de envíos',
  render: ({ ds, query, setQuery }) => withSession(async () => {
    const status = query.get('situacion') ?? PENDING;
    // Past what the page reads (MAX_LIST_PAGES), the sends awaiting a decision keep the oldest, worked through first;
    // any other situation (a year of published or returned sends) keeps the newest, which the oldest-first listing
    // left out.
    const newest = status !== PENDING;
    const listOf = (one: string): Promise<SubmissionListAnswer> => {
      const params = new URLSearchParams({ limit: '1000' });
      if (one) params.set('status', one);
      if (newest) params.set('order', NEWEST_FIRST);
      return submissionList(params);
    };
    // «Por decidir»: every status awaiting the coordinator, one listing each (the API takes one status).
    // The sends refused at the door, read beside the listings (refused-sends.ts): a server without them shows none.
    const refusedRead = authed(WORKFLOW_PATHS.refused, checkRefusedSendsAnswer).catch(() => null);
    const lists = await Promise.all(status === PENDING ? AWAITING_DECISION.map(listOf) : [listOf(status)]);
    const refused = await refusedRead;
    const list: SubmissionListAnswer = { ...lists[0], submissions: lists.flatMap((l) => l.submissions), links: lists.find((l) => l.links.next)?.links ?? {} };
    // Every implementer in the viewer's charge, whatever the situation chosen: built from the sends listed, the
    // filters offered only «Todos» when none was pending, and a link with ?estado= for another one fell back to it.
    const scope = list.viewer.scope;
    const inCharge = ds.publishers.filter((p) => scope.kind === 'all' || (scope.kind === 'state' ? sameState(p.state, scope.state) : p.id === scope.publisherId));
    const implementers = new Map([...inCharge.map((p) => [p.id, { name: p.name, state: p.state }] as const), ...list.submissions.map((s) => [s.publisherId, { name: s.publisherName, state: s.state }] as const)]);
    // The header's Estado and Implementador (`state`, `publisher`, which every public page reads) choose here too
    // when the inbox's own (`estado`, `implementador`) are absent: a coordinator who came from a public page with a
    // state chosen landed on every state's sends.
    const states = [...new Set([...implementers.values()].map((p) => p.state))].sort((a, b) => a.localeCompare(b, 'es-MX'));
    const askedState = query.get('estado') ?? query.get('state');
    const stateSel = select('filtro-estado', 'Estado', states.map((s) => [s, s]), states.find((s) => sameState(s, askedState ?? undefined)) ?? askedState);
    const pubSel = select('filtro-implementador', 'Implementador', [...implementers].map(([id, p]) => [id, p.name] as [string, string]).sort((a, b) => a[1].localeCompare(b[1], 'es-MX')), query.get('implementador') ?? query.get('publisher'));
    const statusSel = select('filtro-situacion', 'Situación', [[PENDING, PENDING_LABEL], ...SUBMISSION_STATUSES.filter((s) => s !== 'draft').map((s): [string, string] => [s, STATUS_LABELS[s]])], status);
    const results = h('div', { id: 'bandeja' });
    const refusedShown = h('div');
    // By the column the address asks for (inbox-order.ts); the one waiting longest first unless it asks.
    let order = orderOf(INBOX_COLUMNS, query, OLDEST_FIRST);
    const chosen = (): URLSearchParams => {
      const q = new URLSearchParams();
      if (stateSel.value) q.set('estado', stateSel.value);
      if (pubSel.value) q.set('implementador', pubSel.value);
      // The header's filters, when the address has them, follow the inbox's choice (empty: «Todos»), or reading the
      // address again (a reload, «Volver a la bandeja») would choose them again over it.
      if (query.has('state')) q.set('state', stateSel.value);
      if (query.has('publisher')) q.set('publisher', pubSel.value);
      q.set('situacion', statusSel.value);
      // The inbox's own order is left out of the address: its links stay as they were.
      if (order.key !== OLDEST_FIRST.key || order.dir !== OLDEST_FIRST.dir) { q.set('orden', order.key); q.set('dir', order.dir); }
      return q;
    };
    const draw = (): void => {
      // Its first view (por decidir, every implementer) needs nothing carried: its sends' addresses stay as they were.
      const carried = chosen();
      if (carried.get('situacion') === PENDING) carried.delete('situacion');
      const here = inboxQuery(carried);
      const shown = inInboxOrder(list.submissions.filter((s) => (!stateSel.value || s.state === stateSel.value) && (!pubSel.value || s.publisherId === pubSel.value)), order);
      announce(`${formatCount(shown.length, 'envío', 'envíos')} en la bandeja con los filtros elegidos.`);
      // Within the same filters of state and implementer; for whoever reviews (an official's are on Mis envíos).
      const refusedSection = refused && list.viewer.role !== 'capturista'
        ? refusedSendsSection(refused, refused.refused.filter((r) => (!stateSel.value || r.state === stateSel.value) && (!pubSel.value || r.publisherId === pubSel.value))) : null;
      refusedShown.replaceChildren(...(refusedSection ? [refusedSection] : []));
      // A header pressed: that column's order (or turned round), kept in the address with the filters; the focus back
      // on the header, and the new order said after the count (the last one said is read).
      const press = (key: string): void => {
        order = orderOf(INBOX_COLUMNS, orderPressed(chosen(), key, order), OLDEST_FIRST);
        setQuery(chosen());
        draw();
        document.getElementById(`orden-${key}`)?.focus();
        announce(orderSaid('Envíos', INBOX_COLUMNS, order));
      };
      // The inbox's own order said as before; another one by its column.
      const listed = `Envíos (${count(shown.length)})`;
      const caption = order.key === OLDEST_FIRST.key && order.dir === OLDEST_FIRST.dir ? `${listed}, el más antiguo primero.` : orderSaid(listed, INBOX_COLUMNS, order);
      // Each send opens from its implementer's name, with its situation next to it: on a phone the table scrolls
      // sideways, and the link in a last «Acción» column and the situation were out of sight. The link's name says
      // which send it opens (two sends of one implementer read the same «Revisar el envío de …»), by its file or
      // spreadsheet's name too (two uploads of the same second read the same).
      results.replaceChildren(dataTable(`${caption} Use los encabezados para ordenar.`, INBOX_COLUMNS.map((c) => ({ title: c.title, key: c.key, ...(c.numeric ? { numeric: true } : {}) })), shown.map((s) => [h('a', { href: `${route('revision', s.id)}${here}`, 'aria-label': `Revisar el envío de ${s.publisherName} enviado el ${formatTimestamp(sentAt(s))}${s.source.name ? `, «${s.source.name}»` : ''}` }, s.publisherName),
        // A newer send of the institution is already approved: said here, before it is opened as if it could be
        // approved (the server refuses it, 409).
        // What to do about it, said to its reader: an official who opens the inbox is not the one who returns it.
        s.newerApprovedAt ? h('span', null, statusBadge(s), h('br'), h('span', { class: 'status-bad envio-anterior' }, warnMark(), ` ${newerApprovedText(s.newerApprovedAt, readerOf(list.viewer), s.newerApprovedName)}`)) : statusBadge(s),
        `${formatTimestamp(sentAt(s))}${fileNote(s)}`, count(s.findings?.errors ?? 0), count(s.findings?.warnings ?? 0), s.submittedBy ?? '—', s.state]),
        { empty: status === PENDING ? 'No hay envíos por decidir para esta selección.' : `No hay envíos${status ? ` en la situación «${STATUS_LABELS[status as SubmissionStatus] ?? status}»` : ''} para esta selección.`, order: { shown: order, press } }));
    };
    const onChange = (): void => {
      setQuery(chosen());
      if (statusSel.value !== status) rerender(); else draw();
    };
    for (const s of [stateSel, pubSel, statusSel]) s.addEventListener('change', onChange);
    draw();
    return h('div', null,
      ...heading('Revisión de envíos', 'Envíos de los implementadores a su cargo. Abra cada uno para ver qué cambiaría al publicarlo y decidir.'),
      sessionBar(list.viewer, rerender, ds.publishers),
      list.viewer.role !== 'capturista' ? h('p', null, h('a', { href: route('etapas') }, 'Registrar las etapas del programa de cada implementador'))
        // Officials send, coordinators review: their own sends and comments are on Mis envíos.
        : h('p', { class: 'status-warn', role: 'note' }, 'Esta bandeja es para las coordinaciones. Sus envíos, su situación y los comentarios están en ', h('a', { href: route('mis-envios') }, 'Mis envíos'), '.'),
      h('form', { class: 'filters', 'aria-label': 'Filtros', onsubmit: (e: Event) => e.preventDefault() },
        h('div', { class: 'field' }, h('label', { for: 'filtro-estado' }, 'Estado'), stateSel),
        h('div', { class: 'field' }, h('label', { for: 'filtro-implementador' }, 'Implementador'), pubSel),
        h('div', { class: 'field' }, h('label', { for: 'filtro-situacion' }, 'Situación'), statusSel)),
      results, moreNote(list, newest), refusedShown);
  }, rerender),
};

/**
 * A value of the change table as the sheets show it: dates dd/mm/aaaa, with their time when they have one (31/03/2024
 * 10:30: a time added or corrected read as no change, «15/06/2016» on both sides), amounts as money in es-MX as the
 * rest of the dashboard writes them — «$1,000,597.44», with the currency when it is not pesos (they read
 * «1,000,597.44»). `currency`: that side's, null when none is written (the template's default, pesos).
 */
function shownChange(path: string, value: string | null, currency: string | null | undefined): string {
  if (value === null) return '(vacío)';
  if (/^\d{4}-\d{2}-\d{2}(T|$)/.test(value)) return formatDateTime(value);
  if (isMoneyPath(path) && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value)) return formatMoney(Number(value), currency ?? 'MXN');
  return value;
}

/**
 * Each kind of change, [one, many], agreeing with what it counts: «contrataciones» are feminine, «proyectos»
 * masculine (the processes read «Nuevos: 0 · Modificados: 1» and «Modificado: ocds-…»).
 */
const CHANGE_LABELS: Record<'f' | 'm', Record<Change, readonly [string, string]>> = {
  f: { new: ['Nueva', 'Nuevas'], changed: ['Modificada', 'Modificadas'], unchanged: ['Sin cambios', 'Sin cambios'], removed: ['Ausente del libro', 'Ausentes del libro'] },
  m: { new: ['Nuevo', 'Nuevos'], changed: ['Modificado', 'Modificados'], unchanged: ['Sin cambios', 'Sin cambios'], removed: ['Ausente del libro', 'Ausentes del libro'] },
};

/**
 * A published value the workbook no longer has but the process's record keeps (FieldChange.kept): «(vacío)» there
 * read as «approving removes it», while the public kept seeing it (a contractor twice, once with a mistyped RFC).
 */
const KEPT_TEXT = '(ya no está en el libro; sigue publicado)';
const KEPT_NOTE = '«Sigue publicado»: filas borradas o celdas vaciadas que ya se habían publicado. Lo publicado no se borra: el registro del proceso (OCDS) y el tablero las siguen mostrando. Para corregir un dato equivocado, cambie su valor en la misma fila en lugar de borrarla; un actor cuyo RFC se corrige queda publicado dos veces, con el RFC anterior y con el nuevo.';

/** A changed field by its column's name, its path (what support and the JSON know it by) in its tooltip. */
function fieldLabel(label: string, path: string): HTMLElement[] {
  const name = h('span', null, label);
  return [name, hoverHint(name, path)];
}

/** When the version was taken and its size; its content hash (what support asks for) in its tooltip. */
function sentVersion(s: SubmissionView): HTMLElement {
  if (!s.snapshot) return h('dd', null, '—');
  const dd = h('dd', null, [formatTimestamp(s.snapshot.takenAt), sentSize(s)].filter(Boolean).join(' · '));
  dd.append(hoverHint(dd, `Huella del contenido: ${s.snapshot.contentHash}`));
  return dd;
}

/** `approvable`: what approving will do, or (a send no longer approved from its page) what it would have done. */
function changeSection(title: string, id: string, gender: 'f' | 'm', group: ChangeGroup, removedNote: string, approvable: boolean, viewer: Viewer): HTMLElement {
  const labels = CHANGE_LABELS[gender];
  const items = group.items.map((item) => h('details', { class: `cambio cambio-${item.change}` },
    h('summary', null, `${labels[item.change][0]}: ${item.id}${item.title ? ` — ${item.title}` : ''}${item.returnsTo ? ` (vuelve a como se publicó el ${formatDate(item.returnsTo.publishedAt)})` : ''}`),
    ...(item.change === 'changed'
      ? [item.returnsTo ? h('p', { class: 'note nota-vuelve' }, returnsToText(item.returnsTo)) : null, dataTable(`Campos que cambian en ${item.id}`, [{ title: 'Campo' }, { title: 'Publicado' }, { title: 'Propuesto' }],
        item.fields.map((f) => [f.label ? fieldLabel(f.label, f.path) : f.path, shownChange(f.path, f.before, f.currency?.before), f.kept ? KEPT_TEXT : shownChange(f.path, f.after, f.currency?.after)])),
      item.fields.some((f) => f.kept) ? h('p', { class: 'note nota-sigue-publicado' }, KEPT_NOTE) : null]
      : [h('p', { class: 'note' }, item.change === 'new' ? `Se ${approvable ? 'publicará' : 'habría publicado'} por primera vez.` : removedNote)])));
  return h('section', { 'aria-labelledby': id },
    h('h3', { id }, title),
    h('p', null, (['new', 'changed', 'unchanged', 'removed'] as const).map((k) => `${labels[k][1]}: ${count(group.counts[k])}`).join(' · ')),
    // What happens to the absent ones is said at once, not only inside each collapsed item.
    group.counts.removed ? h('p', { class: 'note' }, `${labels.removed[1]}: ${removedNote}`) : null,
    // An older copy of the workbook sent again: said before the list, whose items are closed.
    group.returning ? h('p', { class: 'status-warn vuelven', role: 'note' }, warnMark(), ` ${returningGroupText(group.returning, viewer.role === 'capturista' ? 'official' : 'coordinator')}`) : null,
    partialListNote(gender, items.length, group.counts.new + group.counts.changed + group.counts.removed),
    items);
}

/**
 * Said above a preview's list when it is not all of them: the server lists the first ones of each group (500,
 * core/workflow/change-preview.ts), and «Nuevas: 2,000» above 500 items read as a complete list.
 */
function partialListNote(gender: 'f' | 'm', shown: number, total: number): HTMLElement | null {
  if (shown >= total) return null;
  return h('p', { class: 'note lista-parcial' }, gender === 'f'
    ? `Se listan las primeras ${count(shown)} de ${count(total)} contrataciones nuevas, modificadas o ausentes del libro; las cifras de arriba las cuentan todas.`
    : `Se listan los primeros ${count(shown)} de ${count(total)} proyectos nuevos, modificados o ausentes del libro; las cifras de arriba los cuentan todos.`);
}

/**
 * What approving changes, compared with the current publication. A returned send is no longer approved from its page
 * (the official sends it again): it says what approving would have changed, not «Qué cambiará al aprobar».
 */
function previewBlock(p: PreviewAnswer): HTMLElement {
  // Nor is one older than a send already approved (the server refuses it): «Qué cambiará al aprobar» sat above «no
  // se puede aprobar».
  // Nor one whose approval found errors in this revision (approvalRefused): «Qué cambiará al aprobar» sat above «no se
  // puede aprobar así».
  const approvable = p.submission.status !== 'returned' && !p.newerApprovedAt && !approvalRefused(p.submission);
  return h('section', { 'aria-labelledby': 'titulo-cambios', id: 'vista-previa' },
    h('h2', { id: 'titulo-cambios' }, approvable ? 'Qué cambiará al aprobar' : 'Qué habría cambiado al aprobar'),
    // In the heading's tense: «Qué habría cambiado» over «todo será nuevo» promised a publication that will not come.
    h('p', { class: 'note' }, p.currentPublicationId ? 'Comparado con la publicación vigente de este implementador.' : `Este implementador aún no ha publicado: todo ${approvable ? 'será' : 'habría sido'} nuevo.`),
    p.liveChanged ? h('p', { class: 'status-warn', role: 'note' }, warnMark(), ' La hoja de cálculo cambió después del envío. Se publicará lo enviado (lo que usted revisa aquí); si prefiere la versión actual, devuelva el envío y pida que lo envíen de nuevo.') : null,
    changeSection('Contrataciones (EDCA-MX)', 'titulo-procesos', 'f', p.preview.processes, 'No viene en este libro; se conserva publicada (un envío nunca borra contrataciones).', approvable, p.viewer),
    changeSection('Proyectos (EDCAPI)', 'titulo-proyectos', 'm', p.preview.projects, 'No viene en este libro; se conserva publicado tal como está (un envío nunca borra proyectos).', approvable, p.viewer),
    elsewhereNote(p.preview.elsewhere ?? [], approvable));
}

/** Processes named in the note, at most (the rest counted). */
const ELSEWHERE_LISTED = 20;

/**
 * The projects' processes that another implementer publishes (a state's project contracted by a municipality): their
 * summary is not published as the send typed it — publication takes it from that implementer's current publication
 * (OC4IDS derives a process's summary from its OCDS data; functions/src/publication/published-elsewhere.ts) — and the
 * changes above leave summaries out, so the coordinator read nothing of it, or took the typed one for what goes out.
 */
function elsewhereNote(list: readonly ElsewhereProcess[], approvable: boolean): HTMLElement | null {
  if (!list.length) return null;
  const will = approvable ? 'se tomará' : 'se habría tomado';
  const item = (e: ElsewhereProcess): HTMLElement => h('li', null, h('span', { class: 'code' }, e.ocid),
    e.projects.length ? ` (${e.projects.length === 1 ? 'proyecto' : 'proyectos'} ${e.projects.join(', ')})` : '',
    e.publishedAt
      ? `: lo publica ${e.publisher}; su resumen ${will} de su publicación vigente, del ${formatDate(e.publishedAt)}.`
      : `: lleva el prefijo de ${e.publisher}, que aún no lo publica; se publicará el resumen tal como se capturó, hasta que ${e.publisher} lo publique y este implementador publique de nuevo.`);
  const more = list.length - ELSEWHERE_LISTED;
  return h('section', { 'aria-labelledby': 'titulo-otros-implementadores', id: 'procesos-de-otros' },
    h('h3', { id: 'titulo-otros-implementadores' }, 'Procesos que publica otro implementador'),
    h('p', { class: 'note' }, `${list.length === 1 ? 'Un proceso de estos proyectos lo publica otro implementador' : `${count(list.length)} procesos de estos proyectos los ${new Set(list.map((e) => e.publisher)).size === 1 ? 'publica otro implementador' : 'publican otros implementadores'}`}: su resumen (monto, estado, contratistas…) ${will} de lo que publica ${list.length === 1 ? 'ese implementador' : 'cada uno'}, no de lo que este libro captura en «Procesos del proyecto»; OC4IDS lo deriva de los datos de contratación.`),
    h('ul', null, list.slice(0, ELSEWHERE_LISTED).map(item)),
    more > 0 ? h('p', { class: 'note' }, `Y ${formatCount(more, 'proceso más', 'procesos más')}.`) : null);
}

/**
 * Above «Aprobar» of a send whose institution sent a newer one, also awaiting a decision (PreviewAnswer.newerPending):
 * the inbox lists the older first, and approving it published data the institution had already replaced, with
 * nothing on its page saying that a newer send was there. Which one (newer-pending.ts) and the way to it.
 */
function newerPendingNote(p: PreviewAnswer, query: URLSearchParams): HTMLElement | null {
  const newer = p.newerPending;
  if (!newer) return null;
  return h('p', { class: 'status-warn', role: 'note', id: 'envio-mas-reciente' }, warnMark(),
    ` ${newerPendingText(p.submission.publisherName, newer.sentAt, newer.name)} `,
    h('a', { href: `${route('revision', newer.id)}${inboxQuery(query)}` }, 'Abrir el envío más reciente'));
}

/** Errors named in the comment written for the coordinator when an approval found them (refusalComment). */
const COMMENT_ERRORS = 5;

/**
 * The comment offered, already written, to return a send whose approval found errors: how many, the first ones in the
 * server's words (each with its sheet, row and column), and what to do. The coordinator may change it before
 * returning; they used to copy the errors out of the list by hand.
 */
function refusalComment(f: FindingsView): string {
  const errors = sampleInOrder(f.sample).filter((x) => x.severity === 'error').slice(0, COMMENT_ERRORS);
  const more = f.errors - errors.length;
  return [
    `No se pudo publicar: el libro tiene ${formatCount(f.errors, 'error', 'errores')}. ${f.errors === 1 ? 'Corríjalo' : 'Corríjalos'} y envíe de nuevo:`,
    ...errors.map((x) => `- ${x.message}`),
    // Where the rest are: the platform keeps every one (send-findings.ts), listed on the send's card in «Mis envíos»
    // («Ver la lista completa», with a CSV). «Al validar el libro» sent an official who captures in Excel, with no
    // add-on and no command, nowhere.
    ...(more > 0 ? [`- y ${formatCount(more, 'error más', 'errores más')}: todos, con su hoja y su celda, están en «Mis envíos» del tablero, en este envío («Ver la lista completa», que se descarga en CSV).`] : []),
  ].join('\n');
}

/**
 * «Aprobar» asks once more, saying what will be published, before it publishes: one click used to publish at once.
 * The question is a group under the button (not a browser dialog), read by screen readers when it opens.
 */
function approveWithConfirmation(p: PreviewAnswer, approve: () => Promise<void>): HTMLElement {
  const asked = approvalQuestion(p);
  const question = h('p', { id: 'texto-confirmar' }, asked.text);
  const { open, box } = askFirst({ label: 'Aprobar', primary: true, boxId: 'confirmar-aprobacion', question, yes: asked.yes, onYes: () => void approve() });
  return h('div', null, open, box);
}

/**
 * A button that asks once more before it acts: it opens the question (`boxId`, named by the `question` paragraph's
 * id), the focus goes to «yes», and back to the button on «Cancelar» or Escape, which answers it as it closes the
 * header's menu and the map's popup (WCAG 2.1.1).
 */
function askFirst(o: { label: string; primary?: boolean; boxId: string; question: HTMLElement; yes: string; onYes: () => void }): { open: HTMLButtonElement; box: HTMLElement; yes: HTMLButtonElement; cancel: HTMLButtonElement } {
  const yes = h('button', { type: 'button', class: 'primary', onclick: o.onYes }, o.yes);
  const cancel = h('button', { type: 'button' }, 'Cancelar');
  const box = h('div', { id: o.boxId, class: 'ask-first', role: 'group', 'aria-labelledby': o.question.id, hidden: true }, o.question, yes, cancel);
  const open = h('button', { type: 'button', class: o.primary ? 'primary' : undefined, 'aria-expanded': 'false', 'aria-controls': o.boxId }, o.label);
  const show = (on: boolean): void => { box.hidden = !on; open.setAttribute('aria-expanded', String(on)); (on ? yes : open).focus(); };
  open.addEventListener('click', () => show(true));
  cancel.addEventListener('click', () => show(false));
  box.addEventListener('keydown', (e) => { if ((e as KeyboardEvent).key === 'Escape') { e.preventDefault(); show(false); } });
  return { open, box, yes, cancel };
}

/**
 * Said under the outcome of a decision just taken on this page: the inbox's next send awaiting one, with the inbox's
 * filters (next-to-decide.ts), and the way back to it. The page ended with the outcome, its one way on «← Volver a la
 * bandeja» at the top of a long page. Null when the sends cannot be read: the outcome stands alone, as before.
 */
async function onwardNote(id: string, query: URLSearchParams): Promise<HTMLElement | null> {
  let listed: SubmissionView[];
  try {
    const lists = await Promise.all(AWAITING_DECISION.map((st) => submissionList(new URLSearchParams({ limit: '1000', status: st }))));
    listed = lists.flatMap((l) => l.submissions);
  } catch {
    return null;
  }
  const filters = { state: query.get('estado') ?? query.get('state'), publisher: query.get('implementador') ?? query.get('publisher') };
  const next = nextToDecide(listed, id, filters, orderOf(INBOX_COLUMNS, query, OLDEST_FIRST));
  const carried = inboxQuery(query);
  const back = h('a', { href: `${route('revision')}${carried}` }, 'Volver a la bandeja');
  return h('p', { id: 'siguiente-envio' }, ...(next
    ? ['Siguiente envío por decidir: ', h('a', { href: `${route('revision', next.id)}${carried}` }, `${next.publisherName}, enviado el ${formatTimestamp(sentAt(next))}${fileNote(next)}`), ' · ', back]
    : [`No quedan envíos por decidir en la bandeja${filters.state || filters.publisher ? ' con los filtros elegidos' : ''}. `, back]));
}

export const reviewSubmissionPage: Page = {
  title: 'Envío',
  render: ({ ds, params, query }) => withSession(async () => {
    const id = params[0] ?? '';
    // Back to the inbox as the coordinator left it (its filters came along in the link that opened this page).
    const inbox = `${route('revision')}${inboxQuery(query)}`;
    let p: PreviewAnswer;
    try {
      p = checkPreviewAnswer(await authed(WORKFLOW_PATHS.preview(id), (b) => b));
    } catch (e) {
      // Not there, or not the reader's to see: said as such, with the way back to the inbox. The page for a failed
      // load said «No se pudieron cargar los datos. Intente de nuevo en unos minutos», with a link to Inicio.
      if (e instanceof ApiError && (e.status === 403 || e.status === 404)) {
        return h('div', null, ...heading('Envío no disponible', e.message), h('p', null, h('a', { href: inbox, class: 'back' }, '← Volver a la bandeja')));
      }
      // A large send whose preview is being computed outside the request (the proxy in front would cut it): the
      // server's words, and asked again shortly by the page itself, while it is still the one shown; it then draws
      // the whole page, or how the computation failed.
      if (e instanceof ApiError && e.code === PREVIEW_PREPARING) {
        const note = h('p', { class: 'note', id: 'vista-previa-preparando', role: 'status' }, `${e.message} Esta página la vuelve a pedir sola cada ${PREVIEW_PREPARING_RETRY_SECONDS} segundos.`);
        window.setTimeout(() => { if (note.isConnected) rerender(); }, PREVIEW_PREPARING_RETRY_SECONDS * 1000);
        return h('div', null, ...heading('Envío'), note, h('p', null, h('a', { href: inbox, class: 'back' }, '← Volver a la bandeja')));
      }
      throw e;
    }
    const s = p.submission;
    // Being published in the background (*publicando*): look again every 3 s, while this page is still the one
    // shown, and draw the page again only once its situation changed (the whole page was drawn every 3 s, and the
    // focus went to its heading each time: WCAG 2.2.2, 2.4.3). The redraw keeps the reader's focus (main.ts).
    if (s.status === 'approved') {
      const here = location.hash;
      const shown = (): boolean => location.hash === here && situation.isConnected;
      const look = async (): Promise<void> => {
        if (!shown()) return;
        let now: SubmissionView;
        try {
          now = checkPreviewAnswer(await authed(WORKFLOW_PATHS.preview(id), (b) => b)).submission;
        } catch {
          // The session ended or the server failed: the full page says what happened.
          if (shown()) rerender();
          return;
        }
        if (!shown()) return;
        if (now.status === 'approved') { setTimeout(() => void look(), 3000); return; }
        // «Se está publicando» shown: the redraw says how it ended in its place (publishedOutcome), read there when
        // the reader's focus is on it, as the decision's outcome was.
        const onOutcome = status.textContent === PUBLISHING;
        if (onOutcome) DECISION_NOTICES.set(id, { text: PUBLISHING, ok: true });
        // Said as well as drawn: the reader's focus may be anywhere on the page (WCAG 4.1.3).
        if (!(onOutcome && document.activeElement === status)) announce(`Situación del envío: ${now.statusLabel}${now.failureReason ? `: ${now.failureReason}` : ''}.`);
        rerender();
      };
      setTimeout(() => void look(), 3000);
    }
    const situation = h('dd', { id: 'situacion' }, statusBadge(s));
    // Not a live region: the focus comes here with the outcome, and a screen reader reads it there; said through the
    // page's (announce) only when the reader's focus is elsewhere — as a live region it was heard twice.
    const status = h('div', { id: 'resultado', tabindex: '-1' });
    // The outcome of the decision just taken stays on the page after it is drawn again with the new state.
    const kept = DECISION_NOTICES.get(id);
    DECISION_NOTICES.delete(id);
    // «Se está publicando» once it is over says how it ended (it was left blank, or still said «Se está publicando»
    // over a failed or refused publication), where the reader's focus waits for it.
    const shownOutcome = kept?.text === PUBLISHING && s.status !== 'approved' ? publishedOutcome(s) : kept;
    if (shownOutcome) { status.className = shownOutcome.ok ? 'status-ok' : 'status-bad'; status.textContent = shownOutcome.text; }
    const decide = p.viewer.role !== 'capturista' && (AWAITING_DECISION as readonly SubmissionStatus[]).includes(s.status);
    // Just decided here (the outcome kept for this drawing): the way on to the next send.
    const onward = kept && !decide && p.viewer.role !== 'capturista' ? await onwardNote(id, query) : null;
    // A newer send of the institution is already approved: this one can only be returned (the server refuses it).
    // Just said by the refusal of a stale «Aprobar» (kept above, where the focus waits): said there once, in the
    // note's place, not also as the note above it.
    const refusedAsOlder = !!p.newerApprovedAt && kept !== undefined && !kept.ok && kept.code === 'superseded';
    // Approving this revision found errors in its workbook: approving it again would be refused the same way (the
    // same checks on the same snapshot), and «Aprobar» was offered to be refused again. Said in its place, with the
    // errors listed above and the comment to return it already written; a new revision brings «Aprobar» back.
    const refusedForErrors = decide && !p.newerApprovedAt && approvalRefused(s);
    // Just refused: by the approval's answer (422), or at the end of its publication in the background (the page
    // drawn again once «Se está publicando» is over, saying how it ended).
    const refusedNow = refusedForErrors && kept !== undefined && ((!kept.ok && kept.code === 'workbook-has-errors') || kept.text === PUBLISHING);
    const refusal = refusedForErrors ? h('div', { id: 'aprobacion-rechazada' },
      // Just refused: the refusal (where the focus waits) says it, once; later, the history's words for it.
      refusedNow ? status : h('p', { class: 'status-bad', role: 'note' }, warnMark(), ` ${s.history[s.history.length - 1]?.comment ?? 'Al aprobar esta versión se encontraron errores en el libro.'}`),
      h('p', null, 'Esta versión no se puede aprobar así: los errores están arriba, en «Hallazgos de la validación». Devuélvala con comentarios (abajo ya están escritos, con los errores; puede cambiarlos). «Aprobar» vuelve cuando quien capturó envíe una versión nueva.')) : null;
    const outdated = refusedAsOlder ? status : p.newerApprovedAt ? h('p', { class: 'status-bad', role: 'note', id: 'envio-anterior' }, warnMark(),
      ` ${newerApprovedText(p.newerApprovedAt, 'coordinator', p.newerApprovedName)}`) : null;
    // The revision this page shows, named by each decision (DecisionRequest).
    const reviewed: DecisionRequest = s.snapshot ? { revision: s.snapshot.contentHash } : {};
    const comment = h('textarea', { id: 'comentario', rows: 4 });
    comment.value = COMMENT_DRAFTS.get(id) ?? (refusedForErrors && s.findings?.errors ? refusalComment(s.findings) : '');
    // Tall enough to read the comment written for it without scrolling inside the box.
    if (comment.value) comment.rows = Math.min(12, Math.max(4, comment.value.split('\n').length + 2));
    COMMENT_DRAFTS.delete(id);
    // While a decision is on its way: on a slow phone connection (or an approval published within the request) the
    // buttons only went grey for seconds, with no word that anything was happening.
    const pending = h('p', { class: 'note', id: 'decision-en-curso', hidden: true }, 'Enviando su decisión… Espere la respuesta; no hace falta tocar de nuevo.');
    const act = async (work: () => Promise<string>): Promise<void> => {
      const from = document.activeElement;
      for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('#decision button'))) b.disabled = true;
      pending.hidden = false;
      try {
        status.className = 'status-ok';
        status.textContent = await work();
        DECISION_NOTICES.set(id, { text: status.textContent, ok: true });
        // The focus waits on the outcome; the redraw with the new situation keeps it there (main.ts, same id).
        sayOutcome(status, from);
        // Drawn again with the new state, unless the page was drawn anew meanwhile (the reader opened it again, or
        // another page): redrawing that one closed the «Aprobar» confirmation a coordinator had just opened.
        setTimeout(() => { if (status.isConnected) rerender(); }, 1200);
      } catch (e) {
        // The key was refused (expired, revoked): the page asks to sign in again, saying why (session.ts), and keeps
        // the comment for the page drawn after it. It stayed drawn as if signed in, every button answering
        // «Inicie sesión para continuar» with no way to do so.
        if (e instanceof ApiError && e.status === 401) {
          if (comment.value.trim()) COMMENT_DRAFTS.set(id, comment.value);
          rerender();
          return;
        }
        status.className = 'status-bad';
        status.textContent = (e as Error).message;
        // Decided meanwhile (another tab, another coordinator): the page is drawn again with its situation, the
        // server's reason kept on it. It stayed «En revisión» with «Aprobar» offered again, refused each time.
        // So is an approval that ended here refused for errors (422) or failed (502): the page kept «Hallazgos: 0
        // errores» under «el libro tiene 4 errores», and «En revisión» over a failed publication, until reloaded.
        if (e instanceof ApiError && (e.status === 409 || e.status === 422 || e.status === 502)) {
          DECISION_NOTICES.set(id, { text: status.textContent, ok: false, ...(e.code ? { code: e.code } : {}) });
          // A comment typed for a version replaced meanwhile is given back with the new one, to send again or change.
          if (comment.value.trim()) COMMENT_DRAFTS.set(id, comment.value);
          sayOutcome(status, from);
          rerender();
          return;
        }
        for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('#decision button'))) b.disabled = false;
        sayOutcome(status, from);
      } finally {
        pending.hidden = true;
      }
    };
    const approve = (): Promise<void> => act(async () => {
      // Names the revision shown here: a version sent since is refused (409), not published unseen.
      const a = checkApproveAnswer(await authed(WORKFLOW_PATHS.approve(id), (b) => b, { method: 'POST', body: reviewed }));
      // Seguimiento read next in this tab counts this approval, and an unchanged one as an update (update-due.ts).
      trackingChanged();
      // The situation agrees with the outcome said beside it at once: it read «En revisión» next to «Aprobado. Se
      // está publicando» until the page was drawn again (1.2 s below).
      situation.replaceChildren(statusBadge(a.submission));
      // Published within the request: said as the background path says it, in its history's words.
      if (a.publication) return publishedOutcome(a.submission).text;
      // Accepted but not scheduled (the task service was down): it failed already, and is said as a failure, the page
      // drawn again with it (as a 502 is); «Se está publicando» was said first.
      if (a.submission.status !== 'approved') throw new ApiError(502, publishedOutcome(a.submission).text);
      return PUBLISHING;
    });
    /**
     * «Devolver con comentarios» with nothing written, or more than a decision keeps, is refused on the box itself, as
     * Etapas refuses a wrong date: marked invalid, described by the message, and focused, so the reader hears what to
     * write and is where to write it. The focus went to the message under the buttons, the box unmarked, three stops
     * back.
     */
    const commentRefused = (message: string): void => {
      status.className = 'status-bad';
      status.textContent = message;
      comment.setAttribute('aria-invalid', 'true');
      comment.setAttribute('aria-describedby', status.id);
      comment.focus();
    };
    comment.addEventListener('input', () => {
      if (!comment.value.trim()) return;
      comment.removeAttribute('aria-invalid');
      comment.removeAttribute('aria-describedby');
    });
    // Too long for the server, said the same way on the box before sending (its refusal named the request's field).
    const refusedComment = (): string | null => (!comment.value.trim() ? 'Escriba qué debe corregirse antes de devolver el envío.' : commentTooLongText(comment.value));
    const giveBack = (): Promise<void> => {
      const refused = refusedComment();
      return refused ? Promise.resolve(commentRefused(refused)) : act(async () => {
        const r = checkSubmissionAnswer(await authed(WORKFLOW_PATHS.return(id), (b) => b, { method: 'POST', body: { comment: comment.value, ...reviewed } }));
        // As «Sí, publicar» does: the situation agrees at once with the outcome said beside it (it read «En revisión»
        // next to «Se devolvió con comentarios» until the page was drawn again, 1.2 s later).
        situation.replaceChildren(statusBadge(r.submission));
        // Where the official reads them: a workbook uploaded in Excel has no add-on panel (as the notice's e-mail says).
        return `Se devolvió con comentarios: quien capturó los verá en «Mis envíos»${s.source.kind === 'xlsx' ? '' : ' y en el panel del complemento'}.`;
      });
    };
    let audit: HTMLElement | null = null;
    // The send that replaced this one (its audit entry names it), to open it from here.
    let replacement: string | undefined;
    if (p.viewer.role !== 'capturista') {
      // From the send's creation: a busy implementer's log read from its oldest entry held none of a recent send's.
      const { entries, more } = await auditSince(s.publisherId, s.createdAt);
      const own = entries.filter((e) => e.target === `submission/${id}`);
      audit = dataTable('Bitácora de este envío', [{ title: 'Fecha y hora (Ciudad de México)' }, { title: 'Acción' }, { title: 'Usuario' }, { title: 'Detalle' }],
        own.map((e) => [formatTimestamp(e.at), auditActionLabel(e.action), e.by ?? e.actor, auditDetailsText(e.action, e.details ?? {})]),
        more ? { note: `Se leyeron las primeras ${formatCount(entries.length, 'entrada', 'entradas')} de la bitácora de ${s.publisherName} desde este envío; las acciones posteriores sobre este envío pueden faltar.` } : {});
      const by = [...own].reverse().find((e) => e.action === 'submission.superseded')?.details?.by;
      if (typeof by === 'string') replacement = by;
    }
    // Replaced by a newer upload: nobody is to decide on it any more, the newer one is (its situation alone said
    // «Reemplazado», and the way to that one was to find it in the inbox by its time).
    const replacedBy = replacedByNewer(s) && p.viewer.role !== 'capturista'
      ? h('p', { class: 'status-warn', id: 'reemplazada' }, `${replacedReviewNote(s)} `,
        replacement ? h('a', { href: `${route('revision', replacement)}${inboxQuery(query)}` }, 'Abrir el envío que la reemplazó') : 'Revise ese envío en la bandeja.')
      : null;
    const f = s.findings;
    return h('div', null,
      ...heading(`Envío de ${s.publisherName}`, `${s.state} · enviado por ${s.submittedBy ?? '—'} el ${formatTimestamp(sentAt(s))}${fileNote(s)}`),
      sessionBar(p.viewer, rerender, ds.publishers),
      // «Ir a la decisión»: on a phone, a send with its 50 findings and its preview put «Aprobar» and «Devolver con
      // comentarios» some 15,000 px below its summary, reached by scrolling past all of them.
      h('p', { class: 'page-links' }, h('a', { href: inbox, class: 'back' }, '← Volver a la bandeja'),
        decide ? h('a', { href: '#decision', class: 'back', id: 'ir-a-decision' }, 'Ir a la decisión') : null),
      h('dl', { class: 'resumen' },
        h('dt', null, 'Situación'), situation,
        // Which spreadsheet it came from (the add-on sends its name); an upload's file name is in the heading.
        ...(s.source.kind !== 'xlsx' && s.source.name ? [h('dt', null, 'Hoja de cálculo'), h('dd', { id: 'hoja-de-calculo' }, s.source.name)] : []),
        // The content hash names the exact revision for support; people read its size and time.
        h('dt', null, 'Versión enviada'), sentVersion(s),
        h('dt', null, 'Completitud'), h('dd', { id: 'completitud' }, s.snapshot?.completeness === null || !s.snapshot ? 'Sin dato' : formatShare(s.snapshot.completeness / 100)),
        h('dt', null, 'Hallazgos'), h('dd', { id: 'hallazgos-cuenta' }, findingsCountText(f ?? { errors: 0, warnings: 0 }))),
      replacedBy,
      // Every finding, by pages, by severity and sheet, with a CSV (send-findings.ts).
      sendFindingsSection(s),
      // Once published the preview compares it with itself, and a withdrawn send will not be approved: the history
      // says what happened instead.
      s.status === 'published' || s.status === 'withdrawn' ? null : previewBlock(p),
      decide ? h('section', { id: 'decision', 'aria-labelledby': 'titulo-decision' },
        h('h2', { id: 'titulo-decision' }, 'Decisión'),
        outdated || refusal ? null : newerPendingNote(p, query),
        outdated ?? refusal ?? approveWithConfirmation(p, approve),
        h('div', { class: 'field' }, h('label', { for: 'comentario' }, 'Comentarios para quien capturó'), comment),
        // The one thing left to do with a send refused for errors: the main button then.
        h('button', { type: 'button', class: refusedForErrors ? 'primary' : undefined, onclick: () => void giveBack() }, 'Devolver con comentarios'),
        pending, refusedAsOlder || refusedNow ? null : status) : onward ? h('div', { id: 'tras-decision' }, status, onward) : status,
      h('section', { 'aria-labelledby': 'titulo-historial' }, h('h2', { id: 'titulo-historial' }, 'Historial'),
        s.earlierEntries ? h('p', { class: 'note', id: 'historial-incompleto' }, `${omittedHistoryText(s.earlierEntries)}${p.viewer.role !== 'capturista' ? ' Todas están en la bitácora, abajo.' : ''}`) : null,
        dataTable('Historial del envío', [{ title: 'Fecha y hora (Ciudad de México)' }, { title: 'Quién' }, { title: 'Acción' }, { title: 'Comentario' }],
          s.history.map((e) => [formatTimestamp(e.at), e.by, historyActionLabel(e.action), h('span', { class: 'line-breaks' }, e.comment ?? '')]))),
      audit ? h('section', { 'aria-labelledby': 'titulo-bitacora' }, h('h2', { id: 'titulo-bitacora' }, 'Bitácora'), audit) : null);
  }, rerender),
};

/** What the last upload sent, said once more by the page drawn after it (the list then shows the new entry). */
let lastSent: { shown: HTMLElement; said: string } | null = null;

/**
 * For officials who capture in Excel with the template: their workbook sent as it is (POST /api/submissions, .xlsx).
 * The server checks it as it checks a Google Sheet sent from the add-on (errors refuse it, and nothing is kept); a
 * refused workbook's findings are listed here, each with its sheet and cell, as the server words them.
 */
function uploadForm(sent: { shown: HTMLElement; said: string } | null, continued: SubmissionView | undefined, maxBytes: number | undefined, own: PublisherInfo | undefined): HTMLElement {
  const input = h('input', { id: 'libro', name: 'libro', type: 'file', accept: `.xlsx,${XLSX_MIME}`, required: true });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Enviar a revisión');
  // The server's check of the file, as a send makes it, and nothing more: the Excel user's «Validar» (the add-on's),
  // so that a try is not a refused send listed to its coordination.
  const checkButton = h('button', { type: 'button', id: 'revisar-libro' }, 'Revisar sin enviar');
  // Focusable: the focus comes here when the upload ends, as its button was disabled meanwhile (WCAG 2.4.3), and a
  // screen reader reads the outcome there. Not a live region of its own: when the reader's focus is elsewhere, the
  // outcome is said through the page's (announce), which outlives the redraw after a send — only then, or it was
  // heard twice.
  const status = h('div', { id: 'resultado-envio', tabindex: '-1' }, sent?.shown);
  const say = (...nodes: HTMLElement[]): void => { status.replaceChildren(...nodes); announce(nodes.map((n) => n.textContent).join(' ')); };
  // Still on the outcome drawn before the send: main.ts moves the focus to this one (same id), which reads it.
  if (sent && document.activeElement?.id !== status.id) announce(sent.said);
  const form = h('form', { id: 'enviar-libro', 'aria-labelledby': 'titulo-enviar' },
    h('h2', { id: 'titulo-enviar' }, 'Enviar un libro de Excel'),
    h('p', null, 'Si captura en Excel con la plantilla, envíe aquí su libro (.xlsx). Se valida al recibirlo: si tiene errores no se envía, y abajo verá cada uno con su hoja y su celda para corregirlo.'),
    // Where the template comes from: only a command on the server wrote one, and an official starting out (nothing
    // published to download) had none. Once published, the institution's own data in it is where an update starts.
    h('p', { id: 'descargar-plantilla' }, 'Descargue la ', h('a', { href: `/api${TEMPLATE_PATH}`, download: TEMPLATE_FILE_NAME }, 'plantilla en blanco'), ` (${TEMPLATE_FILE_NAME})`,
      ...(own && publishedCount('projects', [own.currentPublication?.counts]) + publishedCount('releases', [own.currentPublication?.counts]) > 0 ? [', o ', h('a', { href: `/api/bulk/datos.xlsx?publisher=${encodeURIComponent(own.id)}`, download: '' }, `lo que ${own.name} ya publicó, en la misma plantilla`), ' (datos.xlsx), para corregirlo o actualizarlo'] : []), '.'),
    // LibreOffice saves in its own .ods unless told otherwise, and this input offers only .xlsx files.
    h('p', { class: 'note' }, 'En LibreOffice Calc, guárdelo con Archivo › Guardar como…, tipo «Excel 2007-365 (.xlsx)»: su formato propio (.ods) no se recibe.'),
    // Said before sending: the corrected workbook continues the returned send (the server's rule: contract.ts continuedUpload).
    continued ? h('p', { class: 'status-warn', id: 'continua-envio' }, `El libro que envíe aquí será la versión corregida de su envío devuelto del ${formatTimestamp(sentAt(continued))}${fileNote(continued)}: su coordinación lo revisará con el historial y los comentarios de ese envío. Si es otro libro, que no corrige aquel, retire primero ese envío (abajo, «Retirar envío»).`) : null,
    h('div', { class: 'field' }, h('label', { for: 'libro' }, 'Libro de Excel (.xlsx)'), input),
    h('p', { class: 'note', id: 'nota-revisar' }, '«Revisar sin enviar» le dice lo mismo que diría el envío (errores, advertencias y avisos, con su hoja y su celda) sin enviar nada: no llega a su coordinación.'),
    button, ' ', checkButton, status);
  /** The file chosen, if it may be sent (said otherwise). */
  const chosen = (): File | undefined => {
    const file = input.files?.[0];
    if (!file) { say(h('p', { class: 'status-bad' }, 'Elija el archivo .xlsx de su libro.')); return undefined; }
    // Larger than the server takes: said now, in the server's words, instead of after minutes of sending it.
    if (maxBytes !== undefined && file.size > maxBytes) { say(h('p', { class: 'status-bad' }, uploadTooLarge(maxBytes))); return undefined; }
    return file;
  };
  checkButton.addEventListener('click', () => {
    const file = chosen();
    if (!file) return;
    button.disabled = checkButton.disabled = true;
    say(h('p', null, `Revisando «${file.name}» sin enviarlo…`));
    void (async () => {
      try {
        let checked = await authed(`${WORKFLOW_PATHS.workbookCheck}?archivo=${encodeURIComponent(file.name)}`, checkWorkbookCheckOrChecking, { method: 'POST', file: { bytes: file, type: XLSX_MIME } });
        // A large workbook's check outlasts the request, as its send would (contract.ts SEND_CHECKING).
        if (isSendChecking(checked)) say(h('p', { id: 'revisando-envio', role: 'status' }, `Revisando el libro «${file.name}»… Con libros grandes tarda unos minutos; el resultado aparecerá aquí solo.`));
        while (isSendChecking(checked)) {
          const { location } = checked.checking;
          await new Promise((r) => window.setTimeout(r, SEND_CHECKING_RETRY_SECONDS * 1000));
          if (!status.isConnected) return;
          checked = await authed(location, checkWorkbookCheckOrChecking);
        }
        const message = h('p', { class: checked.counts.errors ? 'status-bad' : 'status-ok', id: 'resultado-revision' }, checked.message);
        status.replaceChildren(message, ...refusedFindings(checked.findings, checked.counts, 'checked'));
        sayOutcome(status, checkButton, message.textContent ?? '');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) { rerender(); return; }
        const message = h('p', { class: 'status-bad' }, err instanceof Error ? err.message : 'No se pudo revisar el libro.');
        status.replaceChildren(message);
        sayOutcome(status, checkButton, message.textContent ?? '');
      } finally {
        button.disabled = checkButton.disabled = false;
      }
    })();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const file = chosen();
    if (!file) return;
    button.disabled = checkButton.disabled = true;
    say(h('p', null, `Enviando y validando «${file.name}»…`));
    void (async () => {
      try {
        let sent = await authed(`${WORKFLOW_PATHS.submissions}?archivo=${encodeURIComponent(file.name)}`, checkSubmitOrChecking, { method: 'POST', file: { bytes: file, type: XLSX_MIME } });
        // A large workbook is still being checked when the server answers (contract.ts SEND_CHECKING): said once, and
        // asked again where the server said until the outcome is there — a proxy cut the send that waited for it.
        if (isSendChecking(sent)) say(h('p', { id: 'revisando-envio', role: 'status' }, `Revisando el libro «${file.name}»… Con libros grandes tarda unos minutos; el resultado aparecerá aquí solo, sin volver a enviarlo.`));
        while (isSendChecking(sent)) {
          const { location } = sent.checking;
          await new Promise((r) => window.setTimeout(r, SEND_CHECKING_RETRY_SECONDS * 1000));
          // The official went to another page: nobody is reading this one (the send goes on; «Mis envíos» lists it).
          if (!status.isConnected) return;
          sent = await authed(location, checkSubmitOrChecking);
        }
        const { submission, outcome } = sent;
        const warnings = submission.findings?.warnings ?? 0;
        const sample = (submission.findings?.sample ?? []).filter((f) => f.severity !== 'error');
        // A replaced send's workbook sent again: «nueva versión de su envío anterior» did not say that the send that
        // replaced it stays in the inbox too.
        const said = outcome === 'resubmitted' && reopenedAfterReplacement(submission) ? reopenedText(submission) : submitOutcomeText(outcome, submission.status);
        const outcomeText = h('p', { class: 'status-ok' }, `«${file.name}»: ${said}`,
          sentSize(submission) ? ` Contiene ${sentSize(submission)}.` : '',
          warnings ? ` Tiene ${formatCount(warnings, 'advertencia', 'advertencias')}, que no ${warnings === 1 ? 'impide' : 'impiden'} publicarlo.` : '');
        lastSent = {
          said: outcomeText.textContent ?? '',
          shown: h('div', null, outcomeText,
            sample.length ? h('details', null, h('summary', null, 'Ver las advertencias'), sampleNote(sample.length, warnings + (submission.findings?.infos ?? 0), submission),
              h('ul', { id: 'advertencias-envio' }, sample.map((f) => h('li', null, f.message)))) : null),
        };
        // On the outcome before the redraw, which finds it again by its id (main.ts) with the new entry listed.
        returnFocus(status, button);
        rerender();
      } catch (err) {
        // The session ended (token removed or expired): the page asks to sign in again.
        if (err instanceof ApiError && err.status === 401) { rerender(); return; }
        const findings = err instanceof ApiError ? err.findings : [];
        // Read where the focus lands: the message (how many errors), then the lists. Through the live region, the
        // message alone, and only when the reader's focus is elsewhere.
        const message = h('p', { class: 'status-bad' }, err instanceof Error ? err.message : 'No se pudo enviar el libro.');
        // The errors that stopped it first, then the warnings, labelled as not blocking it.
        // A refusal for errors is kept for its coordination a week (refused-sends.ts): said, so that it is no surprise,
        // and so that an official stuck on it knows whom to ask.
        const seen = err instanceof ApiError && err.code === 'workbook-has-errors'
          ? h('p', { class: 'note', id: 'aviso-coordinacion' }, REFUSAL_SEEN_BY_COORDINATION) : null;
        status.replaceChildren(message, ...(seen ? [seen] : []), ...refusedFindings(findings, err instanceof ApiError ? err.counts : undefined));
        button.disabled = checkButton.disabled = false;
        sayOutcome(status, button, message.textContent ?? '');
      }
    })();
  });
  return form;
}

/** What the last withdrawal did, said once more by the page drawn after it (the card then reads «Retirado»). */
let lastWithdrawn: HTMLElement | null = null;
/** Where the page says it, above the cards. */
const WITHDRAWN_ID = 'resultado-retiro';

/**
 * «Retirar envío» on an official's card while the send awaits review (or was returned): asks once more, saying what
 * it does, before it takes the send out of the coordinators' inbox (the button is there for sends made by mistake,
 * so one stray click must not be another). The server has the last word: a send approved meanwhile is refused (409)
 * and the reason is shown here.
 */
function withdrawControl(s: SubmissionView): HTMLElement {
  const boxId = `confirmar-retiro-${s.id}`;
  const textId = `texto-retiro-${s.id}`;
  const question = h('p', { id: textId }, replacedByNewer(s) ? replacedWithdrawQuestion(s) : s.status === 'returned'
    ? '¿Retirar este envío devuelto? Ya no lo corregirá: su siguiente libro se enviará como un envío nuevo. Los comentarios se conservan aquí.'
    : '¿Retirar este envío? Saldrá de la bandeja de su coordinación, que ya no lo revisará. Puede enviar su libro de nuevo cuando quiera.');
  const result = h('p', { role: 'status' });
  const { open, box, yes, cancel } = askFirst({ label: 'Retirar envío', boxId, question, yes: 'Sí, retirar', onYes: () => withdraw() });
  // On the page's outcome before the redraw, which finds it again by its id (main.ts) and reads it there: the focus
  // was on «Sí, retirar», disabled and then gone with its card's question, and fell to <body> (WCAG 2.4.3).
  const onOutcome = (): void => { const at = document.getElementById(WITHDRAWN_ID); if (at) returnFocus(at, yes); };
  const withdraw = (): void => {
    for (const b of [open, yes, cancel]) b.disabled = true;
    void (async () => {
      try {
        checkSubmissionAnswer(await authed(WORKFLOW_PATHS.withdraw(s.id), (b) => b, { method: 'POST' }));
        // A returned or replaced send was not in the inbox any more: «ya no está en la bandeja» said it had been until now.
        lastWithdrawn = h('p', { class: 'status-ok' }, `Se retiró el envío del ${formatTimestamp(sentAt(s))}${fileNote(s)}${s.status === 'submitted' ? ': ya no está en la bandeja de su coordinación.' : ': queda cerrado.'}`);
        onOutcome();
        rerender();
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) { rerender(); return; }
        // Its situation changed meanwhile (approved, published…): the page is drawn again with it, the refusal said
        // above the cards; the card kept «En revisión» and its button beside the server's «ya no se puede retirar».
        if (err instanceof ApiError && err.status === 409) { lastWithdrawn = h('p', { class: 'status-bad' }, err.message); onOutcome(); rerender(); return; }
        result.className = 'status-bad';
        result.textContent = err instanceof Error ? err.message : 'No se pudo retirar el envío.';
        box.hidden = true;
        for (const b of [open, yes, cancel]) b.disabled = false;
        // Back on «Retirar envío» (its question closed under the focus), the reason said by the card's live region.
        open.focus();
      }
    })();
  };
  return h('div', { class: 'retiro' }, open, box, result);
}

/**
 * On an official's card, a send whose approval found errors in its workbook (approvalRefused): it read «En revisión»
 * with only its warnings counted, while its coordination's page said «No se publicó» and waited for a new version.
 * Its errors as the server words them (sheet, row and column) and what to do; a coordinator reading the card is told
 * what happened only.
 */
function refusedCard(s: SubmissionView, coordinator: boolean): HTMLElement {
  const errors = sampleInOrder(s.findings?.sample ?? []).filter((f) => f.severity === 'error');
  const total = s.findings?.errors ?? errors.length;
  const what = `No se publicó: al aprobarlo se encontraron ${formatCount(total, 'error', 'errores')} en el libro.`;
  const todo = s.source.kind === 'xlsx'
    ? ` ${total === 1 ? 'Corríjalo' : 'Corríjalos'} y envíe el libro de nuevo con el formulario de arriba: el envío nuevo reemplaza a este en la bandeja de su coordinación.`
    : ` ${total === 1 ? 'Corríjalo' : 'Corríjalos'} en la hoja y envíela de nuevo desde el complemento (Validar datos → Enviar a revisión).`;
  return h('div', { class: 'aprobacion-rechazada' },
    h('p', { class: 'status-bad' }, warnMark(), ` ${what}${coordinator ? '' : todo}`),
    errors.length ? h('details', { open: true }, h('summary', null, 'Ver los errores'), sampleNote(errors.length, total, s),
      h('ul', null, errors.map((f) => h('li', null, f.message)))) : null);
}

/** « el 03/12/2026, 03:27:41 p.m.» after «Publicado»: when its publication was made (its latest `published` history entry). */
function publishedNote(s: SubmissionView): string {
  const at = s.status === 'published' ? [...s.history].reverse().find((e) => e.action === 'published')?.at : undefined;
  return at ? ` el ${formatTimestamp(at)}` : '';
}

export const mySubmissionsPage: Page = {
  title: 'Mis envíos',
  render: ({ ds }) => withSession(async () => {
    // The newest sends first: past what the page reads (MAX_LIST_PAGES) the oldest are left out, not the latest.
    const [list, config] = await Promise.all([submissionList(new URLSearchParams({ limit: '1000', order: NEWEST_FIRST })), authConfig()]);
    // By latest activity, newest first (latest-activity.ts): the store's order is by creation.
    const newest = byLatestActivity(list.submissions);
    // Officials send their own institution's workbook; self-hosted servers take it as an .xlsx file.
    const upload = config.uploads === true && list.viewer.role === 'capturista';
    const scope = list.viewer.scope;
    const sent = lastSent;
    lastSent = null;
    const withdrawnNote = lastWithdrawn;
    lastWithdrawn = null;
    if (withdrawnNote && document.activeElement?.id !== WITHDRAWN_ID) announce(withdrawnNote.textContent ?? '');
    // Those who may send for the institution may take a send back (the server's policy: officials and admins).
    const coordinator = list.viewer.role === 'coordinador';
    const mayWithdraw = !coordinator;
    return h('div', null,
      // A coordinator reads its implementers' sends here, and the comments are their own: «de su institución y los
      // comentarios de su coordinador» spoke to an official.
      ...heading('Mis envíos', coordinator
        ? 'El estado de cada envío de los implementadores a su cargo y los comentarios que recibieron, en orden.'
        : 'El estado de cada envío de su institución y los comentarios de su coordinación, en orden.'),
      sessionBar(list.viewer, rerender, ds.publishers),
      // The inbox's note the other way round: a coordinator does not send, and was told to send from the add-on.
      coordinator ? h('p', { class: 'status-warn', role: 'note' }, 'Esta página es para quienes envían los datos de una institución. Los envíos de los implementadores a su cargo, para revisarlos y decidir, están en ', h('a', { href: route('revision') }, 'Revisión de envíos'), '.') : null,
      // Focusable: the focus comes here with the outcome (withdrawControl), and a screen reader reads it there. Not a
      // live region: drawn with its words already in it, it said nothing; when the reader's focus is elsewhere, the
      // outcome is said through the page's (announce), as the upload's is.
      h('div', { id: WITHDRAWN_ID, tabindex: '-1' }, withdrawnNote),
      upload ? uploadForm(sent, continuedUpload(list.submissions), config.maxUploadBytes, scope.kind === 'publisher' ? ds.publishers.find((p) => p.id === scope.publisherId) : undefined) : null,
      moreNote(list, true),
      newest.length ? null : h('p', null, coordinator ? 'Aún no hay envíos de los implementadores a su cargo.' : upload
        ? 'Aún no hay envíos. Envíe su libro de Excel con el formulario de arriba, o su hoja desde el complemento de Google Sheets (Validar datos → Enviar a revisión).'
        : 'Aún no hay envíos. Envíe su hoja desde el complemento de Google Sheets (Validar datos → Enviar a revisión).'),
      newest.map((s) => h('article', { class: 'envio' },
        h('h2', null, `${s.publisherName} — enviado el ${formatTimestamp(sentAt(s))}${fileNote(s)}`),
        h('p', null, 'Situación: ', statusBadge(s), publishedNote(s)),
        // What the order follows, said on each card: a send returned today comes before one sent yesterday.
        h('p', { class: 'note ultima-actividad' }, `Última actividad: ${formatTimestamp(latestActivity(s))}`),
        // Nobody returned it nor commented: which send replaced it, and that nothing is to be done with this one.
        replacedByNewer(s) ? h('p', { class: 'note' }, replacedNote(s)) : null,
        // Still «En revisión», but a newer send of the institution was approved: its coordination can only return it.
        s.newerApprovedAt ? h('p', { class: 'status-warn envio-anterior' }, newerApprovedText(s.newerApprovedAt, 'official', s.newerApprovedName)) : null,
        // Still «En revisión», but approving it found errors: nothing was published, and only a new version can be.
        !s.newerApprovedAt && approvalRefused(s) ? refusedCard(s, coordinator) : null,
        // What was sent, so that two sends of the same day can be told apart; its errors, once approving found them.
        s.snapshot ? h('p', { class: 'note' }, `${[sentSize(s), s.findings?.errors ? formatCount(s.findings.errors, 'error', 'errores') : null, formatCount(s.findings?.warnings ?? 0, 'advertencia', 'advertencias')].filter(Boolean).join('; ')}.`) : null,
        s.earlierEntries ? h('p', { class: 'note historial-incompleto' }, omittedHistoryText(s.earlierEntries)) : null,
        s.comments.length
          ? h('ol', { class: 'comentarios', 'aria-label': 'Comentarios de la coordinación' }, s.comments.map((c) => h('li', null, h('span', { class: 'note' }, `${formatTimestamp(c.at)} — ${c.by}: `), h('span', { class: 'line-breaks' }, c.text))))
          : h('p', { class: 'note' }, 'Sin comentarios.'),
        mayWithdraw && WITHDRAWABLE.includes(s.status) ? withdrawControl(s) : null,
        list.viewer.role !== 'capturista' ? h('p', null, h('a', { href: route('revision', s.id) }, 'Abrir el envío')) : null)));
  }, rerender),
};
