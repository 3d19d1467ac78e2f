/**
 * What of a derived process summary (deriveProjectSummaries) the official typed and publication keeps: the rows of the
 * project's sheets «Modificaciones», «Avance del proceso», «Pagos del proceso» and «Proveedores del proceso» that the
 * process's releases do not give, of a row they do give (same `id`) the fields they do not carry, a typed `nature`
 * (which always wins), and a field of «Procesos del proyecto» the releases do not carry (a «Valor final» before the
 * releases close the contracts). The rest of a derived summary is the process's, changed by its releases and not by
 * the project's sheets.
 *
 * Whether the workbook changed a project (publication's «proyectos con cambios», the coordinator's preview,
 * core/workflow/change-preview.ts projectEdits) compares what the official typed, each side against the summary the
 * releases gave *then*: the new send against the summary its approval derives, the published project against the one
 * derived when it was published — kept with that publication (`typedPart`, in its stored index) because it
 * cannot be told afterwards. Compared against the summary the releases give now, a row an earlier release gave and
 * the latest no longer does (the supplier of an award since cancelled) read as the official's, removed: the project
 * «changed» with nobody touching it. And a row typed with an amendment's own id (its type and values stated over those
 * the releases tell, summary-from-release.ts) is the releases' row with the official's fields over it: set aside
 * whole, typing it, changing its type or taking it out again published a different project counted as unchanged.
 */
import { isObject, type JsonObject } from '../json/json-values';
import { objects } from './json-access';

/** The summary's lists a project's sheets give rows of, each matched by `id` with those the releases give. */
export const ROW_LISTS = ['modifications', 'milestones', 'transactions', 'suppliers'] as const;
export type RowList = (typeof ROW_LISTS)[number];
/** A variation publication makes of an amendment that changed more than one thing (summary-from-release.ts). */
const VARIATION = /-(value|duration|scope)$/;

/** A row's id as publication matches a typed row with the releases' (a string, or a number as its digits). */
export const rowId = (row: JsonObject): string | undefined => (typeof row.id === 'string' ? row.id : typeof row.id === 'number' ? String(row.id) : undefined);

/**
 * What of `typed` stays over `given` when the derived summary is laid over it (core/merge/overlay: the releases' value
 * wins for every field they carry, objects merged field by field): the typed fields they do not carry. Undefined: none.
 */
function uncarried(typed: unknown, given: unknown): unknown {
  if (given === undefined) return typed;
  if (!isObject(typed) || !isObject(given)) return undefined;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(typed)) {
    const left = uncarried(value, given[key]);
    if (left !== undefined) out[key] = left;
  }
  return Object.keys(out).length ? out : undefined;
}

/** `summary`'s typed rows, nature and fields, against `derived`, the summary the process's releases give (summaryFromRelease). */
function typedRows(summary: unknown, derived: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (!isObject(summary)) return out;
  for (const [key, value] of Object.entries(summary)) {
    if ((ROW_LISTS as readonly string[]).includes(key)) {
      const given = new Map(objects(derived[key]).flatMap((row) => { const id = rowId(row); return id === undefined ? [] : [[id, row] as const]; }));
      // A published modification with a variation's id (`CM-01-value`) was the releases' amendment `CM-01`, told then.
      const variations = new Set(key === 'modifications' ? [...given.keys()].map((id) => id.replace(VARIATION, '')) : []);
      const rows = objects(value).flatMap((row) => {
        const id = rowId(row);
        if (id === undefined) return [row];
        const same = given.get(id);
        if (same) {
          const left = uncarried(row, same);
          return isObject(left) ? [{ id, ...left }] : [];
        }
        return key === 'modifications' && variations.has(id.replace(VARIATION, '')) ? [] : [row];
      });
      if (rows.length) out[key] = rows;
    } else if (key === 'nature') out[key] = value;
    else {
      const left = uncarried(value, derived[key]);
      if (left !== undefined) out[key] = left;
    }
  }
  return out;
}

/**
 * The typed part of each of `project`'s derived summaries, by the process's `id` (empty when the releases give it all).
 */
function keptTypedSummaries(project: JsonObject, derived: ReadonlyMap<string, JsonObject>): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  const links = project.contractingProcesses;
  if (!Array.isArray(links)) return out;
  for (const link of links) {
    const made = isObject(link) && typeof link.id === 'string' ? derived.get(link.id) : undefined;
    if (made && isObject(link)) out[link.id as string] = typedRows(link.summary, made);
  }
  return out;
}

