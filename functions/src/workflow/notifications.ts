/**
 * Notifications by e-mail through an outbox (DESIGN §8): the workflow stores its decision first, then hands an
 * event to `notifier`, which writes Spanish messages with a link to the page where the reader acts. The outbox is
 * SMTP with nodemailer, configured by environment, self-hosted and in the cloud (where the password is a secret,
 * functions/src/index.ts). A failed notice is logged and audited, never undoes the decision.
 */
import { firstPublicationContents } from '../../../core/workflow/first-publication';
import { isLate, lastUpdateAt } from '../../../core/workflow/update-due';
import type * as Nodemailer from 'nodemailer';
import { sameState } from '../auth/policy';
import { readAll } from '../store/read-all';
import type { Publisher, Store, Submission, User } from '../store/store';
import type { Notify, WorkflowEvent } from './workflow-events';
import { formatCount, formatDate, mexicoCityDay } from '../../../core/format/es-mx';
import { AWAITING_DECISION, sentAt, sourceName } from '../../../core/workflow/contract';
import { ConfigError } from '../config';

export interface MailMessage { to: string[]; subject: string; text: string }

export interface Outbox {
  send(message: MailMessage): Promise<void>;
  /**
   * For many messages in a row (the daily reminders, workflow/daily-job.ts): the same server through a few connections
   * kept open between messages, until `close`. Without it, the batch goes through `send`.
   */
  pooled?(): PooledOutbox;
}

/** An outbox whose connections stay open until `close` (called once its last message has settled). */
export interface PooledOutbox extends Outbox {
  close(): void;
}

/**
 * Connections a pooled outbox keeps open, and the reminders of the daily job under way at once: each reminder to a
 * remote server over a new connection spent ~0.5 s on TLS, greeting and login (docs/deploy.md §11). A few only: a
 * mail server may refuse more from one sender, and each holds a connection on an institution's server.
 */
export const MAIL_CONNECTIONS = 3;

export interface SmtpSettings { host: string; port: number; secure: boolean; user?: string; pass?: string; from: string }

/** SMTP settings from the environment (SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASS, MAIL_FROM); undefined without SMTP_HOST. */
export function smtpFromEnv(env: NodeJS.ProcessEnv): SmtpSettings | undefined {
  if (!env.SMTP_HOST) return undefined;
  // Empty is unset, as for every other variable (config.ts): `SMTP_PORT=` left blank in functions/.env.<PROYECTO> stopped
  // every function («debe ser un puerto (se recibió «»)»), and `MAIL_FROM=` sent from an empty sender the server refused.
  const port = Number(env.SMTP_PORT || 587);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new ConfigError(`La variable SMTP_PORT debe ser un puerto (se recibió «${env.SMTP_PORT}»).`);
  // «1» or «sí» were read as false: to a server that expects TLS from the first byte the notices spoke plain SMTP and
  // waited until they timed out, nothing said at start-up. Refused there, as every setting is; any case of «true» is
  // true; empty is unset, as for the other variables.
  const secure = (env.SMTP_SECURE ?? '').trim().toLowerCase();
  if (secure !== '' && secure !== 'true' && secure !== 'false') throw new ConfigError(`La variable SMTP_SECURE debe ser «true» o «false», o no definirse (se recibió «${env.SMTP_SECURE}»).`);
  return {
    host: env.SMTP_HOST, port, secure: secure === 'true' || port === 465, from: env.MAIL_FROM || `Infraestructura Abierta <no-responder@${env.SMTP_HOST}>`,
    ...(env.SMTP_USER ? { user: env.SMTP_USER } : {}), ...(env.SMTP_PASS ? { pass: env.SMTP_PASS } : {}),
  };
}

