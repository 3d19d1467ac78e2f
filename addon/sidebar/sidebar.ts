/**
 * Sidebar logic (browser): calls the server through a typed wrapper over google.script.run, shows progress and
 * the summary in an aria-live region, findings grouped by sheet and field as buttons that select the cell.
 * Only Spanish text from the server or from here is shown; failure messages are already user-facing.
 */
import type { FieldGroup, FindingItem, ReviewContext, ServerApi, SheetGroup, SheetPlan, ValidationReport } from '../src/rpc-types';
import { formatCount as plural, formatList, formatPercent } from '../../core/format/es-mx';
import { AWAITING_DECISION, SEND_CHECKING_RETRY_SECONDS, WITHDRAWABLE } from '../../core/workflow/contract';
import { newerApprovedText } from '../../core/workflow/newer-approved';
import { stoppedByGoogle, stoppedText } from './execution-limit';
import { googleFailureText } from '../src/google-failures';
import { closeBidi } from '../../core/format/bidi-closed';

interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: { message?: string }) => void): ScriptRun;
  [name: string]: unknown;
}
declare const google: { script: { run: ScriptRun; host: { editor: { focus(): void } } } };

function call<K extends keyof ServerApi>(name: K, ...args: Parameters<ServerApi[K]>): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) => {
        const message = error?.message || 'No se pudo completar la acción.';
        // Google's six minutes and its other failures: its English words replaced by what happened and what to do
        // (execution-limit.ts, google-failures.ts).
        reject(new Error(stoppedByGoogle(message, Date.now() - started) ? stoppedText(name) : googleFailureText(message) ?? message));
      });
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

/**
 * The one way this page puts text in the DOM: `node`'s content becomes `parts`, each string closed by closeBidi. A
 * coordinator's comment, a publisher's name, a sheet's or a server's text that opens a right-to-left override and
 * leaves it open reversed what followed it on the line — the reason after «Estado: …», the rest of a sentence
 * ("Trojan Source", core/format/bidi-closed.ts, as on the dashboard). A value set inside a longer string is closed
 * where it ends (closeBidi at that value: a sheet's name before its counts, a file's name in newerApprovedText).
 */
function setText(node: Node, ...parts: (string | Node)[]): void {
  (node as ParentNode).replaceChildren(...parts.filter((p) => p !== '').map((p) => (typeof p === 'string' ? closeBidi(p) : p)));
}

/**
 * The send's state (#state, a polite live region: «Estado: Devuelto con comentarios» said when a return or an
 * approval comes, as «Validación terminada» is in #status). Redrawn after every action (setBusy → renderReview):
 * only a change of its words replaces it, so the same state is not said again after each click on a finding.
 */
function showState(...parts: (string | Node)[]): void {
  const state = $('state');
  const text = parts.map((p) => (typeof p === 'string' ? closeBidi(p) : p.textContent ?? '')).join('');
  if (state.textContent !== text) setText(state, ...parts);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  // aria-label and title are read out or shown beside other text too.
  for (const [k, v] of Object.entries(props)) if (v !== undefined) node.setAttribute(k, k === 'aria-label' || k === 'title' ? closeBidi(v) : v);
  if (text !== undefined) setText(node, text);
  return node;
}

const SEVERITY_TEXT = { error: 'Error', warning: 'Advertencia', info: 'Aviso' } as const;

let lastReport: ValidationReport | null = null;
let review: ReviewContext | null = null;
let busy = false;
/** Whether a validation's answer said the submission's state (or why the server could not tell it). */
let stateAnswered = false;

function setStatus(text: string, isError = false): void {
  const status = $('status');
  setText(status, text);
  status.classList.toggle('error', isError);
}

/**
 * What a run redraws: marked aria-busy meanwhile. Never an ancestor of #status: a screen reader holds back a busy
 * region's changes, and «Validando 1,250 filas de 4 hojas…» is said while the work runs (WCAG 4.1.3).
 */
const BUSY_PARTS = ['summary', 'findings', 'review', 'coordinator'];

/**
 * The buttons setBusy disabled, and only those: it gives back what it took. Re-enabling every button made a finding
 * with no row (disabled, nothing to select) clickable after any action, a click that did nothing.
 */
