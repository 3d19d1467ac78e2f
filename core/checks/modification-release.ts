/**
 * A contract change in a project's contracting process names the OCDS release that records it
 * (`contractingProcesses[].summary.modifications[].releaseID`). OC4IDS 0.9.5 (Modification.releaseID) expects that
 * release among the process's linked releases (`contractingProcesses[].releases[].id`); it is a recommendation, not a
 * schema constraint, so a release it cannot find is a warning: `link.modificationReleaseUnknown`.
 * The releases of the process are its linked releases and those of its ocid (`id`, else `summary.ocid`) in the same
 * documents. The check runs only where the process lists its linked releases: a workbook never does (publication
 * writes them, one per release ever published for the ocid), and the releases it holds are the current ones only,
 * named anew from their content — a change recorded in an earlier publication would be warned wrongly.
 */
import { itemsAt, objectAt, objectsAt, stringAt } from './json';
import type { CrossCheck } from './types';

export const modificationRelease: CrossCheck = {
  start: () => {
    /** Ocid → the ids of its releases in the documents seen so far (releases come before projects). */
    const releaseIds = new Map<string, Set<string>>();
    return ({ releases, projects, report }) => {
      for (const { data } of releases) {
        const ocid = stringAt(data, 'ocid');
        const id = stringAt(data, 'id');
        if (ocid === undefined || id === undefined) continue;
        const ids = releaseIds.get(ocid);
        if (ids) ids.add(id); else releaseIds.set(ocid, new Set([id]));
      }
      for (const { data: project, pointer } of projects) {
        for (const { item: process, pointer: p } of itemsAt(project, 'contractingProcesses', pointer)) {
          const linked = objectsAt(process, 'releases').map((r) => stringAt(r, 'id')).filter((id): id is string => id !== undefined);
          if (!linked.length) continue;
          const summary = objectAt(process, 'summary');
          const ocids = [stringAt(process, 'id'), stringAt(summary, 'ocid')].filter((o): o is string => o !== undefined);
          const known = new Set(linked);
          for (const ocid of ocids) for (const id of releaseIds.get(ocid) ?? []) known.add(id);
          for (const { item: modification, pointer: m } of itemsAt(summary, 'modifications', `${p}/summary`)) {
            const releaseID = stringAt(modification, 'releaseID');
            if (releaseID !== undefined && !known.has(releaseID)) {
              report('link.modificationReleaseUnknown', 'warning', `${m}/releaseID`, { value: releaseID, ocid: ocids[0] ?? '' });
            }
          }
        }
      }
    };
  },
};
