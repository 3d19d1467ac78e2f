/**
 * A state's project contracted by a municipality (dashboard/src/data/rows.ts linkAcrossPublishers): each publication's
 * index links only its own projects and processes, so the municipality's process named no project and the state's
 * project counted as contracted what its summaries said when it was published.
 */
import { indexRows } from '../../dashboard/src/data/rows';
import { PROJECT_CSV_HEADER, projectCsvRow } from '../../dashboard/src/data/project-csv';
import { filterDataset } from '../../dashboard/src/data/filters';
import type { IndexAnswer, ProcessEntry, ProjectEntry } from '../../core/stats/publication-index';

const process = (ocid: string, contracted: number, paid: number): ProcessEntry => ({ ocid, title: ocid, method: 'open', suppliers: [], contracts: [], contracted, paid, projectIds: [] });
const publisher = (publisherId: string, projects: ProjectEntry[], processes: ProcessEntry[]): IndexAnswer['publishers'][number] =>
  ({ publisherId, name: publisherId, state: 'Nuevo León', publicationId: `${publisherId}-1`, publishedAt: '2026-12-06T10:00:00Z', projects, processes });

test("a municipality's process names the state's project that lists it, and the project counts it as published now", () => {
  // The state's summary said 84,215,307.52 for the municipality's process; the municipality has since amended it.
  const project: ProjectEntry = { id: 'oc4ids-nl0001-1', title: 'Puente', status: 'implementation', sector: [], ocids: ['ocds-gar001-1', 'ocds-nl0001-2'], contracted: 88163127.52 };
  const { projects, processes } = indexRows({ publishers: [
    publisher('garcia', [], [process('ocds-gar001-1', 92000000, 84215307.52)]),
    publisher('nl', [project], [{ ...process('ocds-nl0001-2', 3947820, 3947820), projectIds: ['oc4ids-nl0001-1'] }]),
  ] });
  expect(processes.map((r) => [r.ocid, r.projectIds])).toEqual([['ocds-gar001-1', ['oc4ids-nl0001-1']], ['ocds-nl0001-2', ['oc4ids-nl0001-1']]]);
  expect([projects[0].contracted, projects[0].paid]).toEqual([95947820, 88163127.52]);
  // Each implementer's view has its own processes, the municipality's one linked to the state's project included.
  const ds = { publishers: [], projects, processes };
  expect(filterDataset(ds, { publisher: 'garcia' }).processes.map((r) => r.ocid)).toEqual(['ocds-gar001-1']);
  expect(filterDataset(ds, { publisher: 'nl' }).processes.map((r) => r.ocid)).toEqual(['ocds-nl0001-2']);
  expect(filterDataset(ds, { state: 'Nuevo León' }).processes.map((r) => r.ocid)).toEqual(['ocds-gar001-1', 'ocds-nl0001-2']);
});

// A project's «Contratado» sums its processes: those published only with VAT (`valueWithTax`) were added into it, and
// into its processes table, without «con IVA» (dashboard/src/pages/project.ts reads contractedWithTax off the row).
test("a project's contracted sum says how much of it its processes published only with VAT, and only when it is their sum", () => {
  const taxed = (ocid: string, v: number): ProcessEntry => ({ ...process(ocid, v, 0), contractedWithTax: v, projectIds: ['oc4ids-07smqs-1'] });
  const own: ProjectEntry = { id: 'oc4ids-07smqs-1', title: 'Carretera', status: 'implementation', sector: [], ocids: ['ocds-07smqs-1', 'ocds-07smqs-2', 'ocds-07smqs-1'], contracted: 1500000 };
  // Its processes' sum from the index, one of them a municipality's: the across-publisher sum holds VAT too.
  const across: ProjectEntry = { id: 'oc4ids-07smqs-2', title: 'Puente', status: 'implementation', sector: [], ocids: ['ocds-07smqs-3', 'ocds-gar001-9'], contracted: 1 };
  // A process not published here: «Contratado» is the summaries' sum, which says nothing of VAT.
  const summaries: ProjectEntry = { id: 'oc4ids-07smqs-3', title: 'Presa', status: 'implementation', sector: [], ocids: ['ocds-07smqs-1', 'ocds-07smqs-404'], contracted: 9 };
  const { projects } = indexRows({ publishers: [
    publisher('shcp', [own, across, summaries], [taxed('ocds-07smqs-1', 1000000), { ...process('ocds-07smqs-2', 500000, 0), projectIds: ['oc4ids-07smqs-1'] }, process('ocds-07smqs-3', 200000, 0)]),
    publisher('garcia', [], [{ ...process('ocds-gar001-9', 116000, 0), contractedWithTax: 116000 }]),
  ] });
  expect(projects.map((p) => [p.id, p.contracted, p.contractedWithTax])).toEqual([
    ['oc4ids-07smqs-1', 1500000, 1000000], ['oc4ids-07smqs-2', 316000, 116000], ['oc4ids-07smqs-3', 9, undefined]]);
  // The Proyectos CSV gives that part in its own column, as the Contrataciones CSV does per process.
  const column = (name: string): unknown[] => projects.map((p) => projectCsvRow(p)[PROJECT_CSV_HEADER.indexOf(name)]);
  expect([column('contratado_mxn'), column('contratado_con_iva_mxn')]).toEqual([[1500000, 316000, 9], [1000000, 116000, undefined]]);
});