const heldWhileBusy = new Set<HTMLButtonElement>();

/** Every button is disabled while something runs, so nothing is triggered twice (Marketplace review rule). */
function setBusy(value: boolean): void {
  busy = value;
  for (const id of BUSY_PARTS) { if (value) $(id).setAttribute('aria-busy', 'true'); else $(id).removeAttribute('aria-busy'); }
  if (value) {
    for (const b of Array.from(document.querySelectorAll('button'))) {
      const button = b as HTMLButtonElement;
      if (button.disabled) continue;
      button.disabled = true;
      heldWhileBusy.add(button);
    }
  } else {
    for (const button of heldWhileBusy) button.disabled = false;
    heldWhileBusy.clear();
  }
  if (!value) renderReview();
}

/**
 * Once the work ends, the focus goes back to the button that started it (setBusy disabled it, and the browser moved
 * the focus to <body>), or to #status when that button is gone or hidden (WCAG 2.4.3). Not when the sidebar has
 * lost the focus: «Ir a la celda» hands it to the sheet on purpose.
 */
function returnFocus(from: Element | null): void {
  const now = document.activeElement;
  if (!document.hasFocus() || (now && now !== document.body && now !== from)) return;
  if (from instanceof HTMLElement && from.isConnected && !(from as HTMLButtonElement).disabled && from.getClientRects().length) from.focus();
  else $('status').focus();
}

async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
  if (busy) return undefined;
  const from = document.activeElement;
  setBusy(true);
  try {
    return await work();
  } catch (e) {
    setStatus((e as Error).message, true);
    return undefined;
  } finally {
    setBusy(false);
    returnFocus(from);
  }
}

/**
 * What a column's list leaves out (the lines it may send through google.script.run), by name: «y 35 avisos más»
 * said of 35 errors that stop the sending, and not where to find them. Errors are marked in the sheet (a note at each
 * cell, and a red fill unless the cell has its own); warnings and notices are not.
 */
function moreText(field: FieldGroup): string {
  if (field.moreErrors === undefined || field.moreWarnings === undefined) return `y ${plural(field.more, 'aviso', 'avisos')} más en esta columna.`;
  const notices = field.more - field.moreErrors - field.moreWarnings;
  const parts = [
    field.moreErrors ? plural(field.moreErrors, 'error', 'errores') : '',
    field.moreWarnings ? plural(field.moreWarnings, 'advertencia', 'advertencias') : '',
    notices ? plural(notices, 'aviso', 'avisos') : '',
  ].filter(Boolean);
  // The cell keeps a fill of its own when it has one (marks.ts): the note is always there.
  const marked = !field.moreErrors ? '' : field.moreErrors === field.more
    ? `: ${field.moreErrors === 1 ? 'su celda tiene' : 'sus celdas tienen'} en la hoja una nota que dice qué corregir`
    : `: ${field.moreErrors === 1 ? 'la celda del error tiene' : 'las celdas de los errores tienen'} en la hoja una nota que dice qué corregir`;
  return `y ${formatList(parts)} más en esta columna${marked}.`;
}

/** Said when a click on a finding has not answered after FINDING_SLOW_AFTER_MS. */
const FINDING_SLOW = 'Buscando la celda… Si la hoja cambió de filas desde la validación, se está validando de nuevo; puede tardar lo que tarda «Validar».';
const FINDING_SLOW_AFTER_MS = 1500;

/**
 * One finding as a button that selects its cell (or its row, when the sheet lacks the field's column). `field`: its
 * column's heading, by which the server finds it again when the sheet's rows changed since validating.
 */
