/**
 * A project's contracting process that names an ocid held in the same workbook must describe that process
 * (OC4IDS 0.9 "Linking to OCDS data": contractingProcesses[].id is the ocid; summary fields are derived from it):
 * the release must link back to the project (`planning.project.id`, OCDS project extension) and the summary's
 * title and method must match the tender. `link.projectMismatch`, `link.summaryMismatch` (warnings).
 */
import { itemsAt, objectAt, stringAt } from './json';
import type { Check, JsonObject } from './types';

export const contractingProcessLink: Check = ({ releases, projects, report }) => {
  const byOcid = new Map<string, JsonObject>();
  for (const { data } of releases) {
    const ocid = stringAt(data, 'ocid');
    if (ocid !== undefined && !byOcid.has(ocid)) byOcid.set(ocid, data);
  }
  for (const { data: project, pointer } of projects) {
    const projectId = stringAt(project, 'id');
    for (const { item: process, pointer: p } of itemsAt(project, 'contractingProcesses', pointer)) {
      const summary = objectAt(process, 'summary');
      const ocid = stringAt(process, 'id') ?? stringAt(summary, 'ocid');
      const release = ocid === undefined ? undefined : byOcid.get(ocid);
      if (!release) continue;
      const linked = stringAt(objectAt(objectAt(release, 'planning'), 'project'), 'id');
      if (linked !== undefined && projectId !== undefined && linked !== projectId) {
        report('link.projectMismatch', 'warning', `${p}/id`, { value: ocid ?? '', project: projectId, linked });
      }
      const tender = objectAt(release, 'tender');
      const pairs: [string, string | undefined, string | undefined][] = [
        ['summary/title', stringAt(summary, 'title'), stringAt(tender, 'title')],
        ['summary/tender/procurementMethod', stringAt(objectAt(summary, 'tender'), 'procurementMethod'), stringAt(tender, 'procurementMethod')],
      ];
      for (const [path, inProject, inRelease] of pairs) {
        if (inProject !== undefined && inRelease !== undefined && inProject !== inRelease) {
          report('link.summaryMismatch', 'warning', `${p}/${path}`, { value: inProject, expected: inRelease, ocid: ocid ?? '' });
        }
      }
    }
  }
};
