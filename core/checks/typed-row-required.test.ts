/**
 * A row of «Pagos del proceso», «Avance del proceso» or «Proveedores del proceso» typed with the id of a payment,
 * milestone or supplier the process's release gives is published merged with the release's row
 * (deriveProjectSummaries): a required column that row fills is not missing. An official who typed only the «Fuente»
 * of payment `T-1` was told, as errors that stop the publication, to type its date and amount again.
 */
import { checkWorkbook } from '../pipeline/check-workbook';
import { templateSheet } from '../../test/template-sheets';
import type { WorkbookModel } from '../workbook/model';

const OCID = 'ocds-abc123-LO-1';
const PROJECT = 'oc4ids-abc123-1';

function workbook(linked: boolean, payment = 'T-1'): WorkbookModel {
  return { sheets: [
    templateSheet('Contrataciones', [{ ocid: OCID, 'planning/project/id': linked ? PROJECT : '', 'tender/id': 'LO-1', 'tender/title': 'Bacheo' }]),
    templateSheet('Adjudicaciones', [{ ocid: OCID, 'awards/id': 'A-1', 'awards/status': 'active', 'awards/value/amount': 100, 'awards/value/currency': 'MXN' }]),
    templateSheet('Proveedores adjudicados', [{ ocid: OCID, 'awards/id': 'A-1', 'awards/suppliers/id': 'MX-RFC-COP990315K2A', 'awards/suppliers/name': 'Construcciones del Poniente' }]),
    templateSheet('Contratos', [{ ocid: OCID, 'contracts/id': 'C-1', 'contracts/awardID': 'A-1', 'contracts/status': 'active', 'contracts/value/amount': 100, 'contracts/value/currency': 'MXN' }]),
    templateSheet('Transacciones', [{ ocid: OCID, 'contracts/id': 'C-1', 'contracts/implementation/transactions/id': 'T-1', 'contracts/implementation/transactions/date': '2024-04-15', 'contracts/implementation/transactions/value/amount': 50, 'contracts/implementation/transactions/value/currency': 'MXN' }]),
    templateSheet('Hitos de ejecución', [{ ocid: OCID, 'contracts/id': 'C-1', 'contracts/implementation/milestones/id': 'M-1', 'contracts/implementation/milestones/title': 'Base hidráulica', 'contracts/implementation/milestones/description': 'Base terminada' }]),
    templateSheet('Proyectos', [{ id: PROJECT, title: 'Calle 60' }]),
    templateSheet('Procesos del proyecto', [{ id: PROJECT, 'contractingProcesses/id': OCID, 'contractingProcesses/summary/nature': 'construction' }]),
    // Each row states only what the release does not: the payment's source, the milestone's code, the supplier by id.
    templateSheet('Pagos del proceso', [{ id: PROJECT, 'contractingProcesses/id': OCID, 'contractingProcesses/summary/transactions/id': payment, 'contractingProcesses/summary/transactions/source': 'https://abc.gob.mx/pagos' }]),
    templateSheet('Avance del proceso', [{ id: PROJECT, 'contractingProcesses/id': OCID, 'contractingProcesses/summary/milestones/id': 'M-1', 'contractingProcesses/summary/milestones/status': 'met' }]),
    templateSheet('Proveedores del proceso', [{ id: PROJECT, 'contractingProcesses/id': OCID, 'contractingProcesses/summary/suppliers/id': 'MX-RFC-COP990315K2A' }]),
  ] };
}

const SHEETS = ['Pagos del proceso', 'Avance del proceso', 'Proveedores del proceso'];
const asked = (wb: WorkbookModel): string[] => checkWorkbook(wb, { now: '2025-07-01T10:00:00-06:00' }).findings
  .filter((f) => f.code === 'program.required' && SHEETS.includes(f.cell?.sheet ?? ''))
  .map((f) => `${f.cell?.sheet}: ${f.cell?.header}`);

test('a typed row with the id of what the release gives is not asked for the columns the release fills', () => {
  expect(asked(workbook(true))).toEqual([]);
});

test('a row the release does not give (other id, or a process the workbook does not link) is still asked for them', () => {
  const unlinked = asked(workbook(false));
  expect(unlinked).toEqual(expect.arrayContaining(['Pagos del proceso: Fecha del pago', 'Avance del proceso: Nombre del hito', 'Proveedores del proceso: Nombre del proveedor']));
  expect(asked(workbook(true, 'T-2'))).toEqual(['Pagos del proceso: Fecha del pago', 'Pagos del proceso: Monto del pago', 'Pagos del proceso: Moneda del pago']);
});