function findingLine(sheet: string, item: FindingItem, field: string): HTMLLIElement {
  const li = el('li');
  const button = el('button', { type: 'button', class: 'finding' });
  button.appendChild(el('span', { class: `badge ${item.severity}` }, SEVERITY_TEXT[item.severity]));
  // A row without a column (the sheet lacks the field's column): «Fila 7», and the click goes to the row.
  const ref = item.a1 ? item.a1.slice(item.a1.lastIndexOf('!') + 1) : item.row !== null ? `Fila ${item.row}` : '';
  const also = item.alsoIn ? ` y ${plural(item.alsoIn, 'celda', 'celdas')} más` : '';
  if (ref) button.appendChild(el('span', { class: 'ref' }, `${ref}${also}: `));
  button.appendChild(el('span', {}, item.message));
  if (item.row !== null) {
    const row = item.row;
    const column = item.column ?? 1;
    button.title = item.column !== null ? 'Ir a la celda' : 'Ir a la fila';
    // With what the validation read (the column's title, the sheet's rows): columns moved since, the server finds
    // the column by its title; rows added or removed, it says the row may have moved.
    const read = lastReport?.sheets.find((s) => s.name === sheet);
    const rows = read?.rows;
    // And the sheet's id, by which it is found if the official renamed the tab since.
    const seen = { ...(item.header ? { header: item.header } : {}), ...(rows !== undefined ? { rows } : {}), ...(read?.id !== undefined ? { sheetId: read.id } : {}), field, severity: item.severity, message: item.message };
    button.addEventListener('click', () => void run(async () => {
      // Most clicks answer at once; one that validates again (rows changed since) takes as long as «Validar», and the
      // panel said nothing meanwhile, «Validación terminada» still in the status.
      const slow = setTimeout(() => setStatus(FINDING_SLOW), FINDING_SLOW_AFTER_MS);
      const jump = await call('goToFinding', sheet, row, column, seen).finally(() => clearTimeout(slow));
      // Rows inserted or deleted since: validated again on the click, and the list drawn anew with today's addresses.
      if (jump.report) showReport(jump.report);
      if (jump.notice) setStatus(jump.notice);
      if (jump.selected) google.script.host.editor.focus();
    }));
  } else {
    button.disabled = true;
  }
  li.appendChild(button);
  if (item.points?.length) li.appendChild(pointsList(item.points));
  return li;
}

/** The points of a listed notice shown at once: what to add first; the rest wait behind «Ver los otros N». */
const POINTS_SHOWN = 3;

/**
 * A notice's points (the CoST IDS points one project lacks) under its line: the first POINTS_SHOWN, then the others
 * in a closed <details>, so that each project of the column takes a few lines and the next project's line is in sight.
 */
function pointsList(points: readonly string[]): HTMLElement {
  const box = el('div', { class: 'points' });
  const first = el('ul');
  for (const p of points.slice(0, POINTS_SHOWN)) first.appendChild(el('li', {}, p));
  box.appendChild(first);
  const rest = points.slice(POINTS_SHOWN);
  if (!rest.length) return box;
  const details = el('details');
  details.appendChild(el('summary', {}, rest.length === 1 ? 'Ver el otro dato' : `Ver los otros ${rest.length.toLocaleString('es-MX')} datos`));
  const others = el('ul');
  for (const p of rest) others.appendChild(el('li', {}, p));
  details.appendChild(others);
  box.appendChild(details);
  return box;
}

/**
 * «Ver N más» under a column whose list leaves lines out: the next page (25 lines, chosen as the first ones: errors
 * first, each page down the sheet), asked of the server only then (group-findings.ts, later-findings.ts), added
 * under the list, and the focus on its first line, where reading goes on (WCAG 2.4.3). What is still left out is
 * said again under it. Warnings left out are not marked in the sheet (only errors, which stop the sending, get a
 * note and a fill: marks on every warning would bury those in a sheet of hundreds): this button is how an official
 * reaches each of them.
 */
function laterPagesButton(validation: string, where: { sheet: number; field: number; name: string }, field: FieldGroup, list: HTMLElement, more: HTMLElement): HTMLButtonElement | null {
  const sizes = field.laterPages ?? [];
  const left = { ...field };
  let next = 0;
  const button = el('button', { type: 'button', class: 'see-more' });
  const label = (): void => { setText(button, `Ver ${sizes[next].toLocaleString('es-MX')} más`); };
  if (!sizes.length) return null;
  label();
  button.addEventListener('click', () => void run(async () => {
    const lines = await call('moreFindings', validation, where.sheet, where.field, next + 1);
    if (!lines) {
      setText(more, `${moreText(left)} Esta parte de la lista ya no está guardada: pulse «Validar» para verla.`);
      button.remove();
      more.focus();
      return;
    }
    const added = lines.map((item) => findingLine(where.name, item, field.field));
    for (const li of added) list.appendChild(li);
    for (const item of lines) {
      const cells = 1 + (item.alsoIn ?? 0);
      left.more -= cells;
      if (item.severity === 'error' && left.moreErrors !== undefined) left.moreErrors -= cells;
      if (item.severity === 'warning' && left.moreWarnings !== undefined) left.moreWarnings -= cells;
    }
    next++;
    if (left.more > 0) setText(more, moreText(left)); else more.remove();
    if (next < sizes.length) label(); else button.remove();
    added[0]?.querySelector('button')?.focus();
  }));
  return button;
}

