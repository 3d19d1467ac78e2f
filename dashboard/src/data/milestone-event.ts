/**
 * A milestone as the timelines tell it (a project's, a process's contracts'): its title and status, on the day it was
 * met or, until then, is due. The status goes with it because a date alone reads as done: Mérida's «Terminación de los
 * trabajos», only «Programado» for 12/09/2025, read on the process's timeline as the work finished that day.
 * Without a status, a date met says it was met (`dateMet` is only ever the day it was); a due date alone, that it is
 * the date planned.
 */
import { milestoneStatusTitle } from '../labels';
import { str } from './read';
import type { Json } from './types';

export function milestoneEvent(m: Json | undefined): { date: string | undefined; what: string } {
  const met = str(m?.dateMet);
  const status = str(m?.status) ?? (met ? 'met' : undefined);
  return { date: met ?? str(m?.dueDate), what: `${str(m?.title) ?? str(m?.id) ?? 'Hito'} (${status ? milestoneStatusTitle(status) : 'fecha prevista'})` };
}
