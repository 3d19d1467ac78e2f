/**
 * The rows a process's release gives to the lists of its project summary that the official may also type («Proveedores
 * del proceso», «Avance del proceso», «Pagos del proceso», «Modificaciones»): publication lays the summary derived from
 * the release over the typed one, a typed row merged by `id` with the release's (deriveProjectSummaries; typed-rows.ts
 * says what of it stays). A typed row with the id of a payment the release carries is that payment as published: a
 * required column the release fills (its date, its amount) is not missing from it. Judged on the typed row alone, an
 * official who typed only the «Fuente» of payment `T-1` got three errors asking for what the contract's payment gives.
 *
 * Kept per validation: the releases that name a project (`planning.project.id`, as the template's «Contrataciones»
 * links a process to its project, and as cost-ids-missing.ts keeps them), then each one's summary derived only when a
 * project types a row for that process.
 */
import { summaryFromRelease } from '../summary/summary-from-release';
import { ROW_LISTS, rowId, type RowList } from '../summary/typed-rows';
import { isObject, objectAt, stringAt } from './json';
import type { JsonObject } from './types';

export interface ReleaseGivenRows {
  /** Remembers a release of this validation (releases come before projects). */
  see(release: JsonObject): void;
  /** The rows of `list` the release of this process (`summary.ocid`, else its `id`) gives, by id; undefined: none known. */
  of(process: JsonObject, list: RowList): ReadonlyMap<string, JsonObject> | undefined;
}

export function releaseGivenRows(now: () => number): ReleaseGivenRows {
  const linked = new Map<string, JsonObject>();
  const derived = new Map<string, Map<RowList, Map<string, JsonObject>>>();
  const rowsOf = (ocid: string): Map<RowList, Map<string, JsonObject>> | undefined => {
    let rows = derived.get(ocid);
    const release = rows ? undefined : linked.get(ocid);
    if (!release) return rows;
    // Without the amendments' changes (earlier releases a workbook does not have): a typed modification keeps its
    // type and values at publication anyway; only the amendment's own fields are read here.
    const summary = summaryFromRelease(release, [], new Date(now()).toISOString());
    rows = new Map(ROW_LISTS.map((list) => {
      const byId = new Map<string, JsonObject>();
      const items = summary[list];
      if (Array.isArray(items)) for (const row of items) if (isObject(row)) { const id = rowId(row); if (id !== undefined) byId.set(id, row); }
      return [list, byId] as const;
    }));
    derived.set(ocid, rows);
    return rows;
  };
  return {
    see(release) {
      const ocid = stringAt(release, 'ocid');
      if (ocid !== undefined && !linked.has(ocid) && stringAt(objectAt(objectAt(release, 'planning'), 'project'), 'id') !== undefined) linked.set(ocid, release);
    },
    of(process, list) {
      if (!linked.size) return undefined;
      for (const key of [stringAt(objectAt(process, 'summary'), 'ocid'), stringAt(process, 'id')]) {
        const rows = key === undefined ? undefined : rowsOf(key);
        if (rows) return rows.get(list);
      }
      return undefined;
    },
  };
}
