/**
 * What of a derived process summary (deriveProjectSummaries) the official typed and publication keeps: the rows of the
 * project's sheets «Modificaciones», «Avance del proceso», «Pagos del proceso» and «Proveedores del proceso» that the
 * process's releases do not give, and a typed `nature` (which always wins). The rest of a derived summary is the
 * process's, changed by its releases and not by the project's sheets.
 *
 * Whether the workbook changed a project (publication's «proyectos con cambios», the coordinator's preview) was judged
 * with each derived summary set aside, so a «Modificaciones» row added, edited or removed for a process published here —
 * published in the project, OC4IDS 0.9.5 `contractingProcesses/summary/modifications` — left the project «sin cambios».
 * Compared with its summary, every project whose process had a new release counted as changed. These rows are what the
 * sheets put in a derived summary: compared on both sides against the summary derived now, a row the releases give
 * (same `id`) is the process's and is left out, as is the variation publication makes of an amendment
 * (summary-from-release.ts: `{amendment}-value`, `-duration`, `-scope`). Not seen: a row typed with an amendment's id
 * (its type and values stated over those the releases tell), and a scalar of «Procesos del proyecto» that the releases
 * do not carry (typed, it is published).
 */
import { isObject, type JsonObject } from '../json/json-values';
import { objects } from './json-access';

/** The summary's lists a project's sheets give rows of, each matched by `id` with those the releases give. */
const ROW_LISTS = ['modifications', 'milestones', 'transactions', 'suppliers'] as const;
/** A variation publication makes of an amendment that changed more than one thing (summary-from-release.ts). */
const VARIATION = /-(value|duration|scope)$/;

const rowId = (row: JsonObject): string | undefined => (typeof row.id === 'string' ? row.id : typeof row.id === 'number' ? String(row.id) : undefined);

/** `summary`'s typed rows and nature, against `derived`, the summary the process's releases give (summaryFromRelease). */
export function typedRows(summary: unknown, derived: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (!isObject(summary)) return out;
  if (summary.nature !== undefined) out.nature = summary.nature;
  for (const list of ROW_LISTS) {
    const given = new Set(objects(derived[list]).map(rowId).filter((id): id is string => id !== undefined).map((id) => (list === 'modifications' ? id.replace(VARIATION, '') : id)));
    const rows = objects(summary[list]).filter((row) => {
      const id = rowId(row);
      return id === undefined || !given.has(list === 'modifications' ? id.replace(VARIATION, '') : id);
    });
    if (rows.length) out[list] = rows;
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
