/**
 * A contact's e-mail that is not one (helper F's walk of the add-on): «juan@», «juan.perez» or «juan@ejemplo» in
 * «Correo electrónico del contacto» got no finding, since ContactPoint.email has no format in the schemas. Now a
 * warning names the cell and quotes the value; every valid address, accented ones included, passes silently.
 */
import type { Finding } from '../findings/finding';
import { checkWorkbook } from '../pipeline/check-workbook';
import { renderFinding } from '../messages/render';
import { exampleWorkbook, setCell } from '../../test/example-workbooks';
import { templateSheet } from '../../test/template-sheets';
import type { WorkbookModel } from '../workbook/model';
import { isEmailAddress } from './contact-email';

const NOW = { now: '2025-07-01T10:00:00-06:00' };
const emailFindings = (findings: Finding[]): Finding[] => findings.filter((f) => f.code === 'email.format');

test('valid addresses pass, accented names and domains included; what is not one address does not', () => {
  for (const ok of ['obras.publicas@merida.gob.mx', 'juan@ejemplo.mx', 'JUAN.PEREZ@Ejemplo.COM.MX', 'juan+obras@municipio.gob.mx', 'j_perez-2@sub.dominio-mx.org',
    'josé.núñez@municipio.gob.mx', 'obras@méxico.mx', 'a@b.co', "o'brien@x.mx", 'x@xn--mxico-bsa.mx']) {
    expect({ ok, valid: isEmailAddress(ok) }).toEqual({ ok, valid: true });
  }
  for (const bad of ['juan@', 'juan.perez', 'juan@ejemplo', '@ejemplo.mx', 'juan perez@x.mx', 'juan@@x.mx', 'juan@x@y.mx', 'Juan <juan@x.mx>', 'mailto:juan@x.mx',
    'a@x.mx; b@x.mx', 'a@x.mx,b@x.mx', '.juan@x.mx', 'juan.@x.mx', 'juan..perez@x.mx', 'juan@x..mx', 'juan@.x.mx', 'juan@x.mx.', 'juan@-x.mx', 'juan@x.m', 'juan@x.123', 'juan@[10.0.0.1]']) {
    expect({ bad, valid: isEmailAddress(bad) }).toEqual({ bad, valid: false });
  }
});

test('the example workbooks, whose addresses are valid, get no e-mail warning', async () => {
  for (const key of ['merida', 'nuevo-leon', 'tuxtla-gutierrez']) {
    expect(emailFindings(checkWorkbook(await exampleWorkbook(key), NOW).findings)).toEqual([]);
  }
});

test('a contact e-mail that is not one warns, in EDCA-MX and EDCAPI sheets, naming sheet, row and column and quoting the value', async () => {
  const workbook = await exampleWorkbook('merida');
  setCell(workbook, 'Actores', 0, 'parties/0/contactPoint/email', 'juan@');
  setCell(workbook, 'Actores', 1, 'parties/0/contactPoint/email', ' juan.perez ');
  setCell(workbook, 'Actores del proyecto', 0, 'parties/0/contactPoint/email', 'juan@ejemplo');
  setCell(workbook, 'Actores del proyecto', 1, 'parties/0/contactPoint/email', 'josé.núñez@municipio.gob.mx');
  const found = emailFindings(checkWorkbook(workbook, NOW).findings);
  expect(found.map((f) => [f.severity, f.cell?.sheet, f.cell?.row, f.cell?.header, f.params.value])).toEqual([
    ['warning', 'Actores', 3, 'Correo electrónico del contacto', 'juan@'],
    ['warning', 'Actores', 4, 'Correo electrónico del contacto', 'juan.perez'],
    ['warning', 'Actores del proyecto', 3, 'Correo electrónico del contacto', 'juan@ejemplo'],
  ]);
  expect(renderFinding(found[0])).toMatch(/^Advertencia — Hoja «Actores», fila 3, columna [A-Z]+ \(Correo electrónico del contacto\): «juan@» no es una dirección de correo electrónico completa: escriba una sola dirección de la forma nombre@dominio/);
});

test('an additional contact point (sheet «Contactos adicionales») is checked too', () => {
  const sheetOf = (name: string, values: Record<string, string>) => templateSheet(name, [values]);
  const workbook: WorkbookModel = { sheets: [
    sheetOf('Contrataciones', { ocid: 'ocds-abc123-1', 'tender/id': 'LP-1', 'tender/title': 'Bacheo' }),
    sheetOf('Actores', { ocid: 'ocds-abc123-1', 'parties/name': 'Constructora', 'parties/roles': 'supplier', 'parties/identifier/id': 'CYU010101AB1' }),
    sheetOf('Contactos adicionales', { ocid: 'ocds-abc123-1', 'parties/id': 'MX-RFC-CYU010101AB1', 'parties/additionalContactPoints/name': 'Jurídico', 'parties/additionalContactPoints/email': 'juridico@constructora' }),
  ] };
  const found = emailFindings(checkWorkbook(workbook, NOW).findings);
  expect(found.map((f) => [f.cell?.sheet, f.cell?.row, f.cell?.header, f.params.value])).toEqual([['Contactos adicionales', 3, 'Correo electrónico', 'juridico@constructora']]);
});

test('a long value is quoted cut with «…», not cut bare (Jalisco published several addresses in one cell)', async () => {
  const workbook = await exampleWorkbook('merida');
  // As Jalisco's record ocds-xs1qbl-SFIN-03-0007-00-2017 has it: a list that its own capture system had already cut.
  const list = 'ventas@isdsoluciones.com.mx, diana.garcia@isdsoluciones.com.mx, auxiliar@isdsoluciones.com.mx, proye';
  setCell(workbook, 'Actores', 0, 'parties/0/contactPoint/email', list);
  const [found] = emailFindings(checkWorkbook(workbook, NOW).findings);
  // Cut bare at 80 characters it read «…, auxiliar@isdsolu»: an address the official never typed.
  expect(found.params.value).toBe(`${list.slice(0, 77)}…`);
  expect(renderFinding(found)).toContain('«ventas@isdsoluciones.com.mx, diana.garcia@isdsoluciones.com.mx, auxiliar@isds…» no es una dirección');
});