function renderGroups(groups: SheetGroup[], validation?: string): void {
  const box = $('findings');
  setText(box, '');
  if (groups.length) box.appendChild(el('h2', { class: 'sr-only' }, 'Resultados por hoja y columna'));
  groups.forEach((sheet, sheetIndex) => {
    const details = el('details');
    if (groups.length <= 3) details.open = true;
    const counts = [sheet.errors ? plural(sheet.errors, 'error', 'errores') : '', sheet.warnings ? plural(sheet.warnings, 'advertencia', 'advertencias') : ''].filter(Boolean).join(', ');
    // The sheet's name closed where it ends: an override it leaves open reversed « — 2 errores» after it.
    details.appendChild(el('summary', {}, `${closeBidi(sheet.sheet)}${counts ? ` — ${counts}` : ''}`));
    sheet.fields.forEach((field, fieldIndex) => {
      const heading = `columna-${sheetIndex}-${fieldIndex}`;
      details.appendChild(el('h3', { id: heading }, field.field));
      const list = el('ul');
      for (const item of field.items) list.appendChild(findingLine(sheet.sheet, item, field.field));
      details.appendChild(list);
      if (!field.more) return;
      // Focusable: where the focus goes when the rest of the list is no longer kept.
      const more = el('p', { class: 'more', tabindex: '-1' }, moreText(field));
      details.appendChild(more);
      const button = validation ? laterPagesButton(validation, { sheet: sheetIndex, field: fieldIndex, name: sheet.sheet }, field, list, more) : null;
      // «Ver 25 más» under several columns: each says which one it is to whoever reaches it by Tab.
      if (button) {
        button.setAttribute('aria-describedby', heading);
        details.appendChild(button);
      }
    });
    box.appendChild(details);
  });
}

function renderReport(report: ValidationReport): void {
  lastReport = report;
  $('summary').hidden = false;
  setText($('n-errors'), report.errors.toLocaleString('es-MX'));
  setText($('n-warnings'), report.warnings.toLocaleString('es-MX'));
  // «1 advertencia», «2 errores»: the label agrees with the number above it.
  setText($('l-errors'), report.errors === 1 ? 'error' : 'errores');
  setText($('l-warnings'), report.warnings === 1 ? 'advertencia' : 'advertencias');
  // One way for a share wherever it is shown (formatPercent: «53 %», «61.5 %»), as the review page and the dashboard.
  setText($('completeness'), report.completeness === null ? '—' : formatPercent(report.completeness / 100));
  renderGroups(report.groups, report.run);
  // Near Google's six minutes some sheets were not marked (time-limit.ts): the list is whole, the sheet's notes are not.
  const unmarked = report.marksStopped ? ' Para terminar antes de los 6 minutos que Google da a cada acción, no se marcaron en la hoja las celdas con error de todas las hojas: esta lista está completa y dice dónde está cada una.' : '';
  setStatus(report.errors === 0 && report.warnings === 0
    ? 'Validación terminada: no se encontraron errores ni advertencias.'
    : `Validación terminada: ${plural(report.errors, 'error', 'errores')}, ${plural(report.warnings, 'advertencia', 'advertencias')}.${unmarked}`);
}

/** 2024-03-01T10:00:00Z → 01/03/2024 (es-MX). */
function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('es-MX', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'America/Mexico_City' });
}

/** Said instead of «Enviar» to a coordinator or an administrator, who review sends but do not make them. */
const NOT_A_SENDER = 'Esta hoja la envía a revisión quien captura en la institución. Con su cuenta puede validarla y, cuando haya un envío en espera, aprobarlo o devolverlo.';

