/**
 * Personal data typed into free texts (helper G5's audit as the data-protection officer): a CURP in a contract's
 * description, a private e-mail in an award's rationale, a mobile in a milestone's description a CURP in a
 * document's address and one given as a person's identifier were published as written, the official told nothing. Each now warns naming sheet, row and
 * column; an office's e-mail, an amount and the example workbooks do not.
 */
import type { Finding } from '../findings/finding';
import { checkWorkbook } from '../pipeline/check-workbook';
import { renderFinding } from '../messages/render';
import { exampleWorkbook, setCell } from '../../test/example-workbooks';
import { personalDataIn } from './personal-data-text';

const NOW = { now: '2025-07-01T10:00:00-06:00' };
const privacyFindings = (findings: Finding[]): Finding[] => findings.filter((f) => f.code === 'privacy.personalDataInText');

test('a CURP, a private e-mail and a telephone after its word are found; an office e-mail, amounts and keys are not', () => {
  expect(personalDataIn('Pago a GOMJ800101HMCMRN09 por la obra')).toEqual({ value: 'GOMJ800101HMCMRN09', kind: 'una CURP' });
  expect(personalDataIn('https://x.mx/INE_GOMJ800101HMCMRN09.pdf', true)?.kind).toBe('una CURP');
  expect(personalDataIn('escribir a juan.gomez@gmail.com', true)).toBeUndefined();
  expect(personalDataIn('Cel. (999) 123-45-67, vecino')).toEqual({ value: '(999) 123-45-67', kind: 'un número de teléfono' });
  for (const none of ['obras@merida.gob.mx', 'Monto 1234567890', 'hotel 5512345678', 'Clave 2024-11-210-3-1-1-0001', 'RFC GOMJ800101AB1']) expect({ none, found: personalDataIn(none) }).toEqual({ none, found: undefined });
});

test('a text with several kinds names each of them, quoting each value, not only the first', () => {
  const found = personalDataIn('Arq. Juan Gómez, CURP GOMJ800101HMCMRN09, cel. (999) 123-45-67') as Finding['params'];
  expect(found).toEqual({ value: 'GOMJ800101HMCMRN09', kind: 'una CURP y un número de teléfono', others: ' y «(999) 123-45-67»' });
  expect(personalDataIn('GOMJ800101HMCMRN09 juan.gomez@gmail.com tel. 999 123 4567')?.kind).toBe('una CURP, un correo electrónico y un número de teléfono');
  const finding: Finding = { code: 'privacy.personalDataInText', severity: 'warning', pointer: '/releases/0/contracts/0/description', params: found };
  expect(renderFinding(finding)).toContain('parece una CURP y un número de teléfono: «GOMJ800101HMCMRN09» y «(999) 123-45-67». Lo que se escribe');
});

test('in a workbook: warned naming sheet, row and column; the example workbooks get none', async () => {
  for (const key of ['merida', 'nuevo-leon', 'tuxtla-gutierrez']) expect(privacyFindings(checkWorkbook(await exampleWorkbook(key), NOW).findings)).toEqual([]);
  const workbook = await exampleWorkbook('merida');
  setCell(workbook, 'Contratos', 0, 'contracts/0/description', 'Contrato con el Arq. Juan Gómez, CURP GOMJ800101HMCMRN09');
  setCell(workbook, 'Adjudicaciones', 0, 'awards/0/rationale', 'Se le avisó a juan.gomez@gmail.com');
  setCell(workbook, 'Hitos de ejecución', 0, 'contracts/0/implementation/milestones/0/description', 'Vecina que reportó: tel. 999 123 4567');
  setCell(workbook, 'Documentos de contrato', 0, 'contracts/0/documents/0/url', 'https://merida.gob.mx/docs/INE_GOMJ800101HMCMRN09.pdf');
  setCell(workbook, 'Actores', 1, 'parties/0/identifier/id', 'PECL850312MYNCNC08');
  const found = privacyFindings(checkWorkbook(workbook, NOW).findings);
  expect(found.map((f) => [f.severity, f.cell?.sheet, f.cell?.row, f.params.value])).toEqual(expect.arrayContaining([
    ['warning', 'Contratos', 3, 'GOMJ800101HMCMRN09'],
    ['warning', 'Adjudicaciones', 3, 'juan.gomez@gmail.com'],
    ['warning', 'Hitos de ejecución', 3, '999 123 4567'],
    ['warning', 'Documentos de contrato', 3, 'GOMJ800101HMCMRN09'],
    ['warning', 'Actores', 4, 'PECL850312MYNCNC08'],
  ]));
  expect(renderFinding(found.find((f) => f.cell?.sheet === 'Contratos') as Finding)).toMatch(/^Advertencia — Hoja «Contratos», fila 3, columna [A-Z]+ \(.+\): El texto contiene lo que parece una CURP: «GOMJ800101HMCMRN09»\. Lo que se escribe aquí se publica tal cual/);
});