export function smtpOutbox(s: SmtpSettings): Outbox {
  // Loaded here, when mail is configured (~80 ms, 39 modules), not by every server start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodemailer = require('nodemailer') as typeof Nodemailer;
  const connection = {
    host: s.host, port: s.port, secure: s.secure, ...(s.user ? { auth: { user: s.user, pass: s.pass ?? '' } } : {}),
    // A loopback relay (tests, a local Postfix) has no certificate to check; anything else is verified.
    tls: { rejectUnauthorized: !/^(127\.0\.0\.1|localhost)$/.test(s.host) },
    // nodemailer's defaults wait 2 minutes for a connection and 10 for a silent socket: a notice to a host that
    // never answers ends (audited as failed) within a minute instead.
    connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000,
  };
  const sender = (transport: Nodemailer.Transporter) => async (m: MailMessage) => {
    await transport.sendMail({ from: s.from, to: m.to.join(', '), subject: m.subject, text: m.text });
  };
  return {
    send: sender(nodemailer.createTransport(connection)),
    pooled() {
      const pool = nodemailer.createTransport({
        ...connection, pool: true, maxConnections: MAIL_CONNECTIONS,
        // A new connection now and then (nodemailer's default, said here): a server may limit messages per connection.
        maxMessages: 100,
        // A message whose connection the server drops fails (audited; reminded again when the round comes back), as
        // over a connection of its own: requeued, one message could outlast the 90 s the daily job counts on.
        maxRequeues: 0,
      });
      return { send: sender(pool), close: () => pool.close() };
    },
  };
}

export interface NotifierDeps {
  store: Store;
  outbox: Outbox;
  /** Where the dashboard is (links in the messages), no trailing slash. */
  dashboardUrl: string;
  now?: () => Date;
  log?: (m: string) => void;
}

/** Notices by SMTP as the environment sets it (smtpFromEnv), self-hosted and in the cloud; undefined without SMTP_HOST. */
export function smtpNotifierDeps(store: Store, env: NodeJS.ProcessEnv, dashboardUrl: string, log: (m: string) => void): NotifierDeps | undefined {
  const smtp = smtpFromEnv(env);
  return smtp ? { store, outbox: smtpOutbox(smtp), dashboardUrl, log } : undefined;
}

const SIGNATURE = '\n\n—\nInfraestructura Abierta. Este mensaje se envió automáticamente; no lo responda.';

/**
 * Among the coordinators only (a query by role), not every account of the country: at national scale a send's
 * notice read ~5,000 accounts to find a state's two or three. Their state is matched here, as the policy matches it
 * (sameState: any of the state's names, case and accents apart), in the same order as before (by id).
 */
async function coordinatorsOf(store: Store, publisher: Publisher): Promise<string[]> {
  const coordinators = await readAll((after) => store.listUsers({ role: 'coordinador', after, limit: 1000 }));
  return coordinators.filter((u) => u.role === 'coordinador' && sameState(u.state, publisher.state)).map((u) => u.email);
}

/**
 * Who sent it; once that account is gone (its official left and was removed), the institution's officials now: a
 * return's comments, a publication or a refusal went to nobody, and the successor who would correct and send again
 * never heard of it. They see the institution's sends in «Mis envíos» already, so nothing is told beyond it.
 */
async function submitterOf(store: Store, event: WorkflowEvent): Promise<string[]> {
  const id = event.submission.submittedBy ?? event.submission.history.find((e) => e.action === 'submitted')?.by;
  const user = id ? await store.getUser(id) : undefined;
  return user ? [user.email] : officialsOf(store, event.publisher.id);
}

/** The officials (capturistas) of a publisher: its accounts only, by id, not the country's every account. */
async function officialsOf(store: Store, publisherId: string): Promise<string[]> {
  const users = await readAll((after) => store.listUsers({ publisherId, after, limit: 1000 }));
  return users.filter((u: User) => u.role === 'capturista' && u.publisherId === publisherId).map((u) => u.email);
}

/**
 * « desde la hoja de cálculo «Obra pública 2024»»: which spreadsheet or file a send came from, for coordinators of
 * many implementers; '' when it has no name. Made one plain line again (sourceName) as it goes into the mail: a
 * name kept before uploads' names were cleaned that way could still hold line breaks or direction marks.
 */
function sourceNote(source: Submission['source']): string {
  const name = source.name === undefined ? undefined : sourceName(source.name);
  if (name === undefined) return '';
  return source.kind === 'xlsx' ? ` en el archivo «${name}»` : ` desde la hoja de cálculo «${name}»`;
}

/**
 * « del 06/12/2026 en el archivo «Obra.xlsx»»: which of the institution's sends a decision is about. The returned,
 * published and refused notices said only «el envío», and an institution with two sends open (or a resend after a
 * return) could not tell which one its coordination had decided.
 */