/** The help under «Enviar» until a validation without errors (also the page's own text, sidebar.html). */
const VALIDATE_FIRST = 'Valide primero: solo se puede enviar sin errores.';

function renderReview(): void {
  const ctx = review;
  const submit = $<HTMLButtonElement>('submit');
  const help = $('submit-help');
  const comments = $('comments');
  setText(comments, '');
  // Hidden while empty: an empty list with its name is still a list to a screen reader («Comentarios del
  // coordinador, lista, 0 elementos») on every send with nothing returned.
  comments.hidden = true;
  $('published-link-line').hidden = true;
  // Shown until the server says who is asking (below).
  $('submit-area').hidden = false;
  if (!ctx) {
    submit.disabled = true;
    // Validated without errors, the server not answering (said above, in #state): «Valide primero» said the opposite
    // of «0 errores» just above it.
    help.hidden = false;
    // A refusal that stays (a key revoked): «cuando el servidor responda» said to wait for an answer already given.
    setText(help, lastReport === null || lastReport.errors > 0 ? VALIDATE_FIRST
      : lastReport.reviewFailureTransient === false ? 'Podrá enviar cuando se resuelva lo que se indica arriba; después pulse «Validar».'
        : 'Podrá enviar cuando el servidor responda: pulse «Validar» para intentarlo de nuevo.');
    return;
  }
  if (!ctx.backendConfigured) {
    showState(ctx.message ?? 'El envío a revisión aún no está disponible: falta configurar el servidor.');
    submit.disabled = true;
    help.hidden = true;
    return;
  }
  // A failed publication says why; a coordinator may approve again, which retries it (approve-submission.ts).
  const why = ctx.submission?.state === 'failed' ? `. ${ctx.submission.failureReason ?? 'El servidor no dijo por qué.'}` : '';
  showState('Estado: ', el('strong', {}, ctx.submission ? ctx.submission.stateLabel : 'Borrador'), why);
  // Its institution's newer send was approved: this one cannot be, and «En revisión» alone left the official waiting
  // for a decision that can only be a return (the coordinators read it beside «Aprobar», below).
  const newer = $('newer-approved');
  const outdatedForOfficial = ctx.role === 'capturista' && ctx.submission?.newerApprovedAt ? ctx.submission.newerApprovedAt : null;
  // Approving the revision sent found errors in it: nothing was published, and «En revisión» alone left the official
  // waiting for a decision that can only be a return (the coordinators' page says so and offers no «Aprobar»).
  const refused = ctx.role === 'capturista' && !outdatedForOfficial && typeof ctx.submission?.refusedErrors === 'number' ? ctx.submission.refusedErrors : null;
  setText(newer, outdatedForOfficial ? `⚠ ${newerApprovedText(outdatedForOfficial, 'official-sheet', ctx.submission?.newerApprovedName)}`
    : refused !== null ? `⚠ No se publicó: al aprobar el envío, su coordinación encontró ${plural(refused, 'error', 'errores')} en la versión enviada. ${refused === 1 ? 'Corríjalo' : 'Corríjalos'} en la hoja, pulse «Validar» y envíe la nueva versión; ${refused === 1 ? 'está' : 'están'}, con su hoja y su celda, en «Mis envíos» del tablero.` : '');
  newer.hidden = !outdatedForOfficial && refused === null;
  // A send returned round after round keeps only its first and newest entries: said, so the list is not read as all.
  const omitted = $('omitted-history');
  setText(omitted, ctx.submission?.omittedHistory ?? '');
  omitted.hidden = !ctx.submission?.omittedHistory;
  // Every comment of the coordinators, oldest first, with who wrote it and when.
  for (const c of ctx.submission?.comments ?? []) {
    const li = el('li');
    li.appendChild(el('span', { class: 'meta' }, `${formatDate(c.at)} — ${c.by}`));
    li.appendChild(el('span', {}, c.text));
    comments.appendChild(li);
  }
  comments.hidden = comments.childElementCount === 0;
  // Published: where everyone sees it (the page's <base target="_blank"> opens it beside the sheet).
  $('published-link-line').hidden = !ctx.publishedUrl;
  $<HTMLAnchorElement>('published-link').href = ctx.publishedUrl ?? '#';
  const since = $('since-sent');
  const changed = lastReport?.sheetChanged;
  since.hidden = typeof changed !== 'boolean' || !ctx.submission;
  setText(since, since.hidden ? '' : sinceSentText(ctx, changed as boolean));
  since.classList.toggle('changed', changed === true);
  const account = $('account');
  account.hidden = !ctx.serviceAccount;
  setText(account, ctx.serviceAccount ? `Para que el servidor lea esta hoja, compártala como lector con ${ctx.serviceAccount}.` : '');
  // Only an institution's officials send (policy: submission.create); the add-on names no institution, so a
  // coordinator's (or an administrator's) «Enviar» was refused with «Indique el publicador…», which says nothing to them.
  const sender = ctx.role === 'capturista';
  $('submit-area').hidden = !sender;
  // Only an approval being published locks sending: a revision under review may be replaced by a newer one, and
  // after publishing every update is a new submission (the periodic-update commitment).
  const locked = ctx.submission !== null && ctx.submission.state === 'approved';
  const clean = lastReport !== null && lastReport.errors === 0;
  submit.disabled = busy || locked || !clean || !sender;
  setText(submit, ctx.submission?.state === 'published' ? 'Enviar actualización' : ctx.submission?.state === 'submitted' ? 'Enviar nueva versión' : 'Enviar a revisión');
  help.hidden = sender && clean && !locked;
  setText(help, !sender ? NOT_A_SENDER : locked ? 'El envío aprobado se está publicando; espere a que termine.' : VALIDATE_FIRST);
  // Whoever may send for the institution may take back a send awaiting review (sent by mistake); coordinators return.
  const withdrawable = ctx.role !== 'coordinador' && ctx.submission !== null && WITHDRAWABLE.includes(ctx.submission.state);
  $('withdraw-area').hidden = !withdrawable;
  if (!withdrawable) $('confirm-withdraw').hidden = true;
  setText($('confirm-withdraw-text'), ctx.submission?.state === 'returned'
    ? '¿Retirar este envío devuelto? Ya no lo corregirá; los comentarios se conservan. Si envía la hoja de nuevo, será un envío nuevo.'
    : '¿Retirar este envío? Saldrá de la bandeja de su coordinación, que ya no lo revisará. Puede enviarlo de nuevo cuando quiera.');
  const coordinator = ctx.role === 'coordinador' || ctx.role === 'admin';
  const deciding = coordinator && ctx.submission !== null && AWAITING_DECISION.includes(ctx.submission.state);
  $('coordinator').hidden = !deciding;
  if (deciding && ctx.submission) {
    // What is approved is the copy taken when it was sent, while «Validar» reads the sheet as it is now.
    const sent = ctx.submission.sentAt ? ` el ${formatDate(ctx.submission.sentAt)}` : '';
    const retry = ctx.submission.state === 'failed' ? ' Aprobar de nuevo reintenta la publicación.' : '';
    // A newer send of the institution is already approved: «Aprobar» would be refused, so it is not offered.
    const outdated = ctx.submission.newerApprovedAt;
    $('approve').hidden = Boolean(outdated);
    if (outdated) $('confirm-approve').hidden = true;
    // What approving would change is on the dashboard's page of the send (its preview): the panel approved blind.
    const link = $<HTMLAnchorElement>('review-link');
    $('review-link-line').hidden = !ctx.reviewUrl;
    link.href = ctx.reviewUrl ?? '#';
    setText($('coordinator-help'), outdated
      ? newerApprovedText(outdated, 'coordinator', ctx.submission.newerApprovedName)
      : `«Aprobar» publica la versión enviada${sent}, no la hoja tal como esté ahora; «Validar» revisa la hoja actual.${retry}`);
  }
}