/**
 * What the official typed of a published project where publication derived the rest (deriveProjectSummaries), kept
 * with its publication for the next one to compare with: of each derived summary, by the process's id, its typed part;
 * and the parties publication added for the organizations the summaries name (project-parties.ts), by id: `true` a
 * party added whole, else the roles added to one typed in «Actores del proyecto». A supplier whose award was cancelled
 * since is dropped from the project's parties by the releases, not by the official.
 */
export interface TypedPart {
  summaries: Record<string, JsonObject>;
  parties: Record<string, true | string[]>;
}

/** The typed part of a project of which publication derived nothing: all of it. */
const NOTHING_DERIVED: TypedPart = { summaries: {}, parties: {} };

/**
 * What a publication that kept `parts` (by project id; undefined: it kept none, an earlier version's) says was typed of
 * project `id`: undefined when not known (null: carried from one that kept none) — compared then by what is derived
 * now; a project it does not list had nothing derived.
 */
export function typedPartOf(parts: ReadonlyMap<string, TypedPart | null> | undefined, id: string): TypedPart | undefined {
  if (!parts) return undefined;
  return parts.has(id) ? parts.get(id) ?? undefined : NOTHING_DERIVED;
}

const partyId = (party: unknown): string | undefined => (isObject(party) && (typeof party.id === 'string' || typeof party.id === 'number') ? String(party.id) : undefined);

/** `published` (the project as derived from `sent`, the project as the workbook states it; `derived`: its summaries as the releases give them): what the official typed. */
export function typedPart(sent: JsonObject, published: JsonObject, derived: ReadonlyMap<string, JsonObject>): TypedPart {
  const typed = new Map(objects(sent.parties).flatMap((p) => { const id = partyId(p); return id === undefined ? [] : [[id, p] as const]; }));
  const parties: Record<string, true | string[]> = {};
  for (const party of objects(published.parties)) {
    const id = partyId(party);
    if (id === undefined) continue;
    const own = typed.get(id);
    if (!own) { parties[id] = true; continue; }
    const roles = (Array.isArray(party.roles) ? party.roles : []).filter((r) => !(Array.isArray(own.roles) && own.roles.includes(r)));
    if (roles.length) parties[id] = roles.map(String);
  }
  return { summaries: keptTypedSummaries(published, derived), parties };
}

/**
 * A project for telling whether the workbook changed it: each linked process whose summary publication derived with
 * only its typed part, no release links (publication's), and its parties without those publication added.
 */
export function withTypedPart(project: JsonObject, part: TypedPart): JsonObject {
  const out = withKeptSummaries(project, part.summaries);
  if (!Array.isArray(project.parties) || Object.keys(part.parties).length === 0) return out;
  const parties = project.parties.flatMap((party: unknown) => {
    const id = partyId(party);
    const added = id === undefined ? undefined : part.parties[id];
    if (added === true) return [];
    if (!added || !isObject(party) || !Array.isArray(party.roles)) return [party];
    return [{ ...party, roles: party.roles.filter((r) => !added.includes(String(r))) }];
  });
  // None left: the project states none, as one whose only parties publication added (no empty list is published).
  if (parties.length) return { ...out, parties };
  const { parties: gone, ...rest } = out;
  void gone;
  return rest;
}

/** A project with each linked process whose summary publication derived with only its typed part (keptTypedSummaries), and no release links. */
function withKeptSummaries(project: JsonObject, kept: Readonly<Record<string, JsonObject>>): JsonObject {
  const links = project.contractingProcesses;
  if (!Array.isArray(links)) return project;
  return {
    ...project,
    contractingProcesses: links.map((link: unknown) => {
      const typed = isObject(link) && typeof link.id === 'string' && Object.prototype.hasOwnProperty.call(kept, link.id) ? kept[link.id] : undefined;
      if (!typed || !isObject(link)) return link;
      const { summary, releases, ...rest } = link;
      void summary; void releases;
      return Object.keys(typed).length ? { ...rest, summary: typed } : rest;
    }),
  };
}

/**
 * withKeptSummaries against `derived`, the summaries the releases give each derived process now (deriveProjectSummaries'
 * `derived`): the published side of a publication that kept no typed part (an earlier version's), its parties as
 * published — and so the new side's too.
 */
export function withTypedRows(project: JsonObject, derived: ReadonlyMap<string, JsonObject>): JsonObject {
  if (derived.size === 0) return project;
  return withKeptSummaries(project, keptTypedSummaries(project, derived));
}
