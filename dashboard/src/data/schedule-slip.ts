/**
 * How late a project is against its own plan, in days: what a reporter asks first of a public work. The page showed
 * the planned period and the end date side by side and left the subtraction to the reader; a work still «en ejecución»
 * a year after its planned end read like any other. Counted in calendar days between the dates as published
 * (calendarDate: the day written in each, in its publisher's offset), so a date-time's hour never shifts a day.
 */
import { calendarDate, formatCount, formatDate } from '../../../core/format/es-mx';
import { today } from './today';

export type ScheduleSlip =
  /** Ended: `days` after its planned end (negative: before it). */
  | { kind: 'ended'; days: number }
  /** Not ended, its planned end already past by `days` (no end date published). */
  | { kind: 'overdue'; days: number };

/** Statuses of a work not yet ended (OC4IDS projectStatus): only these can be overdue. */
const UNDER_WAY = new Set(['identification', 'preparation', 'implementation']);

const dayNumber = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

/**
 * `plannedEnd`: `period.endDate`; `actualEnd`: `completion.endDate`; `today`: aaaa-mm-dd in Mexico City
 * (mexicoCityDay). Undefined when the plan has no end date, or when nothing can be said (a cancelled work, one
 * concluded without its end date, one whose planned end is still to come).
 */
export function scheduleSlip(status: string | undefined, plannedEnd: string | undefined, actualEnd: string | undefined, today: string): ScheduleSlip | undefined {
  const planned = calendarDate(plannedEnd);
  if (!planned) return undefined;
  const ended = calendarDate(actualEnd);
  if (ended) return { kind: 'ended', days: dayNumber(ended) - dayNumber(planned) };
  if (!UNDER_WAY.has(status ?? '')) return undefined;
  const days = dayNumber(today) - dayNumber(planned);
  return days > 0 ? { kind: 'overdue', days } : undefined;
}

const days = (n: number): string => formatCount(n, 'día', 'días');

/** A contract as the process page reads it: its status, term and implementation status (OCDS). */
export interface ContractTerm { status?: string; endDate?: string; implementationStatus?: string }

/**
 * How long a contract still being carried out is past the end of its term (`period.endDate`, as amended by its
 * convenios): the process page said «En ejecución» beside a term ended a year before, and only the project's page
 * said the work was late. Overdue only: OCDS publishes no day a contract's works ended. Nothing for a contract not in
 * force (pending, cancelled, terminated) or whose implementation concluded.
 */
export function contractSlip(k: ContractTerm, today: string): (ScheduleSlip & { kind: 'overdue' }) | undefined {
  if (['pending', 'cancelled', 'terminated'].includes(k.status ?? '') || k.implementationStatus === 'concluded') return undefined;
  const end = calendarDate(k.endDate);
  if (!end) return undefined;
  const late = dayNumber(today) - dayNumber(end);
  return late > 0 ? { kind: 'overdue', days: late } : undefined;
}

/** A contract's slip in words, after its implementation status: «Su vigencia terminó el 15/12/2025, hace 357 días…». */
export function contractSlipText(slip: { days: number }, endDate: string): string {
  return `Su vigencia terminó el ${formatDate(endDate)}, hace ${days(slip.days)}, y no se ha publicado su conclusión`;
}

/** The slip of a project of the index (its status, planned end and end date) as of today. */
export const projectSlip = (r: { status: string; end?: string; ended?: string }): ScheduleSlip | undefined => scheduleSlip(r.status, r.end, r.ended, today());

/** The slip in a table's cell: «91 días de retraso», «A tiempo», «10 días antes», «Vencido hace 433 días». */
export function scheduleSlipShort(slip: ScheduleSlip | undefined): string | undefined {
  if (!slip) return undefined;
  if (slip.kind === 'overdue') return `Vencido hace ${days(slip.days)}`;
  if (slip.days === 0) return 'A tiempo';
  return slip.days > 0 ? `${days(slip.days)} de retraso` : `${days(-slip.days)} antes`;
}

/** The slip in words: «Terminó 92 días después de lo previsto», «Sin terminar: su término previsto pasó hace 433 días». */
export function scheduleSlipText(slip: ScheduleSlip): string {
  if (slip.kind === 'overdue') return `Sin terminar: su término previsto pasó hace ${days(slip.days)} (no se ha publicado su fecha de terminación)`;
  if (slip.days === 0) return 'Terminó en la fecha prevista';
  return slip.days > 0 ? `Terminó ${days(slip.days)} después de lo previsto` : `Terminó ${days(-slip.days)} antes de lo previsto`;
}

/**
 * What Contratación's Ejecución says of a contract: its implementation status (`said`, in words), and when it is still
 * carried out past its term, since when and how long. Without an implementation status published, «Sin dato. Su
 * vigencia…» read as if the term were the unknown: it says which status is missing.
 */
export function contractTermFact(k: ContractTerm, said: string, today: string): string {
  const slip = contractSlip(k, today);
  if (!slip || !k.endDate) return said;
  return `${k.implementationStatus ? said : 'Sin estado de ejecución publicado'}. ${contractSlipText(slip, k.endDate)}.`;
}