/**
 * Whether the sheet as last validated still holds what was sent (ValidationReport.sheetChanged): what the
 * coordinators review and «Aprobar» publishes is the copy taken when it was sent (DESIGN §6), so an official who
 * kept editing is told to send again, and a coordinator that approving would not publish those changes.
 */
function sinceSentText(ctx: ReviewContext, changed: boolean): string {
  const submission = ctx.submission;
  if (!submission) return '';
  const sent = submission.sentAt ? ` el ${formatDate(submission.sentAt)}` : '';
  if (!changed) return `La hoja coincide con lo enviado${sent}.`;
  const coordinator = ctx.role === 'coordinador' || ctx.role === 'admin';
  if (coordinator) {
    // «Aprobar» only while it is offered (AWAITING_DECISION): over a returned or published send it named a button
    // the panel no longer shows.
    const changedSince = `⚠ La hoja cambió después del envío${sent}`;
    switch (submission.state) {
      case 'returned': return `${changedSince}, que se devolvió con comentarios: estos cambios llegarán cuando quien captura envíe la nueva versión.`;
      case 'published': return `${changedSince}: lo publicado es lo enviado. Estos cambios se publicarán cuando quien captura envíe una actualización y se apruebe.`;
      case 'approved': return `${changedSince}: se está publicando lo enviado, no estos cambios.`;
      default: return `${changedSince}: «Aprobar» publica lo enviado, no estos cambios.`;
    }
  }
  const unsent = '⚠ La hoja tiene cambios que no ha enviado';
  switch (submission.state) {
    case 'returned': return `${unsent} desde${sent || ' su envío'}. Cuando termine las correcciones, envíe la nueva versión.`;
    case 'published': return `${unsent}: lo publicado es lo que envió${sent}. Envíe una actualización para publicarlos.`;
    case 'approved': return `${unsent}: se está publicando lo que envió${sent}. Cuando termine, envíe una actualización con ellos.`;
    // Its publication failed: the coordinators approve it again (what was sent), or the official sends these changes.
    case 'failed': return `${unsent}: la publicación de lo que envió${sent} falló, y su coordinación puede aprobarlo de nuevo tal como lo envió. Envíe la nueva versión si quiere que se publiquen también estos cambios.`;
    default: return `${unsent}: su coordinación revisa lo que envió${sent}. Envíe la nueva versión para que revise también estos cambios.`;
  }
}

