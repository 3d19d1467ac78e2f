/**
 * A process typed in «Procesos del proyecto» whose release is in the same workbook (helper R15's walk of the add-on).
 * Publication lays the summary the release gives over the typed one, so an amount typed there that differs from the
 * release's was replaced without a word: the sheet said 1,234,567.80 and the project was published with 1,180,000.00.
 * And a method that differs was said with its codes and a sentence about titles: «El dato «direct» no coincide con el
 * del proceso …: «open» (el nombre de un proceso en un proyecto es …)».
 */
import { checkWorkbook } from '../pipeline/check-workbook';
import { renderFinding } from '../messages/render';
import { templateSheet } from '../../test/template-sheets';
import type { CellValue, WorkbookModel } from '../workbook/model';

const NOW = { now: '2025-07-01T10:00:00-06:00' };
const PROJECT = 'oc4ids-abc123-0001';
const OCID = 'ocds-abc123-LP-001';

function workbook(process: Record<string, CellValue>, { contract = true, linkedBack = true }: { contract?: boolean; linkedBack?: boolean } = {}): WorkbookModel {
  return { sheets: [
    templateSheet('Proyectos', [{ id: PROJECT, title: 'Mercado', description: 'Rehabilitación', status: 'Ejecución', type: 'Rehabilitación', sector: 'Mercados',
      'period/startDate': '31/03/2024', 'period/endDate': '15/12/2024', 'budget/amount/amount': 1234567.89, 'budget/amount/currency': 'MXN' }]),
    templateSheet('Procesos del proyecto', [{ id: PROJECT, 'contractingProcesses/id': OCID, 'contractingProcesses/summary/nature': 'Construcción', ...process }]),
    templateSheet('Contrataciones', [{ ocid: OCID, 'planning/project/id': linkedBack ? PROJECT : '', 'tender/id': 'LP-001', 'tender/title': 'Techumbre', 'tender/description': 'Techumbre del mercado',
      'tender/status': 'Concluido', 'tender/procurementMethodDetails': 'Licitación pública', 'tender/additionalProcurementCategories': 'Obra pública',
      'tender/value/amount': 1000000, 'tender/value/currency': 'MXN' }]),
    templateSheet('Adjudicaciones', [{ ocid: OCID, 'awards/id': 'A-1', 'awards/status': 'Vigente', 'awards/value/amount': 1190000, 'awards/value/currency': 'MXN' }]),
    templateSheet('Contratos', contract ? [{ ocid: OCID, 'contracts/id': 'C-1', 'contracts/awardID': 'A-1', 'contracts/status': 'Activo', 'contracts/value/amount': 1180000, 'contracts/value/currency': 'MXN',
      'contracts/period/startDate': '10/06/2024', 'contracts/period/endDate': '31/12/2024' }] : []),
  ] };
}

const linkFindings = (wb: WorkbookModel): string[] =>
  checkWorkbook(wb, NOW).findings.filter((f) => f.code.startsWith('link.')).map((f) => `${f.cell?.sheet}!${f.cell?.row} ${f.cell?.header}: ${renderFinding(f).replace(/^.*?\): /, '')}`);

test('amounts typed for a process that its release publishes otherwise say which amount is published and from where', () => {
  expect(linkFindings(workbook({ 'contractingProcesses/summary/contractValue/amount': 1234567.8, 'contractingProcesses/summary/contractValue/currency': 'MXN',
    'contractingProcesses/summary/tender/costEstimate/amount': 999000, 'contractingProcesses/summary/tender/costEstimate/currency': 'MXN' }))).toEqual([
    'Procesos del proyecto!3 Monto del contrato: El monto del contrato $1,234,567.80 no coincide con el del proceso ocds-abc123-LP-001: se publicará $1,180,000.00, la suma de sus contratos vigentes en la hoja «Contratos». Si el monto correcto es el de esta celda, corrija el contrato; si no, escriba aquí el mismo o deje vacía esta celda.',
    'Procesos del proyecto!3 Costo estimado: El costo estimado $999,000.00 no coincide con el monto estimado de la licitación del proceso ocds-abc123-LP-001: se publicará $1,000,000.00, el de la hoja «Contrataciones». Si el correcto es el de esta celda, corrija la licitación; si no, escriba aquí el mismo o deje vacía esta celda.',
  ]);
  // Without contracts, the awards' sum is what is published.
  expect(linkFindings(workbook({ 'contractingProcesses/summary/contractValue/amount': 1180000, 'contractingProcesses/summary/contractValue/currency': 'MXN' }, { contract: false }))).toEqual([
    'Procesos del proyecto!3 Monto del contrato: El monto del contrato $1,180,000.00 no coincide con el del proceso ocds-abc123-LP-001: se publicará $1,190,000.00, la suma de sus adjudicaciones vigentes en la hoja «Adjudicaciones». Si el monto correcto es el de esta celda, corrija la adjudicación; si no, escriba aquí el mismo o deje vacía esta celda.',
  ]);
});

