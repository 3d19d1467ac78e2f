/**
 * What of a derived process summary (deriveProjectSummaries) the official typed and publication keeps: the rows of the
 * project's sheets «Modificaciones», «Avance del proceso», «Pagos del proceso» and «Proveedores del proceso» that the
 * process's releases do not give, a typed `nature` (which always wins), and a field of «Procesos del proyecto» the
 * releases do not carry (a «Valor final» before the releases close the contracts). The rest of a derived summary is
 * the process's, changed by its releases and not by the project's sheets.
 *
 * Whether the workbook changed a project (publication's «proyectos con cambios», the coordinator's preview) was judged
 * with each derived summary set aside, so a «Modificaciones» row added, edited or removed for a process published here —
 * published in the project, OC4IDS 0.9.5 `contractingProcesses/summary/modifications` — left the project «sin cambios».
 * Compared with its summary, every project whose process had a new release counted as changed. So both sides are
 * compared against the summary the releases give now: a row they give (same `id`) is the process's and is left out, as
 * is the variation publication makes of an amendment (summary-from-release.ts: `{amendment}-value`, `-duration`,
 * `-scope`), and so is a field they carry. Not seen: a row typed with an amendment's id (its type and values stated over
 * those the releases tell), and a typed `tender.datePublished` (the releases' dates give it at publication, and the
 * preview has no release dates). A row or field an earlier release gave and the latest no longer does (a supplier
 * whose award was cancelled) reads as the official's, removed.
 */
import { isObject, type JsonObject } from '../json/json-values';
import { objects } from './json-access';

/** The summary's lists a project's sheets give rows of, each matched by `id` with those the releases give. */
const ROW_LISTS = ['modifications', 'milestones', 'transactions', 'suppliers'] as const;
/** A variation publication makes of an amendment that changed more than one thing (summary-from-release.ts). */
const VARIATION = /-(value|duration|scope)$/;

const rowId = (row: JsonObject): string | undefined => (typeof row.id === 'string' ? row.id : typeof row.id === 'number' ? String(row.id) : undefined);

/** `summary`'s typed rows, nature and fields, against `derived`, the summary the process's releases give (summaryFromRelease). */
function typedRows(summary: unknown, derived: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (!isObject(summary)) return out;
  for (const [key, value] of Object.entries(summary)) {
    if ((ROW_LISTS as readonly string[]).includes(key)) {
      // A modification is the releases' when it is one of their amendments or a variation of one.
      const sameAs = (id: string): string => (key === 'modifications' ? id.replace(VARIATION, '') : id);
      const given = new Set(objects(derived[key]).map(rowId).filter((id): id is string => id !== undefined).map(sameAs));
      const rows = objects(value).filter((row) => {
        const id = rowId(row);
        return id === undefined || !given.has(sameAs(id));
      });
      if (rows.length) out[key] = rows;
    } else if (key === 'tender' && isObject(value)) {
      const given = isObject(derived.tender) ? derived.tender : {};
      const typed = Object.fromEntries(Object.entries(value).filter(([field]) => field !== 'datePublished' && given[field] === undefined));
      if (Object.keys(typed).length) out.tender = typed;
    } else if (key === 'nature' || derived[key] === undefined) out[key] = value;
  }
  return out;
}

/**
 * A project for telling whether the workbook changed it: each linked process whose summary publication derived
 * (`derived`, by the process's `id`) with only its typed rows (typedRows), and no release links (publication's).
 */
export function withTypedRows(project: JsonObject, derived: ReadonlyMap<string, JsonObject>): JsonObject {
  const links = project.contractingProcesses;
  if (!Array.isArray(links) || derived.size === 0) return project;
  return {
    ...project,
    contractingProcesses: links.map((link: unknown) => {
      const made = isObject(link) && typeof link.id === 'string' ? derived.get(link.id) : undefined;
      if (!made || !isObject(link)) return link;
      const { summary, releases, ...rest } = link;
      const rows = typedRows(summary, made);
      return Object.keys(rows).length ? { ...rest, summary: rows } : rest;
    }),
  };
}
