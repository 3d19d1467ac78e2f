/**
 * A row whose OCID or parent id differs from an existing parent's only in capitals (`row.parent-other-case`): it was
 * told «no existe», and the official, who saw the parent's row, could not tell what differed. Still an error (OCDS
 * ids are case-sensitive: the row is not joined), but naming the parent's row and the difference.
 */
import type { WorkbookModel } from '../workbook/model';
import { renderMessage } from '../messages/render';
import { unflatten } from './index';
import { templateSheet } from '../../test/template-sheets';

const convert = (...sheets: WorkbookModel['sheets']) => unflatten({ sheets }, { now: '2024-06-01T12:00:00-06:00' });
const errors = (out: ReturnType<typeof convert>) => out.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.cell?.sheet, f.cell?.row]);

test('an OCID or award id in other capitals names the parent it differs from, and is still not joined to it', () => {
  const out = convert(
    templateSheet('Contrataciones', [{ ocid: 'OCDS-abc123-0001', 'tender/id': 'T1' }, { ocid: 'ocds-abc123-0002', 'tender/id': 'T2' }]),
    templateSheet('Adjudicaciones', [
      { ocid: 'OCDS-abc123-0001', 'awards/id': 'F1', 'awards/status': 'active' },
      { ocid: 'ocds-ABC123-0001', 'awards/id': 'F2', 'awards/status': 'active' },
      { ocid: 'ocds-abc123-0003', 'awards/id': 'F3', 'awards/status': 'active' },
    ]),
    templateSheet('Proveedores adjudicados', [{ ocid: 'OCDS-abc123-0001', 'awards/id': 'f1', 'awards/suppliers/id': 'S1', 'awards/suppliers/name': 'Constructora' }]));
  expect(errors(out)).toEqual([
    ['row.parent-other-case', 'Adjudicaciones', 4],
    ['row.parent-not-found', 'Adjudicaciones', 5],
    ['row.parent-other-case', 'Proveedores adjudicados', 3],
  ]);
  const [ocid, award] = out.findings.filter((f) => f.code === 'row.parent-other-case');
  expect(renderMessage(ocid)).toBe(`La columna «${ocid.cell?.header}» dice «ocds-ABC123-0001», que no es igual a «OCDS-abc123-0001» de la fila 3 de la hoja «Contrataciones»: solo cambian las mayúsculas y minúsculas. Los identificadores se distinguen por ellas, así que esta fila no se une a esa. Escriba el identificador exactamente igual en las dos hojas.`);
  expect(award.params).toMatchObject({ value: 'f1', found: 'F1', foundSheet: 'Adjudicaciones', foundRow: 3 });
  // Ids stay case-sensitive: only the row typed alike joined its process.
  expect(out.releases.find((r) => r.ocid === 'OCDS-abc123-0001')?.awards).toEqual([{ id: 'F1', status: 'active' }]);
});

test('a parent typed as the label of its list («Avance financiero») that does not exist is quoted as typed, not as its code', () => {
  // Helper R15's walk: «La columna «Indicador» dice «financialProgress»», a word the official never wrote.
  const project = { id: 'oc4ids-abc123-0001', title: 'Mercado' };
  const out = convert(
    templateSheet('Proyectos', [project]),
    templateSheet('Indicadores de avance', [{ id: project.id, 'metrics/id': 'Avance físico', 'metrics/title': 'Avance físico de la obra' }]),
    templateSheet('Mediciones de avance', [{ id: project.id, 'metrics/id': ' Avance financiero', 'metrics/observations/id': '1', 'metrics/observations/period/endDate': '30/06/2024', 'metrics/observations/measure': 45 }]));
  const missing = out.findings.find((f) => f.code === 'row.parent-not-found');
  expect([missing?.cell?.sheet, missing?.cell?.row, renderMessage(missing!)]).toEqual(['Mediciones de avance', 3,
    'La columna «Indicador» dice «Avance financiero», pero no existe en la hoja «Indicadores de avance». Revise que esté escrito igual que allá, o agréguelo primero en esa hoja.']);
});

/**
 * A contract id pasted from a PDF keeps a line break inside («C-003-\nC1»): the sheets below, typed «C-003-C1», were
 * told «no existe en la hoja «Contratos»», where the official saw the same id wrapped in its cell.
 */
test('an id that differs only by a line break or spaces inside names the row it differs from, and is still not joined', () => {
  const out = convert(
    templateSheet('Contrataciones', [{ ocid: 'ocds-abc123-0001', 'tender/id': 'T1' }]),
    templateSheet('Contratos', [{ ocid: 'ocds-abc123-0001', 'contracts/id': 'C-003-\nC1', 'contracts/awardID': 'A1' }]),
    templateSheet('Garantías', [{ ocid: 'ocds-abc123-0001', 'contracts/id': 'C-003-C1', 'contracts/guarantees/id': 'G1' }]));
  const spacing = out.findings.filter((f) => f.code === 'row.parent-other-spacing');
  expect(spacing.map((f) => [f.cell?.sheet, f.cell?.row, renderMessage(f)])).toEqual([
    ['Garantías', 3, 'La columna «Identificador del contrato» dice «C-003-C1», que no es igual a «C-003-\nC1» de la fila 3 de la hoja «Contratos»: cambian los espacios o saltos de línea dentro del identificador (quedan al pegarlo desde un PDF o Word). Los identificadores se comparan tal cual, así que esta fila no se une a esa. Escriba el identificador exactamente igual en las dos hojas, sin espacios ni saltos de línea de más.'],
  ]);
  expect(out.releases[0]).not.toHaveProperty('contracts.0.guarantees');
});
