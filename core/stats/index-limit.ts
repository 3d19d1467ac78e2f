/**
 * The slim index (core/stats/publication-index.ts) is what the dashboard holds in the browser: about 275 KB per
 * 1,000 processes and 500 projects (docs/deploy.md §11). Up to this many rows (projects + processes) it is loaded
 * and served whole; above it the dashboard loads one state, or one implementer, at a time
 * (dashboard/src/data/scope.ts), and the API answers an index of several implementers only up to it
 * (api/index-routes.ts) — so that no request, from the dashboard or anyone else, builds a national index of
 * ~100 MB in the function's memory, reading every publication's index, after each of thousands of publications.
 */
export const INDEX_MAX_ROWS = 50_000;

/** The projects and processes (records) that current publications hold, as their counts say. */
export function countedRows(counts: readonly ({ records: number; projects: number } | null | undefined)[]): number {
  let n = 0;
  for (const c of counts) if (c) n += c.records + c.projects;
  return n;
}
