/**
 * OCDS merging processes releases in date order ("Merging": "sort the releases by date"); the sort is stable,
 * so releases with the same date keep the order given. A release without a date sorts first (the schema
 * requires `date`; validation reports it, merging does not throw).
 */
export type Release = Record<string, unknown>;

/**
 * The compiled release's id: `{ocid}-{date of the last release}` (as the worked examples and ocds-merge write it),
 * or the ocid alone when that release has no date — not `{ocid}-undefined`.
 */
export function compiledReleaseId(last: Release): string {
  return last.date === undefined || last.date === null ? String(last.ocid) : `${String(last.ocid)}-${String(last.date)}`;
}

export function sortReleases<R extends Release>(releases: readonly R[]): R[] {
  const date = (r: Release): string => (typeof r.date === 'string' ? r.date : '');
  return releases.map((r, i) => ({ r, i })).sort((a, b) => {
    const x = date(a.r);
    const y = date(b.r);
    return x < y ? -1 : x > y ? 1 : a.i - b.i;
  }).map(({ r }) => r);
}
