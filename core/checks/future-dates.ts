/**
 * Dates of things that already happened cannot lie in the future: award decisions, contract signatures,
 * transactions (payments), milestones met, amendments, documents published, project completion
 * (OCDS 1.1 field definitions: "the date the contract was signed", "the date of the transaction", …).
 * `date.future` (error). A date with its offset (as every date read from a workbook has the publisher's) is judged by
 * its calendar day against today at that offset: «01/01/2025» typed in Tijuana at 23:30 of 31/12/2024 is tomorrow
 * there, and a day of slack for every date had let any signature dated tomorrow pass. A date without offset keeps
 * the day of slack (its zone is not known).
 */
import { ISO_DATE, parseTime } from './json';
import type { ValueCheck } from './types';

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

/** The calendar day (aaaa-mm-dd) at an instant on a clock `offset` from UTC. */
function dayAtOffset(now: number, offset: RegExpExecArray): string {
  const minutes = offset[1] === undefined ? 0 : (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
  return new Date(now + minutes * 60_000).toISOString().slice(0, 10);
}

export const futureDates: ValueCheck = {
  on: 'string',
  fields: (field) => PAST_EVENTS.has(field),
  visitor: ({ now, report }) => (value, p, field) => {
    if (typeof value !== 'string' || !PAST_EVENTS.has(field) || !ISO_DATE.test(value)) return;
    const t = parseTime(value);
    if (Number.isNaN(t)) return;
    const offset = OFFSET.exec(value);
    const future = offset ? value.slice(0, 10) > dayAtOffset(now, offset) : t > now + DAY;
    if (future) report('date.future', 'error', p(), { value });
  },
};
