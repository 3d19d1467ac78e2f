/**
 * *Pendientes por completar*: a project's CoST IDS points due at its stage and a process's key documents, each row
 * naming the process it concerns and the template's sheet and columns (read from the spec, never typed here).
 */
import { pendingCounts, pendingJudgement, pendingRows, PENDING_VERSION } from './pending';
import { publicationIndex } from './publication-index';
import { templateSpec } from '../template/template-spec';
import { columnOfField } from '../template/column-of-field';

const spec = templateSpec();
const place = (standard: 'ocds' | 'oc4ids', field: string) => columnOfField(spec, standard, field)!;

it('lists each point once per process that lacks it, with its sheet and columns; a project without processes once; a process\'s missing key documents', () => {
  const project = { id: 'oc4ids-x-1', title: 'Puente', status: 'implementation', contractingProcesses: [
    { id: 'P-1', summary: { status: 'active', title: 'Obra', tender: { costEstimate: { amount: 10 } } } },
    { id: 'P-2', summary: { status: 'active', title: 'Supervisión', modifications: [{ type: 'value', date: '2024-05-01', description: 'Ampliación' }] } },
  ] };
  const bare = { id: 'oc4ids-x-2', title: 'Camino', status: 'implementation' };
  const record = { ocid: 'ocds-x-1', compiledRelease: { ocid: 'ocds-x-1', tender: { title: 'Obra', procurementMethodDetails: 'Adjudicación directa' } } };
  const records = [record];
  const projects = [project, bare];
  const judgement = pendingJudgement(records, projects);
  const rows = pendingRows(judgement, publicationIndex(records, projects), spec);

  // Judged per process: P-2 lacks the cost estimate, P-1 and P-2 the contract's amount; each a row of its own.
  const costEstimate = rows.filter((r) => r.id === 'oc4ids-x-1' && r.point === 'Costo estimado');
  expect(costEstimate.map((r) => r.process)).toEqual(['P-2']);
  expect(costEstimate[0]).toMatchObject({ kind: 'project', title: 'Puente', stage: 'Ejecución', sheet: place('oc4ids', 'contractingProcesses/summary/tender/costEstimate/amount').sheet });
  expect(costEstimate[0].columns).toContain(place('oc4ids', 'contractingProcesses/summary/tender/costEstimate/amount').column);
  expect(rows.filter((r) => r.id === 'oc4ids-x-1' && r.point === 'Monto del contrato').map((r) => r.process)).toEqual(['P-1', 'P-2']);
  // A modification without its reason: the process it belongs to, on the modifications' sheet.
  const reasons = rows.find((r) => r.point === 'Razones de las modificaciones');
  expect(reasons).toMatchObject({ process: 'P-2', sheet: place('oc4ids', 'contractingProcesses/summary/modifications/rationale').sheet });
  // No process at all: one row that asks for them, not one per process point.
  const bareRows = rows.filter((r) => r.id === 'oc4ids-x-2');
  expect(bareRows.filter((r) => r.sheet === place('oc4ids', 'contractingProcesses/id').sheet).map((r) => r.point)).toEqual(['Procesos de contratación del proyecto']);
  expect(bareRows.some((r) => r.point === 'Costo estimado')).toBe(false);
  // A direct award's documents due before any award, filed on the planning and tender sheets.
  const documents = rows.filter((r) => r.kind === 'process');
  expect(documents.map((r) => r.point)).toEqual(expect.arrayContaining(['Documento: Investigación de mercado']));
  expect(documents.every((r) => r.id === 'ocds-x-1' && r.basis === 'Documentos clave del programa')).toBe(true);
  expect(documents.find((r) => r.point === 'Documento: Investigación de mercado')?.sheet).toBe(place('ocds', 'planning/documents/documentType').sheet);
  // Stored compactly: ids and codes only.
  expect(JSON.stringify(judgement)).not.toContain('Costo');
  // Counted as the list has them (Seguimiento's column): a point per process that lacks it, a project without any one.
  expect(pendingCounts(judgement)).toEqual({ version: PENDING_VERSION, points: rows.filter((r) => r.kind === 'project').length, documents: documents.length });
});

