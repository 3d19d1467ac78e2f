/**
 * Publication step for OC4IDS projects (DESIGN §6): each contracting process linked to published OCDS data
 * (by `summary.ocid`, else by its `id`) gets its summary derived from the compiled release and its `releases`
 * links from the process's releases. The derived summary is laid over what the sheet typed with the OCDS merge
 * rules: the OCDS data wins for every field it carries; typed fields it does not carry stay (e.g. nature,
 * modification types, old/new values, documents); typed array items are kept and merged by `id` with derived
 * ones — a typed modification keeps its type, old/new values and releaseID even where the releases tell others
 * (summary-from-release.ts says why); typed suppliers, value and period of awards or contracts the releases
 * cancelled are dropped. Typed `nature` always wins (OCDS cannot tell design from supervision). Processes with
 * no OCDS data keep what was typed. Finally every organization reference in the summaries resolves to a project party.
 * Returns a new project; the input is not modified.
 */
import { overlay } from '../merge/overlay';
import { cloneJson, isObject, type JsonObject } from '../json/json-values';
import { PROFILES } from '../profile/profiles';
import { obj, objects, str } from './json-access';
import { resolveParties, type SummarySource } from './project-parties';
import { summaryFromRelease, typedModificationsById, withdrawn, type ReleaseLink } from './summary-from-release';
import type { AmendmentChange } from './amendment-changes';

type ByOcid<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>>;

function lookup<T>(map: ByOcid<T>, key: string): T | undefined {
  return map instanceof Map ? map.get(key) : Object.prototype.hasOwnProperty.call(map, key) ? (map as Record<string, T>)[key] : undefined;
}

export interface SummaryOptions {
  /** The present, for statuses that depend on contract periods (ISO 8601). Default: the current time. */
  now?: string;
  /** What each process's contract amendments changed (amendmentChanges of its releases), by ocid. */
  amendmentsByOcid?: ByOcid<readonly AmendmentChange[]>;
  /**
   * Filled with the summary the releases give each linked process whose summary is derived, by the process's `id`,
   * before the typed one is laid under it: what tells the rows the official typed from the releases' (typed-rows.ts).
   */
  derived?: Map<string, JsonObject>;
}

export function deriveProjectSummaries(project: JsonObject, compiledReleasesByOcid: ByOcid<JsonObject>,
  releasesByOcid: ByOcid<readonly ReleaseLink[]> = new Map(), options: SummaryOptions = {}): JsonObject {
  const now = options.now ?? new Date().toISOString();
  // A copy of the project, except what is rebuilt below: its linked processes and its parties (resolveParties
  // copies them) were copied twice, a tenth of deriving the summaries of a publication.
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(project)) out[key] = key === 'contractingProcesses' || key === 'parties' ? value : cloneJson(value);
  const sources: SummarySource[] = [];
  if (Array.isArray(out.contractingProcesses)) {
    out.contractingProcesses = out.contractingProcesses.map((process: unknown) => {
      if (!isObject(process)) return cloneJson(process);
      const typed = cloneJson(obj(process.summary)) ?? {};
      const ocid = [str(typed.ocid), str(process.id)].find((k) => k !== undefined && lookup(compiledReleasesByOcid, k));
      const release = ocid ? lookup(compiledReleasesByOcid, ocid) : undefined;
      if (!ocid || !release) {
        const kept = cloneJson(process);
        if (process.summary !== undefined) sources.push({ summary: obj(kept.summary) ?? {} });
        return kept;
      }
      // A supplier, value or period typed for an award or contract the releases since cancelled is no longer the
      // process's: the derived summary leaves them out, and the typed ones would otherwise stay.
      const { suppliers: gone, nothingInForce } = withdrawn(release);
      if (Array.isArray(typed.suppliers)) typed.suppliers = typed.suppliers.filter((s: unknown) => !(isObject(s) && typeof s.id === 'string' && gone.has(s.id)));
      if (nothingInForce) { delete typed.contractValue; delete typed.contractPeriod; }
      const links = lookup(releasesByOcid, ocid) ?? [];
      const typedModifications = typedModificationsById(typed);
      const amendments = options.amendmentsByOcid ? lookup(options.amendmentsByOcid, ocid) : undefined;
      const derived = summaryFromRelease(release, links, now, { amendments, typedModifications });
      if (typed.nature !== undefined) delete derived.nature;
      if (options.derived && typeof process.id === 'string') options.derived.set(process.id, derived);
      const summary = overlay([typed, derived], PROFILES.oc4ids, 'contractingProcesses/summary');
      sources.push({ summary, release });
      // What `{ ...process, summary }` of a copy gave, without copying the summary and releases it replaces.
      const next: JsonObject = {};
      for (const [key, value] of Object.entries(process)) next[key] = key === 'summary' ? summary : key === 'releases' && links.length ? undefined : cloneJson(value);
      next.summary = summary;
      if (links.length) {
        next.releases = [...links].sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? -1 : (a.date ?? '') > (b.date ?? '') ? 1 : 0))
          .map((l) => ({ id: l.id, tag: [...(l.tag ?? [])], date: l.date, url: l.url }));
      }
      return next;
    });
  } else if (out.contractingProcesses !== undefined) out.contractingProcesses = cloneJson(out.contractingProcesses);
  const parties = resolveParties(objects(out.parties), sources);
  if (parties.length) out.parties = parties;
  else if (out.parties !== undefined) out.parties = cloneJson(out.parties);
  return out;
}