/**
 * «Validando 1,250 filas de 4 hojas…»: the rows below the two header rows of the sheets that have any, as the host
 * counted them (lastRow) before reading a cell; the template's empty sheets are not counted as sheets being checked.
 */
function planText(plan: SheetPlan[]): string {
  const filled = plan.map((s) => Math.max(0, s.rows - 2)).filter((n) => n > 0);
  const rows = filled.reduce((n, r) => n + r, 0);
  return rows === 0 ? 'Validando: las hojas no tienen filas de datos…' : `Validando ${plural(rows, 'fila', 'filas')} de ${plural(filled.length, 'hoja', 'hojas')}…`;
}

async function validate(): Promise<void> {
  await run(async () => {
    setStatus('Validando…');
    // Asked beside the validation, not before it: the count is said as soon as the host has it, and the
    // validation no longer waits a round trip to Apps Script for it.
    let validating = true;
    call('validationPlan').then((plan) => { if (validating) setStatus(planText(plan)); }, () => undefined);
    const report = await call('runValidation').finally(() => { validating = false; });
    showReport(report);
  });
}

/** A validation's answer drawn: its list, and the submission's state it carries. */
function showReport(report: ValidationReport): void {
  // The state the server gave while validating: a return (with its comments) that came while the sidebar was open.
  if (report.review) review = report.review;
  else if (report.reviewFailure && !review) showState(report.reviewFailure);
  // A Code.js older than this page answers without either: the state is then asked for apart.
  if (report.review || report.reviewFailure) stateAnswered = true;
  renderReport(report);
}

async function refreshReview(): Promise<void> {
  try {
    review = await call('reviewContext');
  } catch (e) {
    showState((e as Error).message);
  }
  renderReview();
}

/**
 * Sends, and a large workbook the server was still checking when it answered (`checking`): «Revisando el libro…»
 * said, then its outcome asked for every few seconds until it is there — the panel busy meanwhile, so it is not sent
 * twice. A refusal found by the check is thrown as a send's is.
 */
async function sendAndFollow(): Promise<ReviewContext> {
  let ctx = await call('submitForReview');
  while (ctx.checking) {
    setStatus(ctx.notice ?? 'Revisando el libro…');
    await new Promise((r) => setTimeout(r, SEND_CHECKING_RETRY_SECONDS * 1000));
    ctx = await call('sendOutcome', ctx.checking);
  }
  return ctx;
}