function whichSend(submission: Submission): string {
  return ` del ${formatDate(sentAt(submission))}${sourceNote(submission.source)}`;
}

/** Why an approved send was refused, the same to its official and to the coordinator who approved it. */
function refusedWhy(errors: number, whose: 'su' | 'la'): string {
  return `pero al revisarlo de nuevo para publicarlo se encontraron ${formatCount(errors, 'error', 'errores')} que no tenía cuando se envió (por ejemplo, porque cambiaron los prefijos de identificadores registrados de ${whose} institución). No se publicó nada`;
}

export function composeMessage(event: WorkflowEvent, dashboardUrl: string): Omit<MailMessage, 'to'> {
  const { publisher, submission } = event;
  if (event.kind === 'submitted') {
    // A new version of a send under review or returned (workflow-routes: `resubmitted`) replaces it in the inbox, with
    // its history and comments: announced as «Nuevo envío», a coordinator looked for a second send to decide.
    const again = submission.history[submission.history.length - 1]?.action === 'resubmitted';
    return {
      subject: again ? `Nueva versión del envío de ${publisher.name} para revisión` : `Nuevo envío de ${publisher.name} para revisión`,
      text: `${publisher.name} (${publisher.state}) envió ${again ? 'una nueva versión de su envío, que reemplaza a la anterior en su bandeja (con su historial y sus comentarios),' : 'información'} para su revisión${sourceNote(submission.source)}.\n\nRevísela y apruébela o devuélvala con comentarios aquí:\n${dashboardUrl}/#/revision/${encodeURIComponent(submission.id)}${SIGNATURE}`,
    };
  }
  // Said the way it was sent: an Excel file goes back through «Mis envíos», not the add-on.
  const resend = submission.source.kind === 'xlsx'
    ? 'Corrija el libro, valídelo y envíelo de nuevo en «Mis envíos» (Enviar un libro de Excel)'
    : 'Corrija la hoja, valide de nuevo y envíela desde el complemento (Validar datos → Enviar a revisión)';
  if (event.kind === 'failed') {
    return {
      subject: `El envío de ${publisher.name} que aprobó no se publicó`,
      text: `Usted aprobó el envío de ${publisher.name} (${publisher.state})${sourceNote(submission.source)}, pero no se publicó: ${event.reason}\n\nLos datos publicados de la institución siguen como estaban. El envío y su historial:\n${dashboardUrl}/#/revision/${encodeURIComponent(submission.id)}${SIGNATURE}`,
    };
  }
  if (event.kind === 'refused') {
    // Publication is a background job: the coordinator who approved may be gone, and only the official can correct it.
    // What is published is what was sent (its snapshot), so what changed since is the institution's registration or,
    // after an upgrade, the rules.
    return {
      subject: `Su envío de ${publisher.name} no se publicó: tiene errores`,
      text: `${event.actor.email} aprobó el envío${whichSend(submission)}, ${refusedWhy(event.errors, 'su')}: sus datos publicados siguen como estaban.\n\n${resend}. Los errores, con su hoja, fila y columna, están aquí:\n${dashboardUrl}/#/mis-envios${SIGNATURE}`,
    };
  }
  if (event.kind === 'returned') {
    return {
      subject: `Su envío de ${publisher.name} fue devuelto con comentarios`,
      text: `Su coordinación (${event.actor.email}) devolvió el envío${whichSend(submission)} con este comentario:\n\n«${event.comment}»\n\n${resend}. Vea todos los comentarios aquí:\n${dashboardUrl}/#/mis-envios${SIGNATURE}`,
    };
  }
  if (event.kind === 'withdrawn') {
    return {
      subject: `${publisher.name} retiró su envío`,
      text: `${event.actor.email} retiró el envío de ${publisher.name} (${publisher.state}) que esperaba su revisión: ya no está en su bandeja y no hay nada que decidir sobre él. Si la institución envía otro, recibirá un aviso nuevo.\n\nEl envío retirado y su historial:\n${dashboardUrl}/#/revision/${encodeURIComponent(submission.id)}${SIGNATURE}`,
    };
  }
  // «0 contrataciones nuevas» read as «nothing was published» when only projects (or the settings) changed.
  // The first publication, of projects only, read «ninguna contratación cambió (los cambios son de sus proyectos…)».
  const published = event.unchanged ? 'Su contenido ya estaba publicado: no se publicó nada nuevo, y la aprobación cuenta como actualización de sus datos.'
    : event.first ? `Es la primera publicación de ${publisher.name}: ${firstPublicationContents(event.changedProcesses, event.changedProjects ?? 0)}.`
    : event.changedProcesses === 0 ? 'Se publicó la nueva versión de sus datos; ninguna contratación cambió (los cambios son de sus proyectos o de su configuración).'
      : `${event.changedProcesses === 1 ? 'Se publicó' : 'Se publicaron'} ${formatCount(event.changedProcesses, 'contratación nueva o modificada', 'contrataciones nuevas o modificadas')}.`;
  // The board filtered to the institution (its Implementador filter, dashboard/src/data/filters.ts): its home page
  // showed every institution's figures, and at national scale asked for a state first.
  return {
    subject: `Su envío de ${publisher.name} fue aprobado y publicado`,
    text: `${event.actor.email} aprobó el envío${whichSend(submission)}. ${published}\n\nLos datos ya están en el tablero público:\n${dashboardUrl}/#/?publisher=${encodeURIComponent(publisher.id)}\n\nRecuerde enviar su siguiente actualización dentro de ${formatCount(publisher.commitment.periodicityDays, 'día', 'días')}. Sus envíos:\n${dashboardUrl}/#/mis-envios${SIGNATURE}`,
  };
}

