/**
 * How much of several publishers' data the API serves in one answer, and the dashboard loads at once. Above these
 * budgets the dashboard loads one state, or one implementer, at a time (dashboard/src/data/scope.ts) and the API
 * refuses an answer spanning several publishers, saying how to narrow it — so that no request, from the dashboard
 * or anyone else, makes the function build a national answer of ~100 MB in its memory, reading every publication,
 * after each of thousands of publications (docs/deploy.md §11).
 */

/**
 * Rows (projects + processes) of the slim index (core/stats/publication-index.ts): about 275 KB per 1,000 processes
 * and 500 projects, so ~9 MB (~1.2 MB gzipped) at the budget. Served by api/index-routes.ts.
 */
export const INDEX_MAX_ROWS = 50_000;

/**
 * Publishers in one `/api/stats` answer: the function reads each one's stored figures (about 70 KB: a share per field
 * of the template, with its title) and answers about 3.5 KB of numbers per publisher, the titles sent once
 * (stats-answer.ts): ≈ 21 MB read and ≈ 1 MB answered at the budget; *Calidad de datos* shows one column per publisher.
 */
export const STATS_MAX_PUBLISHERS = 300;

/** The projects and processes (records) that current publications hold, as their counts say. */
export function countedRows(counts: readonly ({ records: number; projects: number } | null | undefined)[]): number {
  let n = 0;
  for (const c of counts) if (c) n += c.records + c.projects;
  return n;
}
