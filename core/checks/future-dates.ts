/**
 * Dates of things that already happened cannot lie in the future: award decisions, contract signatures,
 * transactions (payments), milestones met, amendments, documents published, project completion
 * (OCDS 1.1 field definitions: "the date the contract was signed", "the date of the transaction", …).
 * One day of slack absorbs time-zone differences. `date.future` (error).
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

export const futureDates: ValueCheck = {
  on: 'string',
  fields: (field) => PAST_EVENTS.has(field),
  visitor: ({ now, report }) => (value, p, field) => {
    if (typeof value !== 'string' || !PAST_EVENTS.has(field) || !ISO_DATE.test(value)) return;
    const t = parseTime(value);
    if (!Number.isNaN(t) && t > now + DAY) report('date.future', 'error', p(), { value });
  },
};
