/**
 * Which bulk packages a publication has. The official package schemas (OCDS 1.1.5 release and record packages,
 * OC4IDS 0.9.5 project package) require at least one release, record or project: a publisher that published only
 * contracting processes got a `projects.json` with an empty list, invalid, downloaded as "the data". A bulk file of
 * nothing is not written, not offered, and asked for answers 404 saying what the institution has not published; an
 * API listing of nothing (`/api/oc4ids/projects?publisher=…`) answers the same 404. Shared by the files
 * (publication/bulk-files.ts), their route, the API's listings and the dashboard's *Descargas y API*, all from the
 * counts of the current publications.
 */
export type BulkKind = 'releases' | 'records' | 'projects';

export interface DocumentCounts { releases: number; records: number; projects: number }

/** Documents of `kind` in these publications (a missing publication counts none). */
export function publishedCount(kind: BulkKind, counts: readonly (DocumentCounts | null | undefined)[]): number {
  let n = 0;
  for (const c of counts) if (c) n += c[kind];
  return n;
}

/** What a kind of file holds, as the 404 says it has not been published. */
const WHAT: Record<BulkKind, string> = {
  projects: 'proyectos (EDCAPI)',
  releases: 'procesos de contratación (EDCA-MX)',
  records: 'procesos de contratación (EDCA-MX)',
};

/** «X no ha publicado proyectos (EDCAPI)», or «Ningún implementador ha publicado …» when `publisherName` is undefined. */
function notPublished(kind: BulkKind, publisherName: string | undefined): string {
  return `${publisherName === undefined ? 'Ningún implementador ha publicado' : `${publisherName} no ha publicado`} ${WHAT[kind]}`;
}

/**
 * The 404 for a package file of nothing: `publisherName` for one institution's files, undefined for those of every
 * implementer together.
 */
export function unpublishedBulkMessage(kind: BulkKind, file: string, publisherName: string | undefined): string {
  return `${notPublished(kind, publisherName)}: no hay archivo «${file}». Los paquetes del estándar deben traer al menos un documento.`;
}

/** The 404 for the workbook of publications with no document at all (a publisher registered, not yet published). */
export function unpublishedWorkbookMessage(file: string, publisherName: string | undefined): string {
  return `${publisherName === undefined ? 'Ningún implementador ha publicado' : `${publisherName} no ha publicado`} proyectos ni procesos de contratación: no hay archivo «${file}».`;
}

/**
 * The 404 of an API listing with nothing to list (api/current-publications.ts): `publisherName` for one
 * institution's, undefined for every implementer's together.
 */
export function unpublishedPackageMessage(kind: BulkKind, publisherName: string | undefined): string {
  return `${notPublished(kind, publisherName)}: no hay paquete que entregar, porque los del estándar traen al menos un documento. Lo que ha publicado cada implementador está en /api/publishers.`;
}