function reviewAction(work: () => Promise<ReviewContext>, done: string): void {
  void run(async () => {
    try {
      review = await work();
    } catch (e) {
      // Refused (decided meanwhile, a new version sent…): the panel shows the send as it is now, and the reason; it
      // kept «En revisión» and «Aprobar» over the server's «ya no está en espera».
      await refreshReview();
      throw e;
    }
    // Compared with the submission as it was: after sending, approving or returning, «Validar» compares again.
    if (lastReport) delete lastReport.sheetChanged;
    setStatus(review.notice ?? done, review.noticeFailed === true);
  });
}

/**
 * The button `name` opens its question (`confirm-name`, answered by `name-yes` / `name-no`): focus goes to «Sí», and
 * back to the button on «Cancelar» or Escape (WCAG 2.1.1, as in the dashboard); «Sí» does `act` on this submission.
 */
function askFirst(name: string, act: (submissionId: string) => void): void {
  const box = $(`confirm-${name}`);
  const open = (shown: boolean): void => {
    box.hidden = !shown;
    $(name).setAttribute('aria-expanded', String(shown));
    $(shown ? `${name}-yes` : name).focus();
  };
  $(name).addEventListener('click', () => open(true));
  $(`${name}-no`).addEventListener('click', () => open(false));
  box.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); open(false); } });
  $(`${name}-yes`).addEventListener('click', () => {
    box.hidden = true;
    $(name).setAttribute('aria-expanded', 'false');
    const id = review?.submission?.id;
    if (id) act(id);
  });
}

function init(): void {
  $('validate').addEventListener('click', () => void validate());
  $('clear').addEventListener('click', () => void run(async () => {
    await call('clearMarks');
    setStatus('Se quitaron las marcas de la validación.');
  }));
  $('submit').addEventListener('click', () => reviewAction(sendAndFollow, 'Se envió a revisión.'));
  // «Aprobar» asks once more before publishing (as the dashboard's review page does); «Retirar envío» too: it is
  // there for sends made by mistake, so a stray click must not be another.
  // Each decision names the revision this panel shows: one sent since is refused by the server, not approved unseen.
  const shown = (): [string] | [] => (review?.submission?.revision ? [review.submission.revision] : []);
  askFirst('approve', (id) => reviewAction(() => call('approveSubmission', id, ...shown()), 'Envío aprobado.'));
  askFirst('withdraw', (id) => reviewAction(() => call('withdrawSubmission', id), 'Se retiró el envío: ya no está en la bandeja de su coordinación.'));
  // An empty comment: the box is marked invalid, described by the error under it, and focused (WCAG 3.3.1).
  const commentBox = $<HTMLTextAreaElement>('comment');
  const commentError = $('comment-error');
  const markComment = (error: string | null): void => {
    commentError.hidden = !error;
    setText(commentError, error ?? '');
    if (error) { commentBox.setAttribute('aria-invalid', 'true'); commentBox.setAttribute('aria-describedby', 'comment-error'); } else { commentBox.removeAttribute('aria-invalid'); commentBox.removeAttribute('aria-describedby'); }
  };
  commentBox.addEventListener('input', () => { if (commentBox.value.trim()) markComment(null); });
  $('return').addEventListener('click', () => {
    const id = review?.submission?.id;
    const comment = commentBox.value;
    if (!comment.trim()) {
      const message = 'Escriba un comentario que explique qué debe corregirse.';
      setStatus(message, true);
      markComment(message);
      commentBox.focus();
      return;
    }
    markComment(null);
    // Sent, the comment leaves the box: it stayed there for the next version sent, as if written about that one.
    if (id) reviewAction(async () => { const after = await call('returnSubmission', id, comment, ...shown()); commentBox.value = ''; return after; }, 'Se devolvió con comentarios.');
  });
  // Opened by «Validar datos» (addon/src/sidebar-opening.ts): validate at once, as the menu item says. The
  // validation's answer carries the submission's state: asking for it apart too listed the submissions twice. Only
  // a validation that failed before answering leaves the state to be asked for.
  if ($('main').dataset.onOpen === 'validate') void validate().then(() => { if (!stateAnswered) void refreshReview(); });
  else void refreshReview();
}

init();
