/**
 * The calendar of a contracting process, derived from its planning date and method so that every example keeps
 * the order the law and OCDS expect: planning → tender period → award → signature → works → payments.
 */
import { addDays } from './local-date';
import type { Method, ProcessSpec } from './types';

/** Cut-off date of the example data: events after it have not happened yet (planned dates may lie beyond it). */
export const CUT_OFF = '2025-06-30';

interface Pace { enquiryDays?: number; clarificationDay?: number; tenderDays: number; awardDay: number }

/** Days after the tender opens; a licitación pública gives bidders at least three weeks. */
const PACE: Record<Method, Pace> = {
  'Licitación pública': { enquiryDays: 7, clarificationDay: 8, tenderDays: 21, awardDay: 31 },
  'Invitación a cuando menos tres personas': { enquiryDays: 4, clarificationDay: 5, tenderDays: 12, awardDay: 19 },
  'Adjudicación directa': { tenderDays: 5, awardDay: 8 },
};

export interface Timeline {
  planning: string;
  tenderStart: string;
  enquiryEnd?: string;
  clarification?: string;
  tenderEnd: string;
  award: string;
  signed: string;
  contractStart: string;
  /** End in the signed contract. */
  originalEnd: string;
  /** End after any amendment. */
  contractEnd: string;
  cancelled?: string;
}

export function timeline(p: ProcessSpec): Timeline {
  const pace = PACE[p.method];
  const tenderStart = addDays(p.planningDate, 30);
  const award = addDays(tenderStart, pace.awardDay);
  const signed = addDays(award, 5);
  const contractStart = addDays(signed, 3);
  const originalEnd = addDays(contractStart, p.durationDays);
  return {
    planning: p.planningDate,
    tenderStart,
    enquiryEnd: pace.enquiryDays === undefined ? undefined : addDays(tenderStart, pace.enquiryDays),
    clarification: pace.clarificationDay === undefined ? undefined : addDays(tenderStart, pace.clarificationDay),
    tenderEnd: addDays(tenderStart, pace.tenderDays),
    award,
    signed,
    contractStart,
    originalEnd,
    contractEnd: p.amendment ? addDays(originalEnd, p.amendment.extraDays) : originalEnd,
    cancelled: p.stage === 'cancelled' ? addDays(tenderStart, 10) : undefined,
  };
}

export const STAGE_ORDER = ['planning', 'tender', 'award', 'contract', 'implementation'] as const;

/** True when the process has reached `stage` (concluded reaches implementation; cancelled stops at tender). */
export function reached(p: ProcessSpec, stage: (typeof STAGE_ORDER)[number]): boolean {
  const current = p.stage === 'concluded' ? 'implementation' : p.stage === 'cancelled' ? 'tender' : p.stage;
  return STAGE_ORDER.indexOf(current) >= STAGE_ORDER.indexOf(stage);
}
