/**
 * The contracting processes a workbook's projects list that another publisher publishes. In Mexico a state often
 * plans and funds a work that municipalities contract under a «convenio de coordinación» (or the reverse): the state
 * publishes the OC4IDS project, the municipality the OCDS processes under its own ocid prefix. OC4IDS 0.9.5
 * («Linking to OCDS data»: `contractingProcesses[].id` is the process's ocid, its summary derived from the OCDS
 * data) lets a project link to any publisher's process; the summary then has to come from that publisher's
 * publication, which is not in the workbook. An ocid with the publisher's own prefix is the workbook's business
 * (its own releases, or a process still to be published), never another's.
 */
import { isObject } from '../json/json-values';
import { obj, str } from './json-access';

export interface ForeignProcess {
  ocid: string;
  /** Where the project names it (`/projects/0/contractingProcesses/2/id`, else its `summary/ocid`): the finding's cell. */
  pointer: string;
}

/**
 * Whether `ocid` is another publisher's: it reads as an ocid (`ocds-…`; a process listed by an internal number is no
 * other publisher's) without `ownOcidPrefix`. Never, when that prefix is unknown.
 */
export function isOtherPublishersOcid(ocid: string | undefined, ownOcidPrefix: string | undefined): ocid is string {
  const own = ownOcidPrefix?.trim().toLowerCase();
  return !!own && !!ocid && /^ocds-/i.test(ocid) && !ocid.toLowerCase().startsWith(`${own}-`);
}

/** The ocid a project's process names: its `id`, else its summary's `ocid`. */
export const listedOcid = (process: unknown): string | undefined => (isObject(process) ? str(process.id) ?? str(obj(process.summary)?.ocid) : undefined);

/** Each listed ocid (once per project) that does not start with `ownOcidPrefix`; none when that prefix is unknown. */
export function foreignProcesses(projects: readonly unknown[], ownOcidPrefix: string | undefined): ForeignProcess[] {
  if (!ownOcidPrefix?.trim()) return [];
  const out: ForeignProcess[] = [];
  projects.forEach((project, i) => {
    const listed = isObject(project) && Array.isArray(project.contractingProcesses) ? project.contractingProcesses : [];
    const seen = new Set<string>();
    listed.forEach((process, j) => {
      if (!isObject(process)) return;
      const byId = str(process.id);
      const ocid = listedOcid(process);
      if (!isOtherPublishersOcid(ocid, ownOcidPrefix) || seen.has(ocid)) return;
      seen.add(ocid);
      out.push({ ocid, pointer: `/projects/${i}/contractingProcesses/${j}/${byId ? 'id' : 'summary/ocid'}` });
    });
  });
  return out;
}

export interface ForeignProject {
  ocid: string;
  projectId: string;
  /** Where the release names it (`/releases/3/planning/project/id`): the finding's cell. */
  pointer: string;
}

/**
 * The other way round: each release that names, by `planning.project.id` (OCDS project extension), a project of
 * another prefix than `ownProjectIdPrefix` (an `oc4ids-…` id): a municipality's process of the state's project.
 */
export function foreignProjects(releases: readonly unknown[], ownProjectIdPrefix: string | undefined): ForeignProject[] {
  const own = ownProjectIdPrefix?.trim().toLowerCase();
  if (!own) return [];
  const out: ForeignProject[] = [];
  const seen = new Set<string>();
  releases.forEach((release, i) => {
    if (!isObject(release)) return;
    const ocid = str(release.ocid);
    const projectId = str(obj(obj(release.planning)?.project)?.id);
    if (!ocid || !projectId || !/^oc4ids-/i.test(projectId) || projectId.toLowerCase().startsWith(`${own}-`) || seen.has(`${ocid} ${projectId}`)) return;
    seen.add(`${ocid} ${projectId}`);
    out.push({ ocid, projectId, pointer: `/releases/${i}/planning/project/id` });
  });
  return out;
}
