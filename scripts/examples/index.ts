/**
 * The demo data (issue 2, item 7): three fictional implementers with their EDCAPI projects and the EDCA-MX
 * releases of the projects' contracting processes. Deterministic: no clock, no Math.random.
 */
import { buildProject } from './build-project';
import { buildRelease } from './build-release';
import { MERIDA } from './publisher-merida';
import { NUEVO_LEON } from './publisher-nuevo-leon';
import { TUXTLA } from './publisher-tuxtla';
import type { ExamplePublisher, PublisherSpec } from './types';

export type { ExamplePublisher } from './types';
export { CUT_OFF } from './process-timeline';

export const PUBLISHER_SPECS: readonly PublisherSpec[] = [NUEVO_LEON, MERIDA, TUXTLA];

export function buildPublisher(spec: PublisherSpec): ExamplePublisher {
  const releases = [];
  const projects = [];
  for (const project of spec.projects) {
    const own = project.processes.map((p) => buildRelease(spec, project, p));
    releases.push(...own);
    projects.push(buildProject(spec, project, own));
  }
  return { key: spec.key, settings: { ...spec.settings, state: spec.state }, state: spec.state, releases, projects };
}

export function buildExamples(): ExamplePublisher[] {
  return PUBLISHER_SPECS.map(buildPublisher);
}

export const EXAMPLES: ExamplePublisher[] = buildExamples();