test('contract dates typed for a process that its contracts date otherwise say which date is published', () => {
  expect(linkFindings(workbook({ 'contractingProcesses/summary/contractPeriod/startDate': '01/06/2024', 'contractingProcesses/summary/contractPeriod/endDate': '31/12/2024' }))).toEqual([
    'Procesos del proyecto!3 Inicio del contrato: La fecha 01/06/2024 no coincide con la del proceso ocds-abc123-LP-001: se publicará 10/06/2024, la del periodo de sus contratos vigentes (sin contratos, la de sus adjudicaciones) en la hoja «Contratos» o «Adjudicaciones». Si la correcta es la de esta celda, corrija allá; si no, escriba aquí la misma o deje vacía esta celda.',
  ]);
});

test('an amount typed in another currency says each figure with its currency', () => {
  expect(linkFindings(workbook({ 'contractingProcesses/summary/contractValue/amount': 1180000, 'contractingProcesses/summary/contractValue/currency': 'USD' }))[0])
    .toMatch(/^Procesos del proyecto!3 Monto del contrato: El monto del contrato 1,180,000 USD no coincide con el del proceso ocds-abc123-LP-001: se publicará 1,180,000 MXN, la suma/);
});

test('the same amounts, typed to the cent or left empty, say nothing', () => {
  expect(linkFindings(workbook({ 'contractingProcesses/summary/contractValue/amount': '$1,180,000.00', 'contractingProcesses/summary/contractValue/currency': 'MXN',
    'contractingProcesses/summary/tender/costEstimate/amount': 1000000.001, 'contractingProcesses/summary/tender/costEstimate/currency': 'MXN' }))).toEqual([]);
  expect(linkFindings(workbook({}))).toEqual([]);
});

test('a method that differs from the tender\'s is named by its Spanish titles, not its codes', () => {
  expect(linkFindings(workbook({ 'contractingProcesses/summary/tender/procurementMethod': 'Directo' }))).toEqual([
    'Procesos del proyecto!3 Método de contratación: El método de contratación «Directo (adjudicación directa)» no coincide con el del proceso ocds-abc123-LP-001 en la hoja «Contrataciones»: «Abierto (licitación pública)». Se publicará este último: elija el mismo en las dos hojas o deje vacía esta celda.',
  ]);
});

test('a process the project lists whose row in «Contrataciones» names no project says so on that cell; then the CoST notice no longer asks for what publication takes from it', () => {
  const unlinked = workbook({}, { linkedBack: false });
  expect(linkFindings(unlinked)).toEqual([
    'Contrataciones!3 Identificador del proyecto: El proyecto «oc4ids-abc123-0001» lista el proceso «ocds-abc123-LP-001» en la hoja «Procesos del proyecto», pero el proceso no dice a qué proyecto pertenece: escriba «oc4ids-abc123-0001» en esta celda. Sin eso, lo publicado en EDCA-MX no liga el proceso con su proyecto, y los avisos del proyecto piden escribir en «Procesos del proyecto» datos que la publicación toma de este proceso.',
  ]);
  const costNotice = (wb: WorkbookModel): string => String(checkWorkbook(wb, NOW).findings.find((f) => f.code === 'project.costIdsMissing')?.params.points ?? '');
  expect(costNotice(unlinked)).toContain('Costo estimado (proceso «ocds-abc123-LP-001»)');
  expect(costNotice(workbook({}))).not.toContain('Costo estimado');
});

test('a process listed with another prefix than the institution\'s, whose rest is a process of the workbook, names that process', () => {
  const slip = workbook({}, { linkedBack: false });
  // Listed as «ocds-xyz999-LP-001»: the workbook's process is «ocds-abc123-LP-001».
  const listed = slip.sheets.find((s) => s.name === 'Procesos del proyecto')!;
  const at = listed.rows[1].indexOf('contractingProcesses/0/id');
  listed.rows[2][at] = 'ocds-xyz999-LP-001';
  const found = (ocidPrefix?: string): string[] => checkWorkbook(slip, { ...NOW, ...(ocidPrefix ? { ocidPrefix } : {}) }).findings
    .filter((f) => f.code === 'link.processOtherPrefix').map((f) => `${f.cell?.sheet}!${f.cell?.row} ${f.cell?.header}: ${renderFinding(f).replace(/^.*?\): /, '')}`);
  expect(found('ocds-abc123')).toEqual([
    'Procesos del proyecto!3 Identificador del proceso: El proceso «ocds-xyz999-LP-001» no lleva el prefijo de su institución («ocds-abc123») y no está en este libro, pero sí «ocds-abc123-LP-001», en la hoja «Contrataciones»: si es ese, escríbalo igual aquí. Como está, se publica como proceso de otra institución, sin ligarse con el suyo. Si de verdad es de otra institución, déjelo como ella lo publica.',
  ]);
  // Without knowing the institution's prefix, or for another institution's process with another rest: nothing.
  expect(found()).toEqual([]);
  listed.rows[2][at] = 'ocds-xyz999-LP-777';
  expect(found('ocds-abc123')).toEqual([]);
});