it('asks a cancelled project only for what identifies it: nothing of a stage it will never reach, whatever its processes', () => {
  const identified = { id: 'oc4ids-x-3', title: 'Mercado', status: 'cancelled', sector: ['transport'], description: 'Mercado municipal', purpose: 'Abasto',
    publicAuthority: { name: 'Ayuntamiento' }, additionalClassifications: [{ id: '1', description: 'Mercados' }], locations: [{ description: 'Centro' }],
    contractingProcesses: [{ id: 'P-9', summary: { status: 'active', title: 'Obra' } }] };
  const unnamed = { id: 'oc4ids-x-4', status: 'cancelled', budget: { amount: { amount: 5, currency: 'MXN' } } };
  const judgement = pendingJudgement([], [identified, unnamed]);
  // Before: its processes read as «being carried out», and it owed the contract's amount, firms, period…
  expect(judgement.projects.map((p) => p.id)).toEqual(['oc4ids-x-4']);
  const rows = pendingRows(judgement, publicationIndex([], [identified, unnamed]), spec);
  expect(new Set(rows.map((r) => r.basis))).toEqual(new Set(['CoST IDS, etapa de identificación']));
  expect(rows.map((r) => r.point)).toContain('Nombre del proyecto');
  expect(rows.every((r) => r.stage === 'Cancelado')).toBe(true);
});

it("addresses what another implementer's processes lack to that implementer, never as a cell the state fills", () => {
  const project = { id: 'oc4ids-x-5', title: 'Mercado', status: 'implementation', contractingProcesses: [
    { id: 'P-1', summary: { status: 'active', title: 'Obra' } },
    { id: 'ocds-mer-7', summary: { status: 'active', title: 'Pavimento', suppliers: [{ name: 'Constructora' }] } },
    { id: 'ocds-mer-8', summary: { status: 'active', title: 'Alumbrado' } },
  ] };
  const judgement = pendingJudgement([], [project], [
    { ocid: 'ocds-mer-7', publisher: 'Municipio de Mérida', publishedAt: '2025-07-02T10:00:00-06:00' },
    { ocid: 'ocds-mer-8', publisher: 'Municipio de Mérida', publishedAt: null },
  ]);
  const firms = judgement.projects[0].points.filter((p) => p.id === 'firms');
  // The state's own process is the state's; Mérida's unpublished one is Mérida's (its published one discloses them).
  expect(firms).toEqual([{ id: 'firms', parts: [0], processes: ['P-1'] }, { id: 'firms', parts: [0], processes: ['ocds-mer-8'], publisher: 'Municipio de Mérida', unpublished: ['ocds-mer-8'] }]);
  const rows = pendingRows(judgement, publicationIndex([], [project]), spec).filter((r) => r.point === 'Empresas contratadas');
  expect(rows.map((r) => [r.process, r.sheet])).toEqual([['P-1', place('oc4ids', 'contractingProcesses/summary/suppliers/name').sheet], ['ocds-mer-8', '']]);
  expect(rows[1].how).toBe('Municipio de Mérida aún no publica este proceso: le corresponde publicarlo a Municipio de Mérida. No se captura en este libro: el resumen del proceso se toma de su publicación al volver a publicar este proyecto.');
  // Published there and still lacking it: Mérida's, said so.
  const price = pendingRows(judgement, publicationIndex([], [project]), spec).filter((r) => r.point === 'Monto del contrato' && r.process === 'ocds-mer-7');
  expect(price[0].how).toMatch(/^Este proceso lo publica Municipio de Mérida y su publicación no trae el dato: le corresponde publicarlo a Municipio de Mérida\./);
  // Counted as listed: a row each.
  expect(pendingCounts(judgement).points).toBe(pendingRows(judgement, publicationIndex([], [project]), spec).filter((r) => r.kind === 'project').length);
});
