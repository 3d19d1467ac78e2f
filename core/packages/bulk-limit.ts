/**
 * The bulk files of all publishers together (`/api/bulk/…` without `?publisher=`) read and write every published
 * release, record and project: writing those of 100,000 releases took 212 s on the 2-core bench machine. In the
 * cloud the publication task builds them after each publication (its limit is 540 s; functions/src/index.ts), since a
 * download through Firebase Hosting ends at 60 s (docs/deploy.md §3); self-hosted, and wherever they are missing,
 * the first download that asks for them builds them inside its request. Above this many documents in all they are
 * not offered — each publisher's own files are — so no publication reads a national database. The dashboard's
 * *Descargas y API* page says the same from the counts of `/api/publishers`.
 */
export const ALL_PUBLISHERS_BULK_MAX_DOCUMENTS = 100_000;

/** Releases, records and projects of the current publications, as `/api/publishers` counts them. */
export function bulkDocuments(counts: readonly ({ releases: number; records: number; projects: number } | undefined | null)[]): number {
  let n = 0;
  for (const c of counts) if (c) n += c.releases + c.records + c.projects;
  return n;
}
