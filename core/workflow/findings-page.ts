/**
 * Every finding of a send, a page at a time, chosen by severity and by sheet: what the review page lists and the CSV
 * a coordinator attaches to a returning comment. A send kept only its first 50 (findings-summary.ts SAMPLE_SIZE), and
 * a send of 400 processes with 720 findings read «Se muestran los primeros 50 de 720» and sent the coordinator to
 * validate a workbook they do not have: they could not see most of what they were asked to judge, nor cite its rows.
 * Pure: no I/O (the list is read by the caller: functions/src/workflow/send-findings.ts).
 */
import type { Severity } from '../findings/finding';
import { formatList } from '../format/es-mx';

/** Findings a page lists unless asked otherwise; a page lists at most MAX_FINDINGS_PAGE (the CSV reads by those). */
export const FINDINGS_PAGE_SIZE = 100;
export const MAX_FINDINGS_PAGE = 1000;

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** What each value of `?severity=` chooses, in the words the review page uses for it. */
const SEVERITY_CHOICES: Record<Severity, string> = { error: 'los errores', warning: 'las advertencias', info: 'los avisos' };

/**
 * The 400 for a `?severity=` that is none of them: each value with what it chooses. It listed `error, warning, info`,
 * English words a Spanish reader (a coordinator who edits a link to share) had to guess.
 */
export function severityChoiceText(given: string): string {
  const choices = SEVERITIES.map((s) => `«${s}» (${SEVERITY_CHOICES[s]})`);
  return `El parámetro «severity» elige la gravedad de los hallazgos: ${formatList(choices, 'o')}; sin él, todos (se recibió «${given}»).`;
}

export interface FindingsFilter { severity?: Severity; sheet?: string }

/** A sheet with findings and how many it has (of the severity chosen, if one is), in the order its first one comes. */
export interface SheetCount { sheet: string; count: number }

export interface FindingsPage<T> {
  /** Findings that match the filter, all pages together. */
  matching: number;
  /** 1-based; `pages` is at least 1 (an empty list is one empty page). */
  page: number;
  pages: number;
  pageSize: number;
  items: T[];
  sheets: SheetCount[];
}

/** Findings about the whole workbook have no sheet: chosen with the empty name. */
const sheetOf = (f: { cell?: { sheet: string } }): string => f.cell?.sheet ?? '';

/**
 * Page `page` (1-based; past the last, the last) of the findings that match `filter`, in the order given. The sheets
 * are counted with the severity filter only, so the sheet list keeps offering every sheet while one is chosen.
 */
export function findingsPage<T extends { severity: Severity; cell?: { sheet: string } }>(all: readonly T[], filter: FindingsFilter, page: number, pageSize = FINDINGS_PAGE_SIZE): FindingsPage<T> {
  const size = Math.min(Math.max(1, Math.floor(pageSize)), MAX_FINDINGS_PAGE);
  const bySeverity = filter.severity ? all.filter((f) => f.severity === filter.severity) : all;
  const sheets = new Map<string, number>();
  for (const f of bySeverity) sheets.set(sheetOf(f), (sheets.get(sheetOf(f)) ?? 0) + 1);
  const matching = filter.sheet === undefined ? bySeverity : bySeverity.filter((f) => sheetOf(f) === filter.sheet);
  const pages = Math.max(1, Math.ceil(matching.length / size));
  const shown = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return {
    matching: matching.length, page: shown, pages, pageSize: size,
    items: matching.slice((shown - 1) * size, shown * size),
    sheets: [...sheets].map(([sheet, count]) => ({ sheet, count })),
  };
}