/**
 * To the coordinator whose approval was refused in the background: the approval answered «se publicará» and the
 * refusal came later, to the official only, so the coordinator believed it published (P14). Nothing for them to do
 * but know it, and see the errors.
 */
export function refusedApproverMessage(event: Extract<WorkflowEvent, { kind: 'refused' }>, dashboardUrl: string): Omit<MailMessage, 'to'> {
  const { publisher, submission } = event;
  return {
    subject: `El envío de ${publisher.name} que aprobó no se publicó: tiene errores`,
    text: `Usted aprobó el envío de ${publisher.name} (${publisher.state})${whichSend(submission)}, ${refusedWhy(event.errors, 'la')}: los datos publicados de la institución siguen como estaban.\n\nSe avisó a quien lo envió para que lo corrija y lo envíe de nuevo. El envío, sus errores y su historial:\n${dashboardUrl}/#/revision/${encodeURIComponent(submission.id)}${SIGNATURE}`,
  };
}

/** Each notice's name in the log, for whoever runs the server (its audit keeps the code). */
const NOTICE_ES: Record<string, string> = {
  submitted: 'envío nuevo', returned: 'envío devuelto', published: 'envío publicado', refused: 'envío no publicado por errores',
  'refused-approver': 'envío aprobado no publicado por errores',
  failed: 'publicación fallida', withdrawn: 'envío retirado', reminder: 'recordatorio',
};

/** Sends one notice and audits it; whether the mail server took it (its failure is logged and audited, not thrown). */
async function deliver(deps: NotifierDeps, kind: string, publisherId: string, target: string, m: MailMessage): Promise<boolean> {
  const at = (deps.now?.() ?? new Date()).toISOString();
  if (!m.to.length) return false;
  try {
    await deps.outbox.send(m);
  } catch (e) {
    (deps.log ?? console.error)(`no se pudo enviar el aviso «${NOTICE_ES[kind] ?? kind}» (revise SMTP_HOST, el usuario y su proveedor de correo): ${e instanceof Error ? e.message : String(e)}`);
    await deps.store.appendAudit({ at, actor: 'system', action: 'notification.failed', target, publisherId, details: { kind } }).catch(() => undefined);
    return false;
  }
  // A store failing here is not the mail's: it was sent (the caller's store failure, as any other).
  await deps.store.appendAudit({ at, actor: 'system', action: 'notification.sent', target, publisherId, details: { kind, recipients: m.to.length } });
  return true;
}

