/**
 * The bulk files of all publishers together (`/api/bulk/…` without `?publisher=`) are built inside one API request,
 * the first after any publisher publishes: they read and write every published release, record and project. The
 * `api` function has 300 s and 1 GiB (docs/deploy.md §5); writing the files of 100,000 releases took 212 s on the
 * 2-core bench machine. Above this many documents in all they are not offered — each publisher's own files are
 * (built at its publication) — so one request can neither run out of time nor read a national database on every
 * publication. The dashboard's *Descargas y API* page says the same from the counts of `/api/publishers`.
 */
export const ALL_PUBLISHERS_BULK_MAX_DOCUMENTS = 100_000;

/** Releases, records and projects of the current publications, as `/api/publishers` counts them. */
export function bulkDocuments(counts: readonly ({ releases: number; records: number; projects: number } | undefined | null)[]): number {
  let n = 0;
  for (const c of counts) if (c) n += c.releases + c.records + c.projects;
  return n;
}
