/**
 * Dates of things that already happened cannot lie in the future: award decisions, contract signatures,
 * transactions (payments), milestones met, amendments, documents published, project completion
 * (OCDS 1.1 field definitions: "the date the contract was signed", "the date of the transaction", …).
 * `date.future` (error).
 *
 * Judged by calendar day, never by instant: a contract signed today is dated today whatever hour it is typed with
 * («06/12/2026 18:00» typed at 10:00 is today, not the future), and a day after today is the future whatever hour
 * (a day of slack let any signature dated tomorrow pass).
 * - A workbook's dates (its Configuración sheet gives `timeZone`): the day a date falls on in that zone against today
 *   in that zone — the official's own calendar, wherever the server runs. Judged at the date's own offset instead,
 *   a date of a border zone's clock change was refused: at 00:30 of 01/11/2026 in Tijuana (still −07:00), a contract
 *   signed «01/11/2026 10:00» (−08:00 by then) was in the future, for at −08:00 it was still 31/10/2026. A date
 *   written at another zone's offset («…T00:00:00Z» typed as text) is judged by the day its instant falls on in the
 *   workbook's zone: an instant already past can never be refused so.
 * - A package without a workbook (validate paquete.json): its zone is not known; a date with its offset is judged by
 *   its calendar day against today at that offset (an instant already past is never refused either), and a date
 *   without offset keeps a day of slack.
 */
import { ISO_DATE, parseTime } from './json';
import type { ValueCheck } from './types';
import { isKnownTimeZone, wallClock } from '../unflatten/time-zone';

/** Unindexed field paths of past events, per standard. */
const PAST_EVENTS = new Set([
  'awards/date', 'contracts/dateSigned', 'contracts/implementation/transactions/date', 'tender/amendments/date',
  'awards/amendments/date', 'contracts/amendments/date', 'contracts/implementation/milestones/dateMet',
  'tender/milestones/dateMet', 'planning/milestones/dateMet', 'contracts/milestones/dateMet',
  'planning/documents/datePublished', 'tender/documents/datePublished', 'awards/documents/datePublished',
  'contracts/documents/datePublished', 'contracts/implementation/documents/datePublished',
  'planning/requestsForQuotes/quotes/date', 'contracts/guarantees/date',
  'completion/endDate', 'documents/datePublished', 'transactions/date', 'milestones/dateMet',
  'contractingProcesses/summary/dateSigned',
]);
const DAY = 24 * 60 * 60 * 1000;
/** The offset a date-time ends with: `Z`, or its sign, hours and minutes. */
const OFFSET = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;

/** The calendar day (aaaa-mm-dd) of epoch milliseconds read as a clock in UTC. */
function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The calendar day (aaaa-mm-dd) at an instant on a clock `offset` from UTC. */
function dayAtOffset(now: number, offset: RegExpExecArray): string {
  const minutes = offset[1] === undefined ? 0 : (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
  return dayOf(now + minutes * 60_000);
}

export const futureDates: ValueCheck = {
  on: 'string',
  fields: (field) => PAST_EVENTS.has(field),
  visitor: ({ now, settings, report }) => {
    const zone = settings.timeZone !== undefined && isKnownTimeZone(settings.timeZone) ? settings.timeZone : undefined;
    // Today on the workbook's calendar, and as a finding says it (the official may find the zone itself wrong).
    const today = zone === undefined ? undefined : dayOf(wallClock(now, zone) as number);
    const said: Record<string, string> = zone === undefined || today === undefined ? {} : { today, timeZone: zone };
    // Whether a date is in the future depends on its text alone (`now` and the zone hold for the run): each text is
    // judged once. A workbook repeats its dates (every payment of a month, each process's contract signature), and
    // finding the zone's wall clock for each again was a tenth of checking 1,000 processes (bench:publish profile).
    const judged = new Map<string, boolean>();
    const isFuture = (value: string): boolean => {
      const t = parseTime(value);
      if (Number.isNaN(t)) return false;
      const offset = OFFSET.exec(value);
      if (zone !== undefined && today !== undefined) return (offset ? dayOf(wallClock(t, zone) as number) : value.slice(0, 10)) > today;
      return offset ? value.slice(0, 10) > dayAtOffset(now, offset) : t > now + DAY;
    };
    return (value, p, field) => {
      if (typeof value !== 'string' || !PAST_EVENTS.has(field) || !ISO_DATE.test(value)) return;
      let future = judged.get(value);
      if (future === undefined) judged.set(value, (future = isFuture(value)));
      if (future) report('date.future', 'error', p(), { value, ...said });
    };
  },
};