/** The workflow's Notify: never throws. */
export function notifier(deps: NotifierDeps): Notify {
  return async (event) => {
    try {
      // What awaits the coordinators (or no longer does) goes to them; a decision or a refusal goes to whoever sent it.
      // A publication that failed goes to the coordinator who approved it: the reasons are theirs to act on; one refused
      // in the background, to them as well (refusedApproverMessage).
      const to = event.kind === 'submitted' || event.kind === 'withdrawn' ? await coordinatorsOf(deps.store, event.publisher)
        : event.kind === 'failed' ? (event.actor.email ? [event.actor.email] : []) : await submitterOf(deps.store, event);
      await deliver(deps, event.kind, event.publisher.id, `submission/${event.submission.id}`, { to, ...composeMessage(event, deps.dashboardUrl) });
      if (event.kind === 'refused' && event.background && event.actor.email && !to.includes(event.actor.email)) {
        await deliver(deps, 'refused-approver', event.publisher.id, `submission/${event.submission.id}`, { to: [event.actor.email], ...refusedApproverMessage(event, deps.dashboardUrl) });
      }
    } catch (e) {
      (deps.log ?? console.error)(`no se pudo preparar el aviso: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

const DAY = 86_400_000;

/**
 * Reminders to the officials of each publisher past its update period (no publication, nor approval of unchanged
 * data, newer than `commitment.periodicityDays`). At most one reminder per publisher per week (the audit log remembers).
 * Returns the ids of the publishers reminded. Runs daily (local server timer; Cloud Scheduler in the cloud).
 */
export async function sendUpdateReminders(deps: NotifierDeps): Promise<string[]> {
  return (await remindLatePublishers(deps)).reminded;
}

export interface RemindersRun {
  /** The publishers whose officials' mail server took the reminder. */
  reminded: string[];
  /** Those whose reminder it refused or never answered (audited `notification.failed`; again when the round comes back). */
  unsent: string[];
  /** Every late publisher was looked at (false: the deadline came first). */
  done: boolean;
}

/**
 * sendUpdateReminders with a deadline (ms since the epoch): no publisher is begun once it has passed (after the first),
 * so the daily job's closes and cleanup keep their time within the cloud function's limit (workflow/daily-job.ts).
 * `done` is false when some were left. The next run begins after the last one looked at (Store.remindersStoppedAfter),
 * going round the late publishers in order of id: a run always cut at the same point would remind the same first
 * ones every week and never the rest. One reminded already is not again within the week: its reminder is in its log,
 * written as soon as the mail went, and no publisher is left half done at the deadline.
 *
 * `inFlight` publishers are looked at and reminded at once (the daily job: MAIL_CONNECTIONS), begun in that order.
 * The run waits for every one begun before it ends, so those begun are the first ones of the round, all finished,
 * and where it stopped is the last begun: one finishing before an earlier one cannot move it past an unfinished one.
 */
export async function remindLatePublishers(deps: NotifierDeps, deadline?: number, inFlight = 1): Promise<RemindersRun> {
  const now = deps.now?.() ?? new Date();
  // Only the publishers whose due date is over (kept on each, indexed: Store.listPublishersDue), not every publisher
  // and its publication: at national scale most are on time on any given day.
  const listed = await readAll((after) => deps.store.listPublishersDue({ day: mexicoCityDay(now.getTime()), after, limit: 1000 }));
  const stoppedAfter = await deps.store.remindersStoppedAfter();
  // By id, not in the listing's order of due day, which moves as they publish: where a run stopped stays a place.
  const byId = listed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const from = stoppedAfter === undefined ? 0 : byId.findIndex((p) => p.id > stoppedAfter);
  const publishers = from <= 0 ? byId : [...byId.slice(from), ...byId.slice(0, from)];
  /** What became of each publisher of the round (in the round's order, whichever finished first). */
  const sent: Reminder[] = [];
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (next < publishers.length && !failure) {
      if (next > 0 && deadline !== undefined && Date.now() >= deadline) return;
      const k = next++;
      try {
        sent[k] = await remindOne(deps, publishers[k], now);
      } catch (e) {
        // A store that fails: no other is begun, and where the last run stopped stays (reminded ones are in their logs).
        failure ??= { error: e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, inFlight) }, lane));
  if (failure) throw failure.error;
  const ids = (outcome: Reminder) => publishers.filter((_, k) => sent[k] === outcome).map((p) => p.id);
  const run = { reminded: ids('sent'), unsent: ids('unsent') };
  if (next < publishers.length) {
    await deps.store.noteRemindersStoppedAfter(publishers[next - 1].id);
    return { ...run, done: false };
  }
  if (stoppedAfter !== undefined) await deps.store.noteRemindersStoppedAfter(undefined);
  return { ...run, done: true };
}

/** The publisher's latest send awaiting a decision of its coordination (AWAITING_DECISION), if any: one query per status. */
async function awaitingDecision(store: Store, publisherId: string): Promise<Submission | undefined> {
  const found = await Promise.all(AWAITING_DECISION.map(async (status) => (await store.listSubmissions({ publisherId, status, limit: 1, newestFirst: true })).items[0]));
  return found.filter((s): s is Submission => s !== undefined).sort((a, b) => (sentAt(a) < sentAt(b) ? 1 : -1))[0];
}

/** A listed publisher's reminder: taken by the mail server, or not; `skipped`: not due (on time, reminded this week, no officials). */
type Reminder = 'sent' | 'unsent' | 'skipped';

/** Looks at one listed publisher and reminds its officials if it is late and was not this week. */
async function remindOne(deps: NotifierDeps, p: Publisher, now: Date): Promise<Reminder> {
  // Checked against its pointer, as Seguimiento does: a due date left early (its publication's date not written on
  // it after the switch) lists it, and it is not reminded.
  const current = await deps.store.getCurrent(p.id);
  // An approval of unchanged data (confirmedAt) counts as an update, as on Seguimiento (core/workflow/update-due.ts).
  const clock = { lastPublishedAt: current?.createdAt, confirmedAt: p.confirmedAt, registeredAt: p.registeredAt, periodicityDays: p.commitment.periodicityDays };
  if (!isLate(clock, now.getTime())) {
    // Its date behind its pointer's (a publication an earlier version made, rolled back, moved the pointer only):
    // written again, it is listed from its real due day on instead of every day until then.
    if (current && current.createdAt !== p.publishedAt) await deps.store.refreshPublisherDue(p.id);
    return 'skipped';
  }
  // Only the last week of its log, where a reminder that holds this one back would be: the whole log, read every
  // day for every late publisher, only grew (reminders, sends, returns).
  const weekAgo = new Date(now.getTime() - 7 * DAY).toISOString();
  const audit = await readAll((after) => deps.store.listAudit({ publisherId: p.id, since: weekAgo, after, limit: 1000 }));
  if (audit.some((e) => e.action === 'notification.sent' && e.details.kind === 'reminder' && now.getTime() - Date.parse(e.at) < 7 * DAY)) return 'skipped';
  // The accounts of this publisher only (officialsOf): the country's every account was read each day for the
  // officials of the few late ones.
  const to = await officialsOf(deps.store, p.id);
  if (!to.length) return 'skipped';
  const last = lastUpdateAt(clock);
  const day = last === null ? '' : formatDate(new Date(last).toISOString());
  const since = last === null ? 'aún no ha publicado datos'
    : last === current?.createdAt ? `su última publicación es del ${day}`
      : `su última actualización es del ${day}, cuando su coordinación aprobó un envío sin cambios`;
  // A send of theirs awaiting their coordination's decision (in review, or approved and its publication failed):
  // «Actualice… envíela» told officials who had sent in time to send again, as if their send did not count.
  const awaiting = await awaitingDecision(deps.store, p.id);
  const todo = awaiting
    ? `Su envío${whichSend(awaiting)} espera la decisión de su coordinación: cuando lo apruebe, contará como su actualización. No necesita enviarlo de nuevo.`
    : 'Actualice su hoja de cálculo, valídela y envíela desde el complemento de Google Sheets (Validar datos → Enviar actualización) o, si captura en Excel, en «Mis envíos» (Enviar un libro de Excel).';
  const taken = await deliver(deps, 'reminder', p.id, `publisher/${p.id}`, {
    to,
    subject: `Recordatorio: ${p.name} debe actualizar sus datos de obra pública`,
    text: `${p.name} se comprometió a actualizar sus datos ${p.commitment.periodicityDays === 1 ? 'cada día' : `cada ${formatCount(p.commitment.periodicityDays, 'día', 'días')}`} y ${since}.\n\n${todo} Sus envíos:\n${deps.dashboardUrl}/#/mis-envios${SIGNATURE}`,
  });
  return taken ? 'sent' : 'unsent';
}
