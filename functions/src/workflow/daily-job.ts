/**
 * The daily job, one body for the cloud (functions/src/index.ts `updateReminders`, Cloud Scheduler) and the self-hosted
 * server's daily timer (server/local-server.ts), and what bench:daily times: reminders to the publishers past their
 * update period (notifications.ts), the monthly report's month closes (month-closes.ts), then the outcomes of sends'
 * checks older than a week (send-check.ts). Each part runs even when the one before it failed; a failure is logged in
 * Spanish and given back, so the cloud function can end as failed.
 */
import { formatCount } from '../../../core/format/es-mx';
import type { Store } from '../store/store';
import { MAIL_CONNECTIONS, remindLatePublishers, type NotifierDeps, type PooledOutbox } from './notifications';
import { keepMonthCloses, type KeptCloses } from './month-closes';
import { forgetOldSendChecks } from './send-check';

export interface DailyJobDeps {
  store: Store;
  /** Without it (no SMTP_HOST) there are no reminders; the rest runs all the same. */
  mail?: NotifierDeps;
  now?: () => Date;
  log: (message: string) => void;
  /** Told as each part begins (bench:daily counts Firestore's requests per part). */
  onPart?: (part: DailyPart) => void;
}

export type DailyPart = 'reminders' | 'closes' | 'checks';

/** Instants (ms since the epoch) the parts stop at; none: each runs to its end (self-hosted: no time limit). */
export interface DailyDeadlines {
  /** No publisher is begun past it (notifications.ts remindLatePublishers); those left are reminded the next run. */
  reminders?: number;
  /** month-closes.ts keepMonthCloses: what was kept stays, the next run goes on. */
  closes?: number;
}

/** The cloud function's time limit (functions/src/index.ts updateReminders `timeoutSeconds`). */
export const DAILY_TIMEOUT_SECONDS = 300;
/**
 * In the cloud, no reminder is begun 150 s after the start: a mail to a server that answers nothing ends within 90 s
 * (notifications.ts smtpOutbox: 15 s to connect, 15 for its greeting, 60 of silence; the few under way at once, each
 * on its own connection, together), by when the closes are due to stop. Measured (bench:daily, docs/deploy.md §11):
 * a reminder over a connection of its own took about half a second with a remote mail server, so on a day all 2,500
 * implementers are late the reminders alone needed 20 minutes and the function was cut before the closes and the
 * cleanup began; three at once over connections kept open for the run, about 155 s.
 */
const REMINDERS_FOR_MS = 150_000;
/** The closes stop a minute before the limit (month-closes.ts keepMonthCloses); the cleanup of old checks takes the rest. */
const CLOSES_FOR_MS = DAILY_TIMEOUT_SECONDS * 1000 - 60_000;

/** The cloud's deadlines for a run begun at `started` (ms since the epoch). */
export const cloudDeadlines = (started: number): DailyDeadlines => ({ reminders: started + REMINDERS_FOR_MS, closes: started + CLOSES_FOR_MS });

export interface DailyOutcome {
  /** Publishers reminded; undefined without mail, or when the reminders failed. */
  reminded?: number;
  /** Late publishers whose reminder the mail server refused or never answered (reminded again when the round comes back). */
  unsent?: number;
  /** Every late publisher was looked at (false: the deadline came first). */
  remindersDone: boolean;
  closes?: KeptCloses;
  checksRemoved?: number;
  /** How long each part took, ms. */
  ms: Record<DailyPart, number>;
  /** The first failure, already logged. */
  failed?: unknown;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function runDailyJob(deps: DailyJobDeps, deadlines: DailyDeadlines = {}): Promise<DailyOutcome> {
  const now = deps.now ?? (() => new Date());
  const out: DailyOutcome = { remindersDone: true, ms: { reminders: 0, closes: 0, checks: 0 } };
  let part: DailyPart | undefined;
  let began = 0;
  const begin = (next?: DailyPart) => {
    if (part) out.ms[part] = Date.now() - began;
    part = next;
    began = Date.now();
    if (next) deps.onPart?.(next);
  };
  const fail = (what: string, e: unknown) => {
    deps.log(`${what}: ${message(e)}`);
    out.failed ??= e;
  };
  if (deps.mail) {
    begin('reminders');
    // The reminders go a few at once through connections kept open for this run (notifications.ts MAIL_CONNECTIONS),
    // not one new connection each; closed when the last has settled, so none stays open after the run (Cloud Run
    // instance, self-hosted server between its daily runs).
    let pool: PooledOutbox | undefined;
    try {
      pool = deps.mail.outbox.pooled?.();
      const r = await remindLatePublishers(pool ? { ...deps.mail, outbox: pool } : deps.mail, deadlines.reminders, MAIL_CONNECTIONS);
      out.reminded = r.reminded.length;
      out.unsent = r.unsent.length;
      out.remindersDone = r.done;
      // Said whenever some did not go (each is in its publisher's log as notification.failed): a mail server refusing
      // them all read as a quiet day.
      if (r.unsent.length) deps.log(`Recordatorios: el servidor de correo no aceptó ${r.unsent.length === 1 ? 'el de 1 implementador' : `los de ${formatCount(r.unsent.length, 'implementador', 'implementadores')}`} (${r.unsent.slice(0, 5).join(', ')}${r.unsent.length > 5 ? '…' : ''}); se intentan de nuevo en la siguiente vuelta.`);
      if (!r.done) deps.log(`Recordatorios: ${formatCount(r.reminded.length, 'enviado', 'enviados')}; los implementadores atrasados que faltan, en la siguiente ejecución.`);
    } catch (e) {
      fail('no se pudieron enviar los recordatorios', e);
    } finally {
      pool?.close();
    }
  }
  begin('closes');
  try {
    out.closes = await keepMonthCloses(deps.store, now(), deadlines.closes);
    if (!out.closes.done) deps.log(`Cierres de mes del informe mensual: ${formatCount(out.closes.publishers, 'implementador', 'implementadores')} al día hasta ${out.closes.month}; los demás, en la siguiente ejecución.`);
  } catch (e) {
    fail('no se pudieron guardar los cierres de mes del informe mensual', e);
  }
  // The few large sends of a day leave few; what a failure leaves, the next day removes.
  begin('checks');
  try {
    out.checksRemoved = await forgetOldSendChecks(deps.store, now());
  } catch (e) {
    fail('no se pudieron borrar las revisiones de envíos antiguas', e);
  }
  begin();
  return out;
}
